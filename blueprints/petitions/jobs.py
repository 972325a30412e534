"""The petitions area's scheduled work, run by the job runner (`flask --app app jobs run`).

The `petitions ...` commands do the same by hand; each job here is safe to run twice.
"""

from sqlalchemy.orm import Session

from models.petitions import Petition
from services.petitions import counting, responses, retention

MINUTE, HOUR, DAY = 60, 60 * 60, 24 * 60 * 60
RESPONSE_MAIL_BATCH = 500


def close_expired(session: Session) -> str:
    return f"closed {len(retention.close_due(session))} petition(s)"


def notice_thresholds(session: Session) -> str:
    return f"{responses.notice_all(session)} threshold(s) newly passed"


def send_responses(session: Session, batch: int = RESPONSE_MAIL_BATCH) -> str:
    """Queue each published response's mail to signers not yet mailed, a batch per commit."""
    total = 0
    for petition_id in responses.awaiting_mail(session):
        while True:
            sent = responses.mail_response(session, session.get(Petition, petition_id),
                                           limit=batch)
            session.commit()
            total += sent
            if sent < batch:
                break
    return f"queued {total} response mail(s)"


def delete_old_pending(session: Session) -> str:
    return f"deleted {retention.purge_pending(session)} unconfirmed signature(s)"


def anonymise(session: Session) -> str:
    return f"anonymised the signers of {len(retention.anonymise(session))} petition(s)"


def reconcile_counters(session: Session) -> str:
    report = counting.reconcile(session, petition_id=None, fix=True)
    if report.clean:
        return "counters match the signatures"
    return f"drift in {len(report.petitions)} petition(s); {report.rows_fixed} counter row(s) fixed"


JOBS = (
    ("petitions.close-expired", close_expired, 5 * MINUTE),
    ("petitions.thresholds", notice_thresholds, MINUTE),
    ("petitions.send-responses", send_responses, 5 * MINUTE),
    ("petitions.delete-old-pending", delete_old_pending, DAY),
    ("petitions.anonymise", anonymise, DAY),
    ("petitions.reconcile-counters", reconcile_counters, HOUR),
)


def register() -> None:
    from services.jobs import register_job

    for name, function, every_seconds in JOBS:
        register_job(name, function, every_seconds=every_seconds)
