"""Writing the audit log; every staff action calls record()."""

from sqlalchemy.orm import Session

from models.accounts import User
from models.audit import AuditEntry


def record(
    session: Session,
    *,
    actor: User | None,
    action: str,
    target=None,
    ip_address: str | None = None,
    **detail,
) -> AuditEntry:
    """Add an audit entry for an action, in the caller's transaction.

    `target` is any mapped object with an `id`; `detail` must be JSON-serialisable.
    """
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        action=action,
        target_type=target.__tablename__ if target is not None else None,
        target_id=str(target.id) if target is not None else None,
        detail=detail,
        ip_address=ip_address,
    )
    session.add(entry)
    session.flush()
    return entry
