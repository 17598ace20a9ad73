"""`python -m knowledge build|search`: a thin CLI over the library."""
import time
from pathlib import Path

import click

from core import settings

from .build import build as build_kb
from .confidence import confidence, features, threshold
from .errors import KnowledgeError
from .retrieval import load_index


@click.group()
def cli():
    """Build and search the Partnerbot knowledge base."""


@cli.command()
@click.option("--factsheets", "factsheets_dir", type=click.Path(file_okay=False, path_type=Path),
              default=settings.FACTSHEETS_DIR, show_default=True, help="Folder with .txt, .md and .pdf factsheets.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Database to write (default: $BOT_DATA_DIR/knowledge.db).")
@click.option("--encoder", default=None, help="Sentence encoder (default: EMBEDDING_MODEL or e5-small).")
def build(factsheets_dir, db_path, encoder):
    """Turn every factsheet into the SQLite knowledge base, with the sentence embeddings."""
    db_path = db_path or settings.knowledge_db_path()
    started = time.perf_counter()
    try:
        counts = build_kb(factsheets_dir, db_path, encoder)
    except KnowledgeError as exc:
        raise click.ClickException(str(exc))
    click.echo("Built %s: %d factsheets, %d passages, %d units, %d concepts in %.1f s (embeddings %.1f s)" % (
        db_path, counts["factsheets"], counts["passages"], counts["units"], counts["concepts"],
        time.perf_counter() - started, counts["embedding_seconds"]))


@cli.command()
@click.argument("question")
@click.option("--limit", default=5, show_default=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
def search(question, limit, db_path):
    """Rank the factsheet sentences for QUESTION, as the bot does, with the evidence and the confidence."""
    try:
        index = load_index(db_path or settings.knowledge_db_path())
        query = index.analyse(question)
        evidence = index.search(query, limit=limit)
    except KnowledgeError as exc:
        raise click.ClickException(str(exc))
    if not evidence:
        click.echo("Niets gevonden.")
        return
    f = features(query, evidence)
    sure = confidence(f, index.encoder.name)
    click.echo("kind=%s  confidence=%.2f (%s)  %s" % (
        query.kind, sure, "answer" if sure >= threshold(index.encoder.name) else "decline",
        " ".join("%s=%.2f" % kv for kv in f.as_dict().items())))
    for e in evidence:
        click.echo("%6.3f  cos %.3f  words %.2f/%.2f  %s  [%s]" % (
            e.score, e.dense, e.coverage, e.context_coverage, e.passage.source, e.unit.id))
        click.echo("        " + e.unit.text[:300])
