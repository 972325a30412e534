"""Scheduled job runs: one row per job per period, claimed before the job runs.

The unique (job, period) key is the lock: whichever instance inserts the row first
runs the job for that period, every other instance sees the row and skips.
"""

from datetime import datetime

from sqlalchemy import BigInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class JobStatus:
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class JobRun(Base):
    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("job", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(80))
    # Seconds since the epoch divided by the job's interval: the same number on every instance.
    period: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(10), default=JobStatus.RUNNING)
    detail: Mapped[str | None] = mapped_column(Text)
    host: Mapped[str | None] = mapped_column(String(120))
