import re

from sqlalchemy import func, select

from extensions import db
from models.outbox import OutboxMail
from models.petitions import Signature
from services import outbox
from services.petitions import cache
from tests.factories import create_staff
from tests.factories.petitions import confirm_token, create_petition, create_signature
from tests.helpers import page_text

SIGNER = {"name": "Pat Signer", "email": "pat@example.org", "postcode": "sw1a 1aa",
          "country": "", "consents": "y"}


def _sign(visitor, petition, _expected=303, **changes):
    return visitor.post("petitions.show", petition_id=petition.id, _data=SIGNER | changes,
                        _expected=_expected)


def _confirm_link(email: str) -> str:
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == email)
                              .order_by(OutboxMail.id.desc())).first()
    text, _html = outbox.draw(db.session, mail)  # as the sender will draw it
    return re.search(r"http://localhost(/petitions/confirm/\S+)", text).group(1)


def test_a_visitor_signs_and_is_asked_to_check_their_email(visitor):
    petition = create_petition()
    response = _sign(visitor, petition)
    assert response.headers["Location"].endswith(f"/petitions/{petition.id}/check-your-email")
    page = visitor.client.get(response.headers["Location"])
    assert "Check your email" in page_text(page)


def test_a_second_signature_with_the_same_email_shows_the_same_page(visitor):
    petition = create_petition()
    first = _sign(visitor, petition)
    second = _sign(visitor, petition, email=" PAT@example.org ", name="Someone Else")
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(Signature)) == 1


def test_bad_details_are_shown_next_to_the_fields_and_nothing_is_saved(visitor):
    petition = create_petition()
    response = _sign(visitor, petition, name="=1+1", postcode="LS1", _expected=400)
    text = page_text(response)
    assert "Your name must not start with =, +, - or @" in text
    response = _sign(visitor, petition, postcode="LS1", _expected=400)
    assert "Enter your full postcode, not only LS1" in page_text(response)
    assert db.session.scalar(select(func.count()).select_from(Signature)) == 0


def test_opening_the_confirmation_link_confirms_nothing_until_the_button_is_pressed(visitor):
    petition = create_petition()
    _sign(visitor, petition)
    link = _confirm_link("pat@example.org")

    page = visitor.client.get(link)
    assert page.status_code == 200 and "Confirm my signature" in page_text(page)
    assert db.session.scalars(select(Signature.status)).one() == "pending"

    response = visitor.client.post(link)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/petitions/{petition.id}/thank-you")
    assert db.session.scalars(select(Signature.status)).one() == "confirmed"
    cache.clear()
    thanks = page_text(visitor.client.get(response.headers["Location"]))
    assert "Thank you: your signature is confirmed" in thanks and "1 signature" in thanks
    assert "1 signature" in page_text(visitor.get("petitions.show", petition_id=petition.id))


def test_a_reused_confirmation_link_is_refused_with_a_clear_page(visitor):
    petition = create_petition()
    signature = create_signature(petition=petition)
    response = visitor.post("petitions.confirm", token=confirm_token(signature), _expected=400)
    assert "already confirmed" in page_text(response)
    response = visitor.get("petitions.confirm", token=confirm_token(signature), _expected=400)
    assert "This link does not work" in page_text(response)


def test_a_forged_confirmation_link_is_refused_with_a_clear_page(visitor):
    petition = create_petition()
    signature = create_signature(petition=petition, confirmed=False)
    forged = confirm_token(signature)[:-4] + "abcd"
    for method in (visitor.get, visitor.post):
        response = method("petitions.confirm", token=forged, _expected=400)
        assert "This link is not valid" in page_text(response)
    assert db.session.get(Signature, signature.id).status == "pending"


def test_a_confirmation_posted_from_another_site_confirms_nothing(visitor):
    petition = create_petition()
    signature = create_signature(petition=petition, confirmed=False)
    response = visitor.client.post(visitor.url("petitions.confirm", token=confirm_token(signature)),
                                   headers={"Origin": "https://evil.example",
                                            "Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 400
    assert "sent from another site" in page_text(response)
    assert db.session.get(Signature, signature.id).status == "pending"


def test_the_confirmation_button_needs_no_session_the_link_is_what_counts(app, db_session):
    petition = create_petition()
    signature = create_signature(petition=petition, confirmed=False)
    with app.test_request_context():
        link = f"/petitions/confirm/{confirm_token(signature)}"
    response = app.test_client().post(link, headers={"Origin": "http://localhost"})
    assert response.status_code == 303 and "Set-Cookie" not in response.headers
    assert db.session.get(Signature, signature.id).status == "confirmed"


def _signature_metric(staff_helper, event: str) -> float:
    body = staff_helper.get("ops.metrics").get_data(as_text=True)
    line = next((line for line in body.splitlines() if line.startswith(
        f'platform_petition_signatures_total{{event="{event}"}}')), None)
    return float(line.split()[-1]) if line else 0.0


def test_signing_and_confirming_move_the_signature_metrics(visitor, client_as):
    staff = client_as(create_staff())
    before = {event: _signature_metric(staff, event) for event in ("signed", "confirmed")}
    petition = create_petition()
    _sign(visitor, petition)
    assert _signature_metric(staff, "signed") == before["signed"] + 1
    response = visitor.client.post(_confirm_link(SIGNER["email"]))
    assert response.status_code == 303
    assert _signature_metric(staff, "confirmed") == before["confirmed"] + 1


def test_an_empty_form_shows_one_message_per_field_and_saves_nothing(visitor):
    petition = create_petition()
    response = _sign(visitor, petition, name="", email="", postcode="", _expected=400)
    body = response.get_data(as_text=True)
    messages = re.findall(r'class="error-message"[^>]*>(.*?)</p>', body, re.S)
    texts = [" ".join(re.sub(r"<[^>]+>", " ", m).split()) for m in messages]
    assert any("Enter your name" in t for t in texts)
    assert any("Enter your email address" in t for t in texts)
    assert sum("Enter your name" in t for t in texts) == 1
    assert db.session.scalar(select(func.count()).select_from(Signature)) == 0


def test_an_address_with_accents_signs_and_a_malformed_one_is_refused(visitor):
    petition = create_petition()
    _sign(visitor, petition, email="josé@exämple.org")
    response = _sign(visitor, petition, email="pat@@example.org", _expected=400)
    assert "Enter an email address in the right format" in page_text(response)
    assert db.session.scalars(select(Signature.email)).all() == ["josé@exämple.org"]


def test_the_confirmation_page_of_a_hidden_petition_does_not_show_its_title(visitor):
    petition = create_petition(action="Something taken down for legal reasons")
    signature = create_signature(petition=petition, confirmed=False)
    petition.stored_state = "hidden"
    db.session.commit()
    response = visitor.get("petitions.confirm", token=confirm_token(signature), _expected=400)
    text = page_text(response)
    assert "This petition is not open for signatures." in text
    assert "taken down" not in text and "Confirm my signature" not in text


def test_a_post_whose_only_sign_of_another_site_is_its_referer_is_refused(visitor):
    petition = create_petition()
    url = visitor.url("petitions.show", petition_id=petition.id)
    response = visitor.client.post(url, data=SIGNER,
                                   headers={"Referer": "https://evil.example/sign-here"})
    assert response.status_code == 400 and "sent from another site" in page_text(response)
    signature = create_signature(petition=petition, confirmed=False)
    link = visitor.url("petitions.confirm", token=confirm_token(signature))
    assert visitor.client.post(link, headers={"Referer": "https://evil.example/"}).status_code == 400
    assert db.session.get(Signature, signature.id).status == "pending"
    assert db.session.scalar(select(func.count()).select_from(Signature)) == 1
    # This site's own page as the Referer, or none at all (a program), is let through.
    assert visitor.client.post(url, data=SIGNER, headers={
        "Referer": f"http://localhost/petitions/{petition.id}"}).status_code == 303
    assert visitor.client.post(link).status_code == 303
