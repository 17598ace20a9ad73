"""The trainers' report as one self-contained HTML page: figures, tables and bar charts
(matplotlib, embedded as PNG data URIs), so that it can be opened offline or mailed."""
import base64
import html
import io
import warnings
from typing import List, Sequence, Tuple

from bot.report import Report, percent, title

OUTCOME_LABELS = {"answered": "beantwoord", "fallback": "niet begrepen", "out-of-scope": "buiten onderwerp",
                  "chit-chat": "praatje", "assessment": "fit check"}
COLOUR = "#1f6f8b"


def bar_chart(items: Sequence[Tuple[str, int]], title: str) -> str:
    """A horizontal bar chart as a data URI (PNG)."""
    with warnings.catch_warnings():  # matplotlib 3.5 (pinned by Rasa) warns about newer pyparsing on import
        warnings.simplefilter("ignore")
        import matplotlib

        matplotlib.use("Agg")  # no display; safe in a server or CI
        from matplotlib import pyplot as plt

    labels = [str(label) for label, _ in items][::-1]
    values = [value for _, value in items][::-1]
    fig, ax = plt.subplots(figsize=(7, 0.4 * max(len(items), 2) + 1), dpi=100)
    try:
        ax.barh(labels, values, color=COLOUR)
        ax.set_title(title, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        for y, value in enumerate(values):
            ax.text(value, y, " %d" % value, va="center")
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    finally:
        plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _table(headers: List[str], rows: List[List[str]]) -> str:
    head = "".join("<th>%s</th>" % html.escape(h) for h in headers)
    body = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % html.escape(str(c)) for c in row) for row in rows)
    return "<table><thead><tr>%s</tr></thead><tbody>%s</tbody></table>" % (head, body or
                                                                       '<tr><td colspan="%d">-</td></tr>' % len(headers))


def _chart(items, title) -> str:
    if not items:
        return ""
    return '<img alt="%s" src="%s">' % (html.escape(title), bar_chart(items, title))


def render_html(report: Report) -> str:
    heading = title(report)
    figures = [("Gesprekken", report.conversations), ("Berichten", report.questions),
               ("Kennisvragen", report.knowledge_questions), ("Beantwoord", percent(report.answered_share)),
               ("Fit checks", report.assessments),
               ("Gem. fit-score", "-" if report.average_score is None else "%.0f/100" % report.average_score)]
    outcomes = [(OUTCOME_LABELS.get(o, o), n) for o, n in report.outcomes.most_common()]
    parts = [
        "<h1>%s</h1>" % html.escape(heading),
        '<div class="figures">%s</div>' % "".join(
            '<div><span>%s</span><b>%s</b></div>' % (html.escape(k), html.escape(str(v))) for k, v in figures),
        "<h2>Uitkomst van de berichten</h2>", _chart(outcomes, "Berichten per uitkomst"),
        "<h2>Berichten per dag</h2>", _chart(list(report.per_day.items())[-31:], "Berichten per dag"),
        "<h2>Populairste onderwerpen</h2>", _chart(report.top_topics, "Vragen per onderwerp"),
        _table(["Onderwerp", "Vragen"], [[t, n] for t, n in report.top_topics]),
        "<h2>Meest gestelde vragen</h2>",
        _table(["Vraag", "Aantal"], [[q, n] for q, n in report.top_questions]),
        "<h2>Niet beantwoorde vragen, gegroepeerd</h2>",
        "<p>Vragen die de bot niet begreep of die buiten zijn onderwerp vielen: kandidaten voor een nieuwe "
        "factsheet of extra trainingsvoorbeelden.</p>",
        _table(["Vraag", "Aantal", "Ook gevraagd als"],
               [[g.question + (" [inmiddels beantwoord: %s]" % g.answered_by if g.answered_by else ""), g.count,
                " | ".join(g.variants[:3])] for g in report.unanswered]),
    ]
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
             "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}"
             ".figures{display:flex;flex-wrap:wrap;gap:.75rem}.figures div{border:1px solid #ccd;border-radius:6px;"
             "padding:.5rem .8rem;min-width:7rem}.figures span{display:block;font-size:.8rem;color:#555}"
             ".figures b{font-size:1.3rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}"
             "td,th{border-bottom:1px solid #dde;padding:.3rem .5rem;text-align:left;vertical-align:top}"
             "img{max-width:100%}")
    return ('<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head>'
            "<body>%s</body></html>\n" % (html.escape(heading), style, "\n".join(parts)))
