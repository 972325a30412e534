from tests.factories import create_user
from tests.helpers import page_text


def test_every_page_carries_the_security_headers(visitor):
    response = visitor.get("core.home")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_and_no_outside_assets(visitor):
    for endpoint in ("core.home", "accounts.sign_in", "accounts.register"):
        body = visitor.get(endpoint).get_data(as_text=True)
        assert "<script>" not in body and "<script " not in body.replace('<script src="/static/', "")
        assert "https://" not in body and "http://" not in body


def test_session_cookie_is_httponly_and_samesite_lax(visitor):
    create_user(email="member@example.org")
    response = visitor.post("accounts.sign_in", _data={"email": "member@example.org",
                                                       "password": "correct horse battery"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_not_found_page_is_in_the_site_style(visitor):
    response = visitor.client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in page_text(response) and "Skip to main content" in page_text(response)


def test_api_errors_are_json(visitor):
    response = visitor.client.get("/api/v1/no-such-thing")
    assert response.status_code == 404 and response.json["status"] == 404


def test_an_unexpected_error_shows_the_500_page(app, visitor, monkeypatch):
    def boom():
        raise RuntimeError("kaboom")

    monkeypatch.setitem(app.view_functions, "core.privacy", boom)
    response = visitor.client.get("/privacy")
    assert response.status_code == 500
    assert "Sorry, there is a problem" in page_text(response)
