import csv
import io

from sqlalchemy import select

from extensions import db
from models.audit import AuditEntry
from models.outbox import OutboxMail
from models.petitions import Petition, Signature
from services.petitions import counting
from tests.factories import create_staff, create_user
from tests.factories.petitions import create_petition, create_signature
from tests.helpers import outside_the_test_context, page_text


def _audited(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_staff_create_a_petition_that_opens_at_once(client_as):
    helper = client_as(create_staff())
    helper.post("petitions_staff.new", _data={"action": "Protect caseloads",
                                              "background": "Caseloads are too high."})
    petition = db.session.scalars(select(Petition)).one()
    assert petition.state == "open"
    assert _audited("petition.created")


def test_staff_approve_and_reject_proposals_with_a_reason(client_as):
    helper = client_as(create_staff())
    first = create_petition(state="pending", opens_at=None)
    second = create_petition(state="pending", opens_at=None)
    helper.post("petitions_staff.approve", petition_id=first.id)
    helper.post("petitions_staff.reject", petition_id=second.id,
                _data={"reason": "Outside what the body can do."})
    db.session.refresh(first)
    db.session.refresh(second)
    assert (first.state, second.state) == ("open", "rejected")
    page = page_text(client_as(None).get("petitions.show", petition_id=second.id))
    assert "Outside what the body can do." in page


def test_a_second_moderator_sees_who_is_editing_and_cannot_save(client_as):
    first = client_as(create_staff(name="Alex Moderator"))
    second = client_as(create_staff())
    petition = create_petition(action="Original wording")
    first.post("petitions_staff.lock", petition_id=petition.id)
    first.get("petitions_staff.edit", petition_id=petition.id)

    detail = page_text(second.get("petitions_staff.detail", petition_id=petition.id))
    assert "Alex Moderator is editing this petition" in detail
    second.post("petitions_staff.lock", petition_id=petition.id)
    response = second.post("petitions_staff.edit", petition_id=petition.id,
                           _data={"action": "Overwritten", "background": "x"})
    assert response.headers["Location"].endswith(f"/staff/petitions/{petition.id}")
    db.session.refresh(petition)
    assert petition.action == "Original wording"


def test_the_lock_holder_saves_thresholds_and_rate_windows(client_as):
    helper = client_as(create_staff())
    petition = create_petition()
    helper.post("petitions_staff.lock", petition_id=petition.id)
    helper.post("petitions_staff.edit", petition_id=petition.id, _data={
        "action": "New wording", "background": "Why", "response_threshold": "500",
        "debate_threshold": "5000", "rate_short_max": "3", "rate_short_minutes": "5",
        "rate_long_max": "10", "rate_long_minutes": "600"})
    db.session.refresh(petition)
    assert (petition.action, petition.response_threshold, petition.rate_short_max) == (
        "New wording", 500, 3)
    assert petition.locked_by_id is None
    assert _audited("petition.edited")


def test_staff_preview_then_invalidate_signatures_and_the_count_follows(client_as):
    helper = client_as(create_staff())
    petition = create_petition()
    for n in range(3):
        create_signature(petition=petition, email=f"bot{n}@fake.example")
    create_signature(petition=petition, email="person@example.org")
    page = page_text(helper.get("petitions_staff.signatures", petition_id=petition.id,
                                email_domain="fake.example"))
    assert "3 signatures match" in page
    helper.post("petitions_staff.invalidate", petition_id=petition.id,
                _data={"email_domain": "fake.example", "expected": "3"})
    assert counting.total(db.session, petition.id) == 1
    assert _audited("petition.signatures_invalidated")[0].detail["count"] == 3


def test_an_out_of_date_preview_invalidates_nothing(client_as):
    helper = client_as(create_staff())
    petition = create_petition()
    create_signature(petition=petition, email="bot@fake.example")
    response = helper.post("petitions_staff.invalidate", petition_id=petition.id,
                           _data={"email_domain": "fake.example", "expected": "7"},
                           _expected=409)
    assert "now matches 1" in page_text(response)
    assert counting.total(db.session, petition.id) == 1


def test_publishing_a_response_mails_consenting_signers_once(client_as):
    helper = client_as(create_staff())
    petition = create_petition()
    create_signature(petition=petition, email="yes@example.org", consents=True)
    for _ in range(2):
        helper.post("petitions_staff.respond", petition_id=petition.id,
                    _data={"response": "We will raise this with the minister."})
    mails = db.session.scalars(select(OutboxMail.to_address)
                               .where(OutboxMail.template == "petition_response")).all()
    assert mails == ["yes@example.org"]
    text = page_text(client_as(None).get("petitions.show", petition_id=petition.id))
    assert "We will raise this with the minister." in text


def test_the_signature_export_escapes_formulas_and_is_audited(client_as):
    helper = client_as(create_staff())
    petition = create_petition()
    create_signature(petition=petition, email="-2+3@example.org", name="Ann Lee")
    response = helper.get("petitions_staff.export", petition_id=petition.id)
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["id", "name", "email"]
    assert rows[1][2] == "'-2+3@example.org"
    assert rows[1][4] == "London"
    assert _audited("petition.signatures_exported")


def test_the_signature_export_streams_every_row_after_the_view_has_returned(client_as):
    """As a server sends it: the body is read after the request's context has ended."""
    helper = client_as(create_staff())
    petition = create_petition()
    for n in range(5):
        create_signature(petition=petition, email=f"signer{n}@example.org")
    url = helper.url("petitions_staff.export", petition_id=petition.id)

    def download():
        response = helper.client.get(url)
        return response.status_code, response.headers, response.get_data(as_text=True)

    status, headers, body = outside_the_test_context(download)
    rows = list(csv.reader(io.StringIO(body)))
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert sorted(row[2] for row in rows[1:]) == [f"signer{n}@example.org" for n in range(5)]
    [entry] = _audited("petition.signatures_exported")
    assert entry.target_id == str(petition.id)


def test_staff_are_shown_a_notice_when_a_threshold_is_passed(client_as, visitor):
    staff = create_staff()
    petition = create_petition(action="Popular one", response_threshold=1, debate_threshold=5)
    signature = create_signature(petition=petition, confirmed=False)
    from tests.factories.petitions import confirm_token

    visitor.post("petitions.confirm", token=confirm_token(signature), _expected=303)
    text = page_text(client_as(staff).get("petitions_staff.index"))
    assert "Thresholds passed" in text and "Popular one" in text
    mails = db.session.scalars(select(OutboxMail.to_address)
                               .where(OutboxMail.template == "petition_threshold_passed")).all()
    assert mails == [staff.email]


def test_held_signatures_are_released_by_staff(client_as):
    helper = client_as(create_staff())
    petition = create_petition(rate_short_max=1)
    for _ in range(3):
        create_signature(petition=petition, ip_address="203.0.113.1")
    assert counting.total(db.session, petition.id) == 1
    helper.post("petitions_staff.release", petition_id=petition.id,
                _data={"ip_address": "203.0.113.1"})
    assert counting.total(db.session, petition.id) == 3
    held = db.session.scalars(select(Signature).where(Signature.suspicious.is_(True))).all()
    assert held == []


def test_members_cannot_use_staff_petition_actions(client_as):
    petition = create_petition(state="pending", opens_at=None)
    client_as(create_user()).post("petitions_staff.approve", petition_id=petition.id,
                                  _expected=403)
