"""Kill the server with SIGKILL in the middle of a load of writes: nothing it said was
saved is lost, it comes back, and the counters agree with the rows (tests/reliability/load.py)."""

import threading
import time

import requests
from sqlalchemy import create_engine

from tests.reliability.load import LOADS, RECONCILIATIONS
from tests.reliability.servers import Server, own_schema, require_postgresql

CLIENTS = 6
SECONDS_BEFORE_KILL = 3.0
SECONDS_AFTER_RESTART = 2.0


class Driver:
    """CLIENTS threads writing through every load until told to stop."""

    def __init__(self, base_url: str, loads: list):
        self.base_url, self.stop = base_url, threading.Event()
        self.loads = loads
        self.saved = {load.name: set() for load in self.loads}
        self.failed_attempts, self._lock, self._n = 0, threading.Lock(), 0

    def _next(self) -> int:
        with self._lock:
            self._n += 1
            return self._n

    def _client(self) -> None:
        browser = requests.Session()
        while not self.stop.is_set():
            for load in self.loads:
                try:
                    key = load.attempt(browser, self.base_url, self._next())
                except (requests.RequestException, AssertionError):
                    key = None  # the server died under us: no success answer, nothing promised
                    browser = requests.Session()
                    time.sleep(0.05)
                with self._lock:
                    if key is None:
                        self.failed_attempts += 1
                    else:
                        self.saved[load.name].add(key)

    def __enter__(self):
        self.threads = [threading.Thread(target=self._client, daemon=True) for _ in range(CLIENTS)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def count(self) -> int:
        with self._lock:
            return sum(len(keys) for keys in self.saved.values())


def test_every_write_that_got_a_success_answer_survives_a_sigkill(app):
    with own_schema(require_postgresql()) as url:
        env = {"DATABASE_URL": url, "RATELIMIT_ENABLED": "0"}
        loads = [load() for load in LOADS]
        for load in loads:
            if hasattr(load, "setup"):
                load.setup(env)
        checks = [*RECONCILIATIONS, *(load.check for load in loads if hasattr(load, "check"))]
        server = Server(env, workers=2).start()
        try:
            with Driver(server.url, loads) as driver:
                time.sleep(SECONDS_BEFORE_KILL)
                before_kill = driver.count()
                server.kill()
                server = Server(env, workers=2, port=server.port).start()
                time.sleep(SECONDS_AFTER_RESTART)
            after_restart = driver.count() - before_kill
        finally:
            server.stop()
        assert before_kill > 0, "no write succeeded before the kill: the load did not run"
        assert after_restart > 0, "no write succeeded after the restart"
        engine = create_engine(url)
        try:
            lost = {load.name: load.missing(engine, driver.saved[load.name]) for load in driver.loads}
            problems = [problem for check in checks for problem in check(engine, env)]
        finally:
            engine.dispose()
        assert not any(lost.values()), f"answered as saved but not in the database: {lost}"
        assert not problems, "counters disagree with the rows after reconciliation:\n" + "\n".join(problems)
        saved = ", ".join(f"{len(keys)} {name}" for name, keys in driver.saved.items())
        print(f"crash test: {before_kill} writes before SIGKILL, {after_restart} after restart "
              f"({saved}), {driver.failed_attempts} attempts without a success answer")
