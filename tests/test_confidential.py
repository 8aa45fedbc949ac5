"""Secrets stripped, not hidden (issue 24; docs/decisions/0013-confidential-material.md).

Confidential material (the simulation's role briefs and script, marking guides) exists only in the
instructor edition; keys (the placing key, model answers, the banks' self-check keys) are absent from
the participant edition. The data marks both; :func:`tracktwo.confidential.marked_strings` collects
them; :func:`tracktwo.editions.withholds` is the one rule. The fast tests check the rule, the marks,
the sources and each renderer; the ``book`` tests grep every file of the built editions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from support import ROOT

from tracktwo.confidential import (
    MarkError,
    Marked,
    found_in_folder,
    leaks,
    leaks_in_folder,
    marked,
    marked_strings,
    marks,
    normalise,
    page_prose,
    pieces,
    strings_in,
)
from tracktwo.editions import CONFIDENTIAL_KINDS, DISCUSS_NOTE, EDITIONS, FACILITATOR, KEY_KINDS, EditionError, withholds


@pytest.fixture(scope="module")
def secrets() -> list[Marked]:
    return marked_strings(CONFIDENTIAL_KINDS)


@pytest.fixture(scope="module")
def keys() -> list[Marked]:
    return marked_strings(KEY_KINDS)


# --- the rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_one_rule_decides_what_each_edition_leaves_out(edition):
    for kind in CONFIDENTIAL_KINDS:
        assert withholds(edition, kind) is (edition != "instructor"), (edition, kind)
    for kind in KEY_KINDS + (FACILITATOR,):
        assert withholds(edition, kind) is (edition == "participant"), (edition, kind)


def test_the_rule_refuses_an_unknown_mark_or_edition():
    with pytest.raises(EditionError, match="unknown mark 'secret'"):
        withholds("learner", "secret")
    with pytest.raises(EditionError, match="edition 'teacher'"):
        withholds("teacher", "marking-guide")


# --- the marks in the data ----------------------------------------------------------------------


def test_the_data_marks_every_kind_of_confidential_and_key_material(secrets, keys):
    kinds = {m.kind for m in secrets + keys}
    assert {"simulation-brief", "simulation-script", "marking-guide", "placing-key", "model-answer", "self-check-key"} <= kinds
    briefs = [m for m in secrets if m.kind == "simulation-brief"]
    sims = {"data/workshop/simulation.yaml", "data/workshop/simulation-talvane.yaml"}
    assert {m.file for m in briefs} == sims
    # every part of every role's brief (situation, relations, interests, constraints, red lines, latitude)
    assert {m.path.split(".confidential")[0] for m in briefs} >= {
        f"roles[{r}]" for r in ("capital-general", "judge", "moderator")
    }
    assert len({(m.file, m.path.split(".confidential")[0]) for m in briefs}) == 14 and len(briefs) >= 14 * 12
    assert any("report back what the other side" in m.text for m in briefs)
    scripts = {m.file for m in secrets if m.kind == "simulation-script" and m.path.startswith(("injects", "walkout"))}
    assert scripts == sims, "the injects and the walk-out guidance are marked confidential in both simulations"
    assert any(m.file == "data/workshop/guides.yaml" and "Common errors" not in m.text and "Tatmadaw" in m.text for m in secrets)
    placing = [m for m in keys if m.kind == "placing-key"]
    assert placing and all(m.file == "data/maps/channels.yaml" for m in placing)
    assert all(pieces(m.text) for m in secrets), "every secret must be long enough to find"


def test_a_malformed_mark_names_the_file_and_the_path():
    with pytest.raises(MarkError, match=r"x.yaml: marked path 'roles\[\].secret'|x.yaml: marked path .*no field 'secret'"):
        marked({"confidential": {"roles[].secret": "simulation-brief"}, "roles": [{"id": "a", "public": "p"}]}, "x.yaml")
    with pytest.raises(MarkError, match="x.yaml: confidential.roles: kind 'top-secret' is not one of"):
        marks({"confidential": {"roles": "top-secret"}, "roles": []}, "x.yaml")
    with pytest.raises(MarkError, match="x.yaml: keys.answers: kind 'simulation-brief' is not one of"):
        marks({"keys": {"answers": "simulation-brief"}}, "x.yaml")
    with pytest.raises(MarkError, match=r"x.yaml: marked path script\[\]: the field is not a list"):
        marked({"confidential": {"script[].steps": "simulation-script"}, "script": "text"}, "x.yaml")


def test_normalising_sees_through_escapes_and_quotes():
    secret = "You must not say so. If anyone calls this meeting a \"negotiation\", you will have to leave."
    for disguised in (
        json.dumps({"t": secret}),
        json.dumps(secret).replace('"', "\\u0022"),
        secret.replace('"', "&quot;").replace(" ", "\n   "),
        secret.replace('"negotiation"', "\u201cnegotiation\u201d"),
        "<p>" + secret.replace("<", "\\u003c") + "</p>",
        secret.replace(
            "this meeting",
            '<span class="tt-term"><a href="g.html">this meeting</a>'
            '<span class="tt-tip" id="t" role="tooltip">A gathering of people.</span></span>',
        ),
    ):
        assert leaks(disguised, [Marked(secret, "simulation-brief", "f", "p")]), disguised
    assert not leaks("A harmless page about schools.", [Marked(secret, "simulation-brief", "f", "p")])
    assert normalise("a&amp;b\\u003c  c") == "a&b< c"


# --- sources: no confidential string inline -------------------------------------------------------


def _sources() -> list[Path]:
    skip = {".venv", "_build", "node_modules", ".git", ".ipynb_checkpoints"}
    return sorted(p for ext in ("*.md", "*.ipynb") for p in ROOT.rglob(ext) if not skip & set(p.relative_to(ROOT).parts))


def test_no_page_or_notebook_source_holds_confidential_material_inline(secrets):
    found = []
    for path in _sources():
        for m, piece in leaks(path.read_text(encoding="utf-8"), secrets):
            found.append(f"{path.relative_to(ROOT)}: {m.kind} from {m.file} ({m.path}): {piece[:50]!r}")
    assert not found, "confidential material belongs in the data, marked, with only a directive in the page:\n" + "\n".join(found)


def test_no_data_file_holds_confidential_material_outside_its_mark(secrets):
    """A confidential sentence copied into another field, or another file, without the mark."""
    found = []
    for path in sorted((ROOT / "data").rglob("*")):
        if path.suffix not in {".yaml", ".csv", ".json", ".bib", ".md"}:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yaml":
            data = yaml.safe_load(text)
            inside = {m.text for m in marked(data, path.name)}
            text = "\n".join(s for s in strings_in(data) if s not in inside)
        for m, piece in leaks(text, secrets):
            found.append(f"{path.relative_to(ROOT)}: {m.kind} from {m.file} ({m.path}): {piece[:50]!r}")
    assert not found, "\n".join(found)


def test_no_page_or_notebook_source_names_a_marking_guide_inline():
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\*\*Marking guide", text), (
            f"{path.relative_to(ROOT)}: use {{marking-guide}} and data/workshop/guides.yaml"
        )


# --- renderers --------------------------------------------------------------------------------------


def test_the_placing_exercise_has_no_key_in_the_participant_edition(keys):
    from tracktwo.maps.channels import placing_spec
    from tracktwo.maps.html import placing_html

    placing = [m for m in keys if m.kind == "placing-key"]
    learner = placing_html(placing_spec(), "learner")
    assert leaks(learner, placing) and '"key":' in learner  # the self-study book checks answers
    participant = placing_html(placing_spec(), "participant")
    assert not leaks(participant, placing)
    assert '"key"' not in participant and "<script" not in participant and "best" not in participant
    assert DISCUSS_NOTE in participant
    for channel in placing_spec()["channels"]:
        assert normalise(channel["label"]) in normalise(participant)


def test_the_practice_case_has_no_model_answer_in_the_participant_edition(keys):
    from tracktwo.maps.practice import load_practice, practice_html, practice_path

    answers = [m for m in keys if m.kind == "model-answer"]
    case = load_practice(practice_path("sanu-valley"))
    assert leaks(practice_html(case, "learner"), answers)
    participant = practice_html(case, "participant")
    assert not leaks(participant, answers) and "Model answer" not in participant
    assert participant.count(DISCUSS_NOTE) == len(case["questions"])


def test_the_practice_case_worked_example_is_in_no_participant_page(keys):
    """The worked map (drawing, tables, JSON), the worked worksheets and the worked actions are model
    answers: the learner and instructor editions show them, the participant edition says where they
    are instead (issue 27). Without their marks in the data, the participant page would show them."""
    from tracktwo.maps.practice import WORKED_NOTE, load_practice, practice_html, practice_path

    case = load_practice(practice_path("sanu-valley"))
    assert {"worked_map", "worksheets", "actions"} <= set(marks(case))
    worked = [m for m in keys if m.kind == "model-answer" and m.path.split(".")[0].split("[")[0] != "questions"]
    assert {m.path.split(".")[0].split("[")[0] for m in worked} == {"worked_map", "worksheets", "actions", "scoring"}
    viewpoint = case["worked_map"]["viewpoint"]
    for edition in ("learner", "instructor"):
        shown = practice_html(case, edition)
        assert leaks(shown, worked) and viewpoint in shown and "tt-practice-json" in shown and "data-tt" in shown
    participant = practice_html(case, "participant")
    assert leaks(participant, worked) == [] and WORKED_NOTE in participant
    assert viewpoint not in participant and "tt-practice-json" not in participant and "data-tt" not in participant
    assert all(normalise(q["question"]) in normalise(participant) for q in case["questions"])
    # the planted fault: the same case without the marks shows its worked map to participants
    unmarked = dict(case, keys={"questions[].answer": "model-answer"})
    assert leaks(practice_html(unmarked, "participant"), worked) and viewpoint in practice_html(unmarked, "participant")


def _task_traces(text: str) -> list[str]:
    """What of the scored mapping task a page's HTML or JSON state carries: its keys, its alias lists
    and its aliases of more than one word (all shorter than the 24 characters the leak greps need)."""
    from tracktwo.maps.practice import load_practice, practice_path

    scoring = load_practice(practice_path("sanu-valley"))["scoring"]
    text = text.replace("&quot;", '"')
    found = [k for k in ('"task":', '"reading_cues":', '"aliases":', '"rubric":') if k in text]
    for names in scoring["aliases"].values():
        found += [json.dumps(a) for a in names if " " in a and json.dumps(a) in text]
    found += [json.dumps(c["cue"]) for c in scoring["reading_cues"] if json.dumps(c["cue"]) in text]
    return found


def test_no_participant_page_or_notebook_carries_the_scored_mapping_task():
    """The scored task's aliases, cues and rubric are key material, but each is under the 24
    characters the leak greps look for: this checks every conflict-map directive the book's pages
    use, built for the participant edition, and every notebook's stored outputs, for the task itself."""
    from tracktwo.sphinxext.conflict_map import _build

    names = set()
    for path in sorted((ROOT / "book").rglob("*.md")):
        names |= set(re.findall(r"```\{conflict-map\}\s+(\S+)", path.read_text(encoding="utf-8")))
    assert "builder-sanu-valley" in names
    for name in sorted(names):
        assert _task_traces(_build(name, "participant")) == [], name
    assert _task_traces(_build("builder-sanu-valley", "learner"))  # not vacuous: the self-study page has it

    def texts(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, list):
            for y in x:
                yield from texts(y)
        elif isinstance(x, dict):
            for y in x.values():
                yield from texts(y)

    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        stored = "\n".join(t for c in cells for t in texts(c.get("outputs", [])))
        assert _task_traces(stored) == [], nb.name


def test_the_kit_refuses_a_key_that_any_widget_put_in_the_participant_edition(tmp_path, keys):
    from tracktwo.workshop.kit import participant_leaks

    book = tmp_path / "book"
    (book / "_static").mkdir(parents=True)
    (book / "index.html").write_text("<html><body><p>Welcome</p></body></html>", encoding="utf-8")
    assert participant_leaks(book) == []
    rule = next(m for m in keys if m.kind == "placing-key" and pieces(m.text))
    (book / "_static" / "widget.json").write_text(json.dumps({"feedback": rule.text}), encoding="utf-8")
    found = participant_leaks(book)
    assert len(found) == 1 and found[0].startswith("_static/widget.json: placing-key from data/maps/channels.yaml")


# --- the built editions (book tier) ---------------------------------------------------------------


def test_confidential_material_is_in_no_file_of_the_learner_or_participant_edition(edition_sites, secrets):
    for edition in ("learner", "participant"):
        found = leaks_in_folder(edition_sites[edition], secrets)
        assert not found, f"{edition} edition:\n" + "\n".join(found[:20])


def test_no_key_is_in_any_file_of_the_participant_edition(edition_sites, keys):
    found = leaks_in_folder(edition_sites["participant"], keys, prose=page_prose())
    assert not found, "\n".join(found[:20])
    page = (edition_sites["participant"] / "notebooks" / "mapping.html").read_text(encoding="utf-8")
    assert DISCUSS_NOTE in page and 'data-tt-interactive="placing"' not in page


def test_no_page_of_the_built_participant_edition_carries_the_scored_mapping_task(edition_sites):
    site = edition_sites["participant"]
    found = [
        f"{p.relative_to(site)}: {t}" for p in sorted(site.rglob("*.html")) for t in _task_traces(p.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found[:20])


def test_the_instructor_edition_holds_every_secret_and_key(edition_sites, secrets, keys):
    """Not vacuous: what the other editions must not hold is really built, where it belongs."""
    wanted = set(secrets + [k for k in keys if k.kind != "self-check-key" and pieces(k.text)])
    held = {m for _, m, _ in found_in_folder(edition_sites["instructor"], list(wanted), skip=("_sources",))}
    assert not wanted - held, "\n".join(f"{m.kind} from {m.file} ({m.path}): {m.text[:60]!r}" for m in wanted - held)


def test_the_learner_edition_keeps_its_self_check_keys_and_points_to_the_secrets(edition_sites, keys):
    learner = edition_sites["learner"]
    assert leaks_in_folder(learner / "notebooks", [k for k in keys if k.kind == "placing-key"], skip=("_sources",))
    sim = (learner / "book" / "facilitate" / "simulation.html").read_text(encoding="utf-8")
    review = (learner / "book" / "review.html").read_text(encoding="utf-8")
    for page in (sim, review):
        assert "in the instructor edition and the kit" in normalise(page)
