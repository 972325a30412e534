"""Redis away: each part of the platform that uses it carries on in the process instead.

Rate limits and the petition count cache keep their values in Redis when
``REDIS_URL`` is set, so every worker and instance shares them. When Redis stops
answering, each falls back to its in-process store (the rate limiter by
Flask-Limiter's own in-memory fallback, the count cache by its local dict), and
goes back to Redis once it answers again. A ``RedisFallback`` per part says
which store it is on, writes one warning when it leaves Redis and one line when
it returns (not one a request), and counts each fall-back in
``platform_redis_fallbacks_total``; ``platform_redis_fallback_active`` is 1 while
a part is on its in-process store. /readyz reports Redis as degraded meanwhile.
"""

import logging
import threading
import time

from services.metrics import REDIS_FALLBACK_ACTIVE, REDIS_FALLBACKS

log = logging.getLogger(__name__)

# While away, Redis is tried again after this long (one request tries; the others do not
# wait on a connection that is not there).
RETRY_SECONDS = 5.0

_parts: dict[str, "RedisFallback"] = {}


class RedisFallback:
    """Whether one part of the platform is on its in-process store because Redis is away.

    Kept by Redis URL (a process has one; tests point at several, some closed).
    """

    def __init__(self, part: str):
        self.part = part
        self._lock = threading.Lock()
        self._away: dict[str, tuple[float, float]] = {}  # url -> (away since, try again at)
        _parts[part] = self

    @property
    def away(self) -> bool:
        return bool(self._away)

    def skip_redis(self, url: str = "") -> bool:
        """True while Redis at ``url`` is away and not yet due another try."""
        state = self._away.get(url)
        return state is not None and time.monotonic() < state[1]

    def failed(self, error: BaseException, url: str = "") -> None:
        """Redis did not answer: use the in-process store until RETRY_SECONDS have passed."""
        now = time.monotonic()
        with self._lock:
            since = self._away.get(url, (None, 0.0))[0]
            self._away[url] = (now if since is None else since, now + RETRY_SECONDS)
        if since is None:
            REDIS_FALLBACKS.labels(self.part).inc()
            REDIS_FALLBACK_ACTIVE.labels(self.part).set(1)
            log.warning("Redis is away (%s: %s): %s uses this process's store until it answers",
                        type(error).__name__, error, self.part)

    def answered(self, url: str = "") -> None:
        """Redis answered: back on it (a no-op unless it was away)."""
        if url not in self._away:
            return
        with self._lock:
            since = self._away.pop(url, (None,))[0]
            still_away = bool(self._away)
        if since is not None:
            REDIS_FALLBACK_ACTIVE.labels(self.part).set(1 if still_away else 0)
            log.warning("Redis answers again: %s is back on it after %.0f s", self.part,
                        time.monotonic() - since)

    def observe(self, away: bool) -> None:
        """Record the state a library keeps itself (Flask-Limiter's in-memory fallback)."""
        if away and not self._away:
            self.failed(ConnectionError("the rate limit storage is unreachable"))
        elif not away:
            self.answered()

    def reset(self) -> None:
        """Forget any outage (tests start from nothing)."""
        with self._lock:
            self._away.clear()
        REDIS_FALLBACK_ACTIVE.labels(self.part).set(0)


def parts_away() -> list[str]:
    """The parts on their in-process store now (for /readyz)."""
    return sorted(part for part, fallback in _parts.items() if fallback.away)
