"""The evidence cards as static HTML (the book's page; the JupyterLab widget's card pane).

Each card with indicators becomes a ``div.tt-ripeness-card[data-tt-ripeness]``: the card's text, its
indicators grouped by the ingredient they bear on (each event with its date, link to the timeline's
events table, its sources and the timeline's note, which gives both versions where the sources
disagree; each figure with who counts it and when), and the card's data as JSON for
``static/ripeness-cards.js``, which adds the judging form and the state that explains itself. Without
script the indicators still read; the course's reading is a closed ``<details>`` the script keeps
hidden until the learner has judged all four. In an edition that withholds keys (the participant
edition) the reading is never built: :func:`tracktwo.editions.withholds` decides.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from ..citations import resolve_keys
from ..editions import DISCUSS_NOTE, withholds
from .evidence import INGREDIENT_HEADINGS, INGREDIENTS, card_json

STATIC_DIR = Path(__file__).parent / "static"
CARD_CLASS = "tt-ripeness-card"
CARDS_JS = "tracktwo/ripeness-cards.js"
CARDS_CSS = "tracktwo/ripeness-cards.css"
#: The key kind the course's reading is marked with in data/ripeness_scenarios.yaml.
READING_KIND = "self-check-key"
KIND_LABELS = {
    "event": "Event",
    "casualties": "Casualties",
    "displacement": "Displacement",
    "territory": "Territory",
    "clashes": "Clashes",
}
EVENTS_PAGE = "../book/events.html"


def static_files() -> dict[str, str]:
    """The page script and stylesheet by output path under ``_static/`` (written by the build)."""
    return {
        CARDS_JS: (STATIC_DIR / "ripeness-cards.js").read_text(encoding="utf-8"),
        CARDS_CSS: (STATIC_DIR / "ripeness-cards.css").read_text(encoding="utf-8"),
    }


def _cite(keys: Any, citations: Mapping[str, str]) -> str:
    return "; ".join(escape(citations.get(k, k)) for k in keys)


def indicator_html(ind: Mapping[str, Any], citations: Mapping[str, str] | None = None, events_page: str = EVENTS_PAGE) -> str:
    """One indicator: what it is, its figure(s) with who counts and when, and its sources."""
    cites = citations or {}
    sides = {"a": "side A", "b": "side B", "both": "both sides"}[ind["side"]]
    parts = [f'<li class="tt-rc-indicator" data-indicator="{escape(ind["id"])}">']
    parts.append(f'<span class="tt-rc-kind">{escape(KIND_LABELS[ind["kind"]])}, bears on {sides}.</span> ')
    ev = ind.get("event")
    if isinstance(ev, Mapping):
        parts.append(
            f'<strong><a href="{escape(events_page)}#event-{escape(ev["id"])}">{escape(ev["title"])}</a></strong> '
            f'({escape(ev["date"])}). {escape(ev["summary"])} '
            f'<cite class="tt-rc-source">Source: {_cite([ev["source"]], cites)}, {escape(str(ev["locator"]))}.'
            + (f" Other sources: {_cite(ev['other_sources'], cites)}." if ev.get("other_sources") else "")
            + "</cite>"
        )
        if ev.get("note"):
            # where the sources disagree (the fact sheet's DISCREPANCY), both versions, as the timeline gives them
            parts.append(f'<span class="tt-rc-differ"><em>On the sources:</em> {escape(resolve_keys(ev["note"], cites))}</span>')
        if ind.get("text"):
            parts.append(f" {escape(ind['text'])}")
    else:
        parts.append(escape(ind["text"]))
    figures = ind.get("figure") or []
    if figures:
        head = "Figures (these differ: each with who counts and when)" if len(figures) > 1 else "Figure"
        rows = "".join(
            f"<li>{escape(f['value'])}. <em>Who counts:</em> {escape(f['counted_by'])}. <em>When:</em> {escape(f['as_of'])}.</li>"
            for f in figures
        )
        parts.append(f'<div class="tt-rc-figures"><span>{head}:</span><ul>{rows}</ul></div>')
    if ind.get("sources"):
        item = f" (fact sheet: {escape(ind['item'])})" if ind.get("item") else ""
        parts.append(f'<cite class="tt-rc-source">Sources: {_cite(ind["sources"], cites)}{item}.</cite>')
    parts.append("</li>")
    return "".join(parts)


def _json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def reading_html(card: Any) -> str:
    """The course's reading, labelled as the course's (only where the edition shows keys)."""
    r = card.reading
    levels = "; ".join(
        f"{INGREDIENT_HEADINGS[i].lower()}: {escape(card.parties[0])} {r[i]['a']}, {escape(card.parties[1])} {r[i]['b']}"
        for i in INGREDIENTS
    )
    return (
        f"<p><strong>The course's levels:</strong> {levels}.</p>"
        f"<p>{escape(r['text'])}</p><p><em>What would change the course's reading:</em> {escape(r['would_change'])}</p>"
    )


def evidence_card_html(
    card: Any, citations: Mapping[str, str] | None = None, edition: str = "learner", events_page: str = EVENTS_PAGE
) -> str:
    """One card with indicators as the page's static markup (see the module docstring)."""
    cites = citations or {}
    show = not withholds(edition, READING_KIND)
    groups = []
    for ing in INGREDIENTS:
        items = [x for x in card.indicators if x["bears_on"] == ing]
        body = "".join(indicator_html(x, cites, events_page) for x in items) or "<li>No indicator on this card.</li>"
        groups.append(
            f'<h5 class="tt-rc-ing">{INGREDIENT_HEADINGS[ing]}</h5><ul class="tt-rc-indicators" data-ingredient="{ing}">{body}</ul>'
        )
    if show and card.reading:
        reading = (
            f'<details class="tt-rc-reading"><summary>The course\'s reading of this card (open it after you have judged)</summary>'
            f"{reading_html(card)}</details>"
        )
    else:
        reading = f'<p class="tt-rc-discuss">{escape(DISCUSS_NOTE)}</p>'
    return (
        f'<div class="{CARD_CLASS}" data-tt-ripeness="v1" data-card-id="{escape(card.id)}">'
        f'<script type="application/json">{_json(card_json(card, cites, with_reading=show))}</script>'
        f"<h4>{escape(card.title)}</h4><p><em>{escape(card.setting)}</em>. "
        f"Side A: {escape(card.parties[0])}. Side B: {escape(card.parties[1])}.</p>"
        f"<p>{escape(card.summary)}</p>"
        + "<p><strong>Points to weigh</strong></p><ul>"
        + "".join(f"<li>{escape(p)}</li>" for p in card.points)
        + "</ul><p><strong>Questions</strong></p><ul>"
        + "".join(f"<li>{escape(q)}</li>" for q in card.questions)
        + "</ul>"
        f'<p class="tt-rc-sources"><em>Card sources: {_cite(card.sources, cites)}</em></p>'
        + '<p><strong>The indicators</strong>: judge each side from these.</p>'
        + "".join(groups)
        + '<p class="tt-rc-noscript">Judging the card here needs JavaScript, which is off or blocked in this '
        "browser: judge each side on paper (absent, emerging or present), then "
        + ("open the course's reading.</p>" if show and card.reading else "compare your judgement with your group's.</p>")
        + reading
        + "</div>"
    )


def evidence_cards_html(book: Any, citations: Mapping[str, str] | None = None, edition: str = "learner") -> str:
    """Every card that has indicators, in the file's order."""
    return "\n".join(evidence_card_html(c, citations, edition) for c in book.scenarios if c.indicators)
