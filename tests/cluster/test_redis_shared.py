"""What several Rasa servers share in Redis, against a real Redis: the lock store (bot/lock_store.py) and
the names of handled Slack deliveries (bot/channels/deliveries.py)."""
import asyncio
import time

import pytest

from bot.lock_store import PartnerbotLockStore
from tests.cluster.services import Redis


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory):
    redis = Redis(tmp_path_factory.mktemp("redis")).start()
    try:
        yield redis.port
    finally:
        redis.stop()


def stores(port, n=2):
    return [PartnerbotLockStore(host="127.0.0.1", port=port, db=1) for _ in range(n)]


def test_turns_of_one_conversation_on_two_servers_never_overlap(redis_port):
    first, second = stores(redis_port)
    inside, most, served = [0], [0], []

    async def turn(store, i):
        async with store.lock("conversation-1", lock_lifetime=10):
            inside[0] += 1
            most[0] = max(most[0], inside[0])
            await asyncio.sleep(0.01)   # a turn's work, during which others poll
            served.append(i)
            inside[0] -= 1

    async def burst():
        await asyncio.gather(*(turn(first if i % 2 else second, i) for i in range(30)))

    asyncio.run(burst())
    assert most[0] == 1 and sorted(served) == list(range(30))
    assert first.get_lock("conversation-1") is None   # the last turn removed the lock


def test_tickets_taken_at_the_same_moment_are_unique(redis_port):
    from concurrent.futures import ThreadPoolExecutor

    many = stores(redis_port, 8)
    with ThreadPoolExecutor(max_workers=8) as pool:
        tickets = list(pool.map(lambda i: many[i % 8].issue_ticket("conversation-2", 10), range(80)))
    assert len(set(tickets)) == 80


def test_a_dead_servers_ticket_expires_and_the_waiter_goes_on(redis_port):
    dead, alive = stores(redis_port)
    dead.issue_ticket("conversation-3", 1.5)   # taken by a server that then died

    async def wait():
        start = time.monotonic()
        async with alive.lock("conversation-3", lock_lifetime=1.5):
            return time.monotonic() - start

    waited = asyncio.run(asyncio.wait_for(wait(), timeout=10))
    assert 1.0 < waited < 3.0


def test_a_slack_post_delivered_to_two_nodes_is_answered_by_one(redis_port):
    from bot.channels.deliveries import Deliveries

    url = "redis://127.0.0.1:%d/1" % redis_port
    node1, node2 = Deliveries(url), Deliveries(url)
    # One post, delivered as app_mention (to node 1) and as message (to node 2) at once: each delivery
    # names its event id and the post's (channel, ts).
    claims = [node1.first_time(["Ev1", "C1:1700000000.000100"]), node2.first_time(["Ev2", "C1:1700000000.000100"])]
    assert sorted(claims) == [False, True]
    assert node2.first_time(["Ev3", "C1:1700000000.000200"])   # the next post is new


def test_without_redis_a_node_remembers_deliveries_itself():
    from tests.servers import free_port
    from bot.channels.deliveries import Deliveries

    nobody_listens = Deliveries("redis://127.0.0.1:%d/1" % free_port())
    assert nobody_listens.first_time(["Ev1", "C1:1"])
    assert not nobody_listens.first_time(["Ev2", "C1:1"])
