"""The action that answers questions from the knowledge base."""
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import Answerer, Context, Question, render
from actions.faq import faq_questions, with_faq
from actions.fit_scoring import parse_answer
from core import settings
from knowledge import KnowledgeBaseMissing, load_index
from knowledge.curated import CuratedAnswers
from knowledge.query import question_kind
from knowledge import warm_up as warm_up_index
from knowledge.taxonomy import BY_INTENT, MENU

logger = logging.getLogger(__name__)
NOT_A_WH_QUESTION = ("yesno", "other")   # 'Kan ik stoppen?', 'stop': about the fit check, not the factsheets
UNAVAILABLE_TEXT = "Mijn kennisbank is nu niet beschikbaar. Probeer het straks opnieuw."
# Staff answers (knowledge/curated.py), shared by every question; nothing is loaded until warm_up or use.
CURATED = CuratedAnswers()


def warm_up() -> None:
    """Load the knowledge index and the encoder, embed one question and work out the topic menus: the
    action server calls this before it listens (bot/action_server.py). A missing knowledge base is
    reported when a question arrives, not here."""
    try:
        answerer = Answerer(warm_up_index(settings.knowledge_db_path()), curated=CURATED)
        CURATED.reload()   # and the paraphrase encoder, when staff answers exist
    except KnowledgeBaseMissing:
        logger.error("knowledge base missing or outdated at %s; run `make kb`", settings.knowledge_db_path())
        return
    for topic in MENU:
        faq_questions(answerer, topic.key)


def question_from_tracker(tracker: Tracker) -> Question:
    context = Context(
        topic=tracker.get_slot("topic"),
        concept_id=tracker.get_slot("concept"),
        audience=tracker.get_slot("audience"),
        listed=list(tracker.get_slot("listed_units") or []),
        unit_id=tracker.get_slot("answer_unit"),
        previous=previous_question(tracker.events),
    )
    return question_from_message(tracker.latest_message or {}, context)


def previous_question(events: List[Dict[Text, Any]]) -> Optional[str]:
    """The user's message before the latest one (a topic button stands for its topic's question)."""
    said = [e for e in events if e.get("event") == "user"]
    if len(said) < 2:
        return None
    text = (said[-2].get("text") or "").strip()
    if text.startswith("/"):
        topic = BY_INTENT.get(((said[-2].get("parse_data") or {}).get("intent") or {}).get("name") or "")
        return topic.question if topic else None
    return text or None


def question_from_message(message: Dict[Text, Any], context: Context) -> Question:
    """A Question from Rasa's parse of a message (intent, ranking, entities) and the conversation's context."""
    intent = message.get("intent") or {}
    entities = {}
    for e in message.get("entities") or []:
        entities.setdefault(e.get("entity"), e.get("value"))
    ranking = message.get("intent_ranking") or []
    name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
    if name == "nlu_fallback":
        # Unsure: the best real intent still says which topic the question is probably about.
        ranked = [r for r in ranking if r.get("name") != "nlu_fallback"]
        if ranked and ranked[0]["name"] in BY_INTENT:
            name, confidence = ranked[0]["name"], float(ranked[0].get("confidence") or 0.0)
    out_of_scope = next((float(r.get("confidence") or 0.0) for r in ranking if r.get("name") == "out_of_scope"),
                        confidence if name == "out_of_scope" else 0.0)
    return Question(text=message.get("text") or "", intent=name, confidence=confidence, entities=entities,
                    context=context, out_of_scope=out_of_scope)


class ActionAnswerQuestion(Action):
    def name(self) -> Text:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        question = question_from_tracker(tracker)
        if question.intent == "answer" and parse_answer(question.text) is not None:
            # 'ja' with no fit check running: nothing was asked.
            dispatcher.utter_message(response="utter_no_question")
            return []
        if question.intent == "stop_assessment" and question_kind(question.text) in NOT_A_WH_QUESTION:
            # 'stop' with no fit check running; 'Wanneer stopte het WNF?' is a question, and answered.
            dispatcher.utter_message(response="utter_no_assessment")
            return []
        try:
            answerer = Answerer(load_index(settings.knowledge_db_path()), curated=CURATED)
            answer = with_faq(answerer, question, answerer.answer(question))
        except KnowledgeBaseMissing:
            logger.error("knowledge base missing or outdated at %s; run `make kb`", settings.knowledge_db_path())
            dispatcher.utter_message(text=UNAVAILABLE_TEXT)
            return []
        reply = render(answer)
        dispatcher.utter_message(text=reply.text, buttons=reply.buttons)
        if not answer.grounded:
            dispatcher.utter_message(response="utter_topic_menu")
        logger.info("answer kind=%s ref=%s confidence=%.2f", answer.kind, answer.reference, answer.confidence)
        events = [SlotSet("topic", answer.topic or question.context.topic),
                  SlotSet("answer_confidence", round(answer.confidence, 3) if answer.grounded else None)]
        if answer.concept_id:
            events.append(SlotSet("concept", answer.concept_id))
        if answer.listed:
            events.append(SlotSet("listed_units", answer.listed))
        if answer.audience:
            events.append(SlotSet("audience", answer.audience))
        if answer.reference:
            events.append(SlotSet("answer_unit", answer.reference))
        return events
