"""Members to and from CSV: a formula-safe export and an all-or-nothing, row-checked import."""

import csv
import io
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import User
from models.membership import Membership, MembershipCategory
from rules.csv_safety import escape_row
from rules.emails import EmailAddressError, canonical_email
from rules.membership.regions import REGIONS, ROLES, SECTORS, is_choice, nation_of
from services import audit
from services.membership import MembershipError, lifecycle
from services.membership.joining import check_professional_details
from services.membership.staff import MemberFilters, members_query
from services.membership.standing import today as utc_today

EXPORT_COLUMNS = ("member_number", "name", "email", "category", "status", "period_end",
                  "joined_on", "region", "nation", "sector", "role", "regulator",
                  "registration_number", "consent_to_contact")
IMPORT_COLUMNS = ("email", "name", "category", "status", "joined_on", "period_end", "region",
                  "sector", "role", "regulator", "registration_number", "consent_to_contact")
IMPORT_STATUSES = ("active", "grace", "lapsed", "cancelled")
MAX_IMPORT_ROWS = 20000


def export_rows(session: Session, filters: MemberFilters | None = None) -> Iterator[str]:
    """The members as CSV text, a line at a time, every cell escaped against formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(EXPORT_COLUMNS)
    yield flush()
    codes = dict(session.execute(select(MembershipCategory.id, MembershipCategory.code)).all())
    before = None
    while True:
        rows = session.execute(members_query(filters or MemberFilters(), before_id=before)
                               .limit(1000)).all()
        if not rows:
            return
        for membership, user in rows:
            writer.writerow(escape_row([
                membership.member_number, user.name, user.email,
                codes.get(membership.category_id), membership.status, membership.period_end,
                membership.joined_on, membership.region, membership.nation, membership.sector,
                membership.role, membership.regulator, membership.registration_number,
                "yes" if membership.consent_to_contact else "no"]))
        yield flush()
        before = rows[-1][0].id


@dataclass
class ImportReport:
    """The outcome of an import: the rows' problems (line number, message) or how many came in."""

    imported: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)


def _parse_date(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name} must be a date like 2026-09-30, not {text!r}") from None


def _check_row(session: Session, row: dict, categories: dict, seen: set) -> dict:
    """The row's values ready to store; raises ValueError with what is wrong."""
    try:
        email = validate_email(row["email"], check_deliverability=False).normalized
        key = canonical_email(email)
    except EmailNotValidError:
        raise ValueError(f"email {row['email']!r} is not an email address") from None
    except EmailAddressError as error:
        raise ValueError(f"email {row['email']!r}: {error}") from None
    if key in seen:
        raise ValueError(f"{email} appears twice in the file (perhaps written another way)")
    seen.add(key)
    existing, member_id = session.execute(
        select(User, Membership.id).outerjoin(Membership, Membership.user_id == User.id)
        .where(User.email_canonical == key)).first() or (None, None)
    if member_id is not None:
        raise ValueError(f"{email} is already a member")
    name = row["name"]
    if not name or len(name) > 100:
        raise ValueError("name must be given, in 100 characters or fewer")
    if row["category"] not in categories:
        raise ValueError(f"there is no category {row['category']!r}")
    if row["status"] not in IMPORT_STATUSES:
        raise ValueError(f"status must be one of {', '.join(IMPORT_STATUSES)}")
    joined = _parse_date(row["joined_on"], "joined_on")
    end = _parse_date(row["period_end"], "period_end") if row["period_end"] else None
    if row["status"] in ("active", "grace") and end is None:
        raise ValueError("an active or grace member needs a period_end")
    today = utc_today()
    if row["status"] == "active" and end is not None and end <= today:
        raise ValueError("an active member's period_end must be after today")
    for value, choices, label in ((row["region"], REGIONS, "region"),
                                  (row["sector"], SECTORS, "sector"),
                                  (row["role"], ROLES, "role")):
        if not is_choice(choices, value):
            raise ValueError(f"{label} {value!r} is not one of the codes we use")
    try:
        regulator, number = check_professional_details(row["role"], row["regulator"] or None,
                                                       row["registration_number"])
    except MembershipError as error:
        raise ValueError(f"registration number: {error}") from None
    consent = row["consent_to_contact"].lower()
    if consent not in ("yes", "no", "true", "false", "1", "0", ""):
        raise ValueError("consent_to_contact must be yes or no")
    return {"email": email, "name": name, "category": categories[row["category"]],
            "status": row["status"], "joined_on": min(joined, today), "period_end": end,
            "region": row["region"], "sector": row["sector"], "role": row["role"],
            "regulator": regulator, "registration_number": number,
            "consent": consent in ("yes", "true", "1"), "user": existing}


def import_members(session: Session, text: str, *, actor: User,
                   ip_address: str | None = None) -> ImportReport:
    """Import existing members from CSV text (columns ``IMPORT_COLUMNS``, header first).

    Every row is checked first; if any row is wrong nothing is imported and the
    report lists every bad row with its line number. Imported people get accounts
    with an unusable password (they set one with "forgot password") and a
    membership whose history says it was imported. Audited.
    """
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in IMPORT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        report.problems.append((1, f"the header is missing: {', '.join(missing)}"))
        return report
    categories = {c.code: c for c in session.scalars(select(MembershipCategory))}
    seen: set[str] = set()
    checked = []
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_IMPORT_ROWS:
            report.problems.append((number, f"a file may hold {MAX_IMPORT_ROWS} rows at most"))
            break
        row = {k: (raw.get(k) or "").strip() for k in IMPORT_COLUMNS}
        try:
            checked.append(_check_row(session, row, categories, seen))
        except ValueError as error:
            report.problems.append((number, str(error)))
    if report.problems or not checked:
        if not checked and not report.problems:
            report.problems.append((2, "the file has no members in it"))
        return report
    for values in checked:
        _create(session, values)
    report.imported = len(checked)
    audit.record(session, actor=actor, action="membership.imported", ip_address=ip_address,
                 count=report.imported)
    return report


def _create(session: Session, values: dict) -> None:
    # No usable password (an invalid hash never verifies): they choose one by "forgot password".
    user = values["user"] or User(email=values["email"], name=values["name"],
                                  password_hash=f"!imported-{secrets.token_hex(8)}")
    session.add(user)
    session.flush()
    membership = Membership(
        user_id=user.id, category_id=values["category"].id, joined_on=values["joined_on"],
        region=values["region"], nation=nation_of(values["region"]), sector=values["sector"],
        role=values["role"], regulator=values["regulator"],
        registration_number=values["registration_number"],
        consent_to_contact=values["consent"], payment_method="invoice")
    session.add(membership)
    session.flush()
    lifecycle.assign_member_number(session, membership)
    lifecycle.record(session, membership, "imported", on=values["joined_on"])
    end = values["period_end"]
    lifecycle.record(session, membership, "staff_status", on=utc_today(), to=values["status"],
                     reason="Imported from an existing membership list",
                     period_end=end.isoformat() if end else None)
