"""Petitions: the public list and pages, signing and confirming, proposing, staff
moderation and abuse tools, the JSON API and the jobs cron runs."""

from flask import Blueprint, Flask

bp = Blueprint("petitions", __name__, url_prefix="/petitions")
staff_bp = Blueprint("petitions_staff", __name__, url_prefix="/staff/petitions")
api_bp = Blueprint("petitions_api", __name__, url_prefix="/api/v1/petitions")


def init_app(app: Flask) -> None:
    from blueprints.core.slots import ACCOUNT_SECTIONS, HOME_PANELS, NAV_LINKS, STAFF_LINKS
    from blueprints.petitions import (  # noqa: F401
        api,
        api_docs,
        cli,
        jobs,
        public,
        staff,
        staff_signatures,
    )
    from services.petitions.evidence import petition_evidence
    from services.statements.evidence import register_provider

    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(api_bp)
    cli.init_app(app)
    register_provider("petition", petition_evidence)
    app.context_processor(_template_helpers)
    api_docs.register()
    jobs.register()
    if ("Petitions", "petitions.index") in NAV_LINKS:
        return  # create_app ran before in this process: the shared pages have our links
    NAV_LINKS.append(("Petitions", "petitions.index"))
    HOME_PANELS.append(("petitions/_home_panel.html", 30))
    ACCOUNT_SECTIONS.append("petitions/_account_section.html")
    STAFF_LINKS.append(("Petitions", "petitions_staff.index",
                        "Create and moderate petitions, answer them, and deal with abuse."))


def _template_helpers() -> dict:
    def petitions_proposed_by(user):
        from sqlalchemy import select

        from extensions import db
        from models.petitions import Petition

        return db.session.scalars(select(Petition).where(Petition.created_by_id == user.id)
                                  .order_by(Petition.id.desc()).limit(20)).all()

    return {"petitions_proposed_by": petitions_proposed_by}
