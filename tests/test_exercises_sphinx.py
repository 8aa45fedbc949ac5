"""The {exercise} directive in real Sphinx builds (small books in tmp_path): the three editions,
assets only where needed (the engine copied beside its build-time messages), and broken banks
reported as warnings naming file, item and field."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from tracktwo.exercises import load_bank
from tracktwo.exercises.bank import BANK_DIR
from tracktwo.exercises.static import STATIC_DIR, messages_script

PAGE = textwrap.dedent("""\
    # Practice

    ```{exercise} demo
    ```
    """)
PLAIN = "# No exercises here\n\nJust text.\n"


def build(
    tmp_path: Path,
    *,
    edition: str | None = None,
    env_edition: str | None = None,
    bank_dir: Path = BANK_DIR,
    pages: dict[str, str] | None = None,
    warnings_are_errors: bool = True,
) -> tuple[subprocess.CompletedProcess, Path]:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(
        textwrap.dedent(f"""
        extensions = ["myst_parser", "tracktwo.sphinxext"]
        tracktwo_exercise_dir = {str(bank_dir)!r}
        html_theme = "basic"
    """)
    )
    pages = pages or {"index": "# Book\n\n```{toctree}\npractice\nplain\n```\n", "practice": PAGE, "plain": PLAIN}
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(src), str(out)]
    if warnings_are_errors:
        cmd[3:3] = ["-W", "--keep-going"]
    if edition:
        cmd += ["-D", f"tracktwo_edition={edition}"]
    env = dict(os.environ)
    env.pop("TRACKTWO_EDITION", None)
    if env_edition:
        env["TRACKTWO_EDITION"] = env_edition
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return proc, out


def _every_output_text(out: Path, skip: str = "") -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".js", ".txt", ".md", ".json", ".css", ".inv", ""} and p.suffix != skip
    )


@pytest.fixture(scope="module")
def demo():
    return load_bank("demo")


def _secrets(demo) -> list[str]:
    """Texts that must never reach a participant: every feedback, hint, clue, accepted alternative's
    rationale and open item's checklist point, raw and HTML-escaped."""
    texts = [o.feedback for i in demo.items.values() for o in i.options] + [i.hint for i in demo.items.values() if i.hint]
    texts += [o.clue for i in demo.items.values() for o in i.options if o.clue]
    texts += [a.rationale for i in demo.items.values() for a in i.accept]
    texts += [point for i in demo.items.values() for point in i.checklist]
    assert any(i.accept for i in demo.items.values()) and any(i.checklist for i in demo.items.values())
    return sorted({t for text in texts for t in (text, html.escape(text, quote=True), html.escape(text, quote=False))})


def test_the_participant_edition_has_no_answer_or_feedback_anywhere(tmp_path, demo):
    proc, out = build(tmp_path, env_edition="participant")
    assert proc.returncode == 0, proc.stderr
    page = (out / "practice.html").read_text()
    assert page.count('class="tt-exercise tt-ex-') == len(demo.items)
    assert "tt-ex-edition-participant" in page
    everything = _every_output_text(out)
    leaks = [s[:60] for s in _secrets(demo) if s in everything]
    assert leaks == []
    for marker in (
        "tt-ex-data",
        "data-tt-exercise",
        '"answer":',
        "tracktwo/exercises.js",
        "tt-ex-option--right",
        "tt-ex-line--right",
        "tt-ex-feedback",
        "tt-ex-hint",
        "tt-ex-checklist",
        '"rationale"',
        '"clue"',
        "exercises-messages.js",
    ):
        # (the search index counts the word "answer"; the stylesheet names the classes but holds no key)
        assert marker not in _every_output_text(out, skip=".css").replace('"answer": ', ""), marker
    # Answerable: every option has a control, every open item a text box.
    assert page.count('type="radio"') + page.count('type="checkbox"') + page.count('inputmode="numeric"') >= sum(
        len(i.options) for i in demo.items.values()
    )
    assert page.count("<textarea") == sum(i.type == "open" for i in demo.items.values())
    assert not any(i.ref in page for i in demo.items.values())  # no internal id


def test_the_instructor_edition_shows_every_answer_inline(tmp_path, demo):
    proc, out = build(tmp_path, edition="instructor")
    assert proc.returncode == 0, proc.stderr
    page = (out / "practice.html").read_text()
    for item in demo.items.values():
        for option in item.options:
            assert html.escape(option.feedback, quote=True) in page, (item.ref, option.id)
    assert "Belongs in: Track One." in page and "tracktwo/exercises.js" not in page
    assert "tracktwo/exercises.css" in page


def test_the_learner_edition_loads_the_engine_only_where_there_are_exercises(tmp_path, demo):
    proc, out = build(tmp_path)
    assert proc.returncode == 0, proc.stderr
    page = (out / "practice.html").read_text()
    assert page.count("data-tt-exercise=") == len(demo.items)
    assert page.count("tracktwo/exercises.js") == 1 and "tracktwo/exercises.css" in page
    assert page.count("tracktwo/exercises-messages.js") == 1
    # Messages first, then the engine, both deferred, by relative URLs (the book works from file://).
    scripts = re.findall(r'<script([^>]*)src="([^"]*tracktwo/exercises[^"]*)"[^>]*>', page)
    assert [src.split("?")[0] for _, src in scripts] == [
        "_static/tracktwo/exercises-messages.js",
        "_static/tracktwo/exercises.js",
    ]
    assert all("defer" in attrs for attrs, _ in scripts)
    assert 'data-tt-course-version="' in page
    plain = (out / "plain.html").read_text()
    assert "tracktwo/exercises" not in plain
    # The engine and its stylesheet as they are; the messages generated from messages.py.
    static = out / "_static" / "tracktwo"
    # served as written, less its comment-only lines (tracktwo.sphinxext.page_assets, light pages)
    from tracktwo.sphinxext.page_assets import without_comment_lines

    assert (static / "exercises.js").read_text() == without_comment_lines((STATIC_DIR / "exercises.js").read_text())
    # served without comment lines, like the scripts (page_assets: OWN_STYLES)
    assert (static / "exercises.css").read_text() == without_comment_lines((STATIC_DIR / "exercises.css").read_text())
    assert (static / "exercises-messages.js").read_text() == without_comment_lines(messages_script())


def test_an_unknown_edition_stops_the_build_with_a_clear_message(tmp_path):
    proc, _ = build(tmp_path, env_edition="teacher")
    assert proc.returncode != 0
    assert "TRACKTWO_EDITION is 'teacher': use one of learner, participant, instructor" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_broken_bank_fails_the_w_build_with_file_item_and_field_and_no_traceback(tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    data = yaml.safe_load((BANK_DIR / "demo.yaml").read_text())
    data["bank"] = "broken"
    del data["items"][0]["answer"]
    data["items"][2]["answer"].append("no-such-option")
    (banks / "broken.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    pages = {"index": "# Book\n\n```{toctree}\npractice\n```\n", "practice": "# P\n\n```{exercise} broken/readiness\n```\n"}
    proc, out = build(tmp_path, bank_dir=banks, pages=pages)
    assert proc.returncode != 0
    assert "broken.yaml: item 'oslo-talks', field 'answer': missing" in proc.stderr
    assert "item 'track-15-features', field 'answer': 'no-such-option' is not one of the option ids" in proc.stderr
    assert "practice.md" in proc.stderr  # the warning points at the page that placed it
    assert "Traceback" not in proc.stderr
    # Without -W the page still builds, with a notice in place of the exercise.
    proc, out = build(tmp_path, bank_dir=banks, pages=pages, warnings_are_errors=False)
    assert proc.returncode == 0, proc.stderr
    assert "This exercise could not be shown." in (out / "practice.html").read_text()


def test_an_item_with_a_map_is_drawn_in_the_book_and_a_bad_map_is_a_warning(tmp_path):
    """An item's ``map`` is drawn by the directive (the exercises feature draws no map), with its
    text version, in every edition; one that cannot be drawn is a warning naming file, item, field."""
    pages = {
        "index": "# Book\n\n```{toctree}\npractice\n```\n",
        "practice": "# P\n\n```{exercise} workshop-check/read-the-map\n```\n",
    }
    (tmp_path / "good").mkdir()
    proc, out = build(tmp_path / "good", pages=pages, env_edition="participant")
    assert proc.returncode == 0, proc.stderr
    page = (out / "practice.html").read_text()
    assert 'aria-labelledby="tt-ex--workshop-check--read-the-map--map-t"' in page and "Text version of the map:" in page
    banks = tmp_path / "banks"
    banks.mkdir()
    data = yaml.safe_load((BANK_DIR / "workshop-check.yaml").read_text())
    next(i for i in data["items"] if "map" in i)["map"]["relationships"][0]["kind"] = "friends"
    (banks / "workshop-check.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (tmp_path / "bad").mkdir()
    proc, _ = build(tmp_path / "bad", bank_dir=banks, pages=pages)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "workshop-check.yaml: item 'read-the-map', field 'map': relationship 1 field 'kind'" in proc.stderr


@pytest.mark.parametrize(
    "ref, fragment",
    [
        ("demo/no-such-item", "demo.yaml: item 'no-such-item': no such item in bank 'demo'"),
        ("nobank/item", "nobank.yaml: no such exercise bank"),
        ("Not_A_Ref", "is not an exercise reference"),
    ],
)
def test_a_bad_reference_is_a_warning_naming_what_is_wrong(tmp_path, ref, fragment):
    pages = {"index": "# Book\n\n```{toctree}\npractice\n```\n", "practice": f"# P\n\n```{{exercise}} {ref}\n```\n"}
    proc, _ = build(tmp_path, pages=pages)
    assert proc.returncode != 0
    assert fragment in proc.stderr and "Traceback" not in proc.stderr


def test_placing_an_item_twice_on_a_page_is_a_warning(tmp_path):
    pages = {
        "index": "# Book\n\n```{toctree}\npractice\n```\n",
        "practice": "# P\n\n```{exercise} demo/readiness\n```\n\n```{exercise} demo/readiness\n```\n",
    }
    proc, _ = build(tmp_path, pages=pages)
    assert proc.returncode != 0
    assert "demo/readiness is placed twice on this page" in proc.stderr


def test_workshop_directives_report_a_bad_reference_as_one_warning(tmp_path):
    """{workshop-plan}, {simulation}, {marking-guide}: an unknown id or part is one warning naming it
    (``-W`` fails the build with it) and a short note in the page, never a traceback."""
    pages = {
        "index": "# Book\n\n```{toctree}\nkit\n```\n",
        "kit": (
            "# Kit\n\n```{workshop-plan} no-such-plan\n```\n\n```{simulation} nope\n```\n\n"
            "```{simulation} public\n:scenario: nowhere\n```\n\n"
            "```{marking-guide} no-such-guide\n```\n\n```{carry-marks}\n```\n"
        ),
    }
    proc, out = build(tmp_path, pages=pages)
    assert proc.returncode != 0
    assert "no session plan 'no-such-plan' in data/workshop/plans.yaml (there are: " in proc.stderr
    assert "{simulation} part must be one of public, observer, script, confidential, injects, debrief, not 'nope'" in proc.stderr
    assert "{simulation} no simulation scenario 'nowhere' (there are: meranth, talvane)" in proc.stderr
    assert "no marking guide 'no-such-guide' in data/workshop/guides.yaml" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc, out = build(tmp_path, pages=pages, warnings_are_errors=False)
    assert proc.returncode == 0, proc.stderr
    page = (out / "kit.html").read_text()
    assert page.count('class="tt-error"') == 4 and "Stays in the room" in page
