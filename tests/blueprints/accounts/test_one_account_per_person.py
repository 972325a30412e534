"""One account per person, and nothing that tells who has one: registering and changing email
answer alike whether or not the address is taken, and its owner is mailed at most once a day."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from extensions import db
from models.accounts import User
from models.outbox import OutboxMail
from rules.emails import MIXED_SCRIPTS_MESSAGE
from services import passwords
from tests.factories import DEFAULT_PASSWORD, create_user
from tests.helpers import field_error, page_text

NEW = {"name": "Alex Carer", "password": "kettle orbit lantern",
       "confirm_password": "kettle orbit lantern"}


def _register(client_as, email, _expected=200):
    return client_as(None).post("accounts.register", _data=NEW | {"email": email},
                                _expected=_expected)


def _mails(template=None):
    query = select(OutboxMail).order_by(OutboxMail.id)
    if template:
        query = query.where(OutboxMail.template == template)
    return db.session.scalars(query).all()


def _accounts() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


@pytest.mark.parametrize("variant", ["Pat.Signer+1@Example.org", "pat.signer+voice@example.org",
                                     "\uff50at.signer@example.org", "p\u00e1t.signer@example.org"])
def test_registering_a_variant_of_an_address_with_an_account_tells_its_owner(client_as, variant):
    owner = create_user(email="pat.signer@example.org")

    response = _register(client_as, variant)

    assert "Check your email" in page_text(response)
    assert _accounts() == 1
    [mail] = _mails()
    assert (mail.to_address, mail.template) == (owner.email, "account_exists")


def test_gmail_dots_are_one_account(client_as):
    create_user(email="alice.probe@gmail.com")
    _register(client_as, "aliceprobe+1@googlemail.com")
    assert _accounts() == 1


def test_a_look_alike_address_is_refused_at_the_field(client_as):
    response = _register(client_as, "p\u0430t@example.org")  # a Cyrillic a
    assert field_error(response, "email") == MIXED_SCRIPTS_MESSAGE
    assert _accounts() == 0 and _mails() == []


def test_ten_registrations_of_an_existing_address_send_its_owner_one_mail_a_day(client_as):
    create_user(email="taken@example.org")
    for attempt in range(10):
        _register(client_as, "taken@example.org" if attempt % 2 else "Taken+x@example.org")
    assert len(_mails("account_exists")) == 1
    # The cap is per day: tomorrow's first attempt is told again.
    from models.outbox import MailCap

    db.session.execute(MailCap.__table__.update().values(day=MailCap.day - timedelta(days=1)))
    _register(client_as, "taken@example.org")
    assert len(_mails("account_exists")) == 2


def test_registering_a_new_or_a_taken_address_runs_the_same_expensive_steps(client_as, monkeypatch):
    """Timing must not tell which addresses have accounts: both paths hash the password once
    and queue one mail (the hash is the cost: 350 ms and more, against milliseconds)."""
    hashed = []
    real_hash = passwords.hash_password
    monkeypatch.setattr(passwords, "hash_password", lambda p: hashed.append(p) or real_hash(p))
    create_user(email="taken@example.org")
    hashed.clear()

    steps = {}
    for email in ("taken@example.org", "new@example.org"):
        mails_before, hashes_before = len(_mails()), len(hashed)
        _register(client_as, email)
        steps[email] = (len(hashed) - hashes_before, len(_mails()) - mails_before)

    assert steps == {"taken@example.org": (1, 1), "new@example.org": (1, 1)}


def _change_email(helper, email, _expected=302):
    return helper.post("accounts.change_email", _expected=_expected,
                       _data={"email-email": email, "email-password": DEFAULT_PASSWORD})


def test_changing_to_an_address_in_use_answers_as_a_free_one_and_tells_its_owner(client_as):
    owner = create_user(email="taken@example.org", name="Owner Person")
    member = create_user(email="member@example.org")
    helper = client_as(member)

    taken = _change_email(helper, "Taken@example.org")
    taken_page = page_text(helper.client.get(taken.headers["Location"]))
    free = _change_email(helper, "Free@example.org")
    free_page = page_text(helper.client.get(free.headers["Location"]))

    assert taken.headers["Location"] == free.headers["Location"]
    assert "belongs to another account" not in taken_page
    assert taken_page.replace("Taken@example.org", "X") == free_page.replace("Free@example.org", "X")
    db.session.refresh(member)
    assert member.email == "member@example.org"
    [to_owner, to_free] = _mails()
    assert (to_owner.to_address, to_owner.template) == (owner.email, "account_exists")
    assert "move another" in to_owner.text_body
    assert (to_free.to_address, to_free.template) == ("Free@example.org", "change_email")


def test_the_owner_of_an_address_hears_once_a_day_from_registering_and_changing_email(client_as):
    create_user(email="taken@example.org")
    helper = client_as(create_user())
    for _ in range(3):
        _change_email(helper, "taken@example.org")
        _register(client_as, "taken@example.org")
    assert len(_mails("account_exists")) == 1


def test_changing_to_ones_own_address_in_another_form_is_refused_at_the_field(client_as):
    helper = client_as(create_user(email="pat@example.org"))
    response = _change_email(helper, "Pat+new@Example.org", _expected=400)
    assert field_error(response, "email-email") == "That is already your email address."
