"""/metrics: Prometheus figures for staff and for a scraper with the token, nobody else."""

from services.outbox import queue_mail
from tests.factories import create_staff, create_user


def test_staff_read_request_counts_latencies_and_the_outbox_backlog(client_as, db_session, app):
    with app.test_request_context():
        queue_mail(db_session, to="someone@example.org", subject="Hello", template="password_changed",
                   name="Someone")
    db_session.commit()
    staff = client_as(create_staff())
    staff.get("core.home")
    body = staff.get("ops.metrics").get_data(as_text=True)
    assert 'platform_http_requests_total{endpoint="core.home",method="GET",status="200"}' in body
    assert "platform_http_request_duration_seconds_bucket" in body
    assert "platform_outbox_pending 1.0" in body


def test_members_may_not_read_metrics_and_visitors_are_sent_to_sign_in(client_as, visitor):
    client_as(create_user()).get("ops.metrics", _expected=403)
    assert "/account/sign-in" in visitor.get("ops.metrics", _expected=302).headers["Location"]


def test_a_scraper_reads_metrics_with_the_bearer_token(visitor, app, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "scrape-me-please-0123456789")
    good = visitor.client.get("/metrics", headers={"Authorization": "Bearer scrape-me-please-0123456789"})
    assert good.status_code == 200 and b"platform_http_requests_total" in good.data
    bad = visitor.client.get("/metrics", headers={"Authorization": "Bearer guess"})
    assert bad.status_code == 401


def test_no_token_is_accepted_when_none_is_configured(visitor):
    response = visitor.client.get("/metrics", headers={"Authorization": "Bearer "})
    assert response.status_code == 401
