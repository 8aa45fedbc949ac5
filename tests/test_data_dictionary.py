"""The data dictionary page is generated from datapackage.json and matches the data."""

from __future__ import annotations

import json
import shutil

import pytest

from tracktwo.data import DEFAULT_DATA_DIR, load_all
from tracktwo.data.dictionary import data_dictionary_markdown


@pytest.fixture(scope="module")
def page() -> str:
    return data_dictionary_markdown()


@pytest.fixture(scope="module")
def package() -> dict:
    return json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_page_has_a_title_and_a_section_per_table_in_order(page, package):
    assert page.startswith("# Data dictionary\n")
    positions = []
    for res in package["resources"]:
        heading = f"## {res['title']} (`{res['path']}`)"
        assert heading in page, heading
        positions.append(page.index(heading))
    assert positions == sorted(positions)
    assert page.index("## Licence") > positions[-1]
    assert page.index("## How to cite the data") > page.index("## Licence")


def test_row_counts_match_the_loaded_tables(page):
    data = load_all()
    for name in ("periods", "events", "actors", "relations", "institutions", "glossary"):
        section = page.split(f"(`{name}.csv`)", 1)[1]
        assert section.lstrip().split("\n\n")[1].startswith(f"**Rows:** {len(getattr(data, name))}."), name
    assert f"**Entries:** {len(data.references)}." in page


def test_every_field_is_listed_with_its_allowed_values(page, package):
    for res in package["resources"]:
        if res.get("type") == "file":
            continue
        section = page.split(f"(`{res['path']}`)", 1)[1].split("\n## ", 1)[0]
        assert "| Field | Type | Required | Allowed values | Description |" in section
        rows = [line for line in section.splitlines() if line.startswith("| `")]
        assert [r.split("`")[1] for r in rows] == [f["name"] for f in res["schema"]["fields"]]
        for field, row in zip(res["schema"]["fields"], rows):
            assert row.count(" | ") == 4, row  # five cells: no unescaped pipe inside a cell
            required = "yes" if field.get("constraints", {}).get("required") else "no"
            assert f" | {required} | " in row
            for value in field.get("constraints", {}).get("enum", []) + field.get("tracktwo", {}).get("itemEnum", []):
                assert f"`{value}`" in row, (res["name"], field["name"], value)


def test_licence_and_citation(page, package):
    assert "CC-BY-4.0" in page and "https://creativecommons.org/licenses/by/4.0/" in page
    assert package["tracktwo"]["citation"] in page
    assert "jones2021myanmar" in page


def test_it_is_a_pure_function_of_the_descriptor(tmp_path, page):
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    assert data_dictionary_markdown(target / "datapackage.json") == page
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    events["description"] = "Changed | with a pipe."
    events["schema"]["fields"][0]["description"] = "An id | with a pipe."
    (target / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    changed = data_dictionary_markdown(str(target / "datapackage.json"))
    assert "Changed | with a pipe." in changed and "An id \\| with a pipe." in changed
    assert changed != page
    assert data_dictionary_markdown() == page  # the real data was not touched


def test_heading_level_can_be_lowered(page):
    nested = data_dictionary_markdown(heading_level=2)
    assert nested.startswith("## Data dictionary\n") and "\n### Events (`events.csv`)" in nested
    assert nested.count("\n### ") == page.count("\n## ")
