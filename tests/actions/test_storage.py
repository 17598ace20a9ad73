"""Assessments are stored in the bot's own database, never in the knowledge base."""
import json
import subprocess
import sys
from pathlib import Path

from actions.storage import assessments, save_assessment, to_csv
from core.records import hash_conversation

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


def test_the_same_fit_check_saved_twice_is_one_row(fresh_data_dir):
    # As when the Rasa server dies after the result was stored and runs the turn again.
    first = save_assessment({"fit_goal": 1.0}, 80, "geïntegreerd", "rest", "user-1", run_key="user-1@1700000000.1")
    again = save_assessment({"fit_goal": 1.0}, 80, "geïntegreerd", "rest", "user-1", run_key="user-1@1700000000.1")
    later = save_assessment({"fit_goal": 0.0}, 20, "filantropisch", "rest", "user-1", run_key="user-1@1700000999.0")
    assert first == again != later
    assert [r["score"] for r in assessments()] == [80, 20]
    assert "user-1" not in str(assessments())


def test_fifty_concurrent_saves_store_fifty_rows(fresh_data_dir):
    from concurrent.futures import ThreadPoolExecutor

    def finish(i):
        return save_assessment({"fit_goal": 1.0}, i, "transactioneel", "rest", "user-%d" % i, run_key="k%d" % i)

    with ThreadPoolExecutor(max_workers=50) as pool:
        ids = list(pool.map(finish, range(50)))
    assert len(set(ids)) == 50
    assert sorted(r["score"] for r in assessments()) == list(range(50))


def test_an_older_database_gains_the_run_key_column(fresh_data_dir):
    import sqlite_utils

    old = sqlite_utils.Database(str(fresh_data_dir / "bot.db"))
    old["assessments"].insert({"id": 1, "time": "2026-01-01T00:00:00+00:00", "channel": "rest", "conversation": "x",
                               "answers": "{}", "score": 50, "recommended_form": "transactioneel"}, pk="id")
    old.close()
    save_assessment({}, 60, "transactioneel", "rest", "u", run_key="u@1")
    assert [r["score"] for r in assessments()] == [50, 60]


def test_a_deleted_database_gets_its_tables_again(fresh_data_dir):
    save_assessment({}, 60, "transactioneel", "rest", "u", run_key="u@1")
    (fresh_data_dir / "bot.db").unlink()
    save_assessment({}, 70, "transactioneel", "rest", "u", run_key="u@2")
    assert [r["score"] for r in assessments()] == [70]
