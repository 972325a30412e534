from datetime import timedelta

from sqlalchemy import func, select

from models.base import utcnow
from models.outbox import MailCap
from services import mail_caps


def test_one_mail_of_a_kind_about_one_thing_a_day(db_session):
    today = utcnow().date()
    assert mail_caps.first_today(db_session, "kind", 7, "pat@example.org", today=today)
    assert not mail_caps.first_today(db_session, "kind", 7, "pat@example.org", today=today)
    assert mail_caps.first_today(db_session, "kind", 8, "pat@example.org", today=today)
    assert mail_caps.first_today(db_session, "other kind", 7, "pat@example.org", today=today)
    assert mail_caps.first_today(db_session, "kind", 7, "pat@example.org",
                                 today=today + timedelta(days=1))


def test_the_daily_job_forgets_days_before_yesterday_and_stores_no_address(db_session):
    today = utcnow().date()
    for days_ago in (0, 1, 2, 5):
        mail_caps.first_today(db_session, "kind", "pat@example.org",
                              today=today - timedelta(days=days_ago))
    assert mail_caps.prune_mail_caps(db_session) == "deleted 2 mail caps"
    assert db_session.scalar(select(func.count()).select_from(MailCap)) == 2
    assert all("pat" not in key for key in db_session.scalars(select(MailCap.key)))
