"""The surge gate: the plain signing and confirming posts answered in front of Flask.

On PostgreSQL, with real commits (the gate runs its statement on its own connection,
outside any test transaction). Where a test says the view must not run, the view is
replaced by one that fails, so a pass proves the gate answered.
"""

import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import redis
from sqlalchemy import select, text

from app import create_app
from blueprints.ops.logs import JsonFormatter
from blueprints.petitions import page_cache, public, surge_gate
from extensions import db
from models.base import utcnow
from models.outbox import OutboxMail
from models.petitions import Petition, Signature
from services.petitions import cache, counting, signing
from tests.conftest import TEST_DATABASE_URL, TEST_REDIS_URL
from tests.factories import create_staff
from tests.factories.petitions import confirm_token, create_petition
from tests.helpers import page_text, sign_in_client

on_postgresql = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                   reason="the gate is installed on PostgreSQL only")

REDIS_URL = TEST_REDIS_URL
BROWSER = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
SIGNER = {"name": "Pat Signer", "email": " Pat@Example.org ", "postcode": "sw1a 1aa",
          "country": "", "consents": "y"}


@pytest.fixture
def gate(app, committed, monkeypatch):
    """The gate turned on, a test client, and an empty count cache."""
    monkeypatch.setitem(app.config, "PETITION_SURGE_GATE", True)
    cache.clear()
    yield app.test_client()
    cache.clear()


@pytest.fixture
def no_view(monkeypatch):
    """The signing and confirming views replaced by ones that fail the test if they run."""
    def fail(*_args, **_kwargs):
        raise AssertionError("the view answered a post the gate should have answered")

    monkeypatch.setattr(public, "_sign", fail)
    monkeypatch.setattr(public, "_confirm", fail)


def _sign(client, petition, headers=BROWSER, **changes):
    petition_id = petition if isinstance(petition, int) else petition.id
    return client.post(f"/petitions/{petition_id}", data=SIGNER | changes, headers=headers)


def _signatures(committed) -> list[Signature]:
    committed.rollback()  # see what the gate committed on its own connection
    return committed.scalars(select(Signature).order_by(Signature.id)).all()


def _mail(committed, template: str | None = None) -> list[OutboxMail]:
    committed.rollback()
    return [mail for mail in committed.scalars(select(OutboxMail).order_by(OutboxMail.id))
            if template is None or mail.template == template]


@on_postgresql
def test_the_gate_takes_a_good_signature_as_the_view_would(gate, committed, no_view, caplog):
    petition = create_petition()
    committed.commit()
    with caplog.at_level(logging.INFO, logger="platform.access"):
        response = _sign(gate, petition, headers=BROWSER | {"X-Request-ID": "lb-42"})

    assert response.status_code == 303
    assert response.headers["Location"] == f"/petitions/{petition.id}/check-your-email"
    assert response.headers["X-Request-ID"] == "lb-42"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in response.headers
    [signature] = _signatures(committed)
    assert (signature.email, signature.email_canonical, signature.postcode, signature.status,
            signature.consents_to_updates, signature.ip_address) == (
        "Pat@Example.org", "pat@example.org", "SW1A 1AA", "pending", True, "127.0.0.1")
    [mail] = _mail(committed)
    assert (mail.to_address, mail.template) == ("Pat@Example.org", "petition_confirm")
    record = next(r for r in caplog.records if r.name == "platform.access")
    line = json.loads(JsonFormatter().format(record))
    assert (line["request_id"], line["method"], line["status"], line["endpoint"]) == (
        "lb-42", "POST", 303, "petitions.show")


@on_postgresql
def test_the_same_path_under_another_root_or_petition_is_sent_to_its_own_page(gate, committed,
                                                                             no_view):
    first, second = create_petition(), create_petition()
    committed.commit()

    answers = [_sign(gate, first, email="a@example.org"),
               _sign(gate, first, email="b@example.org"),
               gate.post(f"/petitions/{first.id}", data=SIGNER | {"email": "c@example.org"},
                         headers=BROWSER, base_url="http://localhost/voice"),
               _sign(gate, second, email="d@example.org")]

    assert [answer.headers["Location"] for answer in answers] == [
        f"/petitions/{first.id}/check-your-email", f"/petitions/{first.id}/check-your-email",
        f"/voice/petitions/{first.id}/check-your-email",
        f"/petitions/{second.id}/check-your-email"]
    assert sorted((s.petition_id, s.email) for s in _signatures(committed)) == [
        (first.id, "a@example.org"), (first.id, "b@example.org"), (first.id, "c@example.org"),
        (second.id, "d@example.org")]


@on_postgresql
def test_the_gate_confirms_and_the_count_follows(gate, committed, no_view):
    petition = create_petition()
    committed.commit()
    before = utcnow()
    _sign(gate, petition)
    [signature] = _signatures(committed)
    link = f"/petitions/confirm/{confirm_token(signature)}"

    response = gate.post(link, headers=BROWSER)

    assert response.status_code == 303
    assert response.headers["Location"] == f"/petitions/{petition.id}/thank-you"
    [signature] = _signatures(committed)
    assert signature.status == "confirmed"
    assert before <= signature.created_at <= signature.confirmed_at <= utcnow()  # UTC, as written
    assert counting.total(committed, petition.id) == 1
    assert counting.day_counts(committed, petition.id) == [(before.date(), 1)]


@on_postgresql
def test_a_threshold_passed_through_the_gate_is_announced_to_staff(gate, committed, no_view):
    staff = create_staff()
    petition = create_petition(response_threshold=1)
    committed.commit()
    _sign(gate, petition)
    [signature] = _signatures(committed)

    gate.post(f"/petitions/confirm/{confirm_token(signature)}", headers=BROWSER)

    committed.rollback()
    assert committed.get(Petition, petition.id).response_threshold_passed_at is not None
    assert staff.email in {mail.to_address for mail in _mail(committed)}


@on_postgresql
@pytest.mark.parametrize("changes, message", [
    ({"name": "=HYPERLINK(\"http://x\")"}, "name"),
    ({"email": "not-an-address"}, "Enter an email address in the right format"),
    ({"email": "pat@ex\u0430mple.org"}, "mixes letters of different alphabets"),
    ({"postcode": "nowhere"}, "postcode"),
])
def test_a_refused_field_goes_on_to_the_view_and_its_message(gate, committed, changes, message):
    petition = create_petition()
    committed.commit()
    response = _sign(gate, petition, **changes)
    assert response.status_code == 400
    assert message in page_text(response)
    assert _signatures(committed) == [] and _mail(committed) == []


@on_postgresql
def test_a_second_signature_gets_the_same_page_and_the_already_signed_mail(gate, committed):
    petition = create_petition()
    committed.commit()
    first = _sign(gate, petition)
    second = _sign(gate, petition, email="PAT@example.org")
    assert first.headers["Location"] == second.headers["Location"]
    assert len(_signatures(committed)) == 1
    assert [mail.template for mail in _mail(committed)] == ["petition_confirm",
                                                             "petition_already_signed"]


@on_postgresql
def test_posts_the_gate_leaves_alone_get_the_views_answers(gate, committed):
    closed = create_petition(state="closed")
    petition = create_petition()
    committed.commit()

    cross_site = _sign(gate, petition, headers={"Origin": "https://elsewhere.example",
                                                "Sec-Fetch-Site": "cross-site"})
    assert cross_site.status_code == 400 and "another site" in page_text(cross_site)
    nul = _sign(gate, petition, name="Pat\x00Signer")
    assert nul.status_code == 400 and "NUL" in page_text(nul)
    not_open = _sign(gate, closed)
    assert not_open.status_code == 400 and "no longer takes signatures" in page_text(not_open)
    assert _signatures(committed) == []

    _sign(gate, petition)
    link = f"/petitions/confirm/{confirm_token(_signatures(committed)[0])}"
    assert gate.post(link, headers=BROWSER).status_code == 303
    again = gate.post(link, headers=BROWSER)
    assert again.status_code == 400 and "already confirmed" in page_text(again)
    forged = gate.post(link[:-3] + "abc", headers=BROWSER)
    assert forged.status_code == 400 and "not valid" in page_text(forged)
    assert counting.total(committed, petition.id) == 1


@on_postgresql
def test_a_signed_in_member_and_a_gate_turned_off_go_to_the_view(gate, committed, app,
                                                                  monkeypatch):
    petition = create_petition()
    member = create_staff()
    committed.commit()
    answered_by_view = []
    view = public._sign
    monkeypatch.setattr(public, "_sign", lambda petition_id: answered_by_view.append(1)
                        or view(petition_id))

    sign_in_client(gate, member)
    assert _sign(gate, petition, email="member@example.org").status_code == 303
    gate.delete_cookie("session")
    monkeypatch.setitem(app.config, "PETITION_SURGE_GATE", False)
    assert _sign(gate, petition, email="visitor@example.org").status_code == 303
    assert len(answered_by_view) == 2 and len(_signatures(committed)) == 2


@on_postgresql
def test_a_database_error_in_the_gate_leaves_the_post_to_the_view(gate, committed, monkeypatch):
    petition = create_petition()
    committed.commit()

    def broken(*_args, **_kwargs):
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(signing, "sign_alone", broken)
    assert _sign(gate, petition).status_code == 303
    assert len(_signatures(committed)) == 1


@on_postgresql
def test_a_gate_connection_the_server_closed_loses_no_post_and_is_replaced(gate, committed, app,
                                                                            monkeypatch):
    petition = create_petition()
    committed.commit()
    assert _sign(gate, petition, email="a@example.org").status_code == 303
    own = app.wsgi_app.connections._local.kept.connection.info.backend_pid
    committed.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": own})
    committed.commit()

    after_restart = _sign(gate, petition, email="b@example.org")  # the view answers this one
    no_view = lambda *_args, **_kwargs: pytest.fail("the view answered")  # noqa: E731
    monkeypatch.setattr(public, "_sign", no_view)
    then = _sign(gate, petition, email="c@example.org")  # the gate, on a new connection

    assert (after_restart.status_code, then.status_code) == (303, 303)
    assert [s.email for s in _signatures(committed)] == [
        "a@example.org", "b@example.org", "c@example.org"]
    assert app.wsgi_app.connections._local.kept.connection.info.backend_pid != own


@on_postgresql
def test_fifty_posts_at_once_with_one_address_give_one_signature_and_one_already_signed_mail(
        app, gate, committed):
    """Whatever its spelling, and however many posts arrive at once: its owner is mailed
    the confirmation and, once that day, that they had already signed."""
    petition_id = create_petition().id  # the threads must not touch this thread's session
    committed.commit()
    emails = [variant for _ in range(10) for variant in
              ("pat@example.org", "PAT@example.org", " pat+1@example.org", "Pat@Example.org ",
               "\uff50at@EXAMPLE.ORG")]

    def post(email):
        return _sign(app.test_client(), petition_id, email=email).status_code

    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(post, emails))

    assert statuses == [303] * 50
    assert len(_signatures(committed)) == 1
    templates = [mail.template for mail in _mail(committed)]
    assert templates.count("petition_confirm") == 1
    assert templates.count("petition_already_signed") == 1


def test_the_gate_is_not_installed_on_sqlite(tmp_path):
    # (Argon2 as cheap as the suite's: create_app sets the password hasher for the process.)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
                      "SECRET_KEY": "test-secret-key-that-is-long-enough-for-the-tests",
                      "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024})
    assert not isinstance(app.wsgi_app, surge_gate.SurgeGate)
    with app.app_context():
        db.engine.dispose()


@on_postgresql
def test_the_gate_is_installed_on_postgresql(app):
    assert isinstance(app.wsgi_app, surge_gate.SurgeGate)


# Page reads: served from the page the view keeps for everyone, while the view would serve it.

def _without_request_id(response) -> dict:
    return {name: value for name, value in response.headers.items() if name != "X-Request-ID"}


@on_postgresql
@pytest.mark.parametrize("path", ["/petitions/{id}", "/petitions/{id}/check-your-email",
                                  "/petitions/{id}/thank-you"])
def test_a_read_of_a_kept_page_gets_what_the_view_sends(gate, committed, monkeypatch, caplog,
                                                        path):
    petition = create_petition(action="Guarantee protected caseloads")
    committed.commit()
    path = path.format(id=petition.id)
    from_view = gate.get(path)  # the view draws the page and keeps it
    assert from_view.status_code == 200

    monkeypatch.setattr(page_cache, "page", lambda *a, **k: pytest.fail("the view answered"))
    with caplog.at_level(logging.INFO, logger="platform.access"):
        from_gate = gate.get(path, headers={"X-Request-ID": "lb-7"})

    assert from_gate.status_code == 200
    assert from_gate.get_data() == from_view.get_data()
    assert _without_request_id(from_gate) == _without_request_id(from_view)
    assert from_gate.headers["X-Request-ID"] == "lb-7"
    line = json.loads(JsonFormatter().format(
        [r for r in caplog.records if r.name == "platform.access"][-1]))
    assert (line["request_id"], line["method"], line["path"], line["status"]) == (
        "lb-7", "GET", path, 200)


@on_postgresql
def test_a_new_count_reaches_readers_once_the_count_cache_has_it(gate, committed, app):
    petition = create_petition()
    committed.commit()
    page = f"/petitions/{petition.id}"
    assert "0 signatures" in page_text(gate.get(page))
    _sign(gate, petition)
    gate.post(f"/petitions/confirm/{confirm_token(_signatures(committed)[0])}", headers=BROWSER)

    assert "0 signatures" in page_text(gate.get(page))  # the counts are cached a few seconds
    with app.app_context():
        counting.forget(petition.id)  # ... and those seconds have passed
    assert "1 signature" in page_text(gate.get(page))


@on_postgresql
def test_reads_the_gate_leaves_alone_get_the_views_answers(gate, committed, app, monkeypatch):
    petition = create_petition()
    member = create_staff()
    committed.commit()
    page = f"/petitions/{petition.id}"
    gate.get(page)  # kept
    served_by_view = []
    view = page_cache.page
    monkeypatch.setattr(page_cache, "page", lambda *a, **k: served_by_view.append(1) or view(*a, **k))

    assert gate.head(page).status_code == 200
    nul = gate.get(page + "?q=%00")
    assert nul.status_code == 400 and "NUL" in page_text(nul)
    sign_in_client(gate, member)
    assert gate.get(page).status_code == 200
    gate.delete_cookie("session")
    monkeypatch.setitem(app.config, "PETITION_PAGE_CACHE_SECONDS", 0)
    assert gate.get(page).status_code == 200
    assert len(served_by_view) == 3  # HEAD, the member and no page cache (NUL: refused first)
    assert gate.get("/petitions/999999").status_code == 404


@on_postgresql
def test_a_page_kept_past_its_time_goes_to_the_view(gate, committed, monkeypatch):
    petition = create_petition(action="Fund supervision for every social worker")
    committed.commit()
    page = f"/petitions/{petition.id}"
    assert "every social worker" in page_text(gate.get(page))
    committed.get(Petition, petition.id).action = "Fund supervision for every practitioner"
    committed.commit()
    assert "every social worker" in page_text(gate.get(page))  # kept for a few seconds

    later = time.monotonic() + 6
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: later)
    monkeypatch.setattr(cache.time, "monotonic", lambda: later)
    assert "every practitioner" in page_text(gate.get(page))


@on_postgresql
def test_with_redis_counts_a_kept_page_is_read_through_redis(gate, committed, app, monkeypatch):
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    petition = create_petition()
    committed.commit()
    client.delete(f"petitions:counts:{petition.id}")
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    page = f"/petitions/{petition.id}"
    from_view = gate.get(page)
    monkeypatch.setattr(page_cache, "page", lambda *a, **k: pytest.fail("the view answered"))
    assert gate.get(page).get_data() == from_view.get_data()

    client.delete(f"petitions:counts:{petition.id}")  # the count lapsed: the view answers
    monkeypatch.undo()
    monkeypatch.setitem(app.config, "PETITION_SURGE_GATE", True)
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")  # and Redis is down
    assert gate.get(page).get_data() == from_view.get_data()
    client.delete(f"petitions:counts:{petition.id}")


@on_postgresql
@pytest.mark.parametrize("changes, field", [
    ({"name": "Pat\x1bSigner"}, "name"), ({"name": "Pat \u202eSigner"}, "name"),
    ({"postcode": "SW1A\u20661AA"}, "postcode"), ({"email": "pat\x7f@example.org"}, "email"),
])
def test_the_gate_holds_the_signing_form_to_the_text_rule_of_every_form(gate, committed, changes,
                                                                        field):
    petition = create_petition()
    committed.commit()
    response = _sign(gate, petition, **changes)
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert "Remove the hidden" in page_text(response)
    assert _signatures(committed) == [] and _mail(committed) == []


@on_postgresql
def test_a_nul_in_the_path_of_a_post_the_gate_would_answer_gets_the_nul_page(gate, committed,
                                                                            monkeypatch):
    petition = create_petition()
    committed.commit()
    _sign(gate, petition)
    token = confirm_token(_signatures(committed)[0])
    monkeypatch.setattr(signing, "confirm_alone",
                        lambda *a: pytest.fail("the gate took a path with a NUL"))
    response = gate.post(f"/petitions/confirm/{token}%00", headers=BROWSER)
    assert response.status_code == 400 and "NUL character" in page_text(response)
    assert _signatures(committed)[0].status == "pending"
