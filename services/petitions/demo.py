"""Demo petitions: open, closed and responded, with signatures spread over regions and time."""

import random
from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from models.petitions import Petition, Signature, SignatureStatus
from rules.petitions.lifecycle import PetitionState
from rules.petitions.postcode_areas import AREA_REGIONS
from rules.petitions.sharding import area_key
from services.petitions import counting

_ABROAD = ["IE", "FR", "ES", "DE", "AU", "US", "NL", "CA"]
_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# Bigger areas get more signers, roughly as people live.
_BUSY = ["B", "M", "LS", "E", "N", "SW", "G", "EH", "CF", "BT", "S", "L", "NE", "BS", "NG"]

_PETITIONS = [
    # (action, target, days open so far, signatures, state, responded)
    ("Guarantee protected caseloads for newly qualified social workers",
     "The Secretary of State for Education", 45, 1400, PetitionState.OPEN, False),
    ("Fund independent reflective supervision for every frontline social worker",
     "The Department of Health and Social Care", 12, 320, PetitionState.OPEN, False),
    ("Publish national data on the use of agency social workers",
     "The Chief Social Worker for England", 200, 780, PetitionState.CLOSED, False),
    ("Make mileage rates for home visits reflect what driving costs",
     "Every local authority employer", 190, 1180, PetitionState.CLOSED, True),
]

_BACKGROUND = ("Social workers across the UK have told us this matters to the people they "
               "support. We ask the body to press for it in public and in every consultation.")


def _postcode(rng: random.Random) -> tuple[str, str]:
    area = rng.choice(_BUSY) if rng.random() < 0.6 else rng.choice(sorted(AREA_REGIONS))
    postcode = f"{area}{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice(_LETTERS)}" \
               f"{rng.choice(_LETTERS)}"
    return postcode, area_key(AREA_REGIONS[area].code)


def _signatures(rng: random.Random, petition_id: int, count: int, start: datetime,
                end: datetime, now: datetime) -> list[dict]:
    rows = []
    span = (end - start).total_seconds()
    for n in range(count):
        # Early surge, then a long tail: most people sign in the first days.
        at = start + timedelta(seconds=span * rng.random() ** 2.2)
        if rng.random() < 0.08:
            postcode, key = None, area_key(rng.choice(_ABROAD))
        else:
            postcode, key = _postcode(rng)
        email = f"signer{n + 1}.p{petition_id}@example.net"
        rows.append({
            "petition_id": petition_id, "name": f"Demo Signer {n + 1}",
            "email": email, "email_canonical": email, "postcode": postcode,
            "area_key": key, "consents_to_updates": rng.random() < 0.4,
            "ip_address": f"192.0.2.{rng.randint(1, 254)}",
            "status": SignatureStatus.CONFIRMED, "suspicious": False, "created_at": at,
            "confirmed_at": min(at + timedelta(minutes=rng.randint(1, 240)), now),
        })
    return rows


def seed(session: Session, accounts: dict[str, User]) -> None:
    """Add the demo petitions and about 3,700 signatures (bulk inserted, counters rebuilt)."""
    rng = random.Random(20260401)  # nosec B311 (repeatable demo data, not security)
    now = utcnow()
    staff, member = accounts["staff"], accounts["member"]
    for action, target, days, count, state, responded in _PETITIONS:
        opens_at = now - timedelta(days=days)
        closes_at = opens_at + timedelta(days=182) if state == PetitionState.OPEN else \
            now - timedelta(days=days - 150)
        petition = Petition(action=action, target=target, background=_BACKGROUND,
                            stored_state=state, opens_at=opens_at, closes_at=closes_at,
                            closed_at=closes_at if state == PetitionState.CLOSED else None,
                            created_by_id=staff.id, created_at=opens_at)
        if count >= 1_000:
            petition.response_threshold_passed_at = opens_at + timedelta(days=3)
        if responded:
            petition.response_text = (
                "The council thanks everyone who signed. We have written to every employer "
                "asking them to adopt the HMRC approved rate as a minimum, and will report "
                "back at the annual general meeting.")
            petition.responded_at = closes_at + timedelta(days=10)
        session.add(petition)
        session.flush()
        end = min(closes_at, now)
        rows = _signatures(rng, petition.id, count, opens_at, end, now)
        if responded:
            for row in rows:
                if row["consents_to_updates"]:
                    row["response_mailed_at"] = petition.responded_at
        session.execute(insert(Signature), rows)
    # A few pending signatures, which do not count, on the busiest petition.
    session.flush()
    session.add(Petition(action="Recognise social work as a shortage occupation everywhere",
                         target="The Home Office", background=_BACKGROUND,
                         stored_state=PetitionState.PENDING, created_by_id=member.id))
    session.add(Petition(action="Abolish all paperwork", background="It takes too long.",
                         stored_state=PetitionState.REJECTED, created_by_id=member.id,
                         rejection_reason="Some records are required by law; please propose "
                                          "a specific change we can campaign for."))
    counting.reconcile(session, fix=True)
    session.flush()
