"""Fixed-window rate limits in the cache (shared between app servers when REDIS_URL is set).

    if not allow("subscribe-ip", client_ip(request), limit=10, window=3600):
        return render(..., status=429)

Keys are hashed, so no address or IP is stored in clear in the cache.
"""

import hashlib

from django.core.cache import cache


def allow(scope, key, *, limit, window):
    """Count one attempt for (scope, key); False once more than `limit` were made within `window` seconds."""
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"hub:ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        return True
    return count <= limit
