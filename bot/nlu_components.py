"""NLU components of the Partnerbot pipeline (config.yml)."""
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.taxonomy import requests_fit_check

START_FIT_CHECK = "start_assessment"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class FitCheckRequestFilter(GraphComponent):
    """The fit check starts on a clear request only. When the classifier reads a message as one but its words
    do not ask for it ("Kan een ngo ons als adviseur helpen?"), the next intent is taken instead, with its own
    confidence: a weak one goes on to the fallback and so to the knowledge search. Runs before the
    FallbackClassifier."""

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "FitCheckRequestFilter":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != START_FIT_CHECK or requests_fit_check(message.get(TEXT) or ""):
                continue
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != START_FIT_CHECK]
            if ranking:
                message.set(INTENT, dict(ranking[0]), add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
