"""Rate limits: token buckets, the client address behind trusted proxies, bounded memory."""
import ipaddress

import pytest

from bot.channels.rate_limit import (Limit, RateLimiter, TokenBuckets, client_address, parse_networks,
                                     retry_after)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_bucket_allows_its_burst_then_its_rate():
    clock = Clock()
    buckets = TokenBuckets(Limit(per_minute=60, burst=3), clock=clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = buckets.take("a")
    assert wait == pytest.approx(1.0)             # one a second
    assert buckets.take("b") == 0.0               # others are not affected
    clock.now += 0.5
    assert buckets.take("a") == pytest.approx(0.5)
    clock.now += 0.5
    assert buckets.take("a") == 0.0
    clock.now += 3600                             # a long pause refills to the burst, not beyond
    assert [buckets.take("a") for _ in range(4)][-1] > 0


def test_refused_messages_do_not_use_up_tokens():
    clock = Clock()
    buckets = TokenBuckets(Limit(per_minute=60, burst=1), clock=clock)
    buckets.take("a")
    for _ in range(100):                          # a flood of refused messages
        assert buckets.take("a") > 0
    clock.now += 1.0
    assert buckets.take("a") == 0.0               # the sustained rate still gets through


def test_memory_is_bounded_least_recently_used_first():
    buckets = TokenBuckets(Limit(per_minute=60, burst=2), max_keys=100, clock=Clock())
    for i in range(10000):
        buckets.take("sender-%d" % i)
    assert len(buckets) == 100 and "sender-9999" in buckets.buckets and "sender-0" not in buckets.buckets


def test_zero_per_minute_turns_a_limit_off():
    buckets = TokenBuckets(Limit(per_minute=0, burst=0), clock=Clock())
    assert all(buckets.take("a") == 0.0 for _ in range(1000)) and len(buckets) == 0


TRUSTED = parse_networks("127.0.0.1, 10.0.0.0/8, ::1")


@pytest.mark.parametrize("peer,forwarded,client", [
    ("203.0.113.7", None, "203.0.113.7"),
    ("203.0.113.7", "198.51.100.1", "203.0.113.7"),             # not from a trusted proxy: header ignored
    ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
    ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),     # a client cannot pick its address by prepending
    ("127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),    # a chain of trusted proxies is skipped
    ("127.0.0.1", "10.1.2.3", "127.0.0.1"),                     # only proxies: the connection's address
    ("127.0.0.1", "not an address", "127.0.0.1"),
    ("127.0.0.1", "198.51.100.1:51234", "198.51.100.1"),
    ("::1", "2001:db8::5", "2001:db8::5"),
    ("127.0.0.1", "[2001:db8::5]:443", "2001:db8::5"),
])
def test_client_address_believes_forwarded_for_only_from_trusted_proxies(peer, forwarded, client):
    assert client_address(peer, forwarded, TRUSTED) == client


def test_settings_from_the_environment():
    limiter = RateLimiter.from_env({"RATE_LIMIT_SENDER_PER_MINUTE": "6", "RATE_LIMIT_SENDER_BURST": "2",
                                    "RATE_LIMIT_ADDRESS_PER_MINUTE": "0", "TRUSTED_PROXIES": "192.168.0.0/16"})
    assert limiter.senders.limit == Limit(6, 2) and limiter.addresses.limit.off
    assert limiter.trusted == [ipaddress.ip_network("192.168.0.0/16")]
    defaults = RateLimiter.from_env({})
    # A training room: 50 participants behind one address may all click at once.
    assert defaults.addresses.limit.burst >= 50 and defaults.senders.limit.burst >= 10
    with pytest.raises(ValueError):
        parse_networks("nginx.local")


def test_retry_after_is_whole_seconds():
    assert [retry_after(w) for w in (0.01, 1.0, 1.2, 29.9)] == ["1", "1", "2", "30"]


def test_refusals_are_held_back_a_bounded_number_at_a_time():
    import asyncio
    import time

    from bot.channels.rate_limit import RefusalDelay

    delay = RefusalDelay(seconds=0.2, max_held=3)

    async def refuse_many():
        started = time.monotonic()
        await asyncio.gather(*(delay.pause(5.0) for _ in range(10)))
        return time.monotonic() - started

    took = asyncio.run(refuse_many())
    assert 0.15 < took < 1.0 and delay.held == 0  # three held 0.2 s, the other seven sent at once


def test_a_client_emptying_its_bucket_is_paced_someone_asking_now_and_then_is_not():
    from bot.channels.rate_limit import pacing_delay

    buckets = TokenBuckets(Limit(per_minute=120, burst=100), clock=Clock())
    buckets.take("visitor")
    assert buckets.level("visitor") == 0.99 and pacing_delay(buckets.level("visitor")) == 0.0
    assert buckets.level("unknown") == 1.0
    delays, from_half = [], []
    for _ in range(100):
        buckets.take("script")
        delays.append(pacing_delay(buckets.level("script")))
        from_half.append(pacing_delay(buckets.level("script"), start=0.5))
    assert delays[:7] == [0.0] * 7 and delays[8] > 0 and delays == sorted(delays) and delays[-1] == 0.25
    assert from_half[:54] == [0.0] * 54 and from_half[-1] == 0.25  # a sender id: only past half its burst
