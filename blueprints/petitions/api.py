"""The read-only JSON API: /api/v1/petitions and /api/v1/petitions/<id>, cacheable."""

from flask import abort
from sqlalchemy import select

from blueprints.api.caching import cached_json, json_text
from blueprints.petitions import api_bp, page_cache
from extensions import db
from models.petitions import Petition
from rules.petitions.lifecycle import PetitionState
from services.links import external_url
from services.petitions import areas, counting

MAX_AGE = 10
PUBLIC = (PetitionState.OPEN, PetitionState.CLOSED)


def _iso(moment):
    return moment.isoformat() if moment else None


def _summary(petition: Petition, count: int) -> dict:
    return {
        "id": petition.id,
        "action": petition.action,
        "state": str(petition.state),
        "signature_count": count,
        "opens_at": _iso(petition.opens_at),
        "closes_at": _iso(petition.closes_at),
        "responded_at": _iso(petition.responded_at),
        "thresholds": {"response": petition.response_threshold,
                       "debate": petition.debate_threshold},
        "url": external_url("petitions.show", petition_id=petition.id),
        "api_url": external_url("petitions_api.detail", petition_id=petition.id),
    }


@api_bp.get("")
def index():
    petitions = db.session.scalars(
        select(Petition).where(Petition.stored_state.in_([s.value for s in PUBLIC]))
        .order_by(Petition.id.desc()).limit(500)).all()
    totals = counting.cached_totals(db.session)
    return cached_json({"petitions": [_summary(p, totals.get(p.id, 0)) for p in petitions
                                       if p.state in PUBLIC]}, max_age=MAX_AGE)


@api_bp.get("/<int:petition_id>")
def detail(petition_id: int):
    petition = db.session.get(Petition, petition_id)
    if petition is None or petition.state not in PUBLIC:
        abort(404)
    counts = counting.cached_counts(db.session, petition.id)
    state = petition.state
    body = page_cache.json_body(petition, state, counts["total"],
                                lambda: json_text(_detail(petition, counts)))
    return cached_json(body, max_age=MAX_AGE)


def _detail(petition: Petition, counts: dict) -> dict:
    payload = _summary(petition, counts["total"])
    payload.update({
        "background": petition.background,
        "details": petition.details,
        "target": petition.target,
        "response": petition.response_text,
        "signatures_by_region": [{"code": a.code, "name": a.name, "signature_count": a.count}
                                 for a in areas.by_region(counts["areas"])],
        "signatures_by_nation": [{"code": a.code, "name": a.name, "signature_count": a.count}
                                 for a in areas.by_nation(counts["areas"])],
        "signatures_by_country": [{"code": a.code, "name": a.name, "signature_count": a.count}
                                  for a in areas.by_country(counts["areas"])],
        "signatures_by_day": [{"day": day, "signature_count": n} for day, n in counts["days"]],
    })
    return payload
