"""`python -m knowledge build|search`: a thin CLI over the library."""
import time
from pathlib import Path

import click

from bot import settings

from .build import build as build_kb
from .errors import KnowledgeError
from .search import KnowledgeBase


@click.group()
def cli():
    """Build and search the Partnerbot knowledge base."""


@cli.command()
@click.option("--factsheets", "factsheets_dir", type=click.Path(file_okay=False, path_type=Path),
              default=settings.FACTSHEETS_DIR, show_default=True, help="Folder with .txt, .md and .pdf factsheets.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Database to write (default: $BOT_DATA_DIR/knowledge.db).")
def build(factsheets_dir, db_path):
    """Turn every factsheet into the SQLite knowledge base."""
    db_path = db_path or settings.knowledge_db_path()
    started = time.perf_counter()
    try:
        counts = build_kb(factsheets_dir, db_path)
    except KnowledgeError as exc:
        raise click.ClickException(str(exc))
    click.echo("Built %s: %d factsheets, %d passages, %d concepts in %.2f s" % (
        db_path, counts["factsheets"], counts["passages"], counts["concepts"], time.perf_counter() - started))


@cli.command()
@click.argument("query")
@click.option("--limit", default=5, show_default=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
def search(query, limit, db_path):
    """Print the passages that best match QUERY."""
    kb = KnowledgeBase(db_path or settings.knowledge_db_path())
    try:
        hits = kb.search(query, limit=limit)
    except KnowledgeError as exc:
        raise click.ClickException(str(exc))
    if not hits:
        click.echo("Geen passages gevonden.")
    for hit in hits:
        click.echo("%6.2f  %s – %s  [%s]" % (hit.score, hit.factsheet_title, hit.section, hit.id))
        click.echo("        " + hit.text.replace("\n", "\n        ")[:400])
