"""The sharded counters: adding to them as signatures count, reading them, reconciling them.

A confirmation adds one to one (petition, area, shard) row and one
(petition, day, shard) row, chosen by the signature's id, so concurrent
confirmations seldom touch the same row and no row is touched by every one.
Pages read sums through ``services.petitions.cache``; nothing counts signatures
on a page view. ``reconcile`` recomputes from the signatures and fixes drift.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqlalchemy import String, cast, func, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models.petitions import Signature, SignatureCount, SignatureDayCount, SignatureStatus
from rules.petitions.sharding import SHARDS, shard_for
from services.petitions import cache


@lru_cache(maxsize=16)
def _upsert_statement(dialect: str, model):
    """INSERT ... ON CONFLICT DO UPDATE count = count + excluded.count, built once."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = model.__table__
    keys = [c.name for c in table.primary_key.columns]
    # A Core statement on the table: the ORM's bulk machinery costs more than the upsert.
    statement = insert(table)
    return keys, statement.on_conflict_do_update(
        index_elements=keys, set_={"count": table.c.count + statement.excluded.count})


def _upsert(session: Session, model, rows: list[dict]) -> None:
    """Add each row's ``count`` to the matching counter row, creating it if missing."""
    if not rows:
        return
    keys, statement = _upsert_statement(session.get_bind().dialect.name, model)
    # Sorted, so two transactions touching the same rows lock them in the same order.
    rows = sorted(rows, key=lambda row: tuple(str(row[k]) for k in keys))
    session.execute(statement, rows[0] if len(rows) == 1 else rows)


def add(session: Session, entries: Iterable[tuple[int, str, int, date]], sign: int = 1) -> None:
    """Add (``sign`` = 1) or take away (-1) counted signatures from the counters.

    Each entry is (petition_id, area_key, signature_id, day counted). Entries
    sharing a counter row are merged first, so a bulk change is one statement
    per table.
    """
    areas: dict[tuple, int] = defaultdict(int)
    days: dict[tuple, int] = defaultdict(int)
    for petition_id, area_key, signature_id, day in entries:
        shard = shard_for(signature_id)
        areas[(petition_id, area_key, shard)] += sign
        days[(petition_id, day, shard)] += sign
    # Rows in one order (area rows, then day rows, each sorted), the order confirmations
    # lock them in, so concurrent changes wait for each other instead of deadlocking.
    _upsert(session, SignatureCount, [
        {"petition_id": p, "area_key": a, "shard": s, "count": n}
        for (p, a, s), n in sorted(areas.items()) if n])
    _upsert(session, SignatureDayCount, [
        {"petition_id": p, "day": d, "shard": s, "count": n}
        for (p, d, s), n in sorted(days.items()) if n])


def area_counts(session: Session, petition_id: int) -> dict[str, int]:
    """Return the petition's count in each area key (only areas with a signature), uncached."""
    rows = session.execute(
        select(SignatureCount.area_key, func.sum(SignatureCount.count))
        .where(SignatureCount.petition_id == petition_id)
        .group_by(SignatureCount.area_key)
    )
    return {key: int(total) for key, total in rows if total}


def total(session: Session, petition_id: int) -> int:
    """Return the petition's counted signatures from the counters, uncached."""
    return sum(area_counts(session, petition_id).values())


def day_counts(session: Session, petition_id: int) -> list[tuple[date, int]]:
    """Return (day, signatures counted that day) in day order, uncached."""
    rows = session.execute(
        select(SignatureDayCount.day, func.sum(SignatureDayCount.count))
        .where(SignatureDayCount.petition_id == petition_id)
        .group_by(SignatureDayCount.day)
        .order_by(SignatureDayCount.day)
    )
    return [(day, int(n)) for day, n in rows]


def all_totals(session: Session) -> dict[int, int]:
    """Return every petition's total, uncached (one grouped read of the counter rows)."""
    rows = session.execute(
        select(SignatureCount.petition_id, func.sum(SignatureCount.count))
        .group_by(SignatureCount.petition_id)
    )
    return {petition_id: int(n) for petition_id, n in rows}


def cached_counts(session: Session, petition_id: int) -> dict:
    """Return {"total", "areas", "days"} for a petition, at most a few seconds old."""

    def compute() -> dict:
        areas = area_counts(session, petition_id)
        days = [[day.isoformat(), n] for day, n in day_counts(session, petition_id)]
        return {"total": sum(areas.values()), "areas": areas, "days": days}

    return cache.cached(_counts_key(petition_id), compute)


def kept_total(petition_id: int, redis_url: str) -> int | None:
    """The total ``cached_counts`` holds now, if fresh; None rather than adding up the
    counters (for the surge gate, outside any app context)."""
    counts = cache.peek(_counts_key(petition_id), redis_url)
    return None if counts is None else counts["total"]


def _counts_key(petition_id: int) -> str:
    return f"counts:{petition_id}"


def cached_totals(session: Session) -> dict[int, int]:
    """Return every petition's total, at most a few seconds old."""
    raw = cache.cached("totals", lambda: {str(k): v for k, v in all_totals(session).items()})
    return {int(k): v for k, v in raw.items()}


def forget(petition_id: int) -> None:
    cache.forget(_counts_key(petition_id))
    cache.forget("totals")


@dataclass
class Drift:
    """What reconciling found: per petition, the counters' total minus the true count."""

    petitions: dict[int, int] = field(default_factory=dict)
    rows_fixed: int = 0

    @property
    def clean(self) -> bool:
        return not self.petitions


def _counted():
    return (Signature.status == SignatureStatus.CONFIRMED) & Signature.suspicious.is_(False)


def _shard_expr():
    # The same shard as rules.petitions.sharding.shard_for(id) for integer ids.
    return Signature.id % SHARDS


def _drift_rows(session: Session, model, key_column, signature_key, petition_id: int | None):
    """Counter rows that disagree with the signatures: (petition, key, shard, drift).

    One statement, so the counters and the signatures are read in one snapshot
    and confirmations running meanwhile do not show as drift.
    """
    counters = select(model.petition_id.label("p"), key_column.label("k"),
                      model.shard.label("s"), model.count.label("n"))
    truth = select(Signature.petition_id.label("p"), signature_key.label("k"),
                   _shard_expr().label("s"), literal(-1).label("n")).where(_counted())
    if petition_id is not None:
        counters = counters.where(model.petition_id == petition_id)
        truth = truth.where(Signature.petition_id == petition_id)
    both = union_all(counters, truth).subquery()
    drift = func.sum(both.c.n)
    return session.execute(
        select(both.c.p, both.c.k, both.c.s, drift).group_by(both.c.p, both.c.k, both.c.s)
        .having(drift != 0)
    ).all()


def reconcile(session: Session, *, petition_id: int | None = None, fix: bool = True) -> Drift:
    """Compare the counters with the counted signatures; with ``fix``, correct the counters.

    The correction is added to the rows (never overwritten), so confirmations
    committed while this runs are kept. Returns the drift found per petition.
    """
    report = Drift()
    area_rows = _drift_rows(session, SignatureCount, SignatureCount.area_key,
                            Signature.area_key, petition_id)
    day_key = cast(func.date(Signature.confirmed_at), String)
    day_rows = _drift_rows(session, SignatureDayCount, cast(SignatureDayCount.day, String),
                           day_key, petition_id)
    for p, _key, _shard, n in area_rows:
        report.petitions[p] = report.petitions.get(p, 0) + int(n)
    report.petitions = {p: n for p, n in report.petitions.items() if n}
    if fix:
        _upsert(session, SignatureCount, [
            {"petition_id": p, "area_key": k, "shard": int(s), "count": -int(n)}
            for p, k, s, n in area_rows])
        _upsert(session, SignatureDayCount, [
            {"petition_id": p, "day": date.fromisoformat(str(k)[:10]), "shard": int(s),
             "count": -int(n)}
            for p, k, s, n in day_rows])
        report.rows_fixed = len(area_rows) + len(day_rows)
        for p, *_ in [*area_rows, *day_rows]:
            forget(p)
        session.flush()
    # Day rows can drift while totals agree (a wrong day); still worth reporting.
    for p, *_ in day_rows:
        report.petitions.setdefault(p, 0)
    return report

