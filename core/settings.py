"""Runtime settings, read from the environment. Cheap to import anywhere (no Rasa, no models)."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTSHEETS_DIR = ROOT / "knowledge" / "factsheets"


def data_dir() -> Path:
    """Where runtime state lives: `var/` in the checkout unless BOT_DATA_DIR says otherwise."""
    path = Path(os.environ.get("BOT_DATA_DIR") or ROOT / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


def knowledge_db_path() -> Path:
    """The knowledge base, rebuilt from the factsheets by `make kb`."""
    return Path(os.environ.get("KNOWLEDGE_DB") or data_dir() / "knowledge.db")


def bot_db_path() -> Path:
    """The bot's own records (assessments, question log); never touched by a KB rebuild."""
    return data_dir() / "bot.db"


def is_postgresql_url(url: str) -> bool:
    """'postgresql://...', 'postgres://...' or with a driver ('postgresql+psycopg2://...')."""
    return (url or "").split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def bot_db_url() -> "str | None":
    """The shared records database (PostgreSQL) for several nodes: BOT_DB_URL, else TRACKER_STORE_URL
    when that names PostgreSQL; None for the embedded bot.db."""
    url = os.environ.get("BOT_DB_URL")
    if url:
        return url
    tracker = os.environ.get("TRACKER_STORE_URL") or ""
    return tracker if is_postgresql_url(tracker) else None


def tracker_db_path() -> Path:
    """Conversation trackers (Rasa's SQL tracker store), unless TRACKER_STORE_URL names another database."""
    return data_dir() / "tracker.db"


def embedding_model() -> str:
    """The sentence encoder for building and searching the knowledge base (see knowledge/embeddings.py)."""
    return os.environ.get("EMBEDDING_MODEL") or "e5-small"


def embedding_cache_size() -> int:
    """Distinct question texts whose embedding is kept in memory (0: none)."""
    return int(os.environ.get("EMBEDDING_CACHE_SIZE") or 2000)


def embedding_cache_path() -> Path:
    """Sentence embeddings already computed, by encoder and text: a rebuild embeds only new text.
    Build output (git-ignored), shared by every knowledge base built from this checkout."""
    return Path(os.environ.get("EMBEDDING_CACHE") or ROOT / "build" / "embeddings.db")


def encoder_threads() -> int:
    """CPU threads the sentence encoder may use per question (ENCODER_THREADS; 0: all cores)."""
    return int(os.environ.get("ENCODER_THREADS") or 1)
