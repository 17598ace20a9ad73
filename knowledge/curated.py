"""Answers written by NCDO staff for questions the factsheets cannot answer: knowledge without retraining.

A curated answer holds the question it answers, other wordings of it (e.g. the report's group of
unanswered questions), the staff text, who wrote it and when. It lives in the bot's records
(core.records: bot.db or the shared PostgreSQL), so `make kb` cannot lose it and every node sees it.
A question matches a curated answer when its meaning is close to the stored question or one of its
wordings (a paraphrase encoder, cosine >= QUESTION_MATCH), or very close to the answer text itself
(ANSWER_MATCH); below SURE_MATCH only when the factsheets have no answer. The source line names it:
'Antwoord van NCDO (<name>, <date>)'.
"""
import csv
import io
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np

from core.records import Table, Target, connect, register_table

CURATED = "curated_answers"
# Measured with the Universal Sentence Encoder on Dutch paraphrases of partnership questions: paraphrases
# 0.66-0.80, the closest different question about the same subject 0.55-0.64.
QUESTION_MATCH = 0.68
ANSWER_MATCH = 0.75
# A different question sharing a distinctive term can reach 0.72 ('Wat doet een partnership broker?' against
# 'Hoeveel kost een partnership broker per uur?'): below SURE_MATCH a staff answer only answers what the
# factsheets decline, so it never replaces their answer to another question.
SURE_MATCH = 0.85
RELOAD_SECONDS = 10.0

register_table(Table(CURATED, {"question": str, "wordings": str, "answer": str, "author": str, "created": str,
                               "updated": str, "thread": str}, unique=["thread"], indexed=["updated"]))


class CuratedAnswerError(ValueError):
    """A curated answer that cannot be stored (no question or no answer text)."""


@dataclass
class CuratedAnswer:
    id: int
    question: str
    answer: str
    author: str
    created: str                     # ISO date-time (UTC)
    wordings: List[str] = field(default_factory=list)
    thread: Optional[str] = None     # the Slack thread it was written in ('channel:ts'), if any

    @property
    def source(self) -> str:
        return staff_source(self.author, self.created)

    @property
    def questions(self) -> List[str]:
        return list(dict.fromkeys([self.question, *self.wordings]))


def staff_source(author: str, created: str) -> str:
    """The source of a staff answer, as the `Bron:` line names it."""
    return "Antwoord van NCDO (%s, %s)" % (author, created[:10])


def _row_to_answer(row: dict) -> CuratedAnswer:
    return CuratedAnswer(id=row["id"], question=row["question"], answer=row["answer"], author=row["author"],
                         created=row["created"], wordings=json.loads(row["wordings"] or "[]"), thread=row["thread"])


def save_answer(question: str, answer: str, author: str, wordings: Sequence[str] = (), thread: Optional[str] = None,
                records: Target = None, answer_id: Optional[int] = None) -> int:
    """Store a curated answer; returns its id. With `thread` (or `answer_id`), an answer stored for that
    thread (or id) before is replaced: the latest text counts."""
    question, answer = (question or "").strip(), (answer or "").strip()
    if not question or not answer:
        raise CuratedAnswerError("a curated answer needs a question and an answer text")
    now = datetime.now(timezone.utc).isoformat(timespec="microseconds")   # `version` must see every change
    row = {"question": question, "answer": answer, "author": (author or "NCDO").strip(), "updated": now,
           "wordings": json.dumps([w.strip() for w in wordings if w and w.strip() and w.strip() != question],
                                  ensure_ascii=False),
           "thread": thread}
    with connect(records) as db:
        existing = None
        if answer_id is not None:
            existing = next(db.query("select id from %s where id = :id" % CURATED, {"id": answer_id}), None)
        elif thread:
            existing = next(db.query("select id from %s where thread = :t" % CURATED, {"t": thread}), None)
        if existing:
            db.execute("update %s set question = :question, answer = :answer, author = :author, wordings = :wordings, "
                       "updated = :updated where id = :id" % CURATED, {**row, "id": existing["id"]})
            return int(existing["id"])
        return db.insert(CURATED, {**row, "created": now}, unique_on="thread" if thread else None)


def remove_answer(answer_id: Optional[int] = None, thread: Optional[str] = None, records: Target = None) -> bool:
    """Remove a curated answer by id or by its thread; False when there was none."""
    with connect(records) as db:
        if not db.has_table(CURATED):
            return False
        if answer_id is not None:
            return db.execute("delete from %s where id = :id" % CURATED, {"id": answer_id}) > 0
        return db.execute("delete from %s where thread = :t" % CURATED, {"t": thread}) > 0


def load_answers(records: Target = None) -> List[CuratedAnswer]:
    with connect(records) as db:
        if not db.has_table(CURATED):
            return []
        return [_row_to_answer(r) for r in db.query("select * from %s order by id" % CURATED)]


def version(records: Target = None) -> Tuple[int, str]:
    """(count, latest change) of the curated answers: changes whenever one is added, replaced or removed."""
    with connect(records) as db:
        if not db.has_table(CURATED):
            return 0, ""
        row = next(db.query("select count(*) as n, max(updated) as latest from %s" % CURATED))
        return int(row["n"]), row["latest"] or ""


# --- files, for those not on Slack ----------------------------------------------------------------------

CSV_FIELDS = ["id", "question", "wordings", "answer", "author", "created"]
WORDING_SEPARATOR = " | "


def to_csv(answers: Sequence[CuratedAnswer]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for a in answers:
        writer.writerow({"id": a.id, "question": a.question, "wordings": WORDING_SEPARATOR.join(a.wordings),
                         "answer": a.answer, "author": a.author, "created": a.created})
    return out.getvalue()


def import_csv(text: str, records: Target = None) -> Tuple[int, int]:
    """Store the answers of a CSV file as written by to_csv (a trainer may edit it): a row with the id of a
    stored answer replaces it, a row without an id is new. Returns (added, replaced)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    missing = {"question", "answer"} - set(rows[0] if rows else CSV_FIELDS)
    if missing:
        raise CuratedAnswerError("the file lacks the column(s) %s" % ", ".join(sorted(missing)))
    known = {a.id for a in load_answers(records)}
    added = replaced = 0
    for number, row in enumerate(rows, start=2):
        answer_id = int(row["id"]) if (row.get("id") or "").strip().isdigit() else None
        wordings = [w for w in (row.get("wordings") or "").split(WORDING_SEPARATOR.strip())]
        try:
            save_answer(row["question"], row["answer"], row.get("author") or "NCDO", wordings, records=records,
                        answer_id=answer_id if answer_id in known else None)
        except CuratedAnswerError as exc:
            raise CuratedAnswerError("line %d: %s" % (number, exc))
        replaced += answer_id in known
        added += answer_id not in known
    return added, replaced


Embed = Callable[[Sequence[str]], np.ndarray]


class CuratedIndex:
    """The curated answers with their vectors; `match(question)` finds the one a question asks for."""

    def __init__(self, answers: Sequence[CuratedAnswer], embed: Embed):
        self.answers = list(answers)
        self.embed = embed
        texts, self._owner, self._kind = [], [], []
        for i, a in enumerate(self.answers):
            for q in a.questions:
                texts.append(q), self._owner.append(i), self._kind.append("question")
            texts.append(a.answer), self._owner.append(i), self._kind.append("answer")
        self._vectors = embed(texts) if texts else np.zeros((0, 1))

    def match(self, question: str) -> Optional[Tuple[CuratedAnswer, float]]:
        if not self.answers or not question.strip():
            return None
        sims = self._vectors @ self.embed([question])[0]
        best: Optional[Tuple[CuratedAnswer, float]] = None
        for sim, owner, kind in zip(sims, self._owner, self._kind):
            if sim >= (QUESTION_MATCH if kind == "question" else ANSWER_MATCH) and (best is None or sim > best[1]):
                best = (self.answers[owner], float(sim))
        return best


class CuratedAnswers:
    """The curated answers a running bot uses, reloaded when staff change them (checked every
    RELOAD_SECONDS at most; one small query), so a new answer works without retraining or a restart."""

    def __init__(self, embed: Optional[Embed] = None, records: Target = None):
        self.records = records
        self._embed = embed
        self._index: Optional[CuratedIndex] = None
        self._version: Optional[Tuple[int, str]] = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._embed is None:
            from knowledge.embeddings import get_encoder

            self._embed = get_encoder("use").queries   # a paraphrase encoder: QUESTION_MATCH is on its scale
        return self._embed(texts)

    def reload(self) -> None:
        with self._lock:
            self._version = version(self.records)
            answers = load_answers(self.records)
            self._index = CuratedIndex(answers, self.embed) if answers else None
            self._checked = time.monotonic()

    def match(self, question: str) -> Optional[Tuple[CuratedAnswer, float]]:
        if self._version is None or time.monotonic() - self._checked > RELOAD_SECONDS:
            try:
                if version(self.records) != self._version:
                    self.reload()
            except Exception:   # the records are away: answer from the factsheets meanwhile
                pass
            self._checked = time.monotonic()
        return self._index.match(question) if self._index is not None else None
