"""The five roles of the access table, made by the factories."""

from tests.factories import create_admin, create_staff
from tests.factories.membership import create_member

ROLES = ("visitor", "member", "lapsed", "staff", "admin")


def make_role_user(role: str):
    """A user of the role (None for the visitor).

    "member" is a member in good standing, "lapsed" one whose membership has lapsed (staff
    and admins have no membership).
    """
    if role == "visitor":
        return None
    if role == "staff":
        return create_staff()
    if role == "admin":
        return create_admin()
    return create_member(status="active" if role == "member" else "lapsed")
