"""Polls: members vote in secret, the public answers public polls, staff build and run them."""

from flask import Blueprint, Flask

bp = Blueprint("polls", __name__, url_prefix="/polls")
staff_bp = Blueprint("polls_staff", __name__, url_prefix="/staff/polls")
api_bp = Blueprint("polls_api", __name__, url_prefix="/api/v1/polls")


def init_app(app: Flask) -> None:
    from blueprints.core.slots import NAV_LINKS, STAFF_LINKS
    from blueprints.polls import (  # noqa: F401
        api,
        api_docs,
        cli,
        jobs,
        public,
        staff,
        staff_running,
        views,
    )
    from services.polls.evidence import poll_evidence
    from services.statements.evidence import register_provider

    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(api_bp)
    cli.init_app(app)
    api_docs.register()
    jobs.register()
    app.add_template_filter(uk_time)
    register_provider("poll", poll_evidence)
    if ("Polls", "polls.index") in NAV_LINKS:
        return  # create_app ran before in this process: the shared pages have our links
    NAV_LINKS.append(("Polls", "polls.index"))
    STAFF_LINKS.append(("Polls and elections", "polls_staff.index",
                        "Build surveys and elections, open and close them, and publish results."))


def uk_time(value) -> str:
    """A UTC time as UK local time for pages, e.g. "30 Jun 2026, 17:00"."""
    from blueprints.core.uk_time import to_local

    return to_local(value).strftime("%-d %b %Y, %H:%M") if value else ""
