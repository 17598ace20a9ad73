"""Build the SQLite knowledge base from the factsheets folder."""
import os
import tempfile
from pathlib import Path
from typing import Iterable, List

import sqlite_utils

from .concepts import passage_concepts
from .errors import FactsheetError
from .lemmas import lemma_text
from .parse import Factsheet, read_factsheet
from .text import slugify
from .topics import topic_labels

FACTSHEET_SUFFIXES = (".txt", ".md", ".pdf")
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


def factsheet_files(folder: Path) -> List[Path]:
    return sorted(p for p in Path(folder).iterdir()
                  if p.suffix.lower() in FACTSHEET_SUFFIXES and not p.name.startswith((".", "_")))


def factsheet_rows(factsheet: Factsheet):
    """(factsheet row, passage rows, concept rows) for one parsed factsheet."""
    passages, concepts = [], []
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
        for concept in passage_concepts(passage, factsheet.title):
            concept_id = "%s:%s" % (factsheet.id, slugify(concept.name))
            if any(c["id"] == concept_id for c in concepts):
                continue
            concepts.append({
                "id": concept_id,
                "factsheet_id": factsheet.id,
                "passage_id": passage_id,
                "kind": concept.kind,
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
    return row, passages, concepts


def write_database(path: Path, factsheets: Iterable[Factsheet]) -> dict:
    """Write a fresh database at path; returns counts."""
    db = sqlite_utils.Database(str(path))
    counts = {"factsheets": 0, "passages": 0, "concepts": 0}
    db["factsheets"].create({"id": str, "title": str, "organisation": str, "source_file": str,
                             "sections": str}, pk="id")
    db["passages"].create({"id": str, "factsheet_id": str, "section": str, "position": int, "kind": str,
                           "text": str, "topics": str, "lemmas": str}, pk="id",
                          foreign_keys=[("factsheet_id", "factsheets", "id")])
    db["concepts"].create({"id": str, "factsheet_id": str, "passage_id": str, "kind": str, "name": str,
                           "aliases": str, "definition": str, "example": str, "position": int,
                           "lemmas": str}, pk="id",
                          foreign_keys=[("factsheet_id", "factsheets", "id"), ("passage_id", "passages", "id")])
    for factsheet in factsheets:
        row, passages, concepts = factsheet_rows(factsheet)
        db["factsheets"].insert(row)
        db["passages"].insert_all(passages)
        db["concepts"].insert_all(concepts)
        counts["factsheets"] += 1
        counts["passages"] += len(passages)
        counts["concepts"] += len(concepts)
    db["passages"].create_index(["factsheet_id"])
    db["concepts"].create_index(["kind"])
    db["passages"].enable_fts(["section", "text", "lemmas"], tokenize=FTS_TOKENIZE, replace=True)
    db["concepts"].enable_fts(["name", "aliases", "definition", "lemmas"], tokenize=FTS_TOKENIZE, replace=True)
    db.close()
    return counts


def build(factsheets_dir: Path, db_path: Path) -> dict:
    """Parse every factsheet in the folder and replace the database at db_path atomically.

    A reader holding the old file keeps a consistent view; the new one appears
    in one rename. Ids are derived from file names and positions, so a rebuild
    of unchanged factsheets gives the same rows.
    """
    files = factsheet_files(factsheets_dir)
    if not files:
        raise FactsheetError("no factsheets (.txt, .md, .pdf) in %s" % factsheets_dir)
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
        counts = write_database(Path(tmp), parsed)
        os.replace(tmp, db_path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return counts
