"""Members take part: comments during consultation (staff only), one endorsement each."""

import pytest
from sqlalchemy import select

from models.statements import ConsultationComment
from services.statements import participation
from services.statements.errors import StatementError
from tests.factories import create_member, create_user
from tests.factories.statements import create_statement


def test_a_verified_member_may_take_part_and_an_unverified_one_may_not(db_session):
    assert participation.may_take_part(db_session, create_member())
    assert not participation.may_take_part(db_session, create_user(verified=False))
    assert not participation.may_take_part(db_session, create_user())  # an account, not a member
    assert not participation.may_take_part(db_session, create_member(status="lapsed"))
    assert not participation.may_take_part(db_session, None)


def test_a_member_comments_on_a_draft_in_consultation(db_session):
    statement = create_statement(state="draft", consultation=True)
    member = create_member()
    participation.add_comment(db_session, statement, member=member, body=" I agree.\r\nMostly. ")
    comment = db_session.scalar(select(ConsultationComment))
    assert (comment.member_id, comment.body) == (member.id, "I agree.\nMostly.")


def test_no_comments_outside_a_consultation(db_session):
    statement = create_statement(state="draft")
    with pytest.raises(StatementError, match="not open"):
        participation.add_comment(db_session, statement, member=create_member(), body="Hello")


def test_an_empty_comment_is_refused(db_session):
    statement = create_statement(state="draft", consultation=True)
    with pytest.raises(StatementError) as raised:
        participation.add_comment(db_session, statement, member=create_member(), body="   ")
    assert raised.value.field == "body"


def test_each_member_endorses_once_and_the_count_is_public(db_session):
    statement = create_statement()
    first, second = create_member(), create_member()
    assert participation.endorse(db_session, statement, user=first)
    assert not participation.endorse(db_session, statement, user=first)
    assert participation.endorse(db_session, statement, user=second)
    assert participation.endorsement_count(db_session, statement) == 2
    assert participation.withdraw_endorsement(db_session, statement, user=first)
    assert participation.endorsement_count(db_session, statement) == 1


def test_a_withdrawn_statement_cannot_be_endorsed(db_session):
    statement = create_statement(state="withdrawn")
    with pytest.raises(StatementError, match="current, published"):
        participation.endorse(db_session, statement, user=create_member())


def test_an_unverified_account_cannot_endorse(db_session):
    with pytest.raises(StatementError, match="good standing"):
        participation.endorse(db_session, create_statement(), user=create_user(verified=False))
