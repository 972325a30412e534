"""The things the access table's URLs point at, made by the factories only when a route asks.

`People` is a dict-like: `people["published_statement"]` makes a published statement the
first time it is asked for and gives the same one after. The test makes one People per
route, after the five role users, so a poll opened here has the member in good standing
(and not the lapsed member) on its list of voters.
"""

from sqlalchemy import select

from extensions import db
from models.membership import Payment
from services.membership.joining import membership_of
from tests.factories import create_user
from tests.factories.membership import category_by_code, create_member
from tests.factories.petitions import confirm_token, create_petition, create_signature
from tests.factories.polls import close, create_poll, vote
from tests.factories.statements import create_statement

_QUESTIONS = (
    ("Should the government bring in new management?", "yes_no", []),
    ("Anything else?", "text", []),
    ("Chair", "ranked", ["Ann", "Bob", "Cat"], {"seats": 1}),
)


def _subject_membership():
    user = create_member(status="active")
    return membership_of(db.session, user)


def _closed_poll():
    voter = create_member(status="active")
    poll = create_poll(status="open", questions=_QUESTIONS)
    vote(poll, voter, {0: 0, 1: "More staff.", 2: (1, 0)})
    return close(poll)


MAKERS = {
    "subject": create_user,
    "membership": _subject_membership,
    "payment": lambda people: db.session.scalars(
        select(Payment).where(Payment.membership_id == people["membership"].id)).first(),
    "category": lambda: category_by_code("qualified"),
    "published_statement": lambda: create_statement(state="published"),
    "draft_statement": lambda: create_statement(state="draft"),
    "statement_in_review": lambda: create_statement(state="in_review"),
    "approved_statement": lambda: create_statement(state="approved"),
    "consultation": lambda: create_statement(state="draft", consultation=True),
    "draft_poll": lambda: create_poll(questions=_QUESTIONS),
    "open_poll": lambda: create_poll(status="open", questions=_QUESTIONS),
    "public_poll": lambda: create_poll(status="open", audience="public", questions=_QUESTIONS),
    "closed_poll": _closed_poll,
    "open_petition": lambda: create_petition(state="open"),
    "pending_petition": lambda: create_petition(state="pending", opens_at=None),
    "hidden_petition": lambda: create_petition(state="hidden"),
    "pending_signature": lambda people: create_signature(petition=people["open_petition"],
                                                         confirmed=False),
    "confirm_token": lambda people: confirm_token(people["pending_signature"]),
}


class People(dict):
    """Things made on first use (see MAKERS); "subject" is a plain account."""

    def __missing__(self, key):
        maker = MAKERS[key]
        value = maker(self) if maker.__code__.co_argcount else maker()
        self[key] = value
        return value
