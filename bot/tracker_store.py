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

Either way Rasa gets a bounded window of the session (bot/tracker_window.py): the last
TRACKER_WINDOW_TURNS turns (default 5; 0: the whole session) and the state before them as events,
so the cost of a message does not grow with the conversation. The database keeps every event.
"""
import itertools
import json
import logging
import os
from collections import OrderedDict
from typing import Any, Iterator, List, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from core import settings
from bot.question_log import QuestionLog, retention_days
from bot.tracker_window import ACTION_LISTEN, DEFAULT_KEEP_TURNS, StateBefore, cut_point, window

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10000
CACHED_CONVERSATIONS = 2000


def tracker_store_url() -> str:
    return os.environ.get("TRACKER_STORE_URL") or "sqlite:///%s" % settings.tracker_db_path()


def window_turns() -> int:
    return int(os.environ.get("TRACKER_WINDOW_TURNS") or DEFAULT_KEEP_TURNS)


def count_turns(events) -> int:
    """User messages that start a turn, among Rasa events."""
    count, previous = 0, None
    for event in events:
        if isinstance(event, UserUttered) and isinstance(previous, ActionExecuted) \
                and previous.action_name == ACTION_LISTEN:
            count += 1
        previous = event
    return count


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
        self.keep_turns = window_turns()
        self.question_log = QuestionLog(retention_days=retention_days())

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The latest session's window (see bot/tracker_window.py); None for an unknown conversation."""
        cached = self._cached(sender_id)
        if cached is not None:
            events = json.loads("[%s]" % ",".join(cached))
        else:
            events = self._windowed(sender_id, self.session_events(sender_id))
            if not events:
                return None
            if self.cache is not None:
                self._remember(sender_id, [json.dumps(e) for e in events])
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        tracker.stored_events = len(events)  # all stored: what save() appends comes after these
        return tracker

    def session_events(self, sender_id: Text) -> List[dict]:
        """Every event of the conversation's latest session, from the database."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
            return [json.loads(row.data) for row in rows]

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        stored = getattr(tracker, "stored_events", None)
        await super().save(tracker)  # stores what _additional_events names
        events = list(tracker.events)
        if self.cache is not None:
            known = self.cache.get(sender_id) or []
            new = events[stored or 0:]
            if (stored or 0) != len(known) or (known and any(isinstance(e, SessionStarted) for e in new)):
                # Not loaded from the remembered window, or a new session: read it from the database next time.
                self.cache.pop(sender_id, None)
            else:
                self._remember(sender_id, known + [json.dumps(e.as_dict()) for e in new])
                if count_turns(events) > 2 * self.keep_turns > 0:
                    self._remember(sender_id, [json.dumps(e) for e in self._windowed(
                        sender_id, json.loads("[%s]" % ",".join(self.cache[sender_id])))])
        tracker.stored_events = len(events)
        self.question_log.record(sender_id, events)

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator:
        """The events not stored yet: those after the ones the tracker was loaded with (Rasa would count the
        session's stored events with a query, which a window does not match)."""
        stored = getattr(tracker, "stored_events", None)
        if stored is None:  # not loaded by retrieve(): a new conversation
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    def _windowed(self, sender_id: Text, events: List[dict]) -> List[dict]:
        cut = cut_point(events, self.keep_turns)
        if cut is None:
            return events
        return window(events, cut, self._state_before(sender_id, events[:cut]))

    def _state_before(self, sender_id: Text, events: List[dict]) -> StateBefore:
        """Rasa's own replay of the events before a cut: which slots are set, which form runs, paused or not."""
        replay = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        slots = {name: slot.value for name, slot in replay.slots.items() if slot.has_been_set}
        loop = replay.active_loop_name
        started = next((e for e in reversed(events) if e.get("event") == "active_loop" and e.get("name") == loop),
                       None) if loop else None
        return StateBefore(slots=slots, active_loop=started, paused=replay.is_paused())

    def _cached(self, sender_id: Text) -> Optional[List[str]]:
        """The window of a remembered conversation, each event as JSON."""
        if self.cache is None or sender_id not in self.cache:
            return None
        self.cache.move_to_end(sender_id)
        return self.cache[sender_id]

    def _remember(self, sender_id: Text, events: List[str]) -> None:
        # JSON, not the event objects: Rasa changes a tracker's events in place during a turn.
        self.cache[sender_id] = events
        self.cache.move_to_end(sender_id)
        while len(self.cache) > CACHED_CONVERSATIONS:
            self.cache.popitem(last=False)
