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
