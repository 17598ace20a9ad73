"""The Rasa server's tracker store: conversations survive a restart, and every turn is logged.

Rasa's own SQL tracker store, on an SQLite file under BOT_DATA_DIR (`tracker.db`) unless
TRACKER_STORE_URL names another database (e.g. `postgresql://user:pass@host:5432/partnerbot`).
After each save the finished turn goes to the question log (bot/question_log.py).
"""
import logging
import os
from typing import Any, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from bot import settings
from bot.question_log import QuestionLog, retention_days

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10000


def tracker_store_url() -> str:
    return os.environ.get("TRACKER_STORE_URL") or "sqlite:///%s" % settings.tracker_db_path()


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
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.engine.dispose()  # reconnect with the pragmas
        logger.info("tracker store: %s", self.engine.url.render_as_string(hide_password=True))
        self.question_log = QuestionLog(retention_days=retention_days())

    async def save(self, tracker) -> None:
        await super().save(tracker)
        self.question_log.record(tracker.sender_id, list(tracker.events))
