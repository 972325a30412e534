"""A public poll takes one response per person: addresses compare in their canonical form
(rules.emails), look-alikes are refused at the field, and mail goes to the address as typed."""

import re

from sqlalchemy import func, select

from extensions import db
from models.base import utcnow
from models.outbox import OutboxMail
from models.polls import Ballot, PublicParticipation
from rules.emails import MIXED_SCRIPTS_MESSAGE
from services.polls import public
from tests.factories.polls import create_poll
from tests.helpers import field_error


def _public_poll():
    return create_poll(status="open", audience="public",
                       questions=[("Should councils hire more social workers?", "yes_no", [])])


def _respond(client_as, poll, email, _expected=302):
    q = poll.questions[0]
    return client_as(None).post("polls.respond", poll_id=poll.id, _expected=_expected,
                                _data={f"q-{q.id}": q.options[0].id, "email": email})


def _confirm(client_as, poll, mail, _expected=200):
    token = re.search(r"/confirm/(\S+)", mail.text_body).group(1)
    return client_as(None).post("polls.confirm_response", poll_id=poll.id, token=token,
                                _expected=_expected)


def _ballots() -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot))


def test_variants_of_one_address_respond_once(client_as):
    poll = _public_poll()
    for email in ("Reader.One+poll@Example.org", "reader.one@example.org"):
        _respond(client_as, poll, email)
    first, second = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
    assert first.to_address == "Reader.One+poll@Example.org"  # as typed

    _confirm(client_as, poll, first)
    refused = _confirm(client_as, poll, second, _expected=400)

    assert "already been counted" in refused.get_data(as_text=True)
    assert _ballots() == 1


def test_a_look_alike_address_is_refused_at_the_field(client_as):
    poll = _public_poll()
    response = _respond(client_as, poll, "r\u0435ader@example.org", _expected=400)  # Cyrillic e
    assert field_error(response, "email") == MIXED_SCRIPTS_MESSAGE
    assert db.session.scalars(select(OutboxMail)).all() == []


def test_a_response_recorded_before_canonical_forms_still_counts_once(client_as):
    """Digests stored before migration 0009 were of the lower-cased address."""
    poll = _public_poll()
    _respond(client_as, poll, "Alice.Probe@gmail.com")
    [mail] = db.session.scalars(select(OutboxMail)).all()
    db.session.add(PublicParticipation(poll_id=poll.id,
                                       email_digest=public._digest("alice.probe@gmail.com"),
                                       responded_on=utcnow().date()))
    db.session.commit()

    _confirm(client_as, poll, mail, _expected=400)

    assert _ballots() == 0
