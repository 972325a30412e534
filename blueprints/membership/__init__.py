"""Membership and dues: joining, the member's account section, staff tools, Stripe webhooks."""

from flask import Blueprint, Flask

bp = Blueprint("membership", __name__)


def init_app(app: Flask) -> None:
    from blueprints.core.slots import ACCOUNT_SECTIONS, NAV_LINKS, STAFF_LINKS
    from blueprints.membership import (  # noqa: F401
        account,
        cli,
        jobs,
        joining,
        staff,
        staff_categories,
        staff_files,
        webhook,
    )
    from extensions import csrf

    csrf.exempt(webhook.stripe_webhook)
    app.register_blueprint(bp)
    jobs.register()
    app.cli.add_command(cli.members)
    app.context_processor(account.membership_context)
    if ("Join", "membership.join") not in NAV_LINKS:
        NAV_LINKS.append(("Join", "membership.join"))
        ACCOUNT_SECTIONS.append("membership/_account_section.html")
        STAFF_LINKS.extend([
            ("Members", "membership.members", "Find members, record payments, change status."),
            ("Membership dashboard", "membership.dashboard",
             "Members by status, category and nation; joins and lapses by month."),
            ("Membership categories", "membership.categories",
             "Fees, periods and which categories new members may choose."),
        ])
