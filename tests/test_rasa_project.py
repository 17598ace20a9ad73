"""Rasa's own checks over the project: data validation and the test stories."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}


def test_rasa_data_validate():
    result = subprocess.run([RASA, "data", "validate", "--quiet"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_test_stories_pass(tmp_path):
    result = subprocess.run(
        [RASA, "test", "core", "--stories", "tests/stories", "--fail-on-prediction-errors", "--out", str(tmp_path)],
        cwd=ROOT, env=ENV, capture_output=True, text=True)
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "None of the test stories failed" in failed, failed
