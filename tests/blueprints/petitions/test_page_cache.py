import time

import pytest
from sqlalchemy import func, select

from blueprints.petitions import page_cache
from extensions import db
from models.petitions import Signature
from services.petitions import cache
from tests.factories import create_staff, create_user
from tests.factories.petitions import create_petition, create_signature
from tests.helpers import page_text

SIGNER = {"name": "Pat Signer", "postcode": "SW1A 1AA", "country": ""}


def test_every_visitor_gets_the_same_page_without_a_cookie_and_signs_from_it(app, db_session):
    petition = create_petition()
    first, second = app.test_client(), app.test_client()
    pages = [client.get(f"/petitions/{petition.id}") for client in (first, second)]
    assert pages[0].get_data() == pages[1].get_data()
    assert all("Set-Cookie" not in page.headers for page in pages)
    assert "csrf_token" not in pages[0].get_data(as_text=True)
    for n, client in enumerate((second, first)):
        response = client.post(f"/petitions/{petition.id}", data={
            **SIGNER, "email": f"pat{n}@example.org"},
            headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
        assert response.status_code == 303
        assert response.headers["Location"].endswith(f"/petitions/{petition.id}/check-your-email")
    assert db.session.scalar(select(func.count()).select_from(Signature)) == 2


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
])
def test_a_signature_posted_from_another_site_is_refused_and_changes_nothing(app, db_session,
                                                                            headers):
    petition = create_petition()
    response = app.test_client().post(f"/petitions/{petition.id}", headers=headers, data={
        **SIGNER, "email": "pat@example.org"})
    assert response.status_code == 400
    assert "can only be sent from this site's own page" in page_text(response)
    assert db.session.scalar(select(func.count()).select_from(Signature)) == 0


def test_a_change_to_the_petition_shows_once_the_cache_time_has_passed(visitor, monkeypatch):
    petition = create_petition(action="Fund supervision for every social worker")
    assert "0 signatures" in page_text(visitor.get("petitions.show", petition_id=petition.id))
    petition.action = "Fund supervision for every practitioner"
    db.session.commit()
    assert "every social worker" in page_text(visitor.get("petitions.show",
                                                          petition_id=petition.id))
    later = time.monotonic() + page_cache._seconds() + 0.1
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: later)
    text = page_text(visitor.get("petitions.show", petition_id=petition.id))
    assert "every practitioner" in text and "every social worker" not in text


def test_a_new_count_shows_as_soon_as_the_count_cache_has_it(visitor):
    petition = create_petition()
    assert "0 signatures" in page_text(visitor.get("petitions.show", petition_id=petition.id))
    create_signature(petition=petition)
    cache.clear()  # the count cache's few seconds have passed
    assert "1 signature" in page_text(visitor.get("petitions.show", petition_id=petition.id))


def test_a_staff_change_shows_at_once(client_as):
    petition = create_petition()
    visitor = client_as(None)
    visitor.get("petitions.show", petition_id=petition.id)
    client_as(create_staff()).post("petitions_staff.hide", petition_id=petition.id,
                                   _data={"reason": "Duplicate of another petition."})
    visitor.get("petitions.show", petition_id=petition.id, _expected=404)


def test_signed_in_people_and_waiting_messages_are_never_served_the_cached_page(client_as):
    petition = create_petition()
    visitor = client_as(None)
    visitor.get("petitions.show", petition_id=petition.id)
    member = client_as(create_user(name="Morgan Member"))
    assert "Sign out" in page_text(member.get("petitions.show", petition_id=petition.id))
    with visitor.client.session_transaction() as session:
        session["_flashes"] = [("success", "Thank you: your signature is confirmed.")]
    shown = page_text(visitor.get("petitions.show", petition_id=petition.id))
    assert "Thank you: your signature is confirmed." in shown
    assert "Thank you" not in page_text(visitor.get("petitions.show", petition_id=petition.id))


def test_the_api_answer_follows_a_changed_petition_or_count_at_once(visitor):
    petition = create_petition()
    first = visitor.get("petitions_api.detail", petition_id=petition.id).json
    assert first["target"] == "The Secretary of State"
    petition.target = "The council"
    db.session.commit()
    second = visitor.get("petitions_api.detail", petition_id=petition.id).json
    assert second["target"] == "The council" and second["signature_count"] == 0
    create_signature(petition=petition, postcode="LS1 4AB")
    cache.clear()  # the count cache's few seconds have passed
    third = visitor.get("petitions_api.detail", petition_id=petition.id).json
    assert third["signature_count"] == 1
    assert sum(r["signature_count"] for r in third["signatures_by_region"]) == 1


def test_while_one_reader_redraws_an_outdated_page_the_others_are_served_the_old_one(
        visitor, monkeypatch):
    petition = create_petition(action="Fund supervision for every social worker")
    visitor.get("petitions.show", petition_id=petition.id)
    petition.action = "Fund supervision for every practitioner"
    db.session.commit()
    later = time.monotonic() + page_cache._seconds() + 0.1
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: later)
    redrawing = page_cache._redrawing("page", petition.id)
    with redrawing:  # another thread is drawing the page now
        text = page_text(visitor.get("petitions.show", petition_id=petition.id))
    assert "every social worker" in text
    text = page_text(visitor.get("petitions.show", petition_id=petition.id))
    assert "every practitioner" in text
