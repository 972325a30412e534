import re

from sqlalchemy import func, select

from extensions import db
from models.petitions import Signature
from services.petitions import cache
from tests.factories import create_user
from tests.factories.petitions import create_petition, create_signature
from tests.helpers import page_text

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _token(client, petition) -> str:
    return TOKEN.search(client.get(f"/petitions/{petition.id}").get_data(as_text=True)).group(1)


def test_each_visitor_of_a_cached_page_gets_a_token_of_their_own_that_signs(app, db_session):
    petition = create_petition()
    first, second = app.test_client(), app.test_client()
    first_token, second_token = _token(first, petition), _token(second, petition)
    assert first_token != second_token
    for n, (client, token) in enumerate(((second, second_token), (first, first_token))):
        response = client.post(f"/petitions/{petition.id}", data={
            "csrf_token": token, "name": "Pat Signer", "email": f"pat{n}@example.org",
            "postcode": "SW1A 1AA", "country": ""})
        assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Signature)) == 2


def test_a_changed_petition_or_count_shows_at_once_despite_the_cache(visitor):
    petition = create_petition(action="Fund supervision for every social worker")
    assert "0 signatures" in page_text(visitor.get("petitions.show", petition_id=petition.id))
    petition.action = "Fund supervision for every practitioner"
    db.session.commit()
    text = page_text(visitor.get("petitions.show", petition_id=petition.id))
    assert "every practitioner" in text and "every social worker" not in text

    create_signature(petition=petition)
    cache.clear()  # the count cache's few seconds have passed
    assert "1 signature" in page_text(visitor.get("petitions.show", petition_id=petition.id))


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
