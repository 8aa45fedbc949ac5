"""The ``{exercise}`` directive: place an exercise (``bank/item``) or a whole bank (``bank``) in a page.

MyST::

    ```{exercise} demo/oslo-talks
    ```

Config values (``_config.yml`` under ``sphinx: config:``, or the environment):

* ``tracktwo_edition``: ``learner`` (default: interactive, checks answers in the page),
  ``participant`` (a printable form with no answers, feedback or hints anywhere in the HTML) or
  ``instructor`` (answer keys inline). The environment variable ``TRACKTWO_EDITION``, when set,
  overrides the config file, so one ``_config.yml`` builds all three editions.
* ``tracktwo_exercise_dir``: where the banks are, relative to the book's root (``data/exercises``).

A broken bank or a bad reference never stops the build with a traceback: the directive logs a
warning naming the file, the item and the field (so ``-W`` fails the build with that message) and
puts a short notice in the page in place of the exercise.

The page engine sits beside the Python it mirrors, in ``tracktwo/exercises/static/``. When an
HTML build starts, the asset table (:mod:`.page_assets`) writes it into the build's
``_static/tracktwo/`` together with ``exercises-messages.js``, generated from ``tracktwo/exercises/messages.py`` (the one table of
learner-facing strings) by :func:`tracktwo.exercises.static.messages_script`. The two scripts are
added (deferred, messages first) only to pages with an interactive exercise, and ``exercises.css``
only to pages with any exercise. The participant and instructor editions get no script at all. All their URLs are relative, so the book works from ``file://``.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tracktwo import COURSE_VERSION
from tracktwo.exercises.bank import bank_path, parse_ref, resolve
from tracktwo.exercises.errors import BankError, ExerciseError, display_path
from tracktwo.exercises import static
from tracktwo.exercises.messages import STRINGS
from tracktwo.exercises.render import EDITIONS, render_item

logger = logging.getLogger(__name__)

EXERCISES_JS = static.ENGINE_JS
MESSAGES_JS = static.MESSAGES_JS
EXERCISES_CSS = static.ENGINE_CSS
EDITION_ENV = "TRACKTWO_EDITION"


def edition_of(config: Config) -> str:
    return getattr(config, "tracktwo_edition", "learner") or "learner"


def _resolve_edition(app: Sphinx, config: Config) -> None:
    from_env = os.environ.get(EDITION_ENV, "").strip()
    if from_env:
        config.tracktwo_edition = from_env
    edition = edition_of(config)
    if edition not in EDITIONS:
        source = f"the environment variable {EDITION_ENV}" if from_env else "the config value tracktwo_edition"
        raise ConfigError(f"{source} is {edition!r}: use one of {', '.join(EDITIONS)}")
    config.tracktwo_edition = edition


def _bank_dir(env) -> Path:
    configured = Path(env.config.tracktwo_exercise_dir)
    return configured if configured.is_absolute() else Path(env.srcdir) / configured


class ExerciseDirective(SphinxDirective):
    """``{exercise} bank/item`` places one exercise; ``{exercise} bank`` places every item of the bank."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = False
    option_spec: dict[str, Any] = {}

    def _fail(self, message: str) -> list[nodes.Node]:
        logger.warning(
            "exercise %s: %s", self.arguments[0], message, location=self.get_location(), type="tracktwo", subtype="exercise"
        )
        notice = (
            f'<div class="tt-exercise-error" role="note"><p><strong>This exercise could not be shown.</strong> '
            f'{escape(message)}</p></div>'
        )
        return [nodes.raw("", notice, format="html")]

    def run(self) -> list[nodes.Node]:
        ref = self.arguments[0]
        bank_dir = _bank_dir(self.env)
        try:
            bank_id, _ = parse_ref(ref)
            path = bank_path(bank_id, bank_dir)
            if path.exists():
                self.env.note_dependency(str(path))
            items = resolve(ref, bank_dir)
        except BankError as exc:
            return self._fail(str(exc).replace("\n", "; "))
        except ExerciseError as exc:
            return self._fail(str(exc))
        except Exception as exc:  # a bug must still not print a traceback in the middle of a build
            return self._fail(f"internal error ({type(exc).__name__}: {exc})")

        placed: dict[str, set[str]] = getattr(self.env, "tracktwo_exercises_placed", {})
        self.env.tracktwo_exercises_placed = placed
        on_page = placed.setdefault(self.env.docname, set())
        edition = edition_of(self.config)
        # An exercise's own headings (an open item's model answer) sit one level below its section.
        heading_level = int(getattr(getattr(self.state, "memo", None), "section_level", 1) or 1) + 1
        out: list[nodes.Node] = []
        for item in items:
            if item.ref in on_page:
                logger.warning(
                    "exercise %s is placed twice on this page (its ids and saved answer would clash)",
                    item.ref,
                    location=self.get_location(),
                    type="tracktwo",
                    subtype="exercise",
                )
                continue
            on_page.add(item.ref)
            figure = ""
            if item.map is not None:  # drawn here: the exercises feature does not draw maps
                from tracktwo.maps.printed import map_figure, placed_map_problems

                problems = placed_map_problems(item.map)
                if problems:
                    return self._fail(f"{display_path(item.source)}: item '{item.id}', field 'map': {'; '.join(problems)}")
                figure = map_figure(item.map, f"tt-ex--{item.bank}--{item.id}--map", STRINGS["map_text"])
            html = render_item(item, edition, COURSE_VERSION, figure, heading_level)
            out.append(nodes.raw("", html, format="html"))
        return out


def _purge(app: Sphinx, env, docname: str) -> None:
    placed = getattr(env, "tracktwo_exercises_placed", None)
    if placed:
        placed.pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    placed = getattr(env, "tracktwo_exercises_placed", {})
    for docname, refs in getattr(other, "tracktwo_exercises_placed", {}).items():
        if docname in docnames:
            placed[docname] = refs
    env.tracktwo_exercises_placed = placed


def setup(app: Sphinx) -> None:
    """Register the exercise directive and the edition config values."""
    app.add_config_value("tracktwo_edition", "learner", "env", types=[str])
    app.add_config_value("tracktwo_exercise_dir", "data/exercises", "env", types=[str])
    app.connect("config-inited", _resolve_edition)
    app.add_directive("exercise", ExerciseDirective)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
