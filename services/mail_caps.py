"""At most one mail of a kind about one thing a day, however many requests ask for it.

Some mail is caused by whoever types an address into a form: "you have already signed
this petition", "you already have an account". Without a cap, a script posting one
victim's address sends the victim one mail per post. ``first_today`` claims the day's
one mail with INSERT ... ON CONFLICT DO NOTHING on (key, day), so any number of
simultaneous requests claim it once, and the claim joins the caller's transaction: it
exists exactly when the mail it stands for does.
"""

import hashlib
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models.base import utcnow
from models.outbox import MailCap


def cap_key(kind: str, *about: object) -> str:
    """The key of one kind of mail about one thing (a digest: no address is stored)."""
    return hashlib.sha256("\x1f".join([kind, *map(str, about)]).encode()).hexdigest()


@lru_cache(maxsize=4)
def _claim(dialect: str):
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (insert(MailCap.__table__)
            .values(key=bindparam("key"), day=bindparam("day"))
            .on_conflict_do_nothing(index_elements=["key", "day"])
            .returning(MailCap.__table__.c.key))


def first_today(session: Session, kind: str, *about: object, today: date | None = None) -> bool:
    """Claim today's one mail of ``kind`` about ``about``: True the first time in a (UTC)
    day, False after (the caller then sends nothing)."""
    statement = _claim(session.get_bind().dialect.name)
    claimed = session.execute(statement, {"key": cap_key(kind, *about),
                                          "day": today or utcnow().date()})
    return claimed.scalar_one_or_none() is not None


def prune_mail_caps(session: Session) -> str:
    """The daily job: forget the claims of days before yesterday (a day is all they cap)."""
    cutoff = utcnow().date() - timedelta(days=1)
    deleted = session.execute(delete(MailCap).where(MailCap.day < cutoff)).rowcount or 0
    return f"deleted {deleted} mail caps"
