"""The same exercises in JupyterLab, with ipywidgets: Check, per-option feedback, Retry, Show
solution, the hint and a score, all computed by :mod:`.scoring` (the page engine mirrors it).

* Every string comes from :mod:`.messages`, the table the page engine also reads.
* Open items: a Textarea, a *Show checklist* button (it needs an answer first) and a checkbox per
  checklist point for the self-check; the answer and ticks live in the widget (the kernel). Once
  the checklist is shown for a written answer, a *Model answer* button appears under it; the model
  answer's text enters the widget only when the learner opens it, and leaves it when the answer is
  emptied (as in the page).
* Widget CSS classes are derived from the bank and item ids (``tt-ex--demo--oslo-talks``), never
  random, and the widget's text form is a fixed one-line description, so a notebook that shows
  these widgets gives the same stored output on every run (nbval compares it).
* Nothing raises into the notebook: a bad reference or a broken bank gives a widget that shows
  the message, and a bad submission shows the message while keeping the learner's answer.
* Answers live in the running kernel only (nothing is written to disk or sent anywhere); they
  are gone when the kernel restarts.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..data.problems import shorten
from .bank import Item, resolve
from .errors import ExerciseError
from .messages import STRINGS, fmt
from .render import dom_id
from .scoring import Score, initial_response, option_feedback, reveal_problem, score, summary

_LINE_STYLE = {
    "right": "color:#1b6e3a;font-weight:700",
    "wrong": "color:#a3271f;font-weight:700",
    "info": "color:#00558c;font-weight:600",
    "accepted": "color:#1b6e3a;font-weight:700",
    "clue": "color:#00558c;font-style:italic",
    "feedback": "",
}


def _e(text: str) -> str:
    return escape(text, quote=True)


def _lines_html(lines: list[tuple[str, str]]) -> str:
    return "".join(
        f'<p class="tt-ex-line tt-ex-line--{k}" style="margin:0 0 .25rem;{_LINE_STYLE[k]}">{_e(t)}</p>' for k, t in lines
    )


class ExerciseWidget(widgets.VBox):
    """One exercise. ``.response()`` reads the controls; ``.check()``, ``.show_solution()`` and
    ``.retry()`` do what the buttons do (handy for tests)."""

    def __init__(self, item: Item):
        self.item = item
        self.result: Score | None = None
        self.solution_shown = False
        self._order: list[str] = list(initial_response(item) or [])
        base = dom_id(item)

        header = widgets.HTML(
            value=(
                f'<p style="margin:0;font-size:.85rem"><b>{_e(STRINGS["type_" + item.type])}</b></p>'
                f'<p style="margin:.25rem 0;font-weight:700;font-size:1.1rem">{_e(item.title)}</p>'
                f'<p style="margin:.25rem 0">{_e(item.prompt)}</p>'
                + (f'<p style="margin:.25rem 0;font-style:italic">{_e(STRINGS["map_elsewhere"])}</p>' if item.map else "")
                + f'<p style="margin:.25rem 0;font-size:.9rem">{_e(STRINGS["instr_" + item.type])}</p>'
                + self._categories_html()
            ),
            _dom_classes=(f"{base}--header",),
        )
        self.feedback: dict[str, widgets.HTML] = {
            o.id: widgets.HTML(value="", _dom_classes=(dom_id(item, "opt", o.id, "fb"),)) for o in item.options
        }
        self.controls = self._build_controls()
        self.check_button = widgets.Button(
            description=STRINGS["reveal" if item.type == "open" else "check"],
            button_style="primary",
            _dom_classes=(f"{base}--check",),
        )
        self.solution_button = widgets.Button(description=STRINGS["solution"], _dom_classes=(f"{base}--solution",))
        self.retry_button = widgets.Button(description=STRINGS["retry"], _dom_classes=(f"{base}--retry",))
        buttons = [self.check_button]
        self.hint_button = None
        self.hint_box = widgets.HTML(value="", _dom_classes=(f"{base}--hint",))
        if item.hint:
            self.hint_button = widgets.Button(description=STRINGS["hint_show"], _dom_classes=(f"{base}--hint-toggle",))
            self.hint_button.on_click(self._safe(self._toggle_hint))
            buttons.append(self.hint_button)
        if item.type != "open":  # the checklist is the open item's solution; its answer is never wiped
            buttons += [self.solution_button, self.retry_button]
        self.check_button.on_click(self._safe(lambda _b: self.check()))
        self.solution_button.on_click(self._safe(lambda _b: self.show_solution()))
        self.retry_button.on_click(self._safe(lambda _b: self.retry()))
        self.status = widgets.HTML(value="", _dom_classes=(f"{base}--result",))
        objective = widgets.HTML(
            value=f'<p style="margin:0;font-size:.9rem">{_e(fmt("objective", objective=item.objective))}</p>'
        )
        super().__init__(
            children=[header, self.controls, widgets.HBox(buttons), self.hint_box, self.status, objective],
            _dom_classes=("tt-exercise-widget", base),
            layout=widgets.Layout(border="1px solid #b8b8b8", padding="0.5rem 1rem", margin="0.75rem 0"),
        )

    def __repr__(self) -> str:  # the text/plain form stored in notebooks: fixed, no memory address
        return (
            f"Exercise \u201c{self.item.title}\u201d ({STRINGS['type_' + self.item.type].lower()}): "
            "run the notebook in JupyterLab to answer it"
        )

    # -------------------------------------------------------------------------------- controls

    def _categories_html(self) -> str:
        if self.item.type != "classification":
            return ""
        rows = "".join(
            f"<li><b>{_e(c.text)}</b>" + (f": {_e(c.description)}" if c.description else "") + "</li>"
            for c in self.item.categories
        )
        return f'<ul style="margin:.25rem 0 .5rem 1.25rem">{rows}</ul>'

    def _row(self, control: widgets.Widget, option_id: str) -> widgets.VBox:
        return widgets.VBox([control, self.feedback[option_id]], layout=widgets.Layout(margin="0 0 .35rem 0"))

    def _build_controls(self) -> widgets.Widget:
        item = self.item
        full = widgets.Layout(width="auto")
        if item.type == "open":
            self.answer = widgets.Textarea(
                value="",
                placeholder=STRINGS["answer_label"],
                rows=6,
                layout=widgets.Layout(width="100%"),
                _dom_classes=(dom_id(item, "answer"),),
            )
            self.answer.observe(self._safe(lambda _c: self._changed()), names="value")
            self.ticks = [
                widgets.Checkbox(
                    value=False, description=point, indent=False, layout=full, _dom_classes=(dom_id(item, "point", str(n)),)
                )
                for n, point in enumerate(item.checklist)
            ]
            for box in self.ticks:
                box.observe(self._safe(lambda _c: self._changed()), names="value")
            self.checklist = widgets.VBox(
                [
                    widgets.HTML(value=f'<p style="margin:.5rem 0 .25rem;font-weight:600">{_e(STRINGS["checklist_legend"])}</p>'),
                    *self.ticks,
                ],
                layout=widgets.Layout(display="none"),
            )
            label = widgets.HTML(value=f'<p style="margin:.25rem 0;font-weight:600">{_e(STRINGS["answer_label"])}</p>')
            self.model_button = widgets.Button(
                description=STRINGS["model_heading"], icon="caret-right", _dom_classes=(dom_id(item, "model", "toggle"),)
            )
            self.model_button.on_click(self._safe(lambda _b: self.toggle_model()))
            self.model_body = widgets.HTML(value="", _dom_classes=(dom_id(item, "model", "body"),))
            self.model_box = widgets.VBox(
                [self.model_button, self.model_body], layout=widgets.Layout(display="none"), _dom_classes=(dom_id(item, "model"),)
            )
            return widgets.VBox([label, self.answer, self.checklist, self.model_box])
        if item.type == "single":
            self.choice = widgets.RadioButtons(
                options=[(o.text, o.id) for o in item.options], value=None, layout=full, _dom_classes=(dom_id(item, "options"),)
            )
            self.choice.observe(self._safe(lambda _c: self._changed()), names="value")
            return widgets.VBox([self.choice] + [self.feedback[o.id] for o in item.options])
        if item.type == "multiple":
            self.boxes = {
                o.id: widgets.Checkbox(
                    value=False, description=o.text, indent=False, layout=full, _dom_classes=(dom_id(item, "opt", o.id),)
                )
                for o in item.options
            }
            for box in self.boxes.values():
                box.observe(self._safe(lambda _c: self._changed()), names="value")
            return widgets.VBox([self._row(self.boxes[o.id], o.id) for o in item.options])
        if item.type == "classification":
            choices = [(STRINGS["choose_category"], "")] + [(c.text, c.id) for c in item.categories]
            self.selects = {
                o.id: widgets.Dropdown(
                    options=choices, value="", layout=widgets.Layout(width="16rem"), _dom_classes=(dom_id(item, "opt", o.id),)
                )
                for o in item.options
            }
            rows = []
            for o in item.options:
                self.selects[o.id].observe(self._safe(lambda _c: self._changed()), names="value")
                label = widgets.HTML(value=f'<p style="margin:0">{_e(o.text)}</p>')
                rows.append(
                    widgets.VBox([label, self.selects[o.id], self.feedback[o.id]], layout=widgets.Layout(margin="0 0 .5rem 0"))
                )
            return widgets.VBox(rows)
        # ordering: fixed rows; each shows whichever item is at that position
        self.row_labels: list[widgets.HTML] = []
        self.row_feedback: list[widgets.HTML] = []
        self.up_buttons: list[widgets.Button] = []
        self.down_buttons: list[widgets.Button] = []
        rows = []
        for pos in range(len(item.options)):
            label = widgets.HTML(value="", layout=widgets.Layout(width="auto", flex="1 1 auto"))
            up = widgets.Button(
                description=STRINGS["move_up"],
                icon="arrow-up",
                layout=widgets.Layout(width="auto", flex="none"),
                _dom_classes=(dom_id(item, "pos", str(pos + 1), "up"),),
            )
            down = widgets.Button(
                description=STRINGS["move_down"],
                icon="arrow-down",
                layout=widgets.Layout(width="auto", flex="none"),
                _dom_classes=(dom_id(item, "pos", str(pos + 1), "down"),),
            )
            up.on_click(self._safe(lambda _b, p=pos: self.move(p, -1)))
            down.on_click(self._safe(lambda _b, p=pos: self.move(p, 1)))
            fb = widgets.HTML(value="")
            self.row_labels.append(label)
            self.row_feedback.append(fb)
            self.up_buttons.append(up)
            self.down_buttons.append(down)
            rows.append(widgets.VBox([widgets.HBox([label, up, down]), fb], layout=widgets.Layout(margin="0 0 .35rem 0")))
        self._draw_order()
        return widgets.VBox(rows)

    def _draw_order(self) -> None:
        for pos, oid in enumerate(self._order):
            text = self.item.option(oid).text
            self.row_labels[pos].value = f'<p style="margin:0"><b>{pos + 1}.</b> {_e(text)}</p>'
            self.up_buttons[pos].tooltip = f"{STRINGS['move_up']}: {text}"
            self.down_buttons[pos].tooltip = f"{STRINGS['move_down']}: {text}"
            # Never disabled: a disabled button cannot keep the focus; at the ends, moving says why not.

    # -------------------------------------------------------------------------------- behaviour

    def _safe(self, fn):
        """Never let an exception escape a callback: show it, keep the learner's answer."""

        def wrapper(*args: Any) -> None:
            try:
                fn(*args)
            except ExerciseError as exc:
                self._say(str(exc), error=True)
            except Exception as exc:  # noqa: BLE001 - a bug must not leave a dead widget
                self._say(shorten(f"{type(exc).__name__}: {exc}", 200), error=True)

        return wrapper

    def _say(self, text: str, error: bool = False) -> None:
        style = "color:#a3271f;font-weight:600" if error else ""
        prefix = STRINGS["error_prefix"] if error else ""
        self.status.value = f'<p style="margin:.25rem 0;{style}">{_e(prefix + text)}</p>'

    def response(self) -> Any:
        """The learner's current answer, in the shared response format."""
        t = self.item.type
        if t == "single":
            return self.choice.value
        if t == "multiple":
            return [oid for oid, box in self.boxes.items() if box.value]
        if t == "classification":
            return {oid: sel.value for oid, sel in self.selects.items() if sel.value}
        if t == "open":
            return {"text": self.answer.value, "ticks": [n for n, box in enumerate(self.ticks) if box.value]}
        return list(self._order)

    def set_response(self, response: Any) -> None:
        """Put an answer into the controls (None resets them); used by tests and by Retry."""
        t = self.item.type
        if t == "single":
            self.choice.value = response
        elif t == "multiple":
            chosen = set(response or [])
            for oid, box in self.boxes.items():
                box.value = oid in chosen
        elif t == "classification":
            for oid, sel in self.selects.items():
                sel.value = (response or {}).get(oid, "") or ""
        elif t == "open":
            response = response or {}
            self.answer.value = response.get("text", "")
            for n, box in enumerate(self.ticks):
                box.value = n in response.get("ticks", [])
        else:
            self._order = list(response) if response else list(initial_response(self.item))
            self._draw_order()
            self._changed()

    def _changed(self) -> None:
        if self.item.type == "open":  # the self-check stays open while the learner revises or ticks
            if self.result is not None:
                self.result = score(self.item, self.response())
                self._render()
            return
        if self.result is not None or self.solution_shown:
            self.result = None
            self.solution_shown = False
            self._render()
            self.status.value = ""

    def move(self, position: int, delta: int) -> None:
        target = position + delta
        oid = self._order[position]
        text = self.item.option(oid).text
        if target < 0 or target >= len(self._order):
            self._say(fmt("at_top" if delta < 0 else "at_bottom", item=text))
            return
        self._order[position], self._order[target] = self._order[target], self._order[position]
        self._draw_order()
        self._changed()
        (self.up_buttons if delta < 0 else self.down_buttons)[target].focus()
        self._say(fmt("moved", item=text, position=target + 1, total=len(self._order)))

    def check(self) -> Score | None:
        """Check the answer (an open item: show the checklist, once an answer is written)."""
        try:
            if self.item.type == "open":
                problem = reveal_problem(self.item, self.response())
                if problem:
                    self.result = None
                    self._render()
                    self._say(problem, error=True)
                    return None
            self.result = score(self.item, self.response())
        except ExerciseError as exc:
            self.result = None
            self._render()
            self._say(str(exc), error=True)
            return None
        self._render()
        if self.model_available and self.item.model_answer is not None:
            self.status.value = f'<p style="margin:.25rem 0">{_e(STRINGS["model_shown"])}</p>' + self.status.value
        return self.result

    def show_solution(self) -> None:
        self.solution_shown = True
        self._render()

    def retry(self) -> None:
        self.result = None
        self.solution_shown = False
        self.set_response(None)
        self._render()
        self._say(STRINGS["retry_done"])

    @property
    def model_available(self) -> bool:
        """The model answer can be opened: the checklist is shown for an answer that is not empty."""
        return self.item.type == "open" and self.result is not None and bool(self.answer.value.strip())

    @property
    def model_open(self) -> bool:
        return self.item.type == "open" and bool(self.model_body.value)

    def toggle_model(self, open_it: bool | None = None) -> None:
        """Open or close the model answer (what its button does); it opens only when available."""
        opening = (not self.model_open) if open_it is None else open_it
        opening = opening and self.model_available
        model = self.item.model_answer
        self.model_body.value = (
            (
                '<div style="border-left:4px solid #00558c;padding:.25rem .75rem;margin:.25rem 0">'
                f'<p style="margin:0 0 .35rem;font-size:.9rem">{_e(STRINGS["model_note"])}</p>'
                f'<p style="margin:0 0 .35rem">{_e(model.text)}</p>'
                f'<p style="margin:0"><b>{_e(STRINGS["model_why"])}</b> {_e(model.why)}</p></div>'
            )
            if opening and model is not None
            else ""
        )
        self.model_button.icon = "caret-down" if opening else "caret-right"

    def _toggle_hint(self, _button=None) -> None:
        opening = not self.hint_box.value
        self.hint_box.value = (
            (
                f'<p style="margin:.25rem 0;border-left:4px solid #00558c;padding-left:.75rem">'
                f'<b>{_e(STRINGS["hint_label"])}</b> {_e(self.item.hint)}</p>'
            )
            if opening
            else ""
        )
        self.hint_button.description = STRINGS["hint_hide" if opening else "hint_show"]

    def _render(self) -> None:
        if self.item.type == "open":
            self.checklist.layout.display = None if self.result is not None else "none"
            shown = self.model_available and self.item.model_answer is not None
            self.model_box.layout.display = None if shown else "none"
            if not shown and self.model_open:
                self.toggle_model(False)
        for oid in self.item.option_ids:
            html = _lines_html(option_feedback(self.item, self.result, oid, self.solution_shown))
            if self.item.type == "ordering":
                self.row_feedback[self._order.index(oid)].value = html
            else:
                self.feedback[oid].value = html
        lines = summary(self.item, self.result, self.solution_shown)
        self.status.value = "".join(
            f'<p style="margin:.25rem 0;{"font-weight:700" if i == 0 and self.result else ""}">{_e(line)}</p>'
            for i, line in enumerate(lines)
        )


class BankWidget(widgets.VBox):
    """Every item of a bank, with a running total over the checked ones."""

    def __init__(self, items: list[ExerciseWidget], title: str):
        self.exercises = items
        self.total = widgets.HTML(value="")
        for ex in items:
            for button in (ex.check_button, ex.retry_button):
                button.on_click(lambda _b: self._update())
        super().__init__(
            children=[widgets.HTML(value=f"<p><b>{_e(title)}</b></p>"), *items, self.total], _dom_classes=("tt-exercise-bank",)
        )
        self._update()

    def __repr__(self) -> str:
        return f"Exercise bank ({len(self.exercises)} exercises): run the notebook in JupyterLab to answer them"

    def _update(self) -> None:
        checked = [ex.result for ex in self.exercises if ex.result is not None]
        self.total.value = (
            "<p>"
            + _e(
                fmt(
                    "bank_score",
                    checked=len(checked),
                    count=len(self.exercises),
                    points=sum(r.points for r in checked),
                    max=sum(r.max for r in checked),
                )
            )
            + "</p>"
        )


class ErrorWidget(widgets.HTML):
    """Shown instead of an exercise that cannot be built: the message, never a traceback."""

    def __repr__(self) -> str:
        return f"Exercise error: {self._message}"


def error_widget(message: str) -> ErrorWidget:
    w = ErrorWidget(
        value=(
            f'<div style="border:2px dashed #a3271f;padding:.5rem 1rem">'
            f'<p><b>This exercise could not be shown.</b></p><pre style="white-space:pre-wrap">{_e(message)}</pre></div>'
        ),
        _dom_classes=("tt-exercise-error",),
    )
    w._message = message
    return w


def exercise_widget(ref: str, bank_dir: str | Path | None = None) -> widgets.Widget:
    """``bank/item`` gives one exercise; ``bank`` gives the whole bank with a total."""
    try:
        items = resolve(ref, bank_dir)
        if "/" in ref:
            return ExerciseWidget(items[0])
        from .bank import load_bank

        return BankWidget([ExerciseWidget(i) for i in items], load_bank(ref.strip(), bank_dir).title)
    except ExerciseError as exc:
        return error_widget(str(exc))
    except Exception as exc:  # noqa: BLE001 - the widget promises never to raise into a notebook
        return error_widget(shorten(f"{type(exc).__name__}: {exc}", 300))
