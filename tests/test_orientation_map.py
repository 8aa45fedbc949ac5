"""The orientation map: its data file (provenance and licence in the vendored-assets manifest), its
loader's messages on bad input, and the figure and text twin it draws."""

from __future__ import annotations

import hashlib
import json

import pytest

from support import ROOT
from tracktwo.figures import text_alternative
from tracktwo.figures.orientation_map import GEO_FILE, GROUPS, MapDataError, load_areas, orientation_map

MANIFEST = json.loads((ROOT / "assets" / "vendor" / "manifest.json").read_text())
STATES = {"Chin", "Kachin", "Kayah", "Kayin", "Mon", "Rakhine", "Shan"}
REGIONS = {"Ayeyarwady", "Bago", "Magway", "Mandalay", "Sagaing", "Tanintharyi", "Yangon"}


def test_the_map_file_is_recorded_in_the_manifest_with_its_licence_source_and_hash():
    rel = GEO_FILE.relative_to(ROOT).as_posix()
    entry = next(d for d in MANIFEST["derived_data"] if rel in d["files"])
    assert "public domain" in entry["license"].lower() and "natural earth" in entry["license"].lower()
    assert entry["npm"] and entry["version"] and len(entry["tarball_sha256"]) == 64
    assert hashlib.sha256(GEO_FILE.read_bytes()).hexdigest() == entry["files"][rel]
    assert GEO_FILE.stat().st_size < 40_000, "the derived map should stay small"


def test_the_file_has_seven_states_and_seven_regions():
    areas = load_areas()
    assert {a["name"] for a in areas if a["kind"] == "State"} == STATES
    assert {a["name"] for a in areas if a["kind"] == "Region"} == REGIONS
    for a in areas:
        for ring in a["rings"]:
            assert all(92 < x < 102 and 9 < y < 29 for x, y in ring), a["name"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("not json", "is not valid JSON"),
        ('{"type": "FeatureCollection", "features": []}', "no 'features' list"),
        (
            '{"features": [{"properties": {"id": "MM-01", "name": "X", "kind": "Province"}, "geometry": {}}]}',
            "feature 1 (MM-01): field 'kind'",
        ),
        ('{"features": [{"properties": {"id": "MM-01", "kind": "State"}, "geometry": {}}]}', "feature 1 (MM-01): field 'name'"),
        (
            '{"features": [{"properties": {"id": "MM-01", "name": "X", "kind": "State"}, '
            '"geometry": {"type": "MultiPolygon", "coordinates": [[[[1, 2], [3]]]]}}]}',
            "field 'geometry'",
        ),
    ],
)
def test_a_bad_map_file_gets_one_message_naming_file_feature_and_field(tmp_path, text, expected):
    bad = tmp_path / "myanmar-states-regions.geojson"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(MapDataError) as info:
        load_areas(bad)
    assert "myanmar-states-regions.geojson" in str(info.value) and expected in str(info.value)


def test_a_missing_map_file_says_how_to_make_it(tmp_path):
    with pytest.raises(MapDataError, match="extract_myanmar_map.py"):
        load_areas(tmp_path / "nope.geojson")


def test_the_figure_fills_every_area_and_its_twin_lists_them_with_the_placed_groups():
    fig = orientation_map()
    fills = [t for t in fig.data if t.fill == "toself"]
    assert len(fills) == 14
    assert {t.line.dash for t in fills} == {"solid", "dot"}, "kind is not told by colour alone"
    alt = text_alternative(fig)
    assert {row[0] for row in alt["rows"]} == STATES | REGIONS
    placed = {row[0]: row[3] for row in alt["rows"]}
    assert placed["Kachin"].startswith("KIA") and placed["Chin"].startswith("CNF")
    assert placed["Kayah"].startswith("KNPP") and placed["Kayin"].startswith("KNU")
    assert sum(1 for v in placed.values() if v != "-") == len(GROUPS)
    assert "Arakan" in next(r[2] for r in alt["rows"] if r[0] == "Rakhine")
