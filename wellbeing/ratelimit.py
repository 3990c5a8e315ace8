"""A small per-client limit on failed link look-ups, so tokens cannot be probed in bulk.

Counts live in Django's cache (fixed windows). With several server processes the cache
must be shared (a database or Redis cache) for the limit to hold across them; the
per-process default still slows a prober down. The client is REMOTE_ADDR: the proxy in
front must pass the real address (docs/wellbeing.md). The address is hashed, never stored.
"""

import hashlib
import time

from django.core.cache import cache

FAILURES_ALLOWED = 10
WINDOW_SECONDS = 10 * 60


def _key(request, scope: str) -> str:
    client = hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()[:32]
    return f"rl:{scope}:{client}:{int(time.time() // WINDOW_SECONDS)}"


def is_blocked(request, scope: str) -> bool:
    return (cache.get(_key(request, scope)) or 0) >= FAILURES_ALLOWED


def record_failure(request, scope: str) -> None:
    key = _key(request, scope)
    if not cache.add(key, 1, WINDOW_SECONDS + 5):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS + 5)
