"""Fit the answer-or-decline model (knowledge/confidence.py) on the tuning question sets.

For every single-turn question of the tuning sets that reaches the answerer's confidence
decision, the real NLU parse and the answerer give the evidence features and the answer the
bot would compose. A case is positive when it is answerable and that answer passes the shared
scorer's rules; negative when the factsheets cannot answer it (cite: false) or the composed
answer would be wrong (a wrong answer with a source is worse than "I don't know"). A logistic
regression on the standardised features gives the coefficients; the threshold is the lowest
that declines DECLINE_TARGET of the unanswerable questions, moved up where that keeps more right
answers than it loses. Held-out sets are never read here.
"""
import asyncio
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np

from bot.evaluate import judge, knowledge_base, load_agent, load_suite, reply_text

NOT_ANSWERED_BY_THE_ANSWERER = {"greet", "goodbye", "thanks", "bot_challenge", "capabilities", "acknowledge",
                                "answer", "start_assessment", "stop_assessment"}


def collect(encoder: Optional[str] = None, agent=None) -> Tuple[np.ndarray, np.ndarray, List[dict]]:
    """Features, labels and a record per case, from the tuning sets."""
    from actions.answering import Answerer, Context, render
    from actions.knowledge_actions import question_from_message
    from knowledge import load_index
    from knowledge.confidence import FEATURES

    agent = agent or load_agent()
    loop = asyncio.new_event_loop()
    kbs, sets = load_suite()
    sets = [s for s in sets if s.role == "tuned"]
    rows, labels, records = [], [], []
    with tempfile.TemporaryDirectory(prefix="partnerbot-calibrate-") as tmp:
        for kb_name in dict.fromkeys(s.kb for s in sets):
            with knowledge_base(kbs[kb_name], Path(tmp), encoder) as path:
                answerer = Answerer(load_index(path), min_confidence=0.0)
                seen = set()
                for question_set in (s for s in sets if s.kb == kb_name):
                    for case in question_set.cases():
                        text = case["turns"][0]
                        if len(case["turns"]) != 1 or text in seen:
                            continue
                        seen.add(text)
                        parse = loop.run_until_complete(agent.parse_message(text))
                        if (parse.get("intent") or {}).get("name") in NOT_ANSWERED_BY_THE_ANSWERER:
                            continue
                        answer = answerer.answer(question_from_message(parse, Context()))
                        if answer.grounded and answerer.last_features is None:
                            continue   # a topic overview: no confidence decision
                        f = answerer.last_features
                        if f is None:
                            continue
                        reply = render(answer)
                        right = case.get("cite", True) and judge(case, reply_text([
                            {"text": reply.text, "buttons": reply.buttons}])) is None
                        rows.append(f.vector())
                        labels.append(1 if right else 0)
                        records.append({"set": question_set.name, "question": text, "cite": case.get("cite", True),
                                        "right": right, **dict(zip(FEATURES, f.vector()))})
    loop.close()
    return np.array(rows, dtype=float), np.array(labels), records


# Unanswerable questions that must be declined: a wrong answer with a source is worse than "I don't know".
DECLINE_TARGET = 0.89
# The direction each measure may push the confidence. A feature whose fitted weight points the
# other way (collinear with another, or noise in a small sample) is left out and the rest refitted.
SIGNS = {"dense": 1, "dense_top5": 1, "context_coverage": 1, "unit_coverage": 1, "missing": -1, "rare_match": 1, "full_match": 1, "subject": 1,
         "kind": 1,
         "out_of_scope": -1, "english": 0, "english_dense": 0}


def fit(x: np.ndarray, y: np.ndarray, records: List[dict]) -> Dict:
    from sklearn.linear_model import LogisticRegression

    from knowledge.confidence import FEATURES

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    used = [i for i in range(len(FEATURES)) if x[:, i].std() > 0]
    while True:
        model = LogisticRegression(C=1.0, max_iter=1000).fit(((x - mean) / scale)[:, used], y)
        wrong = [i for i, w in zip(used, model.coef_[0]) if SIGNS[FEATURES[i]] * w < 0]
        if not wrong:
            break
        used = [i for i in used if i not in wrong]
    standardised = np.zeros(len(FEATURES))
    standardised[used] = model.coef_[0]
    weights = standardised / scale
    bias = float(model.intercept_[0] - np.sum(standardised * mean / scale))
    z = x @ weights + bias
    conf = 1 / (1 + np.exp(-z))
    # The threshold: of those that decline at least DECLINE_TARGET of the unanswerable questions, the
    # one that keeps the most right answers and declines the most wrong ones.
    unanswerable = np.array([not r["cite"] for r in records])
    best_t, best_score = 1.0, -1
    for t in sorted(set(np.round(conf, 3))):
        if np.any(unanswerable) and np.mean(conf[unanswerable] < t) < DECLINE_TARGET:
            continue
        score = int(np.sum((conf >= t) & (y == 1)) + np.sum((conf < t) & (y == 0)))
        if score > best_score:
            best_t, best_score = float(t), score
    kept = float(np.mean(conf[y == 1] >= best_t)) if np.any(y == 1) else 0.0
    declined = float(np.mean(conf[unanswerable] < best_t)) if np.any(unanswerable) else 0.0
    return {"coefficients": {"bias": round(bias, 4), **{n: round(float(w), 4) for n, w in zip(FEATURES, weights)}},
            "threshold": round(best_t, 3),
            "fitted": {"on": "tuning sets of tests/eval/suite.yml", "date": date.today().isoformat(),
                       "cases": int(len(y)), "right_answers_kept": round(kept, 3),
                       "unanswerable_declined": round(declined, 3)}}


def calibrate(encoder: Optional[str] = None, write: bool = True) -> Dict:
    from core import settings
    from knowledge.confidence import CALIBRATION_FILE

    name = encoder or settings.embedding_model()
    x, y, records = collect(name)
    result = fit(x, y, records)
    if write:
        fitted = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8")) if CALIBRATION_FILE.exists() else {}
        fitted[name] = result
        CALIBRATION_FILE.write_text(json.dumps(fitted, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return result
