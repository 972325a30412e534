"""UK wall-clock time in forms: staff type times as the body's members read them.

Times are stored as aware UTC; a form field holds naive Europe/London time.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Europe/London")


def to_utc(local: datetime | None) -> datetime | None:
    """A naive UK wall-clock time from a form, as aware UTC."""
    if local is None:
        return None
    return local.replace(tzinfo=LOCAL_ZONE).astimezone(UTC)


def to_local(moment: datetime | None) -> datetime | None:
    """An aware UTC time as naive UK wall-clock time, to fill a form field."""
    if moment is None:
        return None
    return moment.astimezone(LOCAL_ZONE).replace(tzinfo=None)
