"""Petition factories: petitions in each state, and signatures made through the services."""

import itertools
from datetime import timedelta

from extensions import db
from models.base import utcnow
from models.petitions import Petition, Signature
from services.petitions import signing

_counter = itertools.count(1)


def create_petition(*, action: str | None = None, state: str = "open", opens_at=None,
                    closes_at=None, created_by=None, response_threshold: int = 1_000,
                    debate_threshold: int = 10_000, **fields) -> Petition:
    n = next(_counter)
    now = utcnow()
    if state in ("open", "closed") and opens_at is None:
        opens_at = now - timedelta(days=1)
    if opens_at is not None and closes_at is None:
        closes_at = opens_at + timedelta(days=180)
    petition = Petition(action=action or f"Do the right thing number {n}",
                        background="Because it matters.", target="The Secretary of State",
                        stored_state=state, opens_at=opens_at, closes_at=closes_at,
                        created_by_id=created_by.id if created_by else None,
                        response_threshold=response_threshold, debate_threshold=debate_threshold,
                        **fields)
    db.session.add(petition)
    db.session.commit()
    return petition


def create_signature(*, petition: Petition, email: str | None = None, name: str = "Sam Signer",
                     postcode: str = "SW1A 1AA", country: str = "", consents: bool = False,
                     confirmed: bool = True, ip_address: str | None = None, now=None) -> Signature:
    """Sign through the service (so counters stay right) and, by default, confirm."""
    n = next(_counter)
    result = signing.sign(db.session, petition, name=name, email=email or f"signer{n}@example.org",
                          postcode=postcode, country=country, consents=consents,
                          ip_address=ip_address, now=now)
    assert result.signature_id is not None, "that email has already signed"
    signature = db.session.get(Signature, result.signature_id)
    if confirmed:
        signing.confirm(db.session, confirm_token(signature), now=now)
    db.session.commit()
    return signature


def confirm_token(signature: Signature) -> str:
    return signing.confirmation_url(signature.id).rsplit("/", 1)[1]
