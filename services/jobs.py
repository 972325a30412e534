"""Scheduled jobs: a registry areas add to, and a runner that runs each job once per period.

A job is a function taking the database session, run every `every_seconds`. Time is cut
into periods (seconds since the epoch // every_seconds), the same on every machine; before
running a job the runner inserts a `job_runs` row for (job, period) and commits it. The
unique key makes that insert a lock that works across processes and machines, on
PostgreSQL and SQLite alike: the instance that inserts first runs the job, the others skip.
"""

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.base import utcnow
from models.jobs import JobRun, JobStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    function: Callable[[Session], object]
    every_seconds: int

    def period(self, now: datetime) -> int:
        return int(now.timestamp()) // self.every_seconds


_REGISTRY: dict[str, Job] = {}


def register_job(name: str, function: Callable[[Session], object], every_seconds: int) -> None:
    """Add a job to the registry (an area calls this in its init_app).

    `function(session)` does the work and may return a short text for the log; it
    flushes or commits as it likes, and the runner commits after it. Registering the
    same name again replaces the job (create_app may run more than once in a process).
    """
    if every_seconds < 1:
        raise ValueError("every_seconds must be at least 1")
    _REGISTRY[name] = Job(name, function, int(every_seconds))


def registered_jobs() -> list[Job]:
    return sorted(_REGISTRY.values(), key=lambda job: job.name)


@dataclass
class Outcome:
    job: str
    status: str  # "ran", "skipped" (already claimed this period) or "failed"
    detail: str = ""


def _host() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def claim(session: Session, job: Job, now: datetime) -> JobRun | None:
    """Insert and commit the (job, period) row; None when another instance got there first."""
    period = job.period(now)
    exists = select(JobRun.id).where(JobRun.job == job.name, JobRun.period == period)
    if session.scalar(exists) is not None:
        session.rollback()
        return None
    run = JobRun(job=job.name, period=period, started_at=now, host=_host())
    session.add(run)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    return run


def run_job(session: Session, job: Job, now: datetime | None = None) -> Outcome:
    """Run one job if this period's run is still unclaimed; record how it ended."""
    now = now or utcnow()
    run = claim(session, job, now)
    if run is None:
        return Outcome(job.name, "skipped")
    run_id = run.id
    try:
        detail = job.function(session)
        session.commit()
    except Exception as error:  # a failing job must not stop the others
        session.rollback()
        log.exception("job %s failed", job.name)
        status, detail = JobStatus.FAILED, f"{type(error).__name__}: {error}"
    else:
        status, detail = JobStatus.DONE, "" if detail is None else str(detail)
    run = session.get(JobRun, run_id)
    run.status, run.detail, run.finished_at = status, detail[:2000], utcnow()
    session.commit()
    log.info("job %s %s %s", job.name, status, detail)
    return Outcome(job.name, "ran" if status == JobStatus.DONE else "failed", detail)


def run_due(session: Session, *, now: datetime | None = None,
            only: set[str] | None = None) -> list[Outcome]:
    """Run every registered job (or those named in `only`) not yet run in its current period."""
    return [run_job(session, job, now) for job in registered_jobs()
            if only is None or job.name in only]


def delete_runs_before(session: Session, cutoff: datetime) -> int:
    """Delete the record of job runs started before `cutoff`; return how many."""
    result = session.execute(delete(JobRun).where(JobRun.started_at < cutoff))
    return result.rowcount or 0


def prune_job_runs(session: Session) -> str:
    """The foundation's daily job: forget job runs older than 30 days."""
    return f"deleted {delete_runs_before(session, utcnow() - timedelta(days=30))} job runs"
