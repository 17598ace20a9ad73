"""Shared fixtures. The knowledge base is built once per session from the real factsheets."""
from pathlib import Path

import pytest

from core.settings import FACTSHEETS_DIR
from knowledge import KnowledgeBase, build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "knowledge.db"
    build(FACTSHEETS_DIR, path)
    return path


@pytest.fixture(scope="session")
def kb(kb_path) -> KnowledgeBase:
    knowledge_base = KnowledgeBase(kb_path)
    yield knowledge_base
    knowledge_base.close()


@pytest.fixture
def fresh_data_dir(tmp_path, monkeypatch) -> Path:
    """An empty BOT_DATA_DIR for tests that write runtime state."""
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KNOWLEDGE_DB", raising=False)   # every runtime file in that dir, the knowledge base too
    return tmp_path


@pytest.fixture(scope="session")
def index(kb_path):
    from knowledge import load_index

    return load_index(kb_path)


@pytest.fixture
def answerer(index):
    from actions.answering import Answerer

    return Answerer(index)


@pytest.fixture(scope="session")
def agent():
    """The trained Rasa model with the custom actions run in this process (no servers)."""
    from bot.evaluate import load_agent

    return load_agent()


@pytest.fixture(scope="session")
def talk(agent, kb_path):
    """talk(sender, text) -> the bot's replies, through the trained model and the real actions."""
    import asyncio
    import os

    previous = os.environ.get("KNOWLEDGE_DB")
    os.environ["KNOWLEDGE_DB"] = str(kb_path)
    loop = asyncio.new_event_loop()

    def send(sender, text):
        return loop.run_until_complete(agent.handle_text(text, sender_id=sender)) or []

    yield send
    loop.close()
    if previous is None:
        os.environ.pop("KNOWLEDGE_DB", None)
    else:
        os.environ["KNOWLEDGE_DB"] = previous
