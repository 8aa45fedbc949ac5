"""The live ripeness explorer for JupyterLab: a thin ipywidgets shell over :func:`tracktwo.ripeness.assess`.

Pick a scenario card, rate each party on the four ingredients (low/high), and the figure and the
reasoning update. In the book this becomes a "runs in JupyterLab" notice; the static explorer
(:func:`tracktwo.ripeness.ripeness_chart.explorer_figure`) is the no-kernel equivalent. Outputs are
written with ``append_display_data`` (never ``print`` inside ``with out:``), so nbval stays clean.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as w
from IPython.display import HTML

from ..figures import plotly_bundle
from . import INGREDIENT_LABELS, INGREDIENTS, Scenario, ScenarioBook, assess
from .ripeness_chart import assessment_figure


def scenario_html(card: Scenario, citations: Mapping[str, str] | None = None) -> str:
    """A scenario card as HTML: what the brief says, points to weigh, questions, sources. No verdict."""
    sources = "; ".join(html.escape((citations or {}).get(k, k)) for k in card.sources)
    points = "".join(f"<li>{html.escape(p)}</li>" for p in card.points)
    questions = "".join(f"<li>{html.escape(q)}</li>" for q in card.questions)
    return (
        f"<p><strong>{html.escape(card.title)}</strong><br><em>{html.escape(card.setting)}</em></p>"
        f"<p>{html.escape(card.summary)}</p><p><strong>Points to weigh</strong></p><ul>{points}</ul>"
        f"<p><strong>Questions</strong></p><ul>{questions}</ul>"
        f"<p><em>Sources: {sources}</em></p>"
    )


def ripeness_explorer(book: ScenarioBook, citations: Mapping[str, str] | None = None) -> w.VBox:
    """Scenario picker, eight low/high toggles (four per party), the figure and the reasoning."""
    picker = w.Dropdown(options=[(s.title, s.id) for s in book.scenarios], description="Scenario", layout=w.Layout(width="auto"))
    toggles = {
        p: {
            k: w.ToggleButtons(
                options=[("low", False), ("high", True)],
                value=False,
                description=INGREDIENT_LABELS[k],
                style={"description_width": "16em"},
            )
            for k in INGREDIENTS
        }
        for p in ("a", "b")
    }
    heads = {p: w.HTML() for p in ("a", "b")}
    card = w.HTML()
    out = w.Output()

    def redraw(*_):
        scenario = book.scenario(picker.value)
        names = scenario.parties
        for p, name in zip(("a", "b"), names):
            heads[p].value = f"<strong>{html.escape(name)}</strong>"
        card.value = scenario_html(scenario, citations)
        x = assess({k: t.value for k, t in toggles["a"].items()}, {k: t.value for k, t in toggles["b"].items()}, names=names)
        effort = book.efforts[x.effort]
        out.outputs = ()
        out.append_display_data(plotly_bundle(assessment_figure(x, book.efforts, names=names, title=scenario.title)))
        out.append_display_data(
            HTML(f"<p><strong>{html.escape(effort['label'])}.</strong> {html.escape(effort['description'])}</p>")
        )

    picker.observe(redraw, names="value")
    for group in toggles.values():
        for t in group.values():
            t.observe(redraw, names="value")
    redraw()
    parties = w.HBox([w.VBox([heads[p], *toggles[p].values()]) for p in ("a", "b")])
    return w.VBox([picker, card, parties, out])


def evidence_explorer(book: ScenarioBook, citations: Mapping[str, str] | None = None, edition: str | None = None) -> w.VBox:
    """JupyterLab: pick an evidence card, judge each ingredient for each side (absent, emerging,
    present), and read the state that :func:`tracktwo.ripeness.evidence.evidence_state` gives, with
    why; the course's reading only after all four are judged, and never where the edition withholds keys."""
    from ..editions import settings, withholds
    from .evidence_cards import READING_KIND, evidence_card_html, reading_html
    from .evidence import INGREDIENTS as EV_INGREDIENTS, LEVELS, SIDES, complete, evidence_state, legend

    edition = edition or settings().edition
    cards = [s for s in book.scenarios if s.indicators]
    picker = w.Dropdown(options=[(s.title, s.id) for s in cards], description="Card", layout=w.Layout(width="auto"))
    choose = [("choose", None)] + [(lv, lv) for lv in LEVELS]
    boxes = {
        (i, s): w.Dropdown(options=choose, value=None, style={"description_width": "24em"}, layout=w.Layout(width="auto"))
        for i in EV_INGREDIENTS
        for s in SIDES
    }
    card_pane, result = w.HTML(), w.HTML()

    def judgement():
        return {i: {s: boxes[(i, s)].value for s in SIDES} for i in EV_INGREDIENTS}

    def redraw_result(*_):
        card = book.scenario(picker.value)
        j = judgement()
        if not complete(j):
            result.value = "<p>Judge all four to see the state and why.</p>"
            return
        x = evidence_state(j, card.indicators)
        out = f"<p><strong>{html.escape(x['label'])}</strong>{html.escape(x['because'][len(x['label']) :])}</p><p>{html.escape(x['would_change'])}</p>"
        if card.reading and not withholds(edition, READING_KIND):
            out += "<details><summary>The course's reading of this card</summary>" + reading_html(card) + "</details>"
        result.value = out

    def redraw_card(*_):
        card = book.scenario(picker.value)
        for (i, s), box in boxes.items():
            box.description = legend(i, s, card.parties)
            box.value = None
        # the card's indicators without the course's reading (the result pane shows it, after judging)
        card_pane.value = evidence_card_html(card, citations, edition="participant")
        redraw_result()

    picker.observe(redraw_card, names="value")
    for box in boxes.values():
        box.observe(redraw_result, names="value")
    redraw_card()
    return w.VBox([picker, card_pane, *boxes.values(), result])
