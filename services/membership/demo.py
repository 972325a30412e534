"""Demo membership: the standard categories and members in every status, with payments."""

from sqlalchemy.orm import Session

from models.accounts import User
from services.membership.categories import ensure_standard_categories


def seed(session: Session, accounts: dict[str, User]) -> None:
    """Add the standard categories (members follow in a later step)."""
    ensure_standard_categories(session)
