"""JupyterLab host: an ipywidgets form over :func:`tracktwo.design.rules.evaluate`.

The widget is a thin shell: each change builds the design and redraws the findings with
:func:`tracktwo.design.summary.design_html`. ``_repr_mimebundle_`` adds ``text/html``: the static
book's form (:func:`tracktwo.design.markup.design_form_html`), which the book draws instead of the
live view, so both hosts run the same rules. ``save_to`` keeps the design in a file beside the
notebook; a file that cannot be used is renamed ``*.set-aside`` (never deleted) and the learner is told.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as W
from IPython.display import Markdown

from tracktwo.data.learner_files import read_saved, write_saved

from .markup import design_form_html
from .responses import name_notes, responses_problems, short_summary
from .rules import FIELDS, RuleBook, design_problems, empty_design, evaluate, load_rules
from .summary import FIELD_LABELS, design_html, summary_markdown


def _load(path: Path | None, book: RuleBook) -> tuple[dict[str, Any], str]:
    """The saved design (read and checked by tracktwo.data.learner_files), or an empty one and the message."""
    saved, message = read_saved(path, lambda data: design_problems(data, book), "design", "the form starts empty")
    if saved is None:
        return empty_design(), message
    design = empty_design()
    design.update({k: v for k, v in saved.items() if k in FIELDS})
    design["participants"] = list(design.get("participants") or [])
    if saved.get("responses"):
        design["responses"] = {k: dict(v) for k, v in saved["responses"].items()}
    return design, ""


class DesignForm(W.VBox):
    """Choose a track, participants, convenor, aim, funding and label; see the brief's findings."""

    def __init__(self, save_to: str | Path | None = None, book: RuleBook | None = None, **kwargs):
        self.book = book or load_rules()
        self.save_to = Path(save_to) if save_to else None
        design, message = _load(self.save_to, self.book)
        self.responses: dict[str, dict[str, str]] = design.pop("responses", {})
        self._scalars: dict[str, W.RadioButtons] = {}
        self._boxes: dict[str, W.Checkbox] = {}
        parts = []
        for field in FIELDS:
            if field == "participants":
                boxes = []
                for o in self.book.options[field]:
                    box = W.Checkbox(
                        value=o["id"] in design["participants"],
                        description=o["label"],
                        indent=False,
                        layout=W.Layout(width="auto"),
                    )
                    box.observe(self._changed, names="value")
                    self._boxes[o["id"]] = box
                    boxes.append(box)
                notes = [
                    W.HTML(f"<small><em>{html.escape(n['brief'])}, successor body:</em> {html.escape(n['short'])}</small>")
                    for o in self.book.options[field]
                    for n in name_notes(o["label"], self.book.successors)
                ]
                parts.append(W.VBox([W.HTML(f"<strong>{FIELD_LABELS[field]}</strong> (choose any)"), *boxes, *notes]))
            else:
                radio = W.RadioButtons(
                    options=[(o["label"], o["id"]) for o in self.book.options[field]],
                    value=design[field],
                    layout=W.Layout(width="auto"),
                )
                radio.observe(self._changed, names="value")
                self._scalars[field] = radio
                parts.append(W.VBox([W.HTML(f"<strong>{FIELD_LABELS[field]}</strong>"), radio]))
        self.message = W.HTML(f"<p><em>{html.escape(message, quote=False)}</em></p>" if message else "")
        self.findings = W.HTML()
        self.short = W.HTML()
        self.answers = W.VBox()
        super().__init__(
            [
                W.GridBox(parts, layout=W.Layout(grid_template_columns="repeat(auto-fit, minmax(260px, 1fr))")),
                self.message,
                W.HTML("<h3>What the brief says about your design</h3>"),
                self.short,
                W.Accordion(
                    [W.VBox([self.findings, W.HTML("<h4>Your answers</h4>"), self.answers])],
                    titles=("The findings in full, and your answers",),
                ),
            ],
            **kwargs,
        )
        self._draw()

    @property
    def design(self) -> dict[str, Any]:
        out = {f: (self._scalars[f].value if f in self._scalars else None) for f in FIELDS}
        out["participants"] = [pid for pid, box in self._boxes.items() if box.value]
        return out

    def set_design(self, design: dict[str, Any]) -> None:
        problems = design_problems(design, self.book)
        if problems:
            raise ValueError(f"design: {problems[0]}")
        for f, radio in self._scalars.items():
            radio.value = design.get(f)
        for pid, box in self._boxes.items():
            box.value = pid in (design.get("participants") or [])

    def respond(self, rule_id: str, answer: str, reason: str = "") -> None:
        """Accept or rebut one finding, with a reason (a rebuttal needs one); kept with the design."""
        trial = dict(self.responses, **{rule_id: {"answer": answer, "reason": reason}})
        problems = responses_problems(trial, [r["id"] for r in self.book.rules])
        if problems:
            raise ValueError(problems[0])
        self.responses = trial
        self._changed()

    def summary(self) -> Markdown:
        """The printable summary (choices, findings, citations, your answers) as Markdown."""
        return Markdown(summary_markdown(dict(self.design, responses=self.responses), self.book))

    def _changed(self, change=None, redraw: bool = True) -> None:
        if redraw and (change is not None or not self.answers.children):
            self._draw()
        else:
            findings = evaluate(self.design, self.book)
            self.short.value = f"<p>{html.escape(short_summary(findings, self.responses))}</p>"
        if self.save_to is not None:
            kept = dict(self.design, responses=self.responses) if self.responses else self.design
            write_saved(self.save_to, kept)

    def _answer_row(self, finding: dict) -> W.Widget:
        r = self.responses.get(finding["id"], {})
        choice = W.RadioButtons(options=[("not answered", None), ("Accept", "accept"), ("Rebut", "rebut")], value=r.get("answer"))
        reason = W.Textarea(value=r.get("reason", ""), placeholder="Your reason (needed to rebut)", layout=W.Layout(width="auto"))
        note = W.HTML()

        def changed(_=None):
            if choice.value is None:
                self.responses.pop(finding["id"], None)
                self._changed(redraw=False)
                return
            try:
                self.respond(finding["id"], choice.value, reason.value)
                note.value = ""
            except ValueError as e:
                note.value = f"<em>{html.escape(str(e))}</em>"

        choice.observe(changed, names="value")
        reason.observe(changed, names="value")
        return W.VBox([W.HTML(f"<strong>{html.escape(finding['title'])}</strong>"), choice, reason, note])

    def _draw(self) -> None:
        findings = evaluate(self.design, self.book)
        self.findings.value = design_html(self.design, self.book)
        self.short.value = f"<p>{html.escape(short_summary(findings, self.responses))}</p>"
        self.answers.children = [self._answer_row(f) for f in findings]

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data or {})
        data["text/html"] = design_form_html("main", self.book)
        return data, meta


__all__ = ["DesignForm"]
