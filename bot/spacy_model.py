"""Build the Dutch spaCy pipeline Rasa's SpacyNLP loads: `spacy.blank("nl")` plus a lookup lemmatizer.

No official Dutch spaCy model can be downloaded here, so the pipeline is built
locally; its lemma table is simplemma's Dutch dictionary (far larger than
spacy-lookups-data's), written once into the pipeline folder.
"""
from pathlib import Path

from core.settings import ROOT

SPACY_MODEL_DIR = ROOT / "build" / "spacy-nl"


def lemma_table() -> dict:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    table = DefaultDictionaryFactory().get_dictionary("nl")
    return {form: lemma for form, lemma in table.items() if form != lemma}


def build_spacy_model(path: Path = SPACY_MODEL_DIR) -> Path:
    import spacy
    from spacy.lookups import Lookups

    nlp = spacy.blank("nl")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", lemma_table())
    lemmatizer.initialize(lookups=lookups)
    nlp.meta["name"] = "partnerbot_nl"
    nlp.meta["description"] = "spacy.blank('nl') with simplemma's Dutch lemma lookup table"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path
