"""Two servers on two ports, one PostgreSQL and one Redis, behave as one site."""

import signal
import subprocess
import time
import uuid
from collections import Counter

import pytest
import requests
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from models.jobs import JobRun
from services import passwords
from tests.reliability.servers import (
    BIN,
    ROOT,
    Server,
    csrf_token,
    own_schema,
    require_postgresql,
    require_redis,
    server_env,
)

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def site():
    """(database url, shared env, server A, server B)."""
    database = require_postgresql()
    redis_url = require_redis()
    with own_schema(database) as url:
        env = {"DATABASE_URL": url, "REDIS_URL": redis_url,
               "RATELIMIT_KEY_PREFIX": f"reliability-{uuid.uuid4().hex[:8]}",
               "SIGNIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes"}
        first, second = Server(env).start(), Server(env).start()
        try:
            yield url, env, first, second
        finally:
            first.stop()
            second.stop()


def make_member(url: str) -> str:
    email = f"member-{uuid.uuid4().hex[:8]}@example.org"
    engine = create_engine(url)
    with Session(engine) as session:
        session.add(User(email=email, name="Two Machines", role="member",
                         password_hash=passwords.hash_password(PASSWORD), email_verified_at=utcnow()))
        session.commit()
    engine.dispose()
    return email


def sign_in(browser: requests.Session, server: Server, email: str, password: str) -> requests.Response:
    token = csrf_token(browser, f"{server.url}/account/sign-in")
    return browser.post(f"{server.url}/account/sign-in", allow_redirects=False, timeout=10,
                        data={"email": email, "password": password, "csrf_token": token})


def test_a_member_signed_in_on_one_instance_is_signed_in_on_the_other(app, site):
    url, _, first, second = site
    email = make_member(url)
    browser = requests.Session()
    assert sign_in(browser, first, email, PASSWORD).status_code == 302
    account = browser.get(f"{second.url}/account", allow_redirects=False, timeout=10)
    assert account.status_code == 200 and email in account.text
    # Signing out on the second ends the session on the first too.
    token = csrf_token(browser, f"{second.url}/account")
    browser.post(f"{second.url}/account/sign-out", data={"csrf_token": token}, timeout=10)
    assert browser.get(f"{first.url}/account", allow_redirects=False, timeout=10).status_code == 302


def test_sign_in_attempts_are_counted_across_both_instances(app, site):
    url, _, first, second = site
    email = make_member(url)
    answers = []
    for server in (first, second, first, second):  # the limit is 3 per account
        answers.append(sign_in(requests.Session(), server, email, "wrong password").status_code)
    assert answers == [200, 200, 200, 429]


def test_the_job_runner_started_on_both_instances_runs_each_job_once(app, site, tmp_path):
    url, env, _, _ = site
    command = [str(BIN / "flask"), "--app", "app", "jobs", "run", "--loop", "--interval", "0.2"]
    logs = [tmp_path / f"runner-{n}.log" for n in range(2)]
    runners = [subprocess.Popen(command, cwd=ROOT, env=server_env(PYTHONUNBUFFERED="1", **env),
                                stdout=log.open("w"), stderr=subprocess.STDOUT) for log in logs]
    try:
        deadline = time.monotonic() + 60
        while not all("job runner started" in log.read_text() for log in logs):
            assert time.monotonic() < deadline, "the job runners did not start"
            time.sleep(0.1)
        time.sleep(3)  # both go round many times, at the same time
    finally:
        for runner in runners:
            runner.send_signal(signal.SIGTERM)
            runner.wait(timeout=30)
    outputs = [log.read_text() for log in logs]
    assert [runner.returncode for runner in runners] == [0, 0], outputs
    lines = [line for out in outputs for line in out.splitlines()]
    ran = Counter(line.split()[1].rstrip(":") for line in lines if line.startswith("ran "))
    engine = create_engine(url)
    with Session(engine) as session:
        rows = session.execute(select(JobRun.job, func.count(), func.count(JobRun.period.distinct()))
                               .group_by(JobRun.job)).all()
    engine.dispose()
    # Every-minute jobs may cross into a new period during the run and rightly run again
    # there; what must never happen is two runs of one job in one period.
    periods = {job: distinct for job, _, distinct in rows}
    assert ran and dict(ran) == periods, f"each job should run once per period: {ran}\n{outputs}"
    assert all(count == distinct for _, count, distinct in rows)
    assert max(ran.values()) <= 2  # three seconds of running cross at most one boundary
