"""Runtime settings, read from the environment. No Rasa imports: cheap to import anywhere."""
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



def tracker_db_path() -> Path:
    """Conversation trackers (Rasa's SQL tracker store), unless TRACKER_STORE_URL names another database."""
    return data_dir() / "tracker.db"
