"""The membership area's scheduled work, for the job runner and the `members sweep` command."""

from datetime import date

from sqlalchemy.orm import Session

from services.membership.sweep import SweepReport, sweep_batch

SWEEP_EVERY_SECONDS = 24 * 60 * 60


def sweep_all(session: Session, on: date | None = None) -> SweepReport:
    """Sweep every membership in batches, committing each batch (a stop loses no batch)."""
    report = SweepReport()
    after = 0
    while True:
        sweep_batch(session, on=on, after_id=after, report=report)
        session.commit()
        if report.last_id is None:
            return report
        after = report.last_id


def describe(report: SweepReport) -> str:
    moved = ", ".join(f"{n} {k}" for k, n in sorted(report.transitions.items())) or "none"
    sent = ", ".join(f"{n} {k}" for k, n in sorted(report.reminders.items())) or "none"
    return f"Examined {report.examined} memberships. Status changes: {moved}. Reminders: {sent}."


def sweep_job(session: Session) -> str:
    """The daily job: lifecycle transitions and reminders (never twice, see the sweep)."""
    return describe(sweep_all(session))


def register() -> None:
    from services.jobs import register_job

    register_job("members.sweep", sweep_job, every_seconds=SWEEP_EVERY_SECONDS)
