"""Demo statements: published (one revised, one with evidence), in consultation, withdrawn."""

from datetime import timedelta

from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from services.statements import participation, workflow
from services.statements.editing import StatementText, create_draft

CASELOADS = """# What we believe

Social workers cannot protect children or support adults when they hold **too many cases**.
Safe caseloads are a condition of safe practice, not a luxury.

# What we ask for

1. A published, enforceable caseload limit in every local authority.
2. Protected time for supervision: at least *one and a half hours* a fortnight.
3. Funding that follows the limit, so services are not cut to meet it.

> Every case is a family. Every extra case is less time for each of them.

| Setting | Suggested limit |
|:--|--:|
| Children and families | 18 |
| Adults | 25 |
"""

EVIDENCE = """# What members told us

In our spring survey members described the effect of agency cover on continuity of care.

[[poll:1:1]]

Members and the public have also asked for national pay scales for agency work.

[[petition:1]]

# What we ask for

- A national framework for agency rates.
- Investment in permanent posts before agency spending.
"""


def _published(session: Session, accounts: dict[str, User], text: StatementText,
               days_ago: int):
    author, approver = accounts["staff"], accounts["editor"]
    statement = create_draft(session, text, author=author)
    workflow.submit_for_review(session, statement, actor=author)
    workflow.approve(session, statement, approver=approver)
    workflow.publish(session, statement, actor=approver, now=utcnow() - timedelta(days=days_ago))
    return statement


def seed(session: Session, accounts: dict[str, User]) -> None:
    """Add living demo statements written by "staff" and approved by "editor"."""
    caseloads = _published(session, accounts, StatementText(
        title="Safe caseloads for every social worker",
        summary="Social workers need enforceable caseload limits and protected supervision "
                "time so that the people they serve are safe.",
        body=CASELOADS, topics="Workforce, Safe practice"), days_ago=40)
    revised_text = StatementText(
        title=caseloads.title,
        summary=caseloads.summary,
        body=CASELOADS.replace("at least *one and a half hours* a fortnight",
                               "at least *two hours* a fortnight"),
        topics="Workforce, Safe practice")
    workflow.revise(session, caseloads, revised_text.checked(), actor=accounts["editor"],
                    change_note="Supervision time raised to two hours after member feedback.",
                    now=utcnow() - timedelta(days=10))
    participation.endorse(session, caseloads, user=accounts["member"])

    _published(session, accounts, StatementText(
        title="Agency social work: fair rates and continuity of care",
        summary="Our members' evidence shows reliance on agency cover harms continuity of care; "
                "we ask for a national framework for agency rates.",
        body=EVIDENCE, topics="Workforce, Pay", related_poll_id=1, related_petition_id=1),
        days_ago=20)

    old = _published(session, accounts, StatementText(
        title="Registration fees for newly qualified social workers",
        summary="We asked for registration fees to be waived in the first year of practice.",
        body="The regulator has since waived first-year fees, so this call is no longer "
             "needed.\n\nWe thank members who campaigned for it.", topics="Registration"),
        days_ago=90)
    workflow.withdraw(session, old, actor=accounts["editor"],
                      note="Withdrawn because the regulator waived first-year fees in full.",
                      now=utcnow() - timedelta(days=5))

    now = utcnow()
    create_draft(session, StatementText(
        title="Social work in schools",
        summary="A draft for consultation: should every secondary school have a named "
                "social worker?",
        body="# Our draft position\n\nWe propose that every secondary school has a named "
             "social worker.\n\n# Questions for members\n\n- Would this help early "
             "help work in your area?\n- What would it need to succeed?",
        topics="Children and families, Education",
        consultation_opens_at=now - timedelta(days=1),
        consultation_closes_at=now + timedelta(days=21)), author=accounts["staff"])
