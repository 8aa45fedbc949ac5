"""data/contested_terms.yaml: the contested names and labels, each side's form with its users (fast tier).

The file loads through the one checked-YAML loader; it covers the namings the fact sheet flags
(facts-after-brief.md: E3, E4, E23 and its note on names); every Burmese form is a draft until a
reviewer confirms it; and each kind of fault gives one message naming the file, term and field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracktwo.data.contested import CONTESTED_PATH, ContestedTermsError, load_contested_terms

TOPICS = {"country-name", "armed-forces", "ruling-body", "rohingya", "terrorist-designations", "rakhine-arakan"}


@pytest.fixture(scope="module")
def terms():
    return load_contested_terms()


def test_every_flagged_naming_has_an_entry(terms):
    assert {t["id"] for t in terms} >= TOPICS


def test_each_side_is_given_with_its_users(terms):
    for term in terms:
        assert len(term["english"]) >= 2, term["id"]
        for form in term["english"]:
            assert form["users"].strip() and form["facts"], (term["id"], form["form"])


def test_burmese_forms_are_drafts_until_reviewed(terms):
    statuses = {f["status"] for t in terms for f in t["burmese"]}
    assert statuses <= {"draft", "reviewed"}
    # Nothing is reviewed yet: a reviewer changes a form's status, not the course.
    assert statuses == {"draft"}


def _load(tmp_path: Path, edit) -> str:
    path = tmp_path / "contested_terms.yaml"
    path.write_text(edit(CONTESTED_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ContestedTermsError) as info:
        load_contested_terms(path)
    return str(info.value)


@pytest.mark.parametrize(
    "edit, words",
    [
        (
            lambda t: t.replace("        facts: [E3]\n", "        facts: [E33x]\n", 1),
            ["term 'country-name'", "facts", "fact-sheet item id"],
        ),
        (
            lambda t: t.replace("        status: draft\n", "        status: final\n", 1),
            ["term 'country-name'", "status", "draft"],
        ),
        (
            lambda t: t.replace("      - form: မြန်မာ", "      - form: Myanma", 1),
            ["term 'country-name'", "form", "Burmese script"],
        ),
        (lambda t: t.replace("      - form: စစ်တပ်", "      - form: \u1031စစ်တပ်", 1), ["term 'armed-forces'", "Zawgyi"]),
        (lambda t: t.replace("id: rohingya", "id: country-name", 1), ["term 'country-name'", "used twice"]),
        (
            lambda t: t.replace("        facts: [D3]\n", "        facts: [D4]\n", 1),
            ["term 'terrorist-designations'", "D4", "not in the term's facts"],
        ),
        (
            lambda t: t.replace("      - form: Bengali\n        users:", "      - form: Bengali\n        user:", 1),
            ["term 'rohingya'", "users"],
        ),
        (lambda t: t.replace("terms:", "terms: [", 1), ["contested_terms.yaml", "line"]),
        (lambda t: "", ["contested_terms.yaml", "empty"]),
    ],
)
def test_a_planted_fault_names_the_file_term_and_field(tmp_path, edit, words):
    message = _load(tmp_path, edit)
    assert message.startswith("contested_terms.yaml: "), message
    for word in words:
        assert word in message, (word, message)


# The Burmese glossary drafts use, for a contested English form, one of the Burmese forms this file
# lists for it (or keep the English form): a rendering is never chosen outside the file, silently.

GLOSSARY_MY = Path(__file__).resolve().parents[1] / "locale" / "my" / "course" / "glossary.po"


def unlisted_renderings(terms: list[dict], entries: dict[str, tuple[str, str]]) -> list[str]:
    """For each entry ``id -> (english, burmese)``: every contested English form it uses whose Burmese
    has neither a listed Burmese form for it nor the English form itself."""
    import re

    allowed: dict[str, set[str]] = {}
    for term in terms:
        for form in term["english"]:
            allowed.setdefault(form["form"], set()).update(f["form"] for f in term["burmese"])
    problems = []
    for ident, (english, burmese) in entries.items():
        for form, burmese_forms in allowed.items():
            pattern = rf"(?<![A-Za-z-]){re.escape(form)}(?![A-Za-z])"
            if not re.search(pattern, english, re.I):
                continue
            if re.search(pattern, burmese, re.I) or any(b in burmese for b in burmese_forms):
                continue
            problems.append(f"{ident}: the English says {form!r}; the Burmese uses none of {sorted(burmese_forms)}")
    return problems


def _glossary_entries() -> dict[str, tuple[str, str]]:
    from tracktwo.i18n.catalog import read_po

    # Terms and definitions; an expansion is a body's own name, kept as the body writes it.
    return {i: (e.english, e.text) for i, e in read_po(GLOSSARY_MY).items() if e.text and not i.endswith(":expansion")}


def test_glossary_drafts_render_contested_forms_as_listed(terms):
    entries = _glossary_entries()
    assert not unlisted_renderings(terms, entries), "\n".join(unlisted_renderings(terms, entries))
    # the check can fail: 'the junta' rendered as a plain 'government'
    english, burmese = entries["glossary:bgf:definition"]
    planted = {"glossary:bgf:definition": (english, burmese.replace("စစ်အစိုးရ", "အစိုးရ"))}
    assert unlisted_renderings(terms, planted) == [
        "glossary:bgf:definition: the English says 'junta'; the Burmese uses none of "
        + str(sorted({f["form"] for t in terms for f in t["burmese"] if t["id"] in {"armed-forces", "ruling-body"}}))
    ]
