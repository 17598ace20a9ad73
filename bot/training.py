"""Train only when the inputs of the model changed.

The model file is named after a hash of everything that shapes it, so an
unchanged checkout finds its model and skips the minutes of training.
"""
import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Tuple

from core.settings import ROOT

MODEL_INPUTS = ("config.yml", "domain.yml", "data", "build/spacy-nl/meta.json")
MODELS_DIR = ROOT / "models"


def inputs_fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for name in MODEL_INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for f in files:
            if f.exists():
                digest.update(str(f.relative_to(root)).encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def train_if_changed(force: bool = False) -> Tuple[Path, bool]:
    name = "partnerbot-" + inputs_fingerprint()
    model = MODELS_DIR / (name + ".tar.gz")
    if model.exists() and not force:
        model.touch()  # rasa serves the newest model in models/
        return model, False
    rasa = str(Path(sys.executable).parent / "rasa")
    subprocess.run([rasa, "train", "--quiet", "--fixed-model-name", name, "--out", str(MODELS_DIR)],
                   cwd=str(ROOT), check=True)
    for old in MODELS_DIR.glob("partnerbot-*.tar.gz"):
        if old != model:
            old.unlink()  # keep only the model of the current inputs
    return model, True
