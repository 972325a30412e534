"""The polls area's scheduled work: opening and closing polls at their set times."""

from sqlalchemy.orm import Session

from services.polls.running import open_and_close_due

OPEN_CLOSE_EVERY_SECONDS = 60


def open_close_due_job(session: Session) -> str:
    """Open scheduled polls whose time has come, close expired ones (the runner commits)."""
    opened, closed = open_and_close_due(session)
    return f"opened {opened}, closed {closed}"


def register() -> None:
    from services.jobs import register_job

    register_job("polls.open-close-due", open_close_due_job, every_seconds=OPEN_CLOSE_EVERY_SECONDS)
