"""The staff CSV export of a petition's signatures, every cell formula-escaped."""

import csv
import io
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.petitions import Petition, Signature
from rules.csv_safety import escape_row
from services.petitions.areas import area_name

HEADER = ["id", "name", "email", "postcode", "area", "status", "held", "consents to updates",
          "ip address", "signed at (UTC)", "confirmed at (UTC)"]


def signature_csv(session: Session, petition: Petition, *, batch: int = 2000) -> Iterator[str]:
    """Yield the CSV text of every signature, a batch of rows at a time (paged by id)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    last_id = 0
    while True:
        rows = session.scalars(
            select(Signature).where(Signature.petition_id == petition.id, Signature.id > last_id)
            .order_by(Signature.id).limit(batch)).all()
        for s in rows:
            writer.writerow(escape_row([
                s.id, s.name, s.email, s.postcode, area_name(s.area_key), s.status,
                "yes" if s.suspicious else "no", "yes" if s.consents_to_updates else "no",
                s.ip_address, s.created_at.isoformat(timespec="seconds"),
                s.confirmed_at.isoformat(timespec="seconds") if s.confirmed_at else None]))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        if len(rows) < batch:
            return
        last_id = rows[-1].id
