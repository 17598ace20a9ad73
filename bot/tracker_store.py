"""The Rasa server's tracker store: conversations survive a restart, and every turn is logged.

Rasa's own SQL tracker store, on an SQLite file under BOT_DATA_DIR (`tracker.db`) unless
TRACKER_STORE_URL names another database (e.g. `postgresql://user:pass@host:5432/partnerbot`).
After each save the finished turn goes to the question log (bot/question_log.py).

On one machine (an SQLite file, one Sanic worker: the default) this process is the only writer,
so the store also keeps the latest session of recent conversations in memory: a message then
costs no database read and no count query, only the insert of its new events (measured: the SQL
store without it took a quarter of the server's time under load). With a shared database
(PostgreSQL: several nodes) or several workers (SANIC_WORKERS > 1) another process may have
added events since, so every read goes to the database.
"""
import itertools
import json
import logging
import os
from collections import OrderedDict
from typing import Any, Iterator, List, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from core import settings
from bot.question_log import QuestionLog, retention_days

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10000
CACHED_CONVERSATIONS = 2000


def tracker_store_url() -> str:
    return os.environ.get("TRACKER_STORE_URL") or "sqlite:///%s" % settings.tracker_db_path()


def single_worker() -> bool:
    return (os.environ.get("SANIC_WORKERS") or "1").strip() == "1"


def _sqlite_pragmas(connection, _record) -> None:
    # WAL lets the question log, report and other readers work while a tracker is written;
    # the busy timeout makes concurrent writers wait instead of failing with "database is locked".
    cursor = connection.cursor()
    cursor.execute("pragma journal_mode=wal")
    cursor.execute("pragma busy_timeout=%d" % BUSY_TIMEOUT_MS)
    cursor.execute("pragma synchronous=normal")
    cursor.close()


class PartnerbotTrackerStore(SQLTrackerStore):
    def __init__(self, domain=None, host: Optional[Text] = None, event_broker=None, **kwargs: Any) -> None:
        url = host or tracker_store_url()
        super().__init__(domain, host=url, event_broker=event_broker, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # One pooled connection reused (Rasa's engine opens a new file connection per session).
            self.engine.dispose()
            self.engine = sa.create_engine(self.engine.url, poolclass=sa.pool.QueuePool, pool_size=2,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        else:
            # A shared database may restart: a pooled connection it dropped is replaced before use
            # (pre-ping) instead of failing the next message.
            self.engine.dispose()
            options = {"pool_size": 5, "max_overflow": 5, **create_engine_kwargs(self.engine.url)}
            self.engine = sa.create_engine(self.engine.url, pool_pre_ping=True, pool_recycle=1800, **options)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        logger.info("tracker store: %s", self.engine.url.render_as_string(hide_password=True))
        owns_every_conversation = self.engine.dialect.name == "sqlite" and single_worker()
        self.cache: Optional[OrderedDict] = OrderedDict() if owns_every_conversation else None
        self.question_log = QuestionLog(retention_days=retention_days())

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        cached = self._cached(sender_id)
        if cached is not None:
            events = json.loads("[%s]" % ",".join(cached))
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        tracker = await super().retrieve(sender_id)
        if tracker is not None and self.cache is not None:
            self._remember(sender_id, tracker)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        cached = self._cached(tracker.sender_id)
        await super().save(tracker)  # stores what _additional_events names
        if self.cache is not None:
            new = list(tracker.events)[len(cached or []):]
            if cached is not None and any(isinstance(e, SessionStarted) for e in new):
                # A new session: the database's latest session is now shorter than this tracker; re-read it.
                self.cache.pop(tracker.sender_id, None)
            else:
                self._remember(tracker.sender_id, tracker)
        self.question_log.record(tracker.sender_id, list(tracker.events))

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator:
        """The events not stored yet: for a remembered conversation, those after the remembered ones
        (Rasa counts the stored events with a query on every save)."""
        cached = self._cached(tracker.sender_id)
        if cached is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, len(cached), len(tracker.events))

    def _cached(self, sender_id: Text) -> Optional[List[str]]:
        """The stored events of a remembered conversation, each as JSON."""
        if self.cache is None or sender_id not in self.cache:
            return None
        self.cache.move_to_end(sender_id)
        return self.cache[sender_id]

    def _remember(self, sender_id: Text, tracker: DialogueStateTracker) -> None:
        # JSON, not the event objects: Rasa changes a tracker's events in place during a turn.
        # Only the events new since the last save are encoded.
        known = self.cache.get(sender_id) or []
        events = list(tracker.events)
        self.cache[sender_id] = known + [json.dumps(e.as_dict()) for e in events[len(known):]]
        self.cache.move_to_end(sender_id)
        while len(self.cache) > CACHED_CONVERSATIONS:
            self.cache.popitem(last=False)
