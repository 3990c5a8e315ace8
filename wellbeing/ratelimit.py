"""A small per-client limit on failed link look-ups, so tokens cannot be probed in bulk.

Counts live in Django's cache (fixed windows), which is in the database (settings.CACHES), so
the limit holds across all server processes. The client's address comes from
brobygger.client.client_ip (X-Forwarded-For behind TRUSTED_PROXY_COUNT proxies, else
REMOTE_ADDR), the same as the sign-in lock-out uses. It is hashed, never stored.
"""

import hashlib
import time

from django.core.cache import cache

from brobygger.client import client_ip

FAILURES_ALLOWED = 10
WINDOW_SECONDS = 10 * 60


def _key(request, scope: str) -> str:
    client = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
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
