"""Assessments are stored in the bot's own database, never in the knowledge base."""
import json
import subprocess
import sys
from pathlib import Path

from actions.storage import assessments, hash_conversation, save_assessment, to_csv

ROOT = Path(__file__).resolve().parents[2]


def test_saved_row_has_no_names_and_a_hashed_conversation(fresh_data_dir):
    row_id = save_assessment({"fit_goal": "ja"}, 80, "geïntegreerd", "rest", "jan.jansen@example.org")
    [row] = assessments()
    assert row["id"] == row_id and row["score"] == 80 and row["recommended_form"] == "geïntegreerd"
    assert row["conversation"] == hash_conversation("jan.jansen@example.org")
    assert "jan" not in json.dumps(row) and json.loads(row["answers"]) == {"fit_goal": "ja"}
    assert (fresh_data_dir / "bot.db").exists() and not (fresh_data_dir / "knowledge.db").exists()


def test_kb_rebuild_keeps_assessments(fresh_data_dir):
    save_assessment({"fit_goal": "nee"}, 10, "filantropisch", "rest", "a")
    subprocess.run([sys.executable, "-m", "knowledge", "build"], cwd=ROOT, check=True, capture_output=True)
    assert (fresh_data_dir / "knowledge.db").exists() and len(assessments()) == 1


def test_csv_export_cli(fresh_data_dir):
    save_assessment({"fit_goal": "ja", "fit_reputation": "deels"}, 73, "transactioneel", "slack", "b")
    out = subprocess.run([sys.executable, "-m", "bot", "assessments", "--csv"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0] == "id,time,channel,conversation,answers,score,recommended_form"
    assert lines[1].startswith("1,") and ",slack," in lines[1] and lines[1].endswith(",73,transactioneel")
    assert to_csv([]) == lines[0] + "\n"
