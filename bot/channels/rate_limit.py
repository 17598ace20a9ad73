"""Rate limits for the public channels (REST and website): one flooding client must not take the bot from
everyone else.

A token bucket per client address and one per sender id. A bucket holds up to `burst` messages and refills at
`per_minute`; a message takes one, and without one the channel answers 429 with Retry-After before anything
reaches the NLU, the tracker store or the question log. The address is checked first, so a client that makes
up a new sender id for every message still has one budget. Defaults fit a training room of 50 participants
behind one NAT address (everyone clicking the same button at once, then a question every half minute each) and
one person typing or clicking through the fit check.

The client address is the connection's. X-Forwarded-For is believed only when the connection comes from an
address in TRUSTED_PROXIES (comma-separated addresses or networks, e.g. the nginx of several nodes); then the
client is the right-most address in it that is not a trusted proxy itself.

Memory stays bounded: at most `max_keys` buckets per kind, the least recently used dropped first (a dropped
bucket was idle, i.e. full, so dropping it changes nothing).

Within the limit, a client emptying its bucket has its messages held a little (up to a quarter second near the
limit; for a sender id only past half its burst, so a fast fit check is not slowed; see pacing_delay), so a
burst cannot take the whole server at once. The widget's history requests
(a page load) have a bucket per address of their own.

A refusal is held back for up to a second before it is sent (at most MAX_HELD at a time; beyond that it goes
at once): a client looping as fast as it can then sends a request a second per connection instead of
thousands, which would otherwise keep the server's event loop busy with refusals while others wait.

No Rasa or Sanic imports: plain logic, tested directly.
"""
import asyncio
import ipaddress
import math
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterable, List, Mapping, Optional, Union

SLOW_DOWN = "Rustig aan: je stuurt veel berichten achter elkaar. Probeer het over een paar seconden opnieuw."
DEFAULT_MAX_KEYS = 10000
Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


@dataclass(frozen=True)
class Limit:
    per_minute: float   # sustained rate; 0 turns the limit off
    burst: float        # messages allowed at once

    @property
    def off(self) -> bool:
        return self.per_minute <= 0


DEFAULT_SENDER_LIMIT = Limit(per_minute=60, burst=20)
DEFAULT_ADDRESS_LIMIT = Limit(per_minute=120, burst=60)
# Page loads (the widget's history) per address, apart from messages: a room opening the page at once.
DEFAULT_PAGE_LIMIT = Limit(per_minute=60, burst=60)


class TokenBuckets:
    """One token bucket per key, at most `max_keys` of them."""

    def __init__(self, limit: Limit, max_keys: int = DEFAULT_MAX_KEYS, clock: Callable[[], float] = time.monotonic):
        self.limit, self.max_keys, self.clock = limit, max_keys, clock
        self.rate = limit.per_minute / 60.0
        self.buckets: "OrderedDict[str, List[float]]" = OrderedDict()  # key -> [tokens, time of last update]

    def take(self, key: str) -> float:
        """0.0 if `key` may send now (a token is taken), else the seconds until it may."""
        if self.limit.off:
            return 0.0
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = [self.limit.burst, now]
            while len(self.buckets) > self.max_keys:
                self.buckets.popitem(last=False)
        else:
            self.buckets.move_to_end(key)
            bucket[0] = min(self.limit.burst, bucket[0] + (now - bucket[1]) * self.rate)
            bucket[1] = now
        if bucket[0] >= 1.0:
            bucket[0] -= 1.0
            return 0.0
        return (1.0 - bucket[0]) / self.rate

    def level(self, key: str) -> float:
        """How full `key`'s bucket is, 0.0 to 1.0 (1.0 for a client not seen lately)."""
        if self.limit.off or key not in self.buckets:
            return 1.0
        return max(0.0, min(1.0, self.buckets[key][0] / self.limit.burst))

    def __len__(self) -> int:
        return len(self.buckets)


def pacing_delay(level: float, start: float = 1.0, max_pause: float = 0.25) -> float:
    """Seconds to hold a message that is within its limit, by how far its client has emptied its bucket below
    `start`: up to `max_pause` near the limit, nothing under 20 ms (anyone asking now and then). A burst is
    then spread out instead of taking the server while everyone else waits."""
    pause = max_pause * (start - level) / start if level < start else 0.0
    return pause if pause >= 0.02 else 0.0


def parse_networks(text: str) -> List[Network]:
    """'127.0.0.1, 10.0.0.0/8, ::1' -> networks; an entry that is not an address or network is an error."""
    return [ipaddress.ip_network(part.strip(), strict=False) for part in (text or "").split(",") if part.strip()]


def _address(text: str) -> Optional[Union[ipaddress.IPv4Address, ipaddress.IPv6Address]]:
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:      # [v6]:port
        text = text[1:text.index("]")]
    elif text.count(":") == 1:                     # v4:port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_address(peer: str, forwarded_for: Optional[str], trusted: Iterable[Network]) -> str:
    """The client's address: the connection's, or from X-Forwarded-For when the connection is a trusted proxy."""
    trusted = list(trusted)

    def is_trusted(address) -> bool:
        return address is not None and any(address in network for network in trusted)

    if not forwarded_for or not is_trusted(_address(peer)):
        return peer
    for hop in reversed(forwarded_for.split(",")):
        address = _address(hop)
        if address is None:
            return peer  # a garbled header: the proxy is the client we know
        if not is_trusted(address):
            return str(address)
    return peer


class RateLimiter:
    """The REST and website channels' shared limits: per client address and per sender id."""

    def __init__(self, sender: Limit = DEFAULT_SENDER_LIMIT, address: Limit = DEFAULT_ADDRESS_LIMIT,
                 trusted_proxies: Iterable[Network] = (), max_keys: int = DEFAULT_MAX_KEYS,
                 clock: Callable[[], float] = time.monotonic, page: Limit = DEFAULT_PAGE_LIMIT):
        self.trusted = list(trusted_proxies)
        self.senders = TokenBuckets(sender, max_keys, clock)
        self.addresses = TokenBuckets(address, max_keys, clock)
        self.pages = TokenBuckets(page, max_keys, clock)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "RateLimiter":
        def limit(name: str, default: Limit) -> Limit:
            return Limit(float(env.get("RATE_LIMIT_%s_PER_MINUTE" % name) or default.per_minute),
                         float(env.get("RATE_LIMIT_%s_BURST" % name) or default.burst))

        address = limit("ADDRESS", DEFAULT_ADDRESS_LIMIT)
        return cls(limit("SENDER", DEFAULT_SENDER_LIMIT), address, parse_networks(env.get("TRUSTED_PROXIES", "")),
                   page=Limit(0, 0) if address.off else DEFAULT_PAGE_LIMIT)

    def client(self, peer: str, forwarded_for: Optional[str]) -> str:
        return client_address(peer, forwarded_for, self.trusted)


def retry_after(wait: float) -> str:
    """The Retry-After header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(wait)))


class RefusalDelay:
    """Holds refusals back for a while, a bounded number at a time."""

    def __init__(self, seconds: float = 1.0, max_held: int = 200):
        self.seconds, self.max_held, self.held = seconds, max_held, 0

    async def pause(self, wait: float) -> None:
        if self.held >= self.max_held:
            return
        self.held += 1
        try:
            await asyncio.sleep(min(wait, self.seconds))
        finally:
            self.held -= 1


_shared: Optional[RateLimiter] = None
refusal_delay = RefusalDelay()


def shared_limiter() -> RateLimiter:
    """One limiter for both channels of this server, so switching channel does not double a budget."""
    global _shared
    if _shared is None:
        _shared = RateLimiter.from_env()
    return _shared
