"""Membership and dues: joining, paying, the lifecycle, the sweep, Stripe and staff tools."""


class MembershipError(ValueError):
    """Something a member or staff asked for that cannot be done; the message says why."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
