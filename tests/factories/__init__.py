"""Factories for tests: keyword-only, with defaults that make a valid object.

Each area keeps its factories in its own module here; the common ones are re-exported.
"""

from tests.factories.accounts import (  # noqa: F401
    DEFAULT_PASSWORD,
    create_admin,
    create_staff,
    create_user,
)
from tests.factories.membership import (  # noqa: F401, E402
    create_category,
    create_member,
)
from tests.factories.polls import create_poll  # noqa: F401, E402
