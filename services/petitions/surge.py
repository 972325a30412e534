"""Signing and confirming in one statement each, for PostgreSQL under a surge.

On PostgreSQL a signature is one round trip to the database and a
confirmation another: each is a single statement whose common table
expressions do what the general path in ``services.petitions.signing`` does
in several (check the petition takes signatures, insert the signature with
its per-IP windows, queue its confirmation mail; or flip a pending signature
to confirmed and add it to both sharded counters). The rules are the same as
the general path's, written in SQL:

- a petition takes signatures while stored "open", opened and not yet closed
  (``rules.petitions.lifecycle.petition_state``);
- a new signature is held as suspicious when the address already has the
  limit of signatures inside either window (``_held_if_over_a_window``); the
  ORDER BY is the (petition, IP, time) index's own order, so the plan uses that
  index even when it was made while the table was nearly empty (otherwise
  PostgreSQL may pick the (petition, canonical email) index and read every signature of
  the petition, a cost that grows with the petition);
- a confirmation counts if the petition is not hidden or rejected and the
  signature was made before closing and confirmed within the grace after it
  (``confirmation_accepted``); the counter rows are chosen by ``shard_for``,
  and locked in one order, area row then day row, as ``counting.add`` does.

A statement with data-modifying common table expressions is atomic on its
own, so when the request's session has not begun a transaction (as in a
signing or confirming request), it runs alone in autocommit: one round trip,
with no BEGIN and COMMIT around it. Inside a transaction (a test's, or a
caller that has done other work) it joins that transaction instead.

When a statement does nothing (the petition is not open, the email has
signed, the link is stale) the caller takes the general path, which finds out
why and says so. SQLite runs the general path only.
"""

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

import psycopg
from sqlalchemy import Engine, Row, bindparam, text
from sqlalchemy.dialects.postgresql.psycopg import dialect as psycopg_dialect
from sqlalchemy.orm import Session, scoped_session

from models.base import UTCDateTime
from models.outbox import MailStatus
from models.petitions import SignatureStatus
from rules.petitions.lifecycle import CONFIRMATION_GRACE, PetitionState
from rules.petitions.sharding import SHARDS

CONFIRM_SUBJECT = "Confirm your signature"

_WINDOW = """(SELECT count(*) FROM (
        SELECT 1 FROM signatures AS earlier
        WHERE earlier.petition_id = p.id AND earlier.ip_address = :ip
          AND earlier.created_at > :now - make_interval(mins => p.rate_{w}_minutes)
        ORDER BY earlier.ip_address, earlier.created_at DESC
        LIMIT p.rate_{w}_max) AS capped) >= p.rate_{w}_max"""

# Only module constants are formatted into the two statements; every value is a bound parameter.
_SIGN = text(f"""
WITH p AS (
    SELECT id, rate_short_max, rate_short_minutes, rate_long_max, rate_long_minutes
    FROM petitions
    WHERE id = :petition_id AND stored_state = :open
      AND (opens_at IS NULL OR opens_at <= :now) AND (closes_at IS NULL OR closes_at > :now)
), s AS (
    INSERT INTO signatures (petition_id, name, email, email_canonical, postcode, area_key,
                            consents_to_updates, ip_address, status, suspicious, created_at)
    SELECT p.id, :name, :email, :email_canonical, :postcode, :area_key, :consents, :ip, :pending,
           CAST(:ip AS varchar) IS NOT NULL AND ({_WINDOW.format(w="short")}
                                            OR {_WINDOW.format(w="long")}),
           :now
    FROM p
    ON CONFLICT (petition_id, email_canonical) DO NOTHING
    RETURNING id
), m AS (
    INSERT INTO outbox_mail (to_address, subject, template, context, status, attempts,
                             created_at, next_attempt_at)
    SELECT :email, :subject, 'petition_confirm', json_build_object('signature_id', s.id),
           :mail_pending, 0, :now, :now
    FROM s
)
SELECT EXISTS (SELECT 1 FROM p) AS open, (SELECT id FROM s) AS signature_id
""").bindparams(bindparam("now", type_=UTCDateTime()))  # nosec B608

_CONFIRM = text(f"""
WITH c AS (
    UPDATE signatures AS s SET status = :confirmed, confirmed_at = :now
    FROM petitions AS p
    WHERE s.id = :signature_id AND s.status = :pending AND p.id = s.petition_id
      AND p.stored_state NOT IN (:hidden, :rejected)
      AND (p.closes_at IS NULL OR (s.created_at < p.closes_at AND p.closes_at > :grace_start))
    RETURNING s.id, s.petition_id, s.area_key, s.suspicious,
              p.response_threshold, p.response_threshold_passed_at,
              p.debate_threshold, p.debate_threshold_passed_at
), areas AS (
    INSERT INTO signature_counts (petition_id, area_key, shard, count)
    SELECT petition_id, area_key, id % {SHARDS}, 1 FROM c WHERE NOT suspicious
    ON CONFLICT (petition_id, area_key, shard)
    DO UPDATE SET count = signature_counts.count + 1
    RETURNING petition_id, shard
), days AS (
    -- From areas' row, not c's: PostgreSQL runs sibling CTEs in no set order, and two
    -- confirmations locking the two counter rows in opposite orders deadlock.
    INSERT INTO signature_day_counts (petition_id, day, shard, count)
    SELECT petition_id, :day, shard, 1 FROM areas
    ON CONFLICT (petition_id, day, shard)
    DO UPDATE SET count = signature_day_counts.count + 1
)
SELECT petition_id, response_threshold, response_threshold_passed_at,
       debate_threshold, debate_threshold_passed_at
FROM c
""").bindparams(bindparam("now", type_=UTCDateTime()),  # nosec B608
                bindparam("grace_start", type_=UTCDateTime()))


class _DriverStatement(NamedTuple):
    sql: bytes  # with positional %s parameters
    names: tuple[str, ...]  # of the values, in their order
    values: itemgetter | None  # the values in order, from the parameters by name (2 or more)
    datetimes: tuple[int, ...]  # the positions of UTCDateTime values


@lru_cache(maxsize=4)
def _driver_sql(statement) -> _DriverStatement:
    """The statement as psycopg takes it, compiled and encoded once (the same bytes object
    each time, whose hash psycopg's query cache reuses), and how to order its values."""
    compiled = statement.compile(dialect=psycopg_dialect(paramstyle="format"))
    names = tuple(compiled.positiontup)
    datetimes = tuple(i for i, name in enumerate(names)
                      if isinstance(compiled.binds[name].type, UTCDateTime))
    getter = itemgetter(*names) if len(names) > 1 else None
    return _DriverStatement(str(compiled).encode(), names, getter, datetimes)


# Where a pooled connection keeps its cursor for these statements (see _run).
_CURSOR = "surge_cursor"


def _cursor(pooled):
    """The pooled connection's own cursor for these statements, made on first use.

    A cursor remembers how it turned each Python type into PostgreSQL's (its dumpers);
    a new cursor per statement looked them up again every time, which under a surge cost
    more than sending the statement. A pooled connection is used by one thread at a time,
    and so is its cursor. A cursor of a connection since replaced is not reused.
    """
    driver = pooled.driver_connection
    cursor = pooled.info.get(_CURSOR)
    if cursor is None or cursor.closed or cursor.connection is not driver:
        cursor = driver.cursor()
        pooled.info[_CURSOR] = cursor
    return cursor


class _Kept:
    """A thread's own connection and cursor; closed when the thread (or its owner) goes."""

    def __init__(self, connection: psycopg.Connection):
        self.connection = connection
        self.cursor = connection.cursor()

    def close(self) -> None:
        self.connection.close()

    __del__ = close


class ThreadConnections:
    """For code outside Flask (the surge gate): each thread's own connection, in autocommit.

    Taking a pooled connection out and handing it back around every statement (the
    pool's lock, its checkout and checkin events, the reset, autocommit switched on and
    off) cost the surge gate about a tenth of its time under the bench. A gunicorn
    worker's threads live as long as the worker, so each keeps one connection of its own
    to the engine's database, always in autocommit, with one cursor (see ``_cursor``), as
    Django keeps a connection per thread. So a worker holds up to its thread count of
    these besides its pool. A statement that fails on a broken connection closes it, and
    the thread's next statement opens a new one; the caller lets a view answer meanwhile.
    Made for thread workers (gunicorn gthread, as deployed): under gevent a thread-local
    is a greenlet's, and each greenlet would open a connection.
    """

    def __init__(self, engine: Engine):
        cargs, cparams = engine.dialect.create_connect_args(engine.url)
        self._connect = lambda: psycopg.connect(*cargs, **cparams, autocommit=True)
        self._local = threading.local()

    def run(self, sql: bytes, values: list) -> tuple | None:
        kept = getattr(self._local, "kept", None)
        if kept is None or kept.connection.closed:
            kept = self._local.kept = _Kept(self._connect())
        try:
            kept.cursor.execute(sql, values)
        except psycopg.OperationalError:
            kept.close()
            raise
        return kept.cursor.fetchone()


def _run(session: Session | None, bind, statement, params: dict) -> Row | tuple | None:
    """Run one statement and return its one row (or None): alone if nothing else is under way.

    Alone, it goes straight to psycopg in autocommit: one round trip, and psycopg
    prepares it on the server after a few uses. ``bind`` is then the thread's own
    connection (``ThreadConnections``, the surge gate's) or the engine, whose pool lends
    one. Inside a transaction it joins it through the session.
    """
    if isinstance(bind, ThreadConnections):
        return bind.run(*_driver_values(statement, params))
    current = session() if isinstance(session, scoped_session) else session  # Flask-SQLAlchemy's
    if current is not None and (not isinstance(bind, Engine) or current.in_transaction()):
        return session.execute(statement, params).one_or_none()
    sql, values = _driver_values(statement, params)
    pooled = bind.raw_connection()
    try:
        driver = pooled.driver_connection
        driver.autocommit = True
        try:
            cursor = _cursor(pooled)
            cursor.execute(sql, values)
            return cursor.fetchone()
        finally:
            if not driver.closed:
                driver.autocommit = False
    except psycopg.OperationalError:
        pooled.invalidate()  # a broken connection goes, as SQLAlchemy would do
        raise
    finally:
        pooled.close()


def _driver_values(statement, params: dict) -> tuple[bytes, list]:
    """The statement as psycopg takes it and its values in order (datetimes as naive UTC,
    as UTCDateTime stores them)."""
    driver = _driver_sql(statement)
    values = list(driver.values(params)) if driver.values else [params[n] for n in driver.names]
    for i in driver.datetimes:
        values[i] = values[i].astimezone(UTC).replace(tzinfo=None)
    return driver.sql, values


def sign(session: Session | None, bind, petition_id: int, now: datetime, *, name: str, email: str,
         email_canonical: str, postcode: str | None, area_key: str, consents: bool,
         ip_address: str | None) -> tuple[bool, int | None]:
    """Sign in one statement: return (the petition took signatures, the new id or None).

    (True, None) means the email (in its canonical form) had already signed; (False,
    None) that the petition does not take signatures now (or does not exist). Arguments
    are already checked and in standard form; the confirmation goes to ``email``.
    """
    row = _run(session, bind, _SIGN, {
        "petition_id": petition_id, "open": PetitionState.OPEN, "now": now, "name": name,
        "email": email, "email_canonical": email_canonical, "postcode": postcode,
        "area_key": area_key, "consents": consents,
        "ip": ip_address, "pending": SignatureStatus.PENDING, "subject": CONFIRM_SUBJECT,
        "mail_pending": MailStatus.PENDING})
    opened, signature_id = row
    return bool(opened), signature_id


@dataclass(frozen=True)
class Confirmed:
    """A confirmation that counted: its petition and the thresholds nobody has marked yet."""

    petition_id: int
    unmarked_thresholds: tuple[int, ...]

    @classmethod
    def of(cls, petition) -> "Confirmed":
        return cls(petition.id, _unmarked(
            (petition.response_threshold, petition.response_threshold_passed_at),
            (petition.debate_threshold, petition.debate_threshold_passed_at)))


def _unmarked(*thresholds: tuple[int, datetime | None]) -> tuple[int, ...]:
    """The thresholds (each with when it was marked passed, or None) nobody has marked yet."""
    return tuple(threshold for threshold, marked_at in thresholds if marked_at is None)


def confirm(session: Session | None, bind, signature_id: int, now: datetime,
            day: date) -> Confirmed | None:
    """Confirm a pending signature and count it, in one statement; None if nothing changed."""
    row = _run(session, bind, _CONFIRM, {
        "signature_id": signature_id, "now": now, "grace_start": now - CONFIRMATION_GRACE,
        "day": day, "pending": SignatureStatus.PENDING, "confirmed": SignatureStatus.CONFIRMED,
        "hidden": PetitionState.HIDDEN, "rejected": PetitionState.REJECTED})
    if row is None:
        return None
    petition_id, response_threshold, response_passed_at, debate_threshold, debate_passed_at = row
    return Confirmed(petition_id, _unmarked((response_threshold, response_passed_at),
                                            (debate_threshold, debate_passed_at)))
