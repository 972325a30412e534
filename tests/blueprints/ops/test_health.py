"""/healthz says the process is up; /readyz says which dependency is not reachable."""

import json
import logging

from blueprints.ops import health


def test_healthz_answers_without_the_database(visitor, monkeypatch):
    monkeypatch.setattr(health, "_check_database", lambda: 1 / 0)
    response = visitor.client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_readyz_is_ready_when_the_database_answers(visitor):
    response = visitor.client.get("/readyz")
    assert response.status_code == 200
    assert response.json["checks"] == {"database": "ok", "redis": "not configured"}


def test_readyz_says_which_dependency_failed(visitor, app, monkeypatch):
    def unreachable():
        raise ConnectionError("no route to host")

    monkeypatch.setattr(health, "_check_database", unreachable)
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    response = visitor.client.get("/readyz")
    assert response.status_code == 503 and response.json["status"] == "unavailable"
    assert response.json["checks"]["database"] == "failed: ConnectionError"
    assert response.json["checks"]["redis"].startswith("degraded:")


def test_readyz_reports_redis_away_as_degraded_not_the_site_as_down(visitor, app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    response = visitor.client.get("/readyz")
    assert response.status_code == 200 and response.json["status"] == "degraded"
    assert response.json["checks"] == {"database": "ok", "redis": "degraded: ConnectionError"}


def test_every_response_carries_a_request_id(visitor):
    first = visitor.client.get("/healthz").headers["X-Request-ID"]
    second = visitor.client.get("/healthz").headers["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_sane_request_id_from_the_proxy_is_kept_and_a_strange_one_replaced(visitor):
    kept = visitor.client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.42"})
    assert kept.headers["X-Request-ID"] == "lb-7f3a.42"
    replaced = visitor.client.get("/healthz", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert replaced.headers["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(replaced.headers["X-Request-ID"]) == 32


def test_json_log_lines_carry_the_request_id_and_the_request(visitor, caplog):
    from blueprints.ops.logs import JsonFormatter

    with caplog.at_level(logging.INFO, logger="platform.access"):
        visitor.client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    record = next(r for r in caplog.records if r.name == "platform.access")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abc-123"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert line["level"] == "INFO" and line["logger"] == "platform.access"
    assert isinstance(line["duration_ms"], float) and "time" in line


def test_log_format_follows_the_environment(monkeypatch):
    from blueprints.ops.logs import log_format

    monkeypatch.delenv("LOG_FORMAT", raising=False)
    assert (log_format(True), log_format(False)) == ("json", "text")
    monkeypatch.setenv("LOG_FORMAT", "json")
    assert log_format(False) == "json"


def test_a_nul_character_in_a_form_is_refused_with_a_clear_page(visitor):
    response = visitor.post("accounts.register", _expected=400, _data={
        "name": "A\x00B", "email": "nul@example.org",
        "password": "a perfectly fine passphrase", "confirm_password": "a perfectly fine passphrase"})
    assert "NUL character" in response.get_data(as_text=True)


def test_a_nul_character_in_the_query_is_refused(visitor):
    assert visitor.client.get("/?q=%00").status_code == 400


def test_a_nul_character_in_a_path_segment_is_refused_before_it_reaches_the_database(visitor):
    for path in ("/statements/%00", "/statements/a%00b", "/petitions/confirm/a%00b"):
        response = visitor.client.get(path)
        assert response.status_code == 400, path
        assert "NUL character" in response.get_data(as_text=True)
    response = visitor.client.get("/api/v1/statements/%00")
    assert response.status_code == 400 and response.get_json()["status"] == 400
    posted = visitor.client.post("/petitions/confirm/a%00b", headers={"Origin": "http://localhost"})
    assert posted.status_code == 400
