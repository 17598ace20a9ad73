"""How sure the evidence makes us that the factsheets answer a question: one number, 0..1.

A logistic model over a few absolute measures of the best evidence:
- meaning: the cosine of the best unit with the question (the encoder's scale, centred);
- words: the share of the question's word weight (rare words weigh most, words the factsheets
  never use weigh most of all) found in that unit's passage, and in the unit itself;
- kind: whether the unit can answer the kind of question (a number for 'hoeveel', a year for
  'wanneer', a name for 'wie');
- the NLU's probability that the message is off-topic (0 when no NLU is involved).
English questions lean on meaning only: their words are not the factsheets' words.

The coefficients are fitted by `python -m bot evaluate --calibrate` on the tuning question
sets (answerable and unanswerable ones), never on the held-out sets; the threshold that turns
the number into "answer" or "decline" is chosen there too (see README, "How an answer is found").
"""
import math
from dataclasses import dataclass
from typing import Dict, Sequence

from .query import Query
from .retrieval import Evidence

# Per encoder: where its cosines for a related question and sentence sit, and how wide they spread.
DENSE_SCALE: Dict[str, tuple] = {"e5-small": (0.85, 0.03), "use": (0.35, 0.12)}

# Fitted by `python -m bot evaluate --calibrate` (see module docstring).
COEFFICIENTS = {"bias": -2.0, "dense": 1.2, "context_coverage": 2.5, "unit_coverage": 1.0, "kind": 1.0,
                "out_of_scope": -3.0, "english_dense": 1.0}
THRESHOLD = 0.5


@dataclass
class Features:
    dense: float
    context_coverage: float
    unit_coverage: float
    kind: float
    out_of_scope: float
    english: float

    def as_dict(self) -> Dict[str, float]:
        return dict(self.__dict__)


def features(query: Query, evidence: Sequence[Evidence], encoder: str, out_of_scope: float = 0.0) -> Features:
    best = evidence[0]
    centre, spread = DENSE_SCALE.get(encoder, (0.5, 0.1))
    dense = (max(e.dense for e in evidence[:5]) - centre) / spread
    english = 1.0 if query.english else 0.0
    return Features(dense=dense, context_coverage=(1 - english) * best.context_coverage,
                    unit_coverage=(1 - english) * best.coverage,
                    kind=1.0 if best.gives_kind else 0.0, out_of_scope=out_of_scope, english=english)


def confidence(f: Features, coefficients: Dict[str, float] = None) -> float:
    c = coefficients or COEFFICIENTS
    z = (c["bias"] + c["dense"] * f.dense + c["context_coverage"] * f.context_coverage
         + c["unit_coverage"] * f.unit_coverage + c["kind"] * (f.kind - 1.0) + c["out_of_scope"] * f.out_of_scope
         + c["english_dense"] * f.english * f.dense)
    return 1.0 / (1.0 + math.exp(-z))
