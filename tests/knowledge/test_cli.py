"""`python -m knowledge build` and `search` as a user runs them."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env_dir):
    return subprocess.run([sys.executable, "-m", "knowledge", *args], cwd=ROOT, capture_output=True, text=True,
                          env={"BOT_DATA_DIR": str(env_dir), "PATH": "/usr/bin:/bin"})


def test_build_then_search(tmp_path):
    built = run("build", env_dir=tmp_path)
    assert built.returncode == 0 and "2 factsheets" in built.stdout and (tmp_path / "knowledge.db").exists()
    found = run("search", "Wat is het belangrijkste risico van samenwerking?", env_dir=tmp_path)
    assert found.returncode == 0
    lines = found.stdout.splitlines()
    assert lines[0].startswith("kind=") and "confidence=" in lines[0] and "(answer)" in lines[0]
    assert "NCDO-factsheet" in lines[1] and "Risico's" in lines[1]
    assert "Reputatieschade" in lines[2]


def test_search_with_hostile_text_and_missing_database(tmp_path):
    run("build", env_dir=tmp_path)
    assert run("search", 'NEAR( "*', env_dir=tmp_path).returncode == 0
    missing = run("search", "risico", env_dir=tmp_path / "empty")
    assert missing.returncode == 1 and "make kb" in missing.stderr
