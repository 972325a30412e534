"""Position statements: the public list, pages, history, feed and API; the staff editor."""

from datetime import date, datetime

from flask import Blueprint, Flask

from blueprints.core.slots import ACCOUNT_SECTIONS, HOME_PANELS, NAV_LINKS, STAFF_LINKS
from blueprints.core.uk_time import LOCAL_ZONE

bp = Blueprint("statements", __name__, url_prefix="/statements")
editor_bp = Blueprint("statement_editor", __name__, url_prefix="/staff/statements")
api_bp = Blueprint("statements_api", __name__, url_prefix="/api/v1/statements")


def long_date(value: date | datetime | None) -> str:
    """3 March 2026 (UK date)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LOCAL_ZONE)
    return f"{value.day} {value:%B %Y}"


def long_time(value: datetime | None) -> str:
    """3 March 2026 at 14:05 (UK time)."""
    if value is None:
        return ""
    local = value.astimezone(LOCAL_ZONE)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def init_app(app: Flask) -> None:
    from blueprints.statements import (  # noqa: F401
        api,
        api_docs,
        cli,
        editor,
        editor_actions,
        jobs,
        public,
    )

    app.register_blueprint(bp)
    app.register_blueprint(editor_bp)
    app.register_blueprint(api_bp)
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["long_time"] = long_time
    app.jinja_env.globals["latest_statements"] = public.latest_statements
    cli.init_app(app)
    api_docs.register()
    jobs.register()
    if ("Statements", "statements.index") in NAV_LINKS:
        return  # create_app ran before in this process: the shared pages have our links
    NAV_LINKS.append(("Statements", "statements.index"))
    HOME_PANELS.append(("statements/_home_panel.html", 20))
    ACCOUNT_SECTIONS.append("statements/_account_section.html")
    STAFF_LINKS.append(("Position statements", "statement_editor.index",
                        "Write, review, publish, revise, supersede and withdraw statements."))
