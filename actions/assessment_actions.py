"""The partnership fit check: answer validation, the result with advice, stopping."""
import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import MAX_REPLY_CHARS, Answerer, Question
from actions.answering.render import source_line
from actions.fit_scoring import (
    ANSWER_HINT, FACTOR_BY_SLOT, FACTORS, SLOTS, Factor, parse_answer, recommend_form, score,
    verdict, weak_factors,
)
from actions.storage import save_assessment
from core import settings
from knowledge import KnowledgeBaseMissing, load_index
from knowledge.text import split_sentences, truncate

logger = logging.getLogger(__name__)
FORM = "partnership_fit_form"


def reset_events() -> List[Dict]:
    return [SlotSet(slot, None) for slot in SLOTS] + [SlotSet("requested_slot", None)]


def run_key(tracker: Tracker) -> str:
    """Which fit check this is: the conversation and the moment its form started. If the Rasa server
    dies after the result was stored but before the turn was saved, it runs the turn again; the same
    key then stores nothing twice."""
    started = next((e.get("timestamp") for e in reversed(tracker.events)
                    if e.get("event") == "active_loop" and e.get("name") == FORM), None)
    return "%s@%s" % (tracker.sender_id, started)


class ValidatePartnershipFitForm(FormValidationAction):
    """Turns typed answers (ja, deels, nee, 1-5, yes, misschien...) into values; asks again otherwise."""

    def name(self) -> Text:
        return "validate_" + FORM

    async def get_validation_events(self, dispatcher, tracker, domain):
        # One validator for all slots (instead of a validate_<slot> method each):
        # every slot of the form is an answer to a yes-question.
        events = []
        for slot, text in tracker.slots_to_validate().items():
            if slot not in FACTOR_BY_SLOT or text is None:
                continue
            value = parse_answer(str(text))
            if value is None:
                dispatcher.utter_message(text="Dat antwoord begreep ik niet. " + ANSWER_HINT)
            events.append(SlotSet(slot, value))
        return events


class ActionAssessmentResult(Action):
    """Scores the finished fit check, sends the result with advice from the knowledge base, stores it."""

    def name(self) -> Text:
        return "action_assessment_result"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        answers = {slot: float(tracker.get_slot(slot) or 0.0) for slot in SLOTS}
        points = score(answers)
        form, reason = recommend_form(answers)
        dispatcher.utter_message(text=result_text(points, form, reason, answers))
        for message in advice_messages(weak_factors(answers)):
            dispatcher.utter_message(text=message)
        try:
            save_assessment({slot: round(v, 2) for slot, v in answers.items()}, points, form,
                            tracker.get_latest_input_channel(), tracker.sender_id, run_key=run_key(tracker))
        except Exception:  # the user still gets the result; the failure is logged for staff
            logger.exception("could not store the assessment")
        logger.info("assessment finished score=%d form=%s", points, form)
        return reset_events()


def result_text(points: int, form: str, reason: str, answers: Dict[str, float]) -> str:
    strong = [f.name for f in FACTORS if answers.get(f.slot, 0.0) >= 1.0]
    lines = ["Score: %d/100 \u2013 %s." % (points, verdict(points)),
             "Aanbevolen vorm van samenwerking: %s, omdat %s." % (form, reason)]
    if strong:
        lines.append("Sterk: %s." % ", ".join(strong))
    if len(strong) < len(FACTORS):
        lines.append("Hieronder per aandachtspunt een advies uit de factsheets.")
    return "\n".join(lines)


def advice_messages(factors: List[Factor]) -> List[str]:
    """One message per weak factor: what the factsheets say about it, with its source."""
    try:
        index = load_index(settings.knowledge_db_path())
    except KnowledgeBaseMissing:
        return ["Aandachtspunten: %s." % ", ".join(f.name for f in factors)] if factors else []
    messages = []
    for factor in factors:
        answer = Answerer(index).answer(Question(factor.advice_query, "ask_success_factors", 1.0))
        if not answer.grounded:
            messages.append("Aandachtspunt: %s." % factor.name)
            continue
        lines = answer.lines
        # A list's intro ('... zijn:') does not stand alone; its items do.
        lines = [line[2:] if line.startswith("- ") else line for line in lines if not line.endswith(":")]
        named = [line for line in lines if factor.name.split()[0].lower() in line.lower()]
        body = " ".join(named or lines)
        text = "Aandachtspunt %s: %s. Uit de factsheet: %s\n%s" % (
            factor.name, factor.tip, first_sentences(body, 300), source_line(answer))
        messages.append(truncate(text, MAX_REPLY_CHARS))
    return messages


def first_sentences(text: str, limit: int) -> str:
    """Whole sentences from the start of text, at most limit characters (at least one, truncated)."""
    out = ""
    for sentence in split_sentences(" ".join(text.split())):
        if out and len(out) + 1 + len(sentence) > limit:
            break
        out = (out + " " + sentence).strip()
    return out if len(out) <= limit else truncate(out, limit)


class ActionStopAssessment(Action):
    def name(self) -> Text:
        return "action_stop_assessment"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        dispatcher.utter_message(response="utter_assessment_stopped")
        return [ActiveLoop(None)] + reset_events()
