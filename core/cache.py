"""The cache backend: Django's Redis cache that degrades instead of failing.

Everything the portal keeps in the cache can be computed again (pages, counts,
thumbnails' addresses, search results) or may be lost for a while (rate-limit counters),
so a Redis outage must not turn pages into 500s: a read misses, a write is dropped, and a
warning is logged at most once a minute per process. Sessions live in the database, so
people stay logged in. During an outage the rate limits count nothing, which lets a
submission through rather than refusing everyone (the honeypot and the resubmission
guard still hold).
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)
_last_warning = 0.0


def _warn(operation: str, exc: Exception) -> None:
    global _last_warning  # noqa: PLW0603 - one throttle per process
    if time.monotonic() - _last_warning > 60:
        _last_warning = time.monotonic()
        logger.warning("cache unavailable (%s: %s); serving without it", operation, type(exc).__name__)


class _ReusedClient(RedisCacheClient):
    """Django's Redis cache client, keeping one ``redis.Redis`` per connection pool
    instead of making one for every operation: making one costs more than the command
    (measured here: 0.38 ms to make, about 1 ms for a GET through a new one, 0.13 ms
    through a kept one), and a page makes several. A ``redis.Redis`` is safe to share
    between threads (each command takes a connection from the pool), and the pool
    reconnects in a forked worker."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(index))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as exc:
            _warn("get", exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as exc:
            _warn("get_many", exc)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNAVAILABLE as exc:
            _warn("has_key", exc)
            return False

    def set(self, *args, **kwargs):
        try:
            return super().set(*args, **kwargs)
        except UNAVAILABLE as exc:
            _warn("set", exc)
            return None

    def set_many(self, data, *args, **kwargs):
        try:
            return super().set_many(data, *args, **kwargs)
        except UNAVAILABLE as exc:
            _warn("set_many", exc)
            return list(data)

    def add(self, *args, **kwargs):
        try:
            return super().add(*args, **kwargs)
        except UNAVAILABLE as exc:
            _warn("add", exc)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as exc:
            _warn("incr", exc)
            return delta

    def decr(self, key, delta=1, version=None):
        try:
            return super().decr(key, delta, version)
        except UNAVAILABLE as exc:
            _warn("decr", exc)
            return -delta

    def touch(self, *args, **kwargs):
        try:
            return super().touch(*args, **kwargs)
        except UNAVAILABLE as exc:
            _warn("touch", exc)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNAVAILABLE as exc:
            _warn("delete", exc)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except UNAVAILABLE as exc:
            _warn("delete_many", exc)
            return None
