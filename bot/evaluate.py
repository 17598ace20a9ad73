"""The offline evaluator: question sets through the trained bot, in one process, no HTTP servers.

Every case goes through the real pipeline: the trained Rasa model (NLU, rules, domain
responses) and the real custom actions, run in this process by rasa_sdk's executor instead
of over HTTP. A case is judged by the rules of the shared scorer (../shared/eval/score.py):
the reply to its last turn must contain one of `any` and all of `all` (case and accents
ignored), carry a `Bron:` line exactly when `cite` is true, and stay within 1000 characters.

The suite (tests/eval/suite.yml) says which sets run against which knowledge base (the
production factsheets, or those plus the generalisation factsheets), which were used for
tuning and which are held out, and the floor each must reach in `make test`.
"""
import asyncio
import json
import logging
import os
import tempfile
import time
import unicodedata
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence

import yaml

from core.settings import ROOT

MAX_CHARS = 1000
SUITE = ROOT / "tests" / "eval" / "suite.yml"
logger = logging.getLogger(__name__)


# --- judging: the shared scorer's rules --------------------------------------------
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def reply_text(messages: Sequence[dict]) -> str:
    parts = []
    for m in messages:
        parts.append(m.get("text") or "")
        parts += [b.get("title", "") for b in m.get("buttons") or []]
        if m.get("custom"):
            parts.append(json.dumps(m["custom"], ensure_ascii=False))
    return "\n".join(p for p in parts if p)


def judge(case: dict, text: str) -> Optional[str]:
    """None when the reply passes, else why it fails."""
    t = norm(text)
    if not t:
        return "empty reply"
    if len(text) > MAX_CHARS:
        return "reply of %d characters is longer than %d" % (len(text), MAX_CHARS)
    if case.get("any") and not any(norm(p) in t for p in case["any"]):
        return "none of %s" % case["any"]
    missing = [p for p in case.get("all", []) if norm(p) not in t]
    if missing:
        return "missing %s" % missing
    cited = "bron:" in t
    if case.get("cite", True) and not cited:
        return "no 'Bron:' citation"
    if not case.get("cite", True) and cited:
        return "cites a source but should not"
    return None


# --- the suite ------------------------------------------------------------------
@dataclass
class QuestionSet:
    name: str
    path: Path
    kb: str = "production"
    role: str = "tuned"            # tuned | held-out
    floor: float = 0.0

    def cases(self) -> List[dict]:
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Outcome:
    name: str
    kb: str
    role: str
    passed: int = 0
    total: int = 0
    floor: float = 0.0
    failures: List[tuple] = field(default_factory=list)   # (question, why, reply)
    per_category: Dict[str, List[int]] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def record(self, case: dict, why: Optional[str], reply: str) -> None:
        """Count one judged case (why: None when it passed)."""
        self.total += 1
        self.passed += why is None
        counts = self.per_category.setdefault(case.get("cat", "in"), [0, 0])
        counts[0 if why is None else 1] += 1
        if why:
            self.failures.append((case["turns"][-1], why, reply[:300]))


def load_suite(path: Path = SUITE):
    """(knowledge bases: name -> factsheet folders, question sets) from the suite file."""
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    folder = Path(path).parent
    kbs = {name: [ROOT / d for d in dirs] for name, dirs in spec["knowledge_bases"].items()}
    sets = [QuestionSet(s.get("name") or Path(s["file"]).stem, folder / s["file"], s.get("kb", "production"),
                        s.get("role", "tuned"), float(s.get("floor", 0.0))) for s in spec["sets"]]
    return kbs, sets


# --- running --------------------------------------------------------------------
def in_process_actions():
    """An action endpoint that runs the custom actions in this process (rasa_sdk's executor)."""
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.utils.endpoints import EndpointConfig
    from rasa_sdk.executor import ActionExecutor
    from rasa_sdk.interfaces import ActionExecutionRejection as SdkRejection

    executor = ActionExecutor()
    executor.register_package("actions")

    class InProcessActions(EndpointConfig):
        async def request(self, method="post", subpath=None, content_type="application/json", compress=False,
                          **kwargs):
            try:
                return await executor.run(kwargs["json"])
            except SdkRejection as rejection:
                raise ActionExecutionRejection(rejection.action_name, rejection.message)

    return InProcessActions(url="in-process://actions")


def quiet_logs() -> None:
    """Rasa logs every prediction at debug level; the evaluator prints its own summary."""
    import rasa.utils.common
    from rasa.utils.log_utils import configure_structlog

    rasa.utils.common.configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    for name in ("rasa", "rasa_sdk", "actions", "knowledge", "tensorflow", "absl"):
        logging.getLogger(name).setLevel(logging.WARNING)


def load_agent(model: Optional[str] = None):
    from rasa.core.agent import Agent

    from bot.rasa_server import apply_patches
    from bot.training import MODELS_DIR

    apply_patches()
    quiet_logs()
    if model is None:
        models = sorted(MODELS_DIR.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        if not models:
            raise FileNotFoundError("no trained model in %s; run `make train`" % MODELS_DIR)
        model = str(models[-1])
    return Agent.load(model, action_endpoint=in_process_actions())


@contextmanager
def knowledge_base(folders: Sequence[Path], workdir: Path, encoder: Optional[str] = None) -> Iterator[Path]:
    """A knowledge base built from these factsheet folders, made the one the actions read."""
    from knowledge import build_from, factsheet_files

    path = workdir / ("kb-%s.db" % uuid.uuid4().hex[:8])
    build_from([f for folder in folders for f in factsheet_files(folder)], path, encoder)
    previous = os.environ.get("KNOWLEDGE_DB")
    os.environ["KNOWLEDGE_DB"] = str(path)
    try:
        yield path
    finally:
        if previous is None:
            os.environ.pop("KNOWLEDGE_DB", None)
        else:
            os.environ["KNOWLEDGE_DB"] = previous


async def run_case(agent, case: dict) -> List[dict]:
    sender = "eval-" + uuid.uuid4().hex[:12]
    messages: List[dict] = []
    for turn in case["turns"]:
        messages = await agent.handle_text(turn, sender_id=sender) or []
    return messages


def run_set(agent, question_set: QuestionSet, loop) -> Outcome:
    outcome = Outcome(question_set.name, question_set.kb, question_set.role, floor=question_set.floor)
    for case in question_set.cases():
        try:
            text = reply_text(loop.run_until_complete(run_case(agent, case)))
            why = judge(case, text)
        except Exception as exc:  # a crash is a failed case, reported, not the end of the run
            why, text = "error: %r" % exc, ""
        outcome.record(case, why, text)
    return outcome


def baseline_reply(kb, passages: Dict[str, dict], text: str) -> str:
    """What a plain full-text search would say: the passage that ranks first by BM25 over the question's
    words (lemmas and compound parts, as the bot's own lexical ranking), with its source, never declining,
    with no memory of the conversation, no NLU and no composing."""
    hits = kb.bm25("passages", text, 1)
    if not hits:
        return "Geen resultaten."
    p = passages[hits[0][0]]
    # Cut so that the reply with its source line stays within the scorer's length (a passage is at most ~650).
    return "%s\nBron: %s \u2013 %s" % (p["text"][:MAX_CHARS - 200], p["title"], p["section"])


def run_set_baseline(kb_path: Path, question_set: QuestionSet) -> Outcome:
    """One set answered by baseline_reply from the knowledge base at kb_path, judged as the bot's answers are."""
    from knowledge.store import KnowledgeBase

    kb = KnowledgeBase(kb_path)
    titles = {r["id"]: r["title"] for r in kb.rows("factsheets")}
    passages = {r["id"]: dict(r, title=titles[r["factsheet_id"]]) for r in kb.rows("passages")}
    outcome = Outcome(question_set.name, question_set.kb, question_set.role, floor=question_set.floor)
    for case in question_set.cases():
        text = baseline_reply(kb, passages, case["turns"][-1])
        why = judge(case, text)
        outcome.record(case, why, text)
    kb.close()
    return outcome


def evaluate(sets: Sequence[QuestionSet], kbs: Dict[str, List[Path]], model: Optional[str] = None,
             encoder: Optional[str] = None, agent=None, baseline: bool = False) -> List[Outcome]:
    """Run the sets, each against its knowledge base; one agent (trained model) for all. With baseline,
    plain BM25 answers instead of the bot (no model needed), for comparison."""
    agent = None if baseline else (agent or load_agent(model))
    loop = asyncio.new_event_loop()
    outcomes: List[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="partnerbot-eval-") as tmp:
        for kb_name in dict.fromkeys(s.kb for s in sets):
            with knowledge_base(kbs[kb_name], Path(tmp), encoder) as kb_path:
                for question_set in (s for s in sets if s.kb == kb_name):
                    outcomes.append(run_set_baseline(kb_path, question_set) if baseline
                                    else run_set(agent, question_set, loop))
    loop.close()
    order = {s.name + s.kb: i for i, s in enumerate(sets)}
    return sorted(outcomes, key=lambda o: order[o.name + o.kb])


def render_outcomes(outcomes: Sequence[Outcome], seconds: float, failures: bool = False) -> str:
    lines = ["%-34s %-10s %-9s %8s  %s" % ("set", "kb", "role", "score", "per category")]
    for o in outcomes:
        cats = " ".join("%s %d/%d" % (c, ok, ok + bad) for c, (ok, bad) in sorted(o.per_category.items()))
        lines.append("%-34s %-10s %-9s %3d/%-4d %s" % (o.name, o.kb, o.role, o.passed, o.total, cats))
    for role in ("tuned", "held-out"):
        chosen = [o for o in outcomes if o.role == role]
        if chosen:
            passed, total = sum(o.passed for o in chosen), sum(o.total for o in chosen)
            lines.append("%-34s %-10s %-9s %3d/%-4d (%.0f%%)" % ("all " + role, "", role, passed, total,
                                                                100.0 * passed / total))
    lines.append("%.0f s" % seconds)
    if failures:
        for o in outcomes:
            for question, why, text in o.failures:
                lines.append("FAIL [%s] %r: %s\n     reply: %r" % (o.name, question, why, text))
    return "\n".join(lines)


def main(files: Sequence[str], kb_folders: Sequence[str], model: Optional[str], encoder: Optional[str],
         show_failures: bool, tuning_only: bool, baseline: bool = False) -> List[Outcome]:
    started = time.perf_counter()
    kbs, sets = load_suite()
    if files:
        kbs = {"given": [Path(f) for f in kb_folders] or kbs["production"]}
        sets = [QuestionSet(Path(f).stem, Path(f), "given") for f in files]
    elif tuning_only:
        sets = [s for s in sets if s.role != "held-out"]
    outcomes = evaluate(sets, kbs, model, encoder, baseline=baseline)
    print(render_outcomes(outcomes, time.perf_counter() - started, show_failures))
    return outcomes
