from datetime import timedelta

from sqlalchemy import func, select

from models.membership import Membership, MembershipEvent
from models.outbox import OutboxMail
from services.membership.standing import today
from services.membership.sweep import sweep_batch
from tests.factories import create_member


def membership_of(db_session, user):
    return db_session.scalar(select(Membership).where(Membership.user_id == user.id))


def mails_to(db_session, user):
    return db_session.scalar(select(func.count()).select_from(OutboxMail)
                             .where(OutboxMail.to_address == user.email))


def test_renewal_reminders_go_30_and_7_days_before_and_never_twice(db_session):
    end = today() + timedelta(days=30)
    user = create_member(status="active", period_end=end)
    sweep_batch(db_session, on=today())
    sweep_batch(db_session, on=today())
    assert mails_to(db_session, user) == 1
    sweep_batch(db_session, on=end - timedelta(days=7))
    sweep_batch(db_session, on=end - timedelta(days=6))
    assert mails_to(db_session, user) == 2


def test_an_unpaid_period_moves_to_grace_with_a_reminder_then_lapses(db_session):
    end = today() + timedelta(days=1)
    user = create_member(status="active", period_end=end)
    membership = membership_of(db_session, user)
    report = sweep_batch(db_session, on=end)
    assert membership.status == "grace"
    assert report.transitions == {"grace": 1} and report.reminders == {"grace-start": 1}
    sweep_batch(db_session, on=end + timedelta(days=30))
    assert membership.status == "lapsed"
    kinds = db_session.scalars(select(MembershipEvent.detail).where(
        MembershipEvent.membership_id == membership.id, MembershipEvent.kind == "status")).all()
    assert [k["to"] for k in kinds] == ["grace", "lapsed"]


def test_members_sweep_command_reports_what_it_did(runner):
    create_member(status="active", period_end=today() + timedelta(days=5))
    result = runner.invoke(args=["members", "sweep"])
    assert result.exit_code == 0, result.output
    assert "renewal-7" in result.output
    again = runner.invoke(args=["members", "sweep"])
    assert "Reminders: none" in again.output
