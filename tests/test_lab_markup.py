"""The notebooks' markup for JupyterLab (scripts/lab_markup.py): words unchanged, the book unchanged.

Runs on converted copies, so it holds before and after the notebooks themselves are converted.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest
from support import ROOT

from tracktwo.sphinxext import lesson_blocks
from tracktwo.sphinxext.notebook_markup import (
    LESSON_TITLES,
    cell_to_lab,
    cell_to_myst,
    notebook_to_lab,
    notebook_to_myst,
    source_to_myst,
    unconverted,
)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def cites(citations):
    return citations


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_conversion_changes_markup_only_and_is_undone_exactly(path, cites):
    nb = json.loads(path.read_text(encoding="utf-8"))
    lab = notebook_to_lab(nb, cites)
    assert notebook_to_myst(lab) == notebook_to_myst(nb), "the book would not read the converted notebook as the MyST one"
    assert notebook_to_lab(lab, cites) == lab, "converting twice changed the notebook (not idempotent)"
    assert unconverted(lab) == [], f"MyST JupyterLab would show raw: {unconverted(lab)}"

    # Every word of the lesson is still there, in order (the directives' own lines aside).
    def words(cells):
        text = "".join("".join(c["source"]) + "\n" for c in cells if c["cell_type"] == "markdown")
        text = re.sub(r"(?m)^(```+|~~~+|:::+)(\{[^}]*\}.*)?$", "", text)
        return re.findall(r"[A-Za-z']{4,}", text)

    original, converted = words(notebook_to_myst(nb)["cells"]), words(lab["cells"])
    it = iter(converted)
    assert all(w in it for w in original), "a word of the lesson went missing in the conversion"


def test_citations_read_as_the_book_prints_them(cites):
    text = "as {cite:p}`jones2021myanmar,zartman2000ripeness` says; {cite:t}`pruitt2005whither` too; not `{cite:p}` here"
    lab = cell_to_lab(text, cites)
    assert "[(Jones et al., 2021; Zartman, 2000)](#cite:p=jones2021myanmar,zartman2000ripeness)" in lab
    assert "[Pruitt (2005)](#cite:t=pruitt2005whither)" in lab
    assert "not `{cite:p}` here" in lab, "a role written inside code was converted"
    assert cell_to_myst(lab) == text


def test_lesson_blocks_become_titled_quotations_and_facilitator_notes_fold(cites):
    text = "```{questions}\n- Why?\n- How {cite:p}`jones2021myanmar`?\n```\n\n```{facilitator}\n- **10 min**: talk.\n```"
    lab = cell_to_lab(text, cites)
    assert "> **Questions this chapter answers**\n>\n> - Why?\n> - How [(Jones et al., 2021)]" in lab
    assert "<details><summary><strong>For facilitators</strong></summary>\n\n- **10 min**: talk.\n\n</details>" in lab
    assert cell_to_myst(lab) == text


def test_the_titles_are_the_books():
    classes = {
        "questions": lesson_blocks.Questions,
        "objectives": lesson_blocks.Objectives,
        "keypoints": lesson_blocks.KeyPoints,
        "discussion": lesson_blocks.Discussion,
    }
    assert {name: cls.title for name, cls in classes.items()} == LESSON_TITLES


def test_an_exercise_becomes_its_live_widget_in_the_same_place(cites):
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "id": "a1",
                "metadata": {},
                "source": ["Before.\n", "\n", "```{exercise} demo/oslo-talks\n", "```\n", "\n", "After."],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    lab = notebook_to_lab(nb, cites)
    kinds = [(c["cell_type"], "".join(c["source"])) for c in lab["cells"]]
    assert kinds[0] == ("markdown", "Before.")
    assert kinds[1][0] == "code" and 'exercise_widget("demo/oslo-talks")' in kinds[1][1]
    assert kinds[2] == ("markdown", "After.")
    assert lab["cells"][1]["metadata"]["jupyter"]["source_hidden"] is True
    assert notebook_to_myst(lab) == nb


def test_an_unknown_directive_is_left_alone_and_reported(cites):
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["```{conflict-map} sac\n", "```"]}]}
    lab = notebook_to_lab(nb, cites)
    assert "".join(lab["cells"][0]["source"]) == "```{conflict-map} sac\n```"
    assert unconverted(lab) == ["cell 0: directive {conflict-map}"]


def test_the_script_converts_copies_and_checks(tmp_path):
    from lab_markup import main

    assert main(["--out", str(tmp_path)] + [str(p) for p in NOTEBOOKS]) == 0
    assert main(["--check"] + [str(tmp_path / p.name) for p in NOTEBOOKS]) == 0
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    assert main(["--check", str(broken)]) == 2


@pytest.mark.book
def test_the_book_renders_a_converted_notebook_as_the_original(tmp_path, cites):
    """A small Sphinx build with the course's plugin: the MyST notebook and its converted copy."""
    src = tmp_path / "src"
    src.mkdir()
    original = ROOT / "notebooks" / "ripeness.ipynb"
    nb = json.loads(original.read_text(encoding="utf-8"))
    (src / "mystform.ipynb").write_text(json.dumps(notebook_to_myst(nb)), encoding="utf-8")
    (src / "labform.ipynb").write_text(json.dumps(notebook_to_lab(nb, cites)), encoding="utf-8")
    assert source_to_myst((src / "labform.ipynb").read_text()) != (src / "labform.ipynb").read_text()
    (src / "index.md").write_text("# Index\n\n```{toctree}\nmystform\nlabform\n```\n")
    (src / "conf.py").write_text(
        textwrap.dedent(f"""
        extensions = ["myst_nb", "sphinxcontrib.bibtex", "tracktwo.sphinxext"]
        nb_execution_mode = "off"
        myst_enable_extensions = ["colon_fence", "deflist", "substitution", "attrs_inline", "attrs_block"]
        bibtex_bibfiles = [{str(ROOT / 'data' / 'references.bib')!r}]
        bibtex_reference_style = "author_year_round"
        tracktwo_exercise_dir = {str(ROOT / 'data' / 'exercises')!r}
        suppress_warnings = ["myst.domains"]
    """)
    )
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(tmp_path / "out")], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-2000:]

    def body(name: str) -> str:
        html = (tmp_path / "out" / f"{name}.html").read_text(encoding="utf-8")
        main = html[html.index('role="main"') : html.index('class="sphinxsidebar"')]  # the page, not the navigation
        return re.sub(r"(mystform|labform)", "DOC", main)

    assert "Questions this chapter answers" in body("mystform")
    assert body("labform") == body("mystform")


def test_converting_again_keeps_the_widget_cells_outputs(cites):
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "id": "a1",
                "metadata": {},
                "source": ["Before.\n", "\n", "```{exercise} demo/oslo-talks\n", "```"],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    lab = notebook_to_lab(nb, cites)
    widget = lab["cells"][1]
    widget["outputs"] = [
        {"output_type": "execute_result", "data": {"text/plain": "ExerciseWidget()"}, "execution_count": 3, "metadata": {}}
    ]
    widget["execution_count"] = 3
    widget["metadata"]["execution"] = {"iopub.status.idle": "2026-11-28T00:00:00Z"}
    assert notebook_to_lab(lab, cites) == lab, "re-converting an executed notebook dropped its outputs"
    assert notebook_to_myst(lab) == nb
