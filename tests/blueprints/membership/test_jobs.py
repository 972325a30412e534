"""The daily sweep runs from the job runner."""

from datetime import timedelta

from sqlalchemy import func, select

from models.outbox import OutboxMail
from services.membership.standing import today
from tests.factories import create_member


def test_the_job_runner_sweeps_memberships_daily(runner, db_session):
    assert "members.sweep\tevery 86400 s" in runner.invoke(args=["jobs", "list"]).output
    email = create_member(status="active", period_end=today() + timedelta(days=30)).email
    result = runner.invoke(args=["jobs", "run", "--only", "members.sweep"])
    assert "ran members.sweep: Examined" in result.output
    assert "Reminders: 1 " in result.output
    reminders = db_session.scalar(select(func.count()).select_from(OutboxMail)
                                  .where(OutboxMail.to_address == email))
    assert reminders == 1
