"""The optional USE featurizer adds one 512-dimensional sentence feature per message."""
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.components.use_featurizer import UniversalSentenceEncoderFeaturizer


def test_sentence_features_are_multilingual_embeddings():
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    messages = [Message(data={"text": t}) for t in ("Wat is een partnerschap?", "What is a partnership?", "")]
    tokenizer.process(messages)
    featurizer = UniversalSentenceEncoderFeaturizer(
        {**UniversalSentenceEncoderFeaturizer.get_default_config(), "alias": "use"}, "use")
    featurizer.process(messages)
    nl, en = (m.get_dense_features("text")[1].features[0] for m in messages[:2])
    assert nl.shape == (512,) and float(nl @ en) > 0.7
    assert messages[2].get_dense_features("text") == (None, None)
