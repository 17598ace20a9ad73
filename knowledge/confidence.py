"""How sure the evidence makes us that the factsheets answer a question: one number, 0..1.

A logistic model over absolute measures of the evidence (`Features`):
- meaning: the cosine of the best unit with the question, and the best of the top five;
- words: the share of the question's word weight (rare words weigh most, words the factsheets
  never use weigh most of all) found in the best unit's passage, and in the unit itself; and the
  weight of the heaviest question word its passage lacks, and of the rarest one it has (a name
  that occurs in one passage only says far more than 'samenwerking'); and both at once: every word
  of the question in the unit itself, one of them rare;
- subject: for 'wat is X' and 'wie is X', whether X is in that unit, word for word;
- kind: whether that unit can answer the kind of question (a number for 'hoeveel', a year for
  'wanneer', a name for 'wie');
- the NLU's probability that the message is off-topic (0 when no NLU is involved);
- whether the question is English (its words are not the factsheets' words, so meaning counts more).

The coefficients and the threshold that turns the number into "answer" or "decline" are fitted per
encoder by `python -m bot calibrate` on the tuning question sets (answerable and unanswerable
ones), never on the held-out sets, and stored in calibration.json next to this file.
"""
import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Sequence

from .query import Query, analyse, gives_kind, holds_all
from .retrieval import Evidence

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
FEATURES = ("dense", "dense_top5", "context_coverage", "unit_coverage", "missing", "rare_match", "full_match",
            "subject", "kind", "out_of_scope", "english", "english_dense")


@dataclass
class Features:
    dense: float
    dense_top5: float
    context_coverage: float
    unit_coverage: float
    missing: float
    rare_match: float
    full_match: float
    subject: float
    kind: float
    out_of_scope: float
    english: float
    english_dense: float

    def as_dict(self) -> Dict[str, float]:
        return asdict(self)

    def vector(self):
        return [getattr(self, name) for name in FEATURES]


def features(query: Query, evidence: Sequence[Evidence], out_of_scope: float = 0.0,
             answer_text: Optional[str] = None) -> Features:
    """The measures of the best evidence; `kind` is judged on the composed answer when there is one
    (a reason may sit in the sentence after the best one)."""
    best = evidence[0]
    english = 1.0 if query.english else 0.0
    kind = gives_kind(query.kind, answer_text, query.measure) if answer_text is not None else best.gives_kind
    subject = 0.0
    if query.subject:
        # 'Wat is The Shift?': every word of what is asked about, in the best unit itself.
        asked = analyse(query.subject).terms
        subject = 1.0 if asked and holds_all(asked, best.unit.bag) else 0.0
    return Features(dense=best.dense, dense_top5=max(e.dense for e in evidence[:5]),
                    context_coverage=best.context_coverage, unit_coverage=best.coverage, missing=best.missing,
                    rare_match=best.rare_match, full_match=best.coverage * best.rare_match, subject=subject,
                    kind=1.0 if kind else 0.0, out_of_scope=out_of_scope,
                    english=english, english_dense=english * best.dense)


@lru_cache(maxsize=None)
def calibration(encoder: str) -> dict:
    """{'coefficients': {feature: weight, 'bias': b}, 'threshold': t, ...} for an encoder."""
    fitted = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8")) if CALIBRATION_FILE.exists() else {}
    if encoder not in fitted:
        raise KeyError("no calibration for encoder %r; run `python -m bot calibrate --encoder %s`" % (encoder, encoder))
    return fitted[encoder]


def confidence(f: Features, encoder: str) -> float:
    c = calibration(encoder)["coefficients"]
    z = c["bias"] + sum(c[name] * value for name, value in zip(FEATURES, f.vector()))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def threshold(encoder: str) -> float:
    return float(calibration(encoder)["threshold"])
