"""The tracker store: conversations in SQLite under BOT_DATA_DIR survive a new store (a restart)."""
import asyncio
import sqlite3

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from core.records import open_db
from bot.question_log import QUESTIONS
from core.settings import ROOT
from bot.tracker_store import PartnerbotTrackerStore, tracker_store_url
from bot.tracker_window import DEFAULT_KEEP_TURNS


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def mid_assessment(domain):
    tracker = DialogueStateTracker("user-1", domain.slots)
    for event in [ActionExecuted("action_listen"),
                  UserUttered("fit check", {"name": "start_assessment", "confidence": 0.99}, input_channel="rest"),
                  ActionExecuted("partnership_fit_form"), ActiveLoop("partnership_fit_form"),
                  SlotSet("fit_goal", 1.0), SlotSet("requested_slot", "fit_commitment"),
                  BotUttered("Vraag 2 van 8: ..."), ActionExecuted("action_listen")]:
        tracker.update(event)
    return tracker


def test_a_new_store_resumes_the_conversation(fresh_data_dir, domain):
    asyncio.run(PartnerbotTrackerStore(domain).save(mid_assessment(domain)))
    resumed = asyncio.run(PartnerbotTrackerStore(domain).retrieve("user-1"))  # as after a restart
    assert resumed.active_loop_name == "partnership_fit_form"
    assert resumed.get_slot("fit_goal") == 1.0 and resumed.get_slot("requested_slot") == "fit_commitment"
    path = fresh_data_dir / "tracker.db"
    assert sqlite3.connect(path).execute("pragma journal_mode").fetchone()[0] == "wal"


def test_saving_also_keeps_the_question_log(fresh_data_dir, domain):
    asyncio.run(PartnerbotTrackerStore(domain).save(mid_assessment(domain)))
    [row] = list(open_db()[QUESTIONS].rows)
    assert (row["question"], row["outcome"]) == ("fit check", "assessment")


def test_tracker_store_url_selects_another_database(fresh_data_dir, monkeypatch, domain):
    other = fresh_data_dir / "elsewhere.db"
    monkeypatch.setenv("TRACKER_STORE_URL", "sqlite:///%s" % other)
    assert tracker_store_url() == "sqlite:///%s" % other
    asyncio.run(PartnerbotTrackerStore(domain).save(mid_assessment(domain)))
    assert other.exists() and not (fresh_data_dir / "tracker.db").exists()
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://bot:secret@db:5432/partnerbot")
    assert tracker_store_url().startswith("postgresql://")  # what Rasa's SQL store connects to


def stored_events(path):
    return [row[0] for row in sqlite3.connect(path).execute("select type_name from events order by id")]


def test_the_memory_copy_stores_each_event_once_and_reads_like_the_database(fresh_data_dir, domain):
    store = PartnerbotTrackerStore(domain)
    asyncio.run(store.save(mid_assessment(domain)))
    tracker = asyncio.run(store.retrieve("user-1"))               # from memory
    tracker.update(UserUttered("ja", {"name": "answer", "confidence": 0.9}, input_channel="rest"))
    tracker.update(SlotSet("fit_commitment", 0.5))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(tracker))                              # saved twice: nothing new to store
    assert len(stored_events(fresh_data_dir / "tracker.db")) == len(tracker.events)
    from_memory = asyncio.run(store.retrieve("user-1"))
    from_disk = asyncio.run(PartnerbotTrackerStore(domain).retrieve("user-1"))
    assert [e.as_dict() for e in from_memory.events] == [e.as_dict() for e in from_disk.events]
    assert from_disk.get_slot("fit_commitment") == 0.5


def test_several_workers_read_the_database_every_time(fresh_data_dir, monkeypatch, domain):
    monkeypatch.setenv("SANIC_WORKERS", "2")
    assert PartnerbotTrackerStore(domain).cache is None


def chat(store, sender, turns, domain, form_at=None, start=0):
    """`turns` turns through the store as Rasa runs them: load, add the turn's events, save."""
    for i in range(start, start + turns):
        tracker = asyncio.run(store.retrieve(sender))
        if tracker is None:
            tracker = DialogueStateTracker(sender, domain.slots)
            tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered("vraag %d" % i, {"name": "ask_benefits", "confidence": 0.9},
                                   input_channel="rest"))
        if i == form_at:
            tracker.update(ActionExecuted("partnership_fit_form"))
            tracker.update(ActiveLoop("partnership_fit_form"))
            tracker.update(SlotSet("fit_goal", 1.0))
        else:
            tracker.update(ActionExecuted("action_answer_question"))
            tracker.update(SlotSet("topic", "onderwerp %d" % i))
        tracker.update(BotUttered("antwoord %d" % i))
        tracker.update(ActionExecuted("action_listen"))
        asyncio.run(store.save(tracker))


def full_tracker(path, sender, domain):
    import json

    rows = sqlite3.connect(path).execute("select data from events where sender_id = ? order by id", (sender,))
    return DialogueStateTracker.from_dict(sender, [json.loads(data) for (data,) in rows], domain.slots)


def last_turns(tracker, n):
    events = [e.as_dict() for e in tracker.events]
    starts = [i for i, e in enumerate(events) if e["event"] == "user"]
    return events[starts[-n]:]


@pytest.mark.parametrize("workers", ["1", "2"])  # remembered windows; read from the database every time
def test_a_long_conversation_loads_a_bounded_window_with_the_same_state(fresh_data_dir, monkeypatch, domain,
                                                                          workers):
    monkeypatch.setenv("SANIC_WORKERS", workers)
    store = PartnerbotTrackerStore(domain)
    chat(store, "long", 45, domain, form_at=4)
    full = full_tracker(fresh_data_dir / "tracker.db", "long", domain)
    assert len(full.events) == 1 + 45 * 5 + 1  # every event stored exactly once (the form turn has one more)
    for loaded in (asyncio.run(store.retrieve("long")), asyncio.run(PartnerbotTrackerStore(domain).retrieve("long"))):
        turns = sum(isinstance(e, UserUttered) for e in loaded.events)
        keep = DEFAULT_KEEP_TURNS
        assert keep <= turns <= 2 * keep and len(loaded.events) < len(full.events) / 2
        assert loaded.current_slot_values() == full.current_slot_values()
        assert loaded.active_loop_name == "partnership_fit_form" == full.active_loop_name
        assert loaded.latest_message.text == "vraag 44"
        assert last_turns(loaded, keep) == last_turns(full, keep)
        # The form keeps the moment it started (the fit check's result key is built from it).
        [started] = [e.timestamp for e in full.events if isinstance(e, ActiveLoop)]
        assert [e.timestamp for e in loaded.events if isinstance(e, ActiveLoop)] == [started]


def test_a_window_of_zero_turns_loads_the_whole_session(fresh_data_dir, monkeypatch, domain):
    monkeypatch.setenv("TRACKER_WINDOW_TURNS", "0")
    store = PartnerbotTrackerStore(domain)
    chat(store, "long", 30, domain)
    assert len(asyncio.run(store.retrieve("long")).events) == 1 + 30 * 5


def test_the_full_tracker_keeps_the_whole_conversation(fresh_data_dir, domain):
    store = PartnerbotTrackerStore(domain)
    chat(store, "long", 30, domain)
    full = asyncio.run(store.retrieve_full_tracker("long"))  # Rasa's HTTP API and the widget's history
    assert [e.text for e in full.events if isinstance(e, UserUttered)] == ["vraag %d" % i for i in range(30)]
