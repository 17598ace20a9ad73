"""Build the SQLite knowledge base from the factsheets folder.

Tables (sqlite-utils): factsheets; passages (a paragraph chunk or a list with its intro);
units (the sentences and list items of a passage: what an answer is made of); concepts
(named things a factsheet defines); vectors (sentence embeddings of every unit and passage, and
of each sentence of a unit that has several, computed here once, so a server start only reads
them); meta (which encoder made them).
FTS5 indexes over units and passages hold the surface words, lemmas and compound parts.
"""
import os
import tempfile
import time
from pathlib import Path
from typing import Iterable, List, Optional

import numpy as np
import sqlite_utils

from .concepts import passage_concepts
from .embeddings import Encoder, embed_passages, get_encoder
from .errors import FactsheetError
from .lemmas import lemma_text
from .store import SCHEMA_VERSION
from .parse import Factsheet, read_factsheet
from .text import slugify, split_sentences
from .topics import topic_labels
from .units import passage_units

FACTSHEET_SUFFIXES = (".txt", ".md", ".pdf", ".html", ".htm", ".docx")
FTS_TOKENIZE = "unicode61 remove_diacritics 2"



def factsheet_files(folder: Path) -> List[Path]:
    return sorted(p for p in Path(folder).iterdir()
                  if p.suffix.lower() in FACTSHEET_SUFFIXES and not p.name.startswith((".", "_")))


def passage_embedding_text(section: str, text: str) -> str:
    # The heading gives a passage its subject ('Risico's' over a paragraph that never says 'risico').
    return "%s. %s" % (section, text)


def factsheet_rows(factsheet: Factsheet):
    """(factsheet row, passage rows, unit rows, concept rows) for one parsed factsheet."""
    passages, units, concepts = [], [], []
    for position, passage in enumerate(factsheet.passages()):
        passage_id = "%s:%03d" % (factsheet.id, position)
        passages.append({
            "id": passage_id,
            "factsheet_id": factsheet.id,
            "section": passage.section,
            "position": position,
            "kind": passage.kind,
            "text": passage.text,
            "topics": topic_labels(passage.section, passage.text),
            "lemmas": lemma_text(passage.section + " " + passage.text),
        })
        for i, unit in enumerate(passage_units(passage)):
            units.append({
                "id": "%s:%02d" % (passage_id, i),
                "passage_id": passage_id,
                "factsheet_id": factsheet.id,
                "position": i,
                "kind": unit.kind,
                "text": unit.text,
                "lemmas": lemma_text(unit.text),
                "section_lemmas": lemma_text(passage.section),
            })
        for concept in passage_concepts(passage):
            concept_id = "%s:%s" % (factsheet.id, slugify(concept.name))
            if any(c["id"] == concept_id for c in concepts):
                continue
            concepts.append({
                "id": concept_id,
                "factsheet_id": factsheet.id,
                "passage_id": passage_id,
                "unit_id": "%s:%02d" % (passage_id, concept.unit),
                "name": concept.name,
                "aliases": concept.aliases,
                "definition": concept.definition,
                "example": concept.example,
                "position": len(concepts),
                "lemmas": lemma_text(" ".join([concept.name, *concept.aliases])),
            })
    row = {
        "id": factsheet.id,
        "title": factsheet.title,
        "organisation": factsheet.organisation,
        "source_file": factsheet.source_file,
        "sections": [s.heading for s in factsheet.sections],
    }
    return row, passages, units, concepts


def _create_tables(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["factsheets"].create({"id": str, "title": str, "organisation": str, "source_file": str,
                             "sections": str}, pk="id")
    db["passages"].create({"id": str, "factsheet_id": str, "section": str, "position": int, "kind": str,
                           "text": str, "topics": str, "lemmas": str}, pk="id",
                          foreign_keys=[("factsheet_id", "factsheets", "id")])
    db["units"].create({"id": str, "passage_id": str, "factsheet_id": str, "position": int, "kind": str,
                        "text": str, "lemmas": str, "section_lemmas": str}, pk="id",
                       foreign_keys=[("passage_id", "passages", "id")])
    db["concepts"].create({"id": str, "factsheet_id": str, "passage_id": str, "unit_id": str, "name": str,
                           "aliases": str, "definition": str, "example": str, "position": int,
                           "lemmas": str}, pk="id",
                          foreign_keys=[("factsheet_id", "factsheets", "id"), ("passage_id", "passages", "id")])
    db["vectors"].create({"id": str, "vector": bytes}, pk="id")


def write_database(path: Path, factsheets: Iterable[Factsheet], encoder: Encoder) -> dict:
    """Write a fresh database at path; returns counts."""
    db = sqlite_utils.Database(str(path))
    _create_tables(db)
    counts = {"factsheets": 0, "passages": 0, "units": 0, "concepts": 0}
    texts = {}   # vector id -> text to embed
    for factsheet in factsheets:
        row, passages, units, concepts = factsheet_rows(factsheet)
        db["factsheets"].insert(row)
        db["passages"].insert_all(passages)
        db["units"].insert_all(units)
        db["concepts"].insert_all(concepts)
        for p in passages:
            texts[p["id"]] = passage_embedding_text(p["section"], p["text"])
        for u in units:
            texts[u["id"]] = u["text"]
            sentences = split_sentences(u["text"])
            if len(sentences) > 1:
                # A list item of several sentences ('X: definition. Voorbeeld: Y.') is also embedded per
                # sentence, so a question about one of them is not drowned by the rest.
                for k, sentence in enumerate(sentences):
                    texts["%s#%d" % (u["id"], k)] = sentence
        for key, rows in (("factsheets", [row]), ("passages", passages), ("units", units), ("concepts", concepts)):
            counts[key] += len(rows)
    started = time.perf_counter()
    ids = list(texts)
    vectors = embed_passages(encoder, [texts[i] for i in ids])
    db["vectors"].insert_all({"id": i, "vector": v.astype(np.float32).tobytes()} for i, v in zip(ids, vectors))
    counts["embedding_seconds"] = round(time.perf_counter() - started, 2)
    db["meta"].insert_all([{"key": "schema", "value": SCHEMA_VERSION},
                           {"key": "embedding_model", "value": encoder.name},
                           {"key": "embedding_dimensions", "value": str(encoder.dimensions)}])
    db["passages"].create_index(["factsheet_id"])
    db["units"].create_index(["passage_id"])
    # Column order matters to bm25() weights in knowledge/store.py.
    db["passages"].enable_fts(["section", "text", "lemmas"], tokenize=FTS_TOKENIZE, replace=True)
    db["units"].enable_fts(["text", "lemmas", "section_lemmas"], tokenize=FTS_TOKENIZE, replace=True)
    db["concepts"].enable_fts(["name", "aliases", "definition", "lemmas"], tokenize=FTS_TOKENIZE, replace=True)
    db.close()
    return counts


def build(factsheets_dir: Path, db_path: Path, encoder: Optional[str] = None) -> dict:
    """Parse every factsheet in the folder and replace the database at db_path atomically.

    A reader holding the old file keeps a consistent view; the new one appears in one
    rename. Ids are derived from file names and positions, so a rebuild of unchanged
    factsheets gives the same rows.
    """
    files = factsheet_files(factsheets_dir)
    if not files:
        raise FactsheetError("no factsheets (.txt, .md, .pdf) in %s" % factsheets_dir)
    return build_from(files, db_path, encoder)


def build_from(files: Iterable[Path], db_path: Path, encoder: Optional[str] = None) -> dict:
    """Build a knowledge base from these factsheet files (from several folders, for tests and evaluation)."""
    parsed = [read_factsheet(f) for f in files]
    ids = [f.id for f in parsed]
    if len(set(ids)) != len(ids):
        raise FactsheetError("two factsheets have the same file name stem: %s" % ids)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".db", dir=str(db_path.parent))
    os.close(fd)
    os.unlink(tmp)
    try:
        counts = write_database(Path(tmp), parsed, get_encoder(encoder or ""))
        os.replace(tmp, db_path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return counts
