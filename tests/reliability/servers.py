"""Real servers for the reliability tests: gunicorn processes on loopback ports, sharing a
PostgreSQL schema of their own (so the rest of the suite's data is untouched) and Redis."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.conftest import TEST_REDIS_URL

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
SECRET_KEY = "reliability-tests-secret-key-" + "x" * 32


def require_postgresql() -> str:
    if not TEST_DATABASE_URL.startswith("postgresql"):
        pytest.skip("needs PostgreSQL: set TEST_DATABASE_URL=postgresql+psycopg://... "
                    "(several server processes cannot share the SQLite test database)")
    return TEST_DATABASE_URL


def require_redis() -> str:
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        print(f"Redis at {TEST_REDIS_URL} is unreachable: {error}")
        pytest.skip(f"needs Redis at TEST_REDIS_URL={TEST_REDIS_URL}: {error}")
    return TEST_REDIS_URL


@contextmanager
def own_schema(database_url: str):
    """A fresh PostgreSQL schema, migrated; yields a URL whose connections use it."""
    name = f"reliability_{uuid.uuid4().hex[:10]}"
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    separator = "&" if "?" in database_url else "?"
    url = f"{database_url}{separator}options={quote(f'-csearch_path={name}')}"
    try:
        flask("db", "upgrade", env={"DATABASE_URL": url})
        yield url
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        engine.dispose()


def server_env(**overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PROMETHEUS_MULTIPROC_DIR",)}
    env.update({
        "APP_ENV": "development",  # plain-http cookies; everything else as in production
        "SECRET_KEY": SECRET_KEY,
        "SMTP_URL": "smtp://127.0.0.1:9",  # mail stays in the outbox
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST": "1024",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
    })
    env.update(overrides)
    return env


def flask(*args: str, env: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `flask --app app ARGS` in the repository, failing loudly if it fails."""
    result = subprocess.run([str(BIN / "flask"), "--app", "app", *args], cwd=ROOT,
                            env=server_env(**env), capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with deploy/gunicorn.conf.py in its own process group."""

    def __init__(self, env: dict, workers: int = 1, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = server_env(BIND=f"127.0.0.1:{self.port}", WEB_CONCURRENCY=str(workers),
                              WEB_THREADS="4", GRACEFUL_TIMEOUT="5", **env)
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "Server":
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if requests.get(f"{self.url}/readyz", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.kill()
        raise AssertionError(f"gunicorn on {self.url} did not become ready in {timeout} s")

    def _signal(self, signum) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signum)

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no graceful anything."""
        self._signal(signal.SIGKILL)
        if self.process:
            self.process.wait(timeout=10)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)
        if self.process:
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(session: requests.Session, url: str) -> str:
    """GET a page as a browser would and return the CSRF token of its form."""
    response = session.get(url, timeout=10)
    match = _CSRF.search(response.text)
    assert match, f"no CSRF token on {url} ({response.status_code})"
    return match.group(1) or match.group(2)
