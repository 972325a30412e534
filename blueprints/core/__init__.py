"""The site's frame: home page, health, error pages, and core commands."""

from flask import Blueprint, Flask, render_template

from blueprints.core.slots import HOME_PANELS, template_context

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    panels = [template for template, _ in sorted(HOME_PANELS, key=lambda p: p[1])]
    return render_template("core/home.html", panels=panels)


@bp.get("/accessibility")
def accessibility():
    return render_template("core/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("core/privacy.html")


def init_app(app: Flask) -> None:
    from blueprints.core import cli, mail_delivery
    from blueprints.core.converters import init_converters

    init_converters(app)
    app.register_blueprint(bp)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.context_processor(template_context)
    cli.init_app(app)
    mail_delivery.init_app(app)
