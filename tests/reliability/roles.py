"""The five roles of the access table, made by the factories."""

import importlib

from tests.factories import create_admin, create_staff, create_user

ROLES = ("visitor", "member", "lapsed", "staff", "admin")


def make_role_user(role: str):
    """A user of the role (None for the visitor).

    "member" is a member in good standing, "lapsed" one whose membership has lapsed. Until
    the membership area's factories are merged, both fall back to a plain account.
    """
    if role == "visitor":
        return None
    if role == "staff":
        return create_staff()
    if role == "admin":
        return create_admin()
    try:
        membership = importlib.import_module("tests.factories.membership")
    except ModuleNotFoundError:
        return create_user()  # the lead removes this fallback when membership is merged
    return membership.create_member(status="active" if role == "member" else "lapsed")
