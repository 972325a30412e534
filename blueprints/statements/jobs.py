"""The statements area's scheduled work: publishing approved statements when their time comes."""

from sqlalchemy.orm import Session

from services.statements.workflow import publish_due

PUBLISH_DUE_EVERY_SECONDS = 60


def publish_due_job(session: Session) -> str:
    """Publish approved statements whose scheduled time has come (the runner commits)."""
    published = publish_due(session)
    return f"{len(published)} statement(s) published" + (
        ": " + ", ".join(s.slug for s in published) if published else "")


def register() -> None:
    from services.jobs import register_job

    register_job("statements.publish-due", publish_due_job, every_seconds=PUBLISH_DUE_EVERY_SECONDS)
