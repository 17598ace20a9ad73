"""Which Slack deliveries were handled already: in this process, or shared by every node.

Slack may deliver one post twice (as `app_mention` and as `message`, and again on a retry). With
one node, memory is enough. With several nodes behind a load balancer the two deliveries can reach
different servers, so with LOCK_STORE_URL set the names of handled deliveries are kept in that
Redis (SET NX with an expiry): the first node to claim a name answers, the others do not.
"""
import logging
from collections import OrderedDict
from typing import Iterable, Optional

logger = logging.getLogger(__name__)

REMEMBERED = 2000          # names kept in memory
SHARED_SECONDS = 24 * 3600   # how long Redis keeps a name (Slack retries within minutes)
PREFIX = "partnerbot:slack-delivery:"


class Deliveries:
    """first_time(names) is False when any name of this delivery was handled before; remembers them all."""

    def __init__(self, redis_url: Optional[str] = None) -> None:
        self._seen: "OrderedDict[str, None]" = OrderedDict()
        self._redis = None
        if redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=2)

    def first_time(self, names: Iterable[str]) -> bool:
        names = list(names)
        if self._redis is not None:
            try:
                pipe = self._redis.pipeline(transaction=True)
                for name in names:
                    pipe.set(PREFIX + name, 1, nx=True, ex=SHARED_SECONDS)
                return all(pipe.execute())
            except Exception:  # Redis away: answering twice is better than not answering
                logger.warning("slack: Redis unavailable, remembering deliveries in this process only")
        return self._first_time_here(names)

    def _first_time_here(self, names) -> bool:
        seen = any(name in self._seen for name in names)
        for name in names:
            self._seen[name] = None
            self._seen.move_to_end(name)
        while len(self._seen) > REMEMBERED:
            self._seen.popitem(last=False)
        return not seen
