"""Faults the platform rides out, under gunicorn as deployed: PostgreSQL ending every one of
its connections, and Redis not there at all. No visitor gets an error page."""

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta

import psycopg
import requests
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from models.base import utcnow
from models.petitions import Petition
from tests.reliability.servers import (
    TEST_DATABASE_URL,
    Server,
    flask,
    free_port,
    own_schema,
    require_postgresql,
)
from tests.reliability.test_two_instances import PASSWORD, make_member, sign_in

APPLICATION_NAME = "voice-under-fault"
BROWSER = {"Sec-Fetch-Site": "same-origin"}


@contextmanager
def site_database(tmp_path):
    """A migrated database of the servers' own: a PostgreSQL schema, or a SQLite file."""
    if TEST_DATABASE_URL.startswith("postgresql"):
        with own_schema(TEST_DATABASE_URL) as url:
            yield url
        return
    url = f"sqlite:///{tmp_path / 'site.db'}"
    flask("db", "upgrade", env={"DATABASE_URL": url})
    yield url


def open_petition(url: str) -> int:
    engine = create_engine(url)
    with Session(engine) as session:
        now = utcnow()
        petition = Petition(action="Keep the service open", stored_state="open",
                            opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(days=30),
                            rate_short_max=1_000_000, rate_long_max=1_000_000)
        session.add(petition)
        session.commit()
        petition_id = petition.id
    engine.dispose()
    return petition_id


def visit(base: str, petition_id: int, n: int) -> list[int]:
    """What one visitor's few requests were answered with: pages that read the database,
    a signature, and the readiness check."""
    browser = requests.Session()
    page = f"{base}/petitions/{petition_id}"
    answers = [browser.get(page, timeout=20).status_code,
               browser.get(f"{base}/statements/", timeout=20).status_code,
               browser.post(page, allow_redirects=False, timeout=20, headers=BROWSER, data={
                   "name": f"Visitor {n}", "email": f"visitor-{uuid.uuid4().hex[:10]}@example.org",
                   "postcode": "SW1A 1AA", "country": ""}).status_code,
               browser.get(f"{base}/readyz", timeout=20).status_code]
    return answers


def terminate_backends(database_url: str) -> int:
    """End every PostgreSQL backend the servers hold, from outside, as a restart would, and
    wait until they have gone (pg_terminate_backend only signals them)."""
    url = create_engine(database_url).url.set(drivername="postgresql", query={})
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as admin:
        # Chosen first, ended after: in one WHERE, PostgreSQL may call the function on rows
        # the other condition would have left out (every backend of the server).
        pids = [pid for (pid,) in admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND datname = "
            "current_database()", (APPLICATION_NAME,)).fetchall()]
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        deadline = time.monotonic() + 10
        while admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)",
                            (pids,)).fetchone()[0] and time.monotonic() < deadline:
            time.sleep(0.01)
    return len(pids)


def test_requests_after_postgresql_ended_every_connection_get_no_error_page(app, tmp_path):
    require_postgresql()
    with site_database(tmp_path) as url:
        petition_id = open_petition(url)
        # Pages drawn afresh each time, so every request reads the database.
        server = Server({"DATABASE_URL": url, "PGAPPNAME": APPLICATION_NAME,
                         "PETITION_COUNT_CACHE_SECONDS": "0", "PETITION_PAGE_CACHE_SECONDS": "0"},
                        workers=2).start()
        try:
            with ThreadPoolExecutor(8) as pool:  # every worker's threads fill their pools
                warm = [a for answers in pool.map(lambda n: visit(server.url, petition_id, n),
                                                  range(40)) for a in answers]
            assert max(warm) < 500, warm
            ended = terminate_backends(url)
            assert ended >= 2, "the servers held no connections to end"
            with ThreadPoolExecutor(8) as pool:
                after = [a for answers in pool.map(lambda n: visit(server.url, petition_id, n),
                                                   range(40, 120)) for a in answers]
        finally:
            server.stop()
    errors = server.process.stderr.read().decode(errors="replace")[-3000:]
    assert [a for a in after if a >= 500] == [], f"error pages after {ended} backends ended:\n{errors}"
    assert after.count(303) == 80  # every signature taken


def test_with_redis_unreachable_sign_in_signing_and_the_petition_page_all_work(app, tmp_path):
    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with site_database(tmp_path) as url:
        petition_id = open_petition(url)
        email = make_member(url)
        server = Server({"DATABASE_URL": url, "REDIS_URL": closed, "METRICS_TOKEN": "t" * 32,
                         "SIGNIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes"}).start()
        try:
            base, browser = server.url, requests.Session()
            assert sign_in(browser, server, email, PASSWORD).status_code == 302
            assert email in browser.get(f"{base}/account", timeout=10).text
            page = f"{base}/petitions/{petition_id}"
            visitor = requests.Session()
            assert visitor.get(page, timeout=10).status_code == 200
            signed = visitor.post(page, allow_redirects=False, timeout=10, headers=BROWSER, data={
                "name": "Pat Signer", "email": "pat@example.org", "postcode": "SW1A 1AA"})
            assert signed.status_code == 303
            assert visitor.get(base + signed.headers["Location"], timeout=10).status_code == 200
            # The limits still count, in the process, while Redis is away.
            wrong = [sign_in(requests.Session(), server, email, "wrong password").status_code
                     for _ in range(3)]
            assert wrong == [200, 200, 429]
            ready = requests.get(f"{base}/readyz", timeout=10)
            metrics = requests.get(f"{base}/metrics", timeout=10,
                                   headers={"Authorization": f"Bearer {'t' * 32}"}).text
        finally:
            server.stop()
    assert ready.status_code == 200 and ready.json()["status"] == "degraded"
    assert ready.json()["redis_fallback"] == ["petition count cache", "rate limits"]
    assert 'platform_redis_fallbacks_total{part="rate limits"} 1.0' in metrics
    assert 'platform_redis_fallbacks_total{part="petition count cache"} 1.0' in metrics

