"""The Redis lock store several Rasa servers share, with atomic ticket updates.

Rasa's RedisLockStore takes a ticket by reading the lock, adding a ticket and writing it back:
two servers that take a ticket for one conversation at the same moment both read the same lock,
both get ticket 0, and both process their message at once; the later tracker save then drops the
other's events (tests/cluster showed it). Here every read-modify-write of a lock is one Redis
transaction (WATCH/MULTI, retried when another server changed the lock in between), so tickets are
unique and turns of one conversation are processed one after the other on any server.

Waiting is changed too. In Rasa a waiting ticket can expire in the queue: when the ticket ahead
belongs to a server that died, both expire about together, and the waiter then waits for a
ticket that no longer exists, until its client gives up (seen in tests/cluster). Here a waiter
renews its own ticket every poll (only the tickets of those who stopped polling expire) and takes
a new one if its own expired anyway.
"""
import asyncio
import json
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Callable, Optional, Text, Tuple

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore

Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Any]]

POLL_SECONDS = 0.1   # Rasa polls once a second; a lock check is one small Redis transaction


class PartnerbotLockStore(RedisLockStore):
    def __init__(self, endpoint_config=None, **kwargs: Any) -> None:
        if endpoint_config is not None:   # as Rasa loads a lock store class named in endpoints.yml
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def _atomically(self, conversation_id: Text, change: Change) -> Any:
        """Apply `change(lock) -> (new lock or None to delete, result)` as one transaction; the result."""
        key = self.key_prefix + conversation_id
        outcome = []

        def transaction(pipe) -> None:
            outcome.clear()
            raw = pipe.get(key)
            new, result = change(TicketLock.from_dict(json.loads(raw)) if raw else None)
            pipe.multi()
            if new is None:
                pipe.delete(key)
            else:
                pipe.set(key, new.dumps())
            outcome.append(result)

        self.red.transaction(transaction, key)
        return outcome[0]

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def take(lock):
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._atomically(conversation_id, take)
        except Exception as e:
            raise LockError(f"Error while acquiring lock. Error:\n{e}")

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = POLL_SECONDS) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                try:
                    ticket, serving, lock = self._atomically(
                        conversation_id, lambda current: self._wait_in_line(current, conversation_id, ticket,
                                                                           lock_lifetime))
                except Exception as e:
                    raise LockError(f"Error while acquiring lock. Error:\n{e}")
                if serving:
                    break
                await asyncio.sleep(wait_time_in_seconds)
            yield lock
        finally:
            self.cleanup(conversation_id, ticket)

    def _wait_in_line(self, lock: Optional[TicketLock], conversation_id: Text, ticket: int, lifetime: float):
        """One poll: expire the tickets of those who stopped waiting, renew ours (or queue again when it
        expired anyway); (our ticket, whether it is served now, the lock)."""
        lock = lock or self.create_lock(conversation_id)
        lock.remove_expired_tickets()
        mine = next((t for t in lock.tickets if t.number == ticket), None)
        if mine is None:
            ticket = lock.issue_ticket(lifetime)
        else:
            mine.expires = time.time() + lifetime
        return lock, (ticket, lock.now_serving == ticket, lock)

    def update_lock(self, conversation_id: Text) -> None:
        def expire(lock):
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._atomically(conversation_id, expire)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Give up the ticket; delete the lock when no one else holds one."""
        def release(lock):
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._atomically(conversation_id, release)
