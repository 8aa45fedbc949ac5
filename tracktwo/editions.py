"""One home for what an edition of the book (and of the workshop kit) is: the settings every part
of the build reads, from the environment or from ``_config.yml``, checked once.

An edition has three independent settings:

* **edition**, what the reader may see (``TRACKTWO_EDITION`` or the config value
  ``tracktwo_edition``):

  - ``learner`` (the default, published, self-study book): exercises check answers in the page
    (their self-check keys are part of it by design); facilitator notes behind the instructor-view
    toggle; **nothing confidential** (see :data:`CONFIDENTIAL_KINDS`);
  - ``participant`` (for a workshop group): no confidential material and **no keys**: every
    interactive that would mark an answer shows the task and "discuss with your group";
  - ``instructor`` (the facilitator's): everything, keys and confidential material inline.

* **title**, a neutral title chosen by the facilitator (``TRACKTWO_TITLE`` / ``make kit
  TITLE="Course notes"``, or the config value ``tracktwo_title``). When set, the edition is
  *neutral*: no page title, site title, footer, PDF metadata, file or folder name, storage key or
  default export file name says any of :data:`MARKED_WORDS`.

* **lang**, the language of the edition (``TT_LANG`` / ``make book TT_LANG=my``, or the config value
  ``tracktwo_lang``; not ``LANG``, which is the system locale): ``en`` (the source) or a language of
  :data:`tracktwo.i18n.languages.LANGUAGES` with a ``locale/<code>/`` folder. Strings without a
  translation are shown in English, visibly (docs/decisions/0021-translations.md).

* **keep**, where learners' work is kept by default (``TRACKTWO_KEEP`` or ``tracktwo_keep``):
  ``device`` (browser storage on this device, the default) or ``nothing`` (memory of this tab only:
  forgotten when the tab closes; the learner can switch on every page).

:func:`settings` reads them; :func:`check` gives one clear message for a bad value. Pure: no Sphinx
import, so the kit, the sheets and the tests use the same function as the plugin.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any
from collections.abc import Mapping

EDITIONS = ("learner", "participant", "instructor")
KEEP_MODES = ("device", "nothing")

EDITION_ENV = "TRACKTWO_EDITION"
TITLE_ENV = "TRACKTWO_TITLE"
KEEP_ENV = "TRACKTWO_KEEP"
LANG_ENV = "TT_LANG"

#: The course's own title (not neutral).
COURSE_TITLE = "Track Two: dialogue and Myanmar's peace process"

#: Words that must not appear where an onlooker (a checkpoint, a shared device) would see them in a
#: neutral edition: page and site titles, footers, PDF metadata, file, folder and zip names, storage
#: keys, default export file names. ``tracktwo`` (the package's name) counts as "Track Two".
#: In a translated edition the same words in that language count too: Burmese "Myanmar" (မြန်မာ),
#: "Burma"/"Bamar" (ဗမာ), "peace" (ငြိမ်းချမ်း), "dialogue" (ဆွေးနွေး, also "discussion"), "military
#: council" (စစ်ကောင်စီ), "Tatmadaw" (တပ်မတော်).
MARKED_WORDS = (
    "Track Two", "tracktwo", "track-two", "track_two", "dialogue", "Myanmar", "Burma", "peace", "junta",
    "မြန်မာ", "ဗမာ", "ငြိမ်းချမ်း", "ဆွေးနွေး", "စစ်ကောင်စီ", "တပ်မတော်",
)  # fmt: skip
MARKED = re.compile(r"track[\s_-]*two|dialogue|myanmar|burma|peace|junta|မြန်မာ|ဗမာ|ငြိမ်းချမ်း|ဆွေးနွေး|စစ်ကောင်စီ|တပ်မတော်", re.I)

#: Storage-key prefix in browser storage: the course's own, and the neutral one.
STORAGE_PREFIX = "tracktwo"
NEUTRAL_STORAGE_PREFIX = "cn"

#: Kinds of confidential material (instructor edition and the kit's facilitator folder only).
CONFIDENTIAL_KINDS = (
    "simulation-brief",  # a role's confidential brief
    "simulation-script",  # the facilitation panel's script
    "marking-guide",  # how to mark an open task
    "debrief-answer",  # model answers meant for the facilitator's debrief
    "answer-key",  # a printed key sheet
)

#: Kinds of key material: what marks an answer. The learner edition (self-study) keeps its
#: self-check keys by design; the participant edition has none (docs/decisions/0013).
KEY_KINDS = (
    "self-check-key",  # an exercise bank's answers, feedback, hints, clues, checklists and model answers
    "placing-key",  # the "Placing dialogues" map exercise's key and feedback
    "model-answer",  # a map practice case's model answers
)

#: Facilitator notes that are not confidential (timings, steps, prompts).
FACILITATOR = "facilitator"

#: Said in place of confidential material in the learner and participant editions.
WITHHELD_NOTE = "in the instructor edition and the kit's facilitator folder"
#: Said in place of a key in the participant edition.
DISCUSS_NOTE = "Discuss your answers with your group."


class EditionError(ValueError):
    """A bad edition setting: the message names the variable or config value and what to use."""


@dataclass(frozen=True)
class Edition:
    edition: str = "learner"
    title: str | None = None
    keep: str = "device"
    lang: str = "en"

    @property
    def translated(self) -> bool:
        return self.lang != "en"

    @property
    def neutral(self) -> bool:
        return bool(self.title)

    @property
    def site_title(self) -> str:
        return self.title or COURSE_TITLE

    @property
    def storage_prefix(self) -> str:
        return NEUTRAL_STORAGE_PREFIX if self.neutral else STORAGE_PREFIX

    @property
    def shows_confidential(self) -> bool:
        return not withholds(self, CONFIDENTIAL_KINDS[0])

    @property
    def shows_keys(self) -> bool:
        return not withholds(self, KEY_KINDS[0])


def withholds(edition: Edition | str, mark: str) -> bool:
    """THE build-time rule for marked material: True when ``edition`` must leave out material marked
    ``mark`` (a kind of :data:`CONFIDENTIAL_KINDS`, of :data:`KEY_KINDS`, or :data:`FACILITATOR`).

    Every directive, renderer, widget and packing check that can emit such material asks this one
    function, so the editions cannot drift apart: confidential material only in the instructor
    edition; keys in the learner and instructor editions, never the participant one; facilitator
    notes in all but the participant edition (behind the instructor-view toggle in the learner one).
    Leaving out means absent from every file of the edition, not hidden by CSS."""
    name = edition.edition if isinstance(edition, Edition) else edition
    if name not in EDITIONS:
        raise EditionError(f"edition {name!r}: use one of {', '.join(EDITIONS)}")
    if mark in CONFIDENTIAL_KINDS:
        return name != "instructor"
    if mark in KEY_KINDS or mark == FACILITATOR:
        return name == "participant"
    raise EditionError(f"unknown mark {mark!r}: use one of {', '.join(CONFIDENTIAL_KINDS + KEY_KINDS)} or {FACILITATOR!r}")


def marked_words_in(text: str) -> list[str]:
    """The marked words in ``text`` (for the neutral edition's checks), in order of appearance."""
    return [m.group(0) for m in MARKED.finditer(text or "")]


def check(edition: str, title: str | None, keep: str, *, lang: str = "en", source: Mapping[str, str] | None = None) -> Edition:
    """An :class:`Edition`, or :class:`EditionError` naming the setting and the allowed values."""
    from .i18n.languages import known

    source = source or {}
    if lang not in known():
        raise EditionError(
            f"{source.get('lang', LANG_ENV)} is {lang!r}: use one of {', '.join(known())} "
            "(a language needs an entry in tracktwo/i18n/languages.py and a locale/<code>/ folder)"
        )
    if edition not in EDITIONS:
        raise EditionError(f"{source.get('edition', EDITION_ENV)} is {edition!r}: use one of {', '.join(EDITIONS)}")
    if keep not in KEEP_MODES:
        raise EditionError(f"{source.get('keep', KEEP_ENV)} is {keep!r}: use one of {', '.join(KEEP_MODES)}")
    title = (title or "").strip() or None
    if title is not None:
        if len(title) > 80:
            raise EditionError(f"{source.get('title', TITLE_ENV)} is {len(title)} characters long: use at most 80")
        found = marked_words_in(title)
        if found:
            raise EditionError(
                f"{source.get('title', TITLE_ENV)} is {title!r}, which says {found[0]!r}: a neutral title must "
                f"not name the course's subject (avoid {', '.join(MARKED_WORDS)}); try e.g. 'Course notes'"
            )
    return Edition(edition, title, keep, lang)


def settings(environ: Mapping[str, str] | None = None, config: Any = None) -> Edition:
    """The edition from the environment (which wins) or from a Sphinx config object."""
    environ = os.environ if environ is None else environ
    values, source = {}, {}
    for name, env, conf, default in (
        ("edition", EDITION_ENV, "tracktwo_edition", "learner"),
        ("title", TITLE_ENV, "tracktwo_title", ""),
        ("keep", KEEP_ENV, "tracktwo_keep", "device"),
        ("lang", LANG_ENV, "tracktwo_lang", "en"),
    ):
        from_env = (environ.get(env) or "").strip()
        if from_env:
            values[name], source[name] = from_env, f"the environment variable {env}"
        else:
            values[name] = (getattr(config, conf, None) or default) if config is not None else default
            source[name] = f"the config value {conf}"
    return check(values["edition"], values["title"], values["keep"], lang=values["lang"], source=source)


if __name__ == "__main__":  # `python -m tracktwo.editions`: check the settings before a build (make book)
    import sys

    try:
        print(settings())
    except EditionError as exc:
        sys.exit(f"make: {exc}")
