"""The course's exercise engine: banks as data, one scoring definition, two renderings.

* Banks are YAML files under ``data/exercises/`` (format: docs/exercise-format.md; design:
  docs/decisions/0002-exercise-engine.md), validated by ``data/exercises/schema.json`` plus the
  checks in :mod:`.bank`.
* :mod:`.scoring` scores a response (pure functions); ``static/exercises.js`` beside it mirrors
  the same functions in the page, and Node and browser tests prove they agree.
* :mod:`.messages` holds every learner-facing string; :mod:`.static` writes it into the book's
  ``exercises-messages.js`` at build time.
* :mod:`.render` writes the static HTML (learner, participant or instructor edition) that the
  ``{exercise}`` directive (:mod:`tracktwo.sphinxext.exercise_directive`) places in the book.
* :mod:`.widget` shows the same items in JupyterLab with ipywidgets.

In a notebook::

    from tracktwo.exercises import exercise_widget
    exercise_widget("demo/oslo-talks")    # one item; exercise_widget("demo") shows the whole bank
"""

from .bank import Bank, Category, Item, Option, get_item, load_bank, parse_ref, resolve
from .errors import BankError, ExerciseError, Problem, SubmissionError
from .render import EDITIONS, render_item, render_items
from .scoring import Score, normalise, score, solution

__all__ = [
    "EDITIONS",
    "Bank",
    "BankError",
    "Category",
    "ExerciseError",
    "Item",
    "Option",
    "Problem",
    "Score",
    "SubmissionError",
    "exercise_widget",
    "get_item",
    "load_bank",
    "normalise",
    "parse_ref",
    "render_item",
    "render_items",
    "resolve",
    "score",
    "solution",
]


def exercise_widget(ref: str, bank_dir=None):
    """An ipywidgets view of ``bank/item`` (or of every item of ``bank``) for JupyterLab.

    Never raises for a bad reference or a broken bank: it returns a widget showing the message.
    """
    from .widget import exercise_widget as _make

    return _make(ref, bank_dir=bank_dir)
