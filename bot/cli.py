"""`python -m bot ...`: the bot's command line."""
import os

import click

from core import settings


@click.group()
def cli():
    """Partnerbot: run the servers and look after the bot's data."""


@cli.command()
@click.option("--port", default=5005, show_default=True, envvar="PORT", help="Rasa server port (REST channel).")
@click.option("--actions-port", default=5055, show_default=True, envvar="ACTIONS_PORT", help="Action server port.")
@click.option("--model", default=None, help="Model archive (default: the newest in models/).")
def run(port, actions_port, model):
    """Start the action server and the Rasa server; Ctrl-C stops both."""
    from bot.runner import Servers

    click.echo("Partnerbot: REST on http://localhost:%d/webhooks/rest/webhook, actions on port %d, data in %s"
               % (port, actions_port, settings.data_dir()))
    raise SystemExit(Servers(port, actions_port, model).start().wait())


@cli.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (default: 7 days ago).")
@click.option("--dry-run", is_flag=True, help="Print the groups instead of posting them to SLACK_STAFF_CHANNEL.")
def digest(since, dry_run):
    """Post the most asked unanswered questions to the staff channel, one Slack thread per group."""
    from datetime import date, timedelta

    from bot.digest import DigestError, digest as run_digest, message_text
    from bot.report import period

    start, end = period(since.date() if since else date.today() - timedelta(days=7))
    try:
        groups = run_digest(start, end, dry_run=dry_run)
    except DigestError as exc:
        raise click.UsageError(str(exc))
    if not groups:
        click.echo("Geen onbeantwoorde vragen sinds %s." % start.date().isoformat())
    elif dry_run:
        click.echo("\n\n".join(message_text(g) for g in groups))
    else:
        click.echo("%d vraaggroepen geplaatst in %s." % (len(groups), os.environ.get("SLACK_STAFF_CHANNEL")))


@cli.group()
def answers():
    """Staff answers to questions the factsheets cannot answer (knowledge/curated.py)."""


@answers.command("list")
def answers_list():
    """Show the stored staff answers."""
    from knowledge.curated import load_answers

    stored = load_answers()
    if not stored:
        click.echo("Nog geen antwoorden van NCDO opgeslagen.")
    for a in stored:
        click.echo("%d. %s\n   %s\n   Bron: %s%s" % (a.id, a.question, a.answer.replace("\n", " "), a.source,
                                                  "\n   ook: " + "; ".join(a.wordings) if a.wordings else ""))


@answers.command("export")
def answers_export():
    """Write the staff answers as CSV (id, question, wordings, answer, author, created)."""
    from knowledge.curated import load_answers, to_csv

    click.echo(to_csv(load_answers()), nl=False)


@answers.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def answers_import(file):
    """Add or replace staff answers from a CSV file (as written by `export`; a row's id replaces that answer)."""
    from knowledge.curated import CuratedAnswerError, import_csv

    try:
        added, replaced = import_csv(file.read())
    except CuratedAnswerError as exc:
        raise click.UsageError(str(exc))
    click.echo("%d toegevoegd, %d vervangen. De bot gebruikt ze binnen enkele seconden." % (added, replaced))


@answers.command("remove")
@click.argument("answer_id", type=int)
def answers_remove(answer_id):
    """Remove one staff answer by its id."""
    from knowledge.curated import remove_answer

    if not remove_answer(answer_id):
        raise click.UsageError("geen antwoord met id %d" % answer_id)
    click.echo("Antwoord %d verwijderd." % answer_id)


@cli.command("nginx-config")
@click.option("--listen", default="80", show_default=True, help="Port (or address:port) nginx listens on.")
@click.option("--server", "servers", multiple=True, required=True, metavar="HOST:PORT",
              help="A Rasa server; repeat for every node.")
def nginx_config(listen, servers):
    """Print the nginx site that balances every channel over the Rasa servers (deploy/nginx)."""
    from bot.deploy import DeployConfigError, nginx_config as render

    try:
        click.echo(render(listen, servers), nl=False)
    except DeployConfigError as exc:
        raise click.UsageError(str(exc))


@cli.command("spacy-model")
def spacy_model():
    """Build the Dutch spaCy pipeline (blank nl + simplemma lemma lookups) used by the NLU pipeline."""
    from bot.spacy_model import build_spacy_model

    click.echo("spaCy pipeline written to %s" % build_spacy_model())


@cli.command()
@click.option("--force", is_flag=True, help="Train even when a model for these inputs exists.")
def train(force):
    """Train the Rasa model only when data, domain, config or custom components changed."""
    from bot.training import train_if_changed

    path, trained = train_if_changed(force=force)
    click.echo(("Trained %s" if trained else "Up to date: %s") % path)


@cli.command()
@click.option("--url", default=None, help="Measure this running bot's REST webhook instead of starting both bots.")
@click.option("--users", default=20, show_default=True, help="Concurrent simulated users.")
@click.option("--each", default=20, show_default=True, help="Questions per concurrent user.")
@click.option("--single", default=100, show_default=True, help="Questions asked by the single user.")
@click.option("--room", default=50, show_default=True, help="Participants in the training-room run.")
@click.option("--room-each", default=10, show_default=True, help="Questions per participant in that run.")
@click.option("--length", default=300, show_default=True,
              help="Distinct questions in the one long conversation (0: skip that run).")
@click.option("--uncached-each", default=100, show_default=True,
              help="Distinct questions per user in the uncached run (0: skip that run).")
def bench(url, users, each, single, room, room_each, length, uncached_each):
    """Latency and throughput through REST: Partnerbot and a bare `rasa init` bot, started one after the other."""
    import json

    from bot.bench import run as run_bench

    click.echo(json.dumps(run_bench(url, users, each, single, room, room_each, length=length,
                                    uncached_each=uncached_each), indent=2))


@cli.command()
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV (for a spreadsheet) instead of a summary.")
def assessments(as_csv):
    """Export the finished fit checks from the bot's database."""
    from actions.storage import assessments as stored, to_csv
    from core.records import connect

    where = connect().name
    rows = stored()
    if as_csv:
        click.echo(to_csv(rows), nl=False)
        return
    if not rows:
        click.echo("Nog geen fit checks opgeslagen in %s." % where)
        return
    average = sum(r["score"] for r in rows) / len(rows)
    click.echo("%d fit checks, gemiddelde score %.0f/100 (%s)" % (len(rows), average, where))


@cli.command()
@click.option("--since", required=True, type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day, inclusive (default: today).")
@click.option("--channel", help="Only this channel (rest, webchat, slack).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write a self-contained HTML page with charts.")
def report(since, until, channel, html_path):
    """What was asked over a period and what the bot could not answer: for trainers."""
    from bot.report import build_report, period, render_text

    def progress(items, total, label):
        with click.progressbar(items, length=total, label=label, file=click.get_text_stream("stderr")) as bar:
            yield from bar

    start, end = period(since.date(), until.date() if until else None)
    figures = build_report(None, start, end, channel, progress=progress)
    click.echo(render_text(figures))
    if html_path:
        from bot.report_html import render_html

        with open(html_path, "w", encoding="utf-8") as out:
            out.write(render_html(figures))
        click.echo("\nHTML-rapport geschreven naar %s" % html_path)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--factsheets", "kb_folders", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="With FILES: the factsheet folders to build the knowledge base from (default: knowledge/factsheets).")
@click.option("--model", default=None, help="Model archive (default: the newest in models/).")
@click.option("--encoder", default=None, help="Sentence encoder for the knowledge base (e5-small or use).")
@click.option("--show-failures", is_flag=True, help="Print every failed case with the reply.")
@click.option("--tuning-only", is_flag=True, help="Leave the held-out sets out (while tuning).")
@click.option("--baseline", is_flag=True, help="Score plain BM25 over passages instead of the bot, for comparison.")
def evaluate(files, kb_folders, model, encoder, show_failures, tuning_only, baseline):
    """Score question sets through the trained bot in this process (default: the suite in tests/eval/suite.yml)."""
    from bot.evaluate import main

    main(files, kb_folders, model, encoder, show_failures, tuning_only, baseline)


@cli.command()
@click.option("--encoder", default=None, help="Sentence encoder to calibrate for (default: EMBEDDING_MODEL).")
@click.option("--dry-run", is_flag=True, help="Print the fit; do not write knowledge/calibration.json.")
def calibrate(encoder, dry_run):
    """Fit the answer-or-decline confidence on the tuning question sets (never the held-out ones)."""
    import json

    from bot.calibrate import calibrate as run

    click.echo(json.dumps(run(encoder, write=not dry_run), indent=2))
