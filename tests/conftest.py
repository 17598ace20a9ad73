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
    return tmp_path


@pytest.fixture(scope="session")
def index(kb_path):
    from knowledge import load_index

    return load_index(kb_path)


@pytest.fixture
def answerer(index):
    from actions.answering import Answerer

    return Answerer(index)
