"""Read-only JSON: /api/v1/statements and /api/v1/statements/<slug>, cacheable for a minute."""

from flask import abort, request

from blueprints.api.caching import cached_json
from blueprints.statements import api_bp
from extensions import db
from models.statements import Statement
from rules.numbers import whole_number
from services.links import external_url
from services.statements import participation, reading
from services.statements.evidence import render_statement_body

PAGE_SIZE = 50


def _stamp(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def _summary(statement: Statement) -> dict:
    return {
        "slug": statement.slug,
        "title": statement.title,
        "summary": statement.summary,
        "state": statement.state,
        "topics": [{"slug": t.slug, "label": t.label} for t in statement.topics],
        "first_published_at": _stamp(statement.first_published_at),
        "last_revised_at": _stamp(statement.last_revised_at),
        "url": external_url("statements.show", slug=statement.slug),
        "api_url": external_url("statements_api.detail", slug=statement.slug),
    }


@api_bp.get("")
def listing():
    page = whole_number(request.args.get("page"), minimum=1, maximum=9999) or 1
    query = reading.public_statements(topic=request.args.get("topic") or None,
                                      search=request.args.get("q") or None)
    rows = db.session.scalars(query.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)).all()
    more = len(rows) > PAGE_SIZE
    return cached_json({
        "statements": [_summary(s) for s in rows[:PAGE_SIZE]],
        "page": page,
        "next": external_url("statements_api.listing", page=page + 1) if more else None,
    })


@api_bp.get("/<slug>")
def detail(slug: str):
    statement = reading.public_statement(db.session, slug) or abort(404)
    payload = _summary(statement)
    payload.update({
        "body_markdown": statement.body,
        "body_html": str(render_statement_body(db.session, statement.body)),
        "endorsements": participation.endorsement_count(db.session, statement),
        "withdrawal_note": statement.withdrawal_note,
        "superseded_by": statement.superseded_by.slug if statement.superseded_by else None,
        "supersedes": [s.slug for s in statement.supersedes],
        "related_petition_id": statement.related_petition_id,
        "related_poll_id": statement.related_poll_id,
        "revisions": [{"number": r.number, "kind": r.kind, "change_note": r.change_note,
                       "published_at": _stamp(r.published_at),
                       "url": external_url("statements.revision", slug=slug, number=r.number)}
                      for r in statement.revisions],
    })
    return cached_json(payload)
