"""A shared Redis cache that a Redis outage cannot turn into errors.

Django's own `RedisCache` raises on a refused or timed-out connection, so with Redis down every
page, every sign-in (django-axes) and every count would answer 500. `TolerantRedisCache` is that
same backend with every operation guarded: while Redis cannot be reached, reads miss, writes are
dropped and `incr` raises ValueError (the "no such key" answer, which callers already handle), so
pages are rendered uncached. After a failure the process leaves Redis alone for `RETRY_SECONDS`
(option, default 2) instead of paying a connection attempt per call, then tries again: the cache
recovers by itself when Redis is back. Short socket timeouts (`socket_connect_timeout`,
`socket_timeout` options, default 0.5 s) bound what a hung Redis costs a request.

Why not django-redis and its IGNORE_EXCEPTIONS: one more dependency for the same guard, and it
would still try to connect on every call during an outage.

What an outage can leave behind: an invalidation (hub/base/cache.py bumps a generation key) sent
while Redis is unreachable is lost. A Redis that restarts without persistence (services/start.sh,
the deploy/ notes) comes back empty; one that only became unreachable may serve a page published
meanwhile as it was for at most HUB_PAGE_CACHE_SECONDS.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS", {}))}
        options = params["OPTIONS"]
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 2))
        # redis-py retries a refused connection three times with backoff (~0.5 s a call): once, at once.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._down_until = 0.0

    def _guard(self, operation, fallback, *args):
        """super().operation(*args), or fallback() while Redis cannot be reached."""
        if self._down_until and time.monotonic() < self._down_until:
            return fallback()
        try:
            result = getattr(super(), operation)(*args)
        except UNREACHABLE as error:
            if not self._down_until:
                logger.warning("Redis cache unreachable (%s); serving uncached until it answers", error)
            self._down_until = time.monotonic() + self.retry_seconds
            return fallback()
        if self._down_until:
            logger.warning("Redis cache reachable again")
            self._down_until = 0.0
        return result

    def get(self, key, default=None, version=None):
        return self._guard("get", lambda: default, key, default, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", lambda: False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard("set", lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def unreachable():
            raise ValueError(f"Key '{key}' not found (the Redis cache is unreachable)")

        return self._guard("incr", unreachable, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        self._guard("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._guard("clear", lambda: False)
