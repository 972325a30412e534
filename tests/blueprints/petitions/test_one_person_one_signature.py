"""One person, one signature: every variant of one address signs once, look-alikes are refused
at the field, and the address's owner gets at most one "already signed" mail a day.

Through the signing route (on PostgreSQL the view takes the one-statement path of
services.petitions.surge inside the test's transaction; test_surge_gate.py has the gate's).
Gmail's own addresses are the point of several cases (its dots, googlemail.com): the mail
never leaves the outbox table.
"""

from datetime import timedelta

from sqlalchemy import func, select

from extensions import db
from models.base import utcnow
from models.outbox import OutboxMail
from models.petitions import Signature
from rules.emails import MIXED_SCRIPTS_MESSAGE, legacy_key
from services.petitions import counting, signing
from tests.factories import create_staff
from tests.factories.petitions import create_petition, create_signature
from tests.helpers import field_error, page_text

SIGNER = {"name": "Alice Probe", "postcode": "sw1a 1aa", "country": "", "consents": "y"}
# What was found, from outside, to become 11 signatures (5 counted) of one person.
ONE_MAILBOX = ["alice.probe@gmail.com", "aliceprobe@gmail.com", "a.l.i.c.e.probe@gmail.com",
               "alice.probe+1@gmail.com", "alice.probe@googlemail.com", "ALICE.PROBE@GMAIL.COM",
               "\uff41lice.probe@gmail.com", "alice.probe@gmai\u217c.com",
               "al\u00edce.probe@gmail.com", "alice.probe+petitions@googlemail.com"]
LOOK_ALIKES = ["\u0430lice.probe@gmail.com", "alice.pr\u043ebe@gmail.com",
               "alice.probe@gm\u0430il.com", "alice.probe@xn--gmil-63d.com"]


def _sign(visitor, petition, email, _expected=303):
    return visitor.post("petitions.show", petition_id=petition.id, _csrf=False,
                        _data=SIGNER | {"email": email}, _expected=_expected)


def _signatures():
    return db.session.scalars(select(Signature).order_by(Signature.id)).all()


def _mails(template=None):
    query = select(OutboxMail).order_by(OutboxMail.id)
    if template:
        query = query.where(OutboxMail.template == template)
    return db.session.scalars(query).all()


def test_every_variant_of_one_mailbox_signs_once(visitor):
    petition = create_petition()
    for email in ONE_MAILBOX:
        _sign(visitor, petition, email)

    [signature] = _signatures()
    assert (signature.email, signature.email_canonical) == (
        "alice.probe@gmail.com", "aliceprobe@gmail.com")
    assert [mail.to_address for mail in _mails("petition_confirm")] == ["alice.probe@gmail.com"]


def test_the_address_is_kept_as_typed_and_mailed_as_typed(visitor):
    petition = create_petition()
    _sign(visitor, petition, "  Pat.Signer+Petitions@Example.org ")

    [signature] = _signatures()
    assert (signature.email, signature.email_canonical) == (
        "Pat.Signer+Petitions@Example.org", "pat.signer@example.org")
    [mail] = _mails()
    assert mail.to_address == "Pat.Signer+Petitions@Example.org"


def test_a_look_alike_address_is_refused_at_the_field_and_not_stored(visitor):
    petition = create_petition()
    for email in LOOK_ALIKES:
        response = _sign(visitor, petition, email, _expected=400)
        assert field_error(response, "email") == MIXED_SCRIPTS_MESSAGE
    assert _signatures() == [] and _mails() == []


def test_fifteen_posts_of_one_address_send_one_already_signed_mail_a_day(visitor):
    petition = create_petition()
    for attempt in range(15):
        _sign(visitor, petition, "pat@example.org" if attempt % 2 else "Pat+x@example.org")

    assert [mail.template for mail in _mails()] == ["petition_confirm", "petition_already_signed"]
    # The next day, one more.
    tomorrow = utcnow() + timedelta(days=1)
    for _ in range(3):
        signing.sign(db.session, petition.id, name="Pat", email="pat@example.org",
                     postcode="SW1A 1AA", now=tomorrow)
    assert len(_mails("petition_already_signed")) == 2


def test_the_mail_cap_is_per_petition(visitor):
    first, second = create_petition(), create_petition()
    for petition in (first, second, first, second, first):
        _sign(visitor, petition, "pat@example.org")
    assert db.session.scalar(select(func.count()).select_from(OutboxMail).where(
        OutboxMail.template == "petition_already_signed")) == 2


def _marked(petition, email):
    """A signature as migration 0009 leaves one that shares an earlier one's canonical form."""
    signature = create_signature(petition=petition, email=email)
    signature.email_canonical = legacy_key(email)
    db.session.commit()
    return signature


def test_staff_find_the_marked_duplicates_and_invalidate_them(client_as):
    helper = client_as(create_staff())
    petition = create_petition()
    create_signature(petition=petition, email="first@example.org")
    marked = _marked(petition, "second@example.org")
    assert counting.total(db.session, petition.id) == 2

    page = page_text(helper.get("petitions_staff.signatures", petition_id=petition.id,
                                duplicates_only="y"))
    assert "1 signature matches" in page and "second@example.org" in page
    helper.post("petitions_staff.invalidate", petition_id=petition.id,
                _data={"duplicates_only": "y", "expected": "1"})

    db.session.refresh(marked)
    assert marked.status == "invalidated"
    assert counting.total(db.session, petition.id) == 1


def test_the_duplicates_command_reports_the_marked_signatures(runner):
    petition = create_petition()
    create_signature(petition=petition, email="first@example.org")
    marked = _marked(petition, "second@example.org")
    result = runner.invoke(args=["petitions", "duplicates"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"petition {petition.id}: signature {marked.id} (confirmed, counted)",
        "1 marked signature(s)"]
