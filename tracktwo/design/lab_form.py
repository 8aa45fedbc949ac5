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
from .rules import FIELDS, RuleBook, design_problems, empty_design, load_rules
from .summary import FIELD_LABELS, design_html, summary_markdown


def _load(path: Path | None, book: RuleBook) -> tuple[dict[str, Any], str]:
    """The saved design (read and checked by tracktwo.data.learner_files), or an empty one and the message."""
    saved, message = read_saved(path, lambda data: design_problems(data, book), "design", "the form starts empty")
    if saved is None:
        return empty_design(), message
    design = empty_design()
    design.update({k: v for k, v in saved.items() if k in FIELDS})
    design["participants"] = list(design.get("participants") or [])
    return design, ""


class DesignForm(W.VBox):
    """Choose a track, participants, convenor, aim, funding and label; see the brief's findings."""

    def __init__(self, save_to: str | Path | None = None, book: RuleBook | None = None, **kwargs):
        self.book = book or load_rules()
        self.save_to = Path(save_to) if save_to else None
        design, message = _load(self.save_to, self.book)
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
                parts.append(W.VBox([W.HTML(f"<strong>{FIELD_LABELS[field]}</strong> (choose any)"), *boxes]))
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
        super().__init__(
            [
                W.GridBox(parts, layout=W.Layout(grid_template_columns="repeat(auto-fit, minmax(260px, 1fr))")),
                self.message,
                W.HTML("<h3>What the brief says about your design</h3>"),
                self.findings,
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

    def summary(self) -> Markdown:
        """The printable summary (choices, findings, citations) as Markdown."""
        return Markdown(summary_markdown(self.design, self.book))

    def _changed(self, change=None) -> None:
        self._draw()
        if self.save_to is not None:
            write_saved(self.save_to, self.design)

    def _draw(self) -> None:
        self.findings.value = design_html(self.design, self.book)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data or {})
        data["text/html"] = design_form_html("main", self.book)
        return data, meta


__all__ = ["DesignForm"]
