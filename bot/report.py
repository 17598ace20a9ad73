"""The trainers' report: what was asked over a period, and what the bot could not answer.

Reads the question log and the stored fit checks in bot.db. Figures only; rendering as
text is here, as HTML in `bot.report_html`.
"""
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from bot.question_log import QUESTIONS
from core.records import Records, Target, connect
from knowledge.taxonomy import BY_INTENT

# Outcomes of a question that asked for knowledge; chit-chat and fit-check answers are not questions.
KNOWLEDGE_OUTCOMES = ("answered", "fallback", "out-of-scope")
UNANSWERED_OUTCOMES = ("fallback", "out-of-scope")
TOP = 10
SIMILAR = 0.60        # cosine similarity at which two unanswered questions ask the same thing
LARGE_LOG = 2000      # from this many rows on, progress is shown
CHUNK = 1000

# progress(items, total, label) -> the same items, showing progress while they are consumed.
Progress = Callable[[Iterable, int, str], Iterable]
Embed = Callable[[List[str]], np.ndarray]


def no_progress(items: Iterable, total: int, label: str) -> Iterable:
    return items


@dataclass
class UnansweredGroup:
    question: str                 # the most asked wording
    count: int
    variants: List[str] = field(default_factory=list)  # other wordings, most asked first
    answered_by: Optional[str] = None  # the source of the staff answer that covers it since ('Antwoord van NCDO (...)')


@dataclass
class Report:
    since: datetime
    until: datetime
    channel: Optional[str]
    questions: int = 0
    conversations: int = 0
    outcomes: Counter = field(default_factory=Counter)
    per_day: Dict[str, int] = field(default_factory=dict)
    top_topics: List[Tuple[str, int]] = field(default_factory=list)
    top_questions: List[Tuple[str, int]] = field(default_factory=list)
    unanswered: List[UnansweredGroup] = field(default_factory=list)
    assessments: int = 0
    average_score: Optional[float] = None

    @property
    def knowledge_questions(self) -> int:
        return sum(self.outcomes[o] for o in KNOWLEDGE_OUTCOMES)

    @property
    def answered_share(self) -> Optional[float]:
        """Answered share of the questions that asked for knowledge."""
        return self.outcomes["answered"] / self.knowledge_questions if self.knowledge_questions else None


def period(since: date, until: Optional[date] = None) -> Tuple[datetime, datetime]:
    """[since 00:00, the day after until 00:00) in UTC; until defaults to today."""
    start = datetime.combine(since, time(), timezone.utc)
    end = datetime.combine((until or datetime.now(timezone.utc).date()) + timedelta(days=1), time(), timezone.utc)
    return start, end


def normalise_question(text: str) -> str:
    """For counting: case, punctuation and spacing do not make another question."""
    return " ".join(re.sub(r"[^\w'’]+", " ", text.lower()).split())


def group_similar(counted: Sequence[Tuple[str, int]], vectors: np.ndarray,
                  threshold: float = SIMILAR) -> List[UnansweredGroup]:
    """Greedy grouping, most asked first: a question joins the first group whose leader it resembles."""
    order = sorted(range(len(counted)), key=lambda i: (-counted[i][1], counted[i][0]))
    leaders: List[int] = []
    groups: List[UnansweredGroup] = []
    for i in order:
        text, count = counted[i]
        if leaders:
            sims = vectors[leaders] @ vectors[i]
            best = int(np.argmax(sims))
            if sims[best] >= threshold:
                groups[best].count += count
                groups[best].variants.append(text)
                continue
        leaders.append(i)
        groups.append(UnansweredGroup(text, count))
    return sorted(groups, key=lambda g: -g.count)


def _default_embed(texts: List[str]) -> np.ndarray:
    # USE, a paraphrase model, whichever encoder the knowledge base uses: SIMILAR is calibrated on its scale.
    from knowledge.embeddings import get_encoder

    return get_encoder("use").queries(texts)


def build_report(records: Target, since: datetime, until: datetime, channel: Optional[str] = None,
                 progress: Progress = no_progress, embed: Embed = _default_embed) -> Report:
    """The figures of [since, until) from the records: an SQLite file (Path), a database URL, or None
    for the configured ones (every node's, when they share a database)."""
    report = Report(since, until, channel)
    if isinstance(records, Path) and not records.exists():
        return report
    with connect(records) as db:
        _read_questions(db, report, progress, embed)
        _read_assessments(db, report)
    if report.unanswered:
        from knowledge.curated import CuratedAnswers

        staff = CuratedAnswers(embed=embed, records=records)   # the same paraphrase encoder as the grouping
        for group in report.unanswered:
            found = staff.match(group.question)
            group.answered_by = found[0].source if found else None
    return report


def _where(report: Report) -> Tuple[str, dict]:
    clauses = ["time >= :since", "time < :until"]
    params = {"since": report.since.isoformat(), "until": report.until.isoformat()}
    if report.channel:
        clauses.append("channel = :channel")
        params["channel"] = report.channel
    return " and ".join(clauses), params


def _read_questions(db: Records, report: Report, progress: Progress, embed: Embed) -> None:
    if not db.has_table(QUESTIONS):
        return
    where, params = _where(report)
    total = next(db.query("select count(*) as n from %s where %s" % (QUESTIONS, where), params))["n"]
    rows = db.query("select time, conversation, question, intent, outcome from %s where %s order by time, id"
                    % (QUESTIONS, where), params)
    if total >= LARGE_LOG:
        rows = progress(rows, total, "Vragen lezen")
    conversations, topics, asked = set(), Counter(), Counter()
    wording: Dict[str, Counter] = {}
    unanswered = Counter()
    per_day = Counter()
    for row in rows:
        report.questions += 1
        conversations.add(row["conversation"])
        report.outcomes[row["outcome"]] += 1
        per_day[row["time"][:10]] += 1
        if row["outcome"] not in KNOWLEDGE_OUTCOMES:
            continue
        if row["outcome"] == "answered" and row["intent"] in BY_INTENT:
            topics[BY_INTENT[row["intent"]].title] += 1
        key = normalise_question(row["question"] or "")
        if not key or row["question"].startswith("/"):
            continue  # a menu button counts for its topic, not as a question
        asked[key] += 1
        wording.setdefault(key, Counter())[row["question"].strip()] += 1
        if row["outcome"] in UNANSWERED_OUTCOMES:
            unanswered[key] += 1
    report.conversations = len(conversations)
    report.per_day = dict(sorted(per_day.items()))
    report.top_topics = topics.most_common(TOP)
    report.top_questions = [(wording[k].most_common(1)[0][0], n) for k, n in asked.most_common(TOP)]
    if unanswered:
        counted = [(wording[k].most_common(1)[0][0], n) for k, n in unanswered.items()]
        texts = [t for t, _ in counted]
        batches = [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)]
        if len(texts) >= LARGE_LOG:
            batches = progress(batches, len(batches), "Onbeantwoorde vragen groeperen")
        vectors = np.vstack([embed(batch) for batch in batches])
        report.unanswered = group_similar(counted, vectors)


def _read_assessments(db: Records, report: Report) -> None:
    if not db.has_table("assessments"):
        return
    where, params = _where(report)
    row = next(db.query("select count(*) as n, avg(score) as average from assessments where " + where, params))
    report.assessments = row["n"]
    report.average_score = float(row["average"]) if row["average"] is not None else None


def percent(share: Optional[float]) -> str:
    return "-" if share is None else "%d%%" % round(100 * share)


def title(report: Report) -> str:
    """'Partnerbot-rapport <first day> t/m <last day> (kanaal: ...)': the period is [since, until)."""
    last_day = (report.until - timedelta(days=1)).date().isoformat()
    return "Partnerbot-rapport %s t/m %s%s" % (report.since.date().isoformat(), last_day,
                                               " (kanaal: %s)" % report.channel if report.channel else "")


def render_text(report: Report) -> str:
    lines = [title(report),
             "",
             "Gesprekken:            %d" % report.conversations,
             "Berichten:             %d" % report.questions,
             "Kennisvragen:          %d, waarvan beantwoord: %s" % (report.knowledge_questions,
                                                                    percent(report.answered_share)),
             "Fit checks afgerond:   %d%s" % (report.assessments, ", gemiddelde score %.0f/100" % report.average_score
                                               if report.average_score is not None else "")]
    lines += ["", "Populairste onderwerpen:"] + ["  %4d  %s" % (n, t) for t, n in report.top_topics or [("-", 0)]]
    lines += ["", "Meest gestelde vragen:"] + ["  %4d  %s" % (n, q) for q, n in report.top_questions or [("-", 0)]]
    lines += ["", "Niet beantwoorde vragen (gegroepeerd):"]
    for group in report.unanswered or [UnansweredGroup("-", 0)]:
        lines.append("  %4d  %s%s" % (group.count, group.question,
                                       "  [inmiddels beantwoord: %s]" % group.answered_by if group.answered_by else ""))
        lines += ["          ook: %s" % v for v in group.variants[:3]]
    return "\n".join(lines)
