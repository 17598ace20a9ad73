"""NLU components of the Partnerbot pipeline (config.yml)."""
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.lemmas import content_tokens, tokens
from knowledge.query import question_kind
from knowledge.taxonomy import requests_fit_check

START_FIT_CHECK = "start_assessment"
# Intents that close a turn ('bedankt', 'ok', 'tot ziens'): never a question.
CLOSING_INTENTS = ("goodbye", "thanks", "acknowledge")
# Intents about the bot itself ('wat kun je?', 'ben je een bot?'): never about what it said.
ABOUT_THE_BOT = ("capabilities", "bot_challenge")
# Words that point at something said before ('Kun je dat toelichten?', 'Hoe weet je dat?'); 'dit' and 'het' also
# point at the bot itself ('is dit een chatbot', 'hoe werkt het').
_POINTING_BACK = {"dat", "daar", "daarvan", "daarover", "daarmee", "daarbij", "daarvoor", "daarin", "daarop",
                  "ervan", "erover", "ermee", "hij", "hem", "zij", "ze", "haar", "that"}


# Words for the bot or the user.
_PERSONAL = {"je", "jij", "jou", "jouw", "u", "uw", "jullie", "ik", "me", "mij", "mijn", "we", "wij", "ons", "onze",
             "bot", "chatbot", "partnerbot", "you", "your", "i", "my", "us"}


def intent_fits(intent: str, text: str) -> bool:
    """Whether a message's words fit the intent the classifier read in it. The fit check starts on a request
    for it only ("Kan een ngo ons als adviseur helpen?" is a question); a farewell, thanks or an 'ok' does
    not ask anything ("Bestaat dat nog?" read as goodbye from 'nog' in 'fijne dag nog'); what the bot can do or
    is does not point at what it said ("Kun je dat toelichten?" read as capabilities). Every other intent fits."""
    if intent == START_FIT_CHECK:
        return requests_fit_check(text)
    if intent in CLOSING_INTENTS:
        return "?" not in text and question_kind(text) == "other"
    if intent in ABOUT_THE_BOT:
        words = tokens(text)
        # 'Wat moeten de medewerkers van de supermarkt doen?' asks about others: a question for what the bot
        # can do speaks of the bot or the user ('Wat kun je?', 'geef me een overzicht') or says little else ('help').
        about_others = (intent == "capabilities" and not _PERSONAL.intersection(words)
                        and len(content_tokens(text)) >= 2)
        return not _POINTING_BACK.intersection(words) and not about_others
    return True


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentWordsFilter(GraphComponent):
    """When the classifier reads a message as an intent its words do not fit (`intent_fits`), the next intent
    that fits is taken instead, with its own confidence: a weak one goes on to the fallback and so to the
    knowledge search. Runs before the FallbackClassifier."""

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "IntentWordsFilter":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            text = message.get(TEXT) or ""
            if intent_fits(intent.get(INTENT_NAME_KEY) or "", text):
                continue
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                       if intent_fits(r.get(INTENT_NAME_KEY) or "", text)]
            if ranking:
                message.set(INTENT, dict(ranking[0]), add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
