"""Contested names and labels (``data/contested_terms.yaml``): who uses which form, in English and in
Burmese, and how the course handles each, for translators and reviewers (docs/translation.md).

:func:`load_contested_terms` reads the file through the one checked-YAML loader
(:func:`tracktwo.data.yamlfile.load_checked`, schema ``contested_terms.schema.json``) and then checks
what a schema cannot: term ids and each term's forms are unique, every Burmese form is Unicode NFC and
not Zawgyi-ordered, and every fact-sheet item a form cites is also listed in its term's ``facts``.
Every problem raises one :class:`ContestedTermsError` naming the file, the term, the field and the
value, never a traceback.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from .content import ContentError, guarded
from .paths import DATA_DIR
from .yamlfile import load_checked, short_text

CONTESTED_PATH = DATA_DIR / "contested_terms.yaml"
CONTESTED_SCHEMA = DATA_DIR / "contested_terms.schema.json"

# Zawgyi types the vowel sign E (U+1031) before its consonant; Unicode never starts a syllable with it.
_ZAWGYI_E = re.compile(r"(?:^|[\s(/])\u1031")


class ContestedTermsError(ContentError):
    """data/contested_terms.yaml is invalid; the message names the file, term, field and value."""


def burmese_problem(text: str) -> str | None:
    """Why ``text`` is not acceptable Burmese for a catalog or this file (None when it is)."""
    if unicodedata.normalize("NFC", text) != text:
        return "is not in Unicode NFC"
    if _ZAWGYI_E.search(text):
        return "looks like Zawgyi (a vowel sign E before its consonant): use Unicode"
    return None


def _cross(data: Any) -> list[str]:
    problems: list[str] = []
    seen_ids: set[str] = set()
    for i, term in enumerate(data["terms"]):
        where = f"term {short_text(term['id'], 40)}"
        if term["id"] in seen_ids:
            problems.append(f"{where}, field 'id': used twice (term {i + 1})")
        seen_ids.add(term["id"])
        listed = set(term["facts"])
        for side in ("english", "burmese"):
            forms = [f["form"] for f in term[side]]
            for form in sorted({f for f in forms if forms.count(f) > 1}):
                problems.append(f"{where}, {side} form {short_text(form, 40)}: listed twice")
        for j, form in enumerate(term["english"]):
            for fact in form["facts"]:
                if fact not in listed:
                    problems.append(
                        f"{where}, english form {j + 1} {short_text(form['form'], 40)}, field 'facts': "
                        f"{fact} is not in the term's facts {sorted(listed)}"
                    )
        for j, form in enumerate(term["burmese"]):
            why = burmese_problem(form["form"])
            if why:
                problems.append(f"{where}, burmese form {j + 1}, field 'form': {short_text(form['form'], 40)} {why}")
    return problems


def _load_contested_terms(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The contested terms in file order, each as in the file (``id``, ``topic``, ``facts``,
    ``english``, ``burmese``, optional ``not_verified``, ``course``)."""
    path = Path(path) if path else CONTESTED_PATH
    data = load_checked(path, CONTESTED_SCHEMA, ContestedTermsError, nouns={"terms": "term"}, cross=_cross)
    return data["terms"]


load_contested_terms = guarded(_load_contested_terms, ContestedTermsError)
load_contested_terms.__doc__ = _load_contested_terms.__doc__
