"""Conflict maps: the Table 1 map matches the brief row for row, the channels file is checked and
cited, bad specs and saved states are refused with a message, and the JupyterLab host builds the
same state as the static book without a kernel."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tracktwo.maps.channels import ChannelsError, build_channels_map, load_channels, placing_spec
from tracktwo.maps.html import MAP_CLASS, map_html
from tracktwo.maps.model import MapError, check_map, map_problems, state_problems
from tracktwo.maps.table1 import KINDS, build_table1_map, conflict_kind, dialogue_kind

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT.parent / "shared" / "source" / "policy-brief-myanmar-track-two-2021.txt"


@pytest.fixture(scope="module")
def table1():
    return build_table1_map()


@pytest.fixture(scope="module")
def channels():
    return load_channels()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("*", "")).strip()


# --- Table 1 ---------------------------------------------------------------------------------------


def test_table1_has_one_edge_per_row_in_order(table1, course):
    rows = course.relations.sort_values("table_row")
    assert len(table1["edges"]) == 21 == len(rows)
    assert [e["row"] for e in table1["edges"]] == list(range(1, 22))
    assert [e["id"] for e in table1["edges"]] == list(rows["id"])


def test_table1_edges_carry_the_briefs_words(table1, course):
    rows = course.relations.set_index("id")
    for edge in table1["edges"]:
        row = rows.loc[edge["id"]]
        details = dict(edge["details"])
        assert details["Conflict status (the brief's words)"] == row["conflict_status"]
        assert details["Dialogue status (the brief's words)"] == row["dialogue_status"]
        assert edge["columns"]["conflict"] == row["conflict_status"]
        assert details["Table 1, row"] == str(row["table_row"])


@pytest.mark.skipif(not BRIEF.exists(), reason="the brief's text is not on this machine")
def test_table1_words_are_in_the_brief(table1):
    text = _norm(BRIEF.read_text(encoding="utf-8"))
    for edge in table1["edges"]:
        for column in ("conflict", "dialogue"):
            assert _norm(edge["columns"][column]) in text, (edge["id"], column)


def test_table1_is_centred_on_the_sac(table1):
    nodes = {n["id"]: n for n in table1["nodes"]}
    assert (nodes["sac"]["x"], nodes["sac"]["y"]) == (0.0, 0.0)
    with_sac = [e for e in table1["edges"] if "sac" in (e["source"], e["target"])]
    assert len(with_sac) == 20
    others = [e for e in table1["edges"] if e not in with_sac]
    assert [(e["source"], e["target"]) for e in others] == [("nucc", "eaos")]


def test_table1_groups(table1):
    members = {g["id"]: sorted(n["id"] for n in table1["nodes"] if n.get("group") == g["id"]) for g in table1["groups"]}
    assert members["g-fpncc"] == sorted(["uwsa", "ndaa", "sspp", "tnla", "mndaa", "kia", "aa"])
    assert len(members["g-nca"]) == 10 and "knu" in members["g-nca"] and "knpp" not in members["g-nca"]
    assert members["g-nug-pdfs"] == ["nug", "pdf"]
    assert next(e for e in table1["edges"] if e["id"] == "sac-nug-pdfs")["target"] == "g-nug-pdfs"


def test_table1_states_viewpoint_and_no_date(table1):
    assert "brief's authors" in table1["viewpoint"]
    assert "no date of its own" in table1["date"] and "November 2021" in table1["date"]
    assert "September 2021" in table1["date"]


@pytest.mark.parametrize(
    "conflict_code, fighting, kind",
    [
        ("bilateral-ceasefire", "not-stated", "c-ceasefire"),
        ("nca-signatory", "none", "c-ceasefire"),
        ("nca-signatory", "frequent", "c-frequent"),
        ("nca-signatory", "low-intensity", "c-low"),
        ("non-ceasefire", "occasional", "c-occasional"),
        ("de-facto-ceasefire", "none", "c-defacto"),
        ("outlawed", "active", "c-outlawed"),
        ("mixed", "n/a", "c-mixed"),
        ("opposition-platform", "n/a", "c-platform"),
    ],
)
def test_conflict_kind(conflict_code, fighting, kind):
    assert conflict_kind(conflict_code, fighting) == kind


def test_unknown_codes_are_refused():
    with pytest.raises(ValueError, match="fighting='sometimes'"):
        conflict_kind("nca-signatory", "sometimes")
    with pytest.raises(ValueError, match="chatting"):
        dialogue_kind("chatting")


def test_encodings_differ_by_line_not_colour_alone():
    """Within each encoding, no two kinds share line style, width and crossing bar."""
    for prefix in ("c-", "d-"):
        looks = [
            (k["line"], k["width"], bool(k.get("broken")), bool(k.get("arrow")))
            for kid, k in KINDS.items()
            if kid.startswith(prefix)
        ]
        assert len(looks) == len(set(looks)), prefix


def test_switching_encoding_changes_kinds_of_most_edges(table1):
    changed = [
        e
        for e in table1["edges"]
        if KINDS[e["kind"]["conflict"]]["line"] != KINDS[e["kind"]["dialogue"]]["line"]
        or KINDS[e["kind"]["conflict"]]["width"] != KINDS[e["kind"]["dialogue"]]["width"]
    ]
    assert len(changed) >= 15


# --- spec and state checks ---------------------------------------------------------------------------


def test_map_problems_name_the_element(table1):
    bad = json.loads(json.dumps(table1))
    bad["date"] = ""
    bad["edges"][3]["target"] = "nobody"
    bad["edges"][4]["kind"]["conflict"] = "c-unknown"
    bad["kinds"]["c-low"]["line"] = "wavy"
    problems = map_problems(bad)
    assert any("'date'" in p for p in problems)
    assert any("sac-tnla" in p and "nobody" in p for p in problems)
    assert any("sac-mndaa" in p and "c-unknown" in p for p in problems)
    assert any("'c-low'" in p and "wavy" in p for p in problems)
    with pytest.raises(MapError, match="map 'table1'"):
        check_map(bad)


@pytest.mark.parametrize(
    "state, fragment",
    [
        ([], "not an object"),
        ({"encoding": "colour"}, "encoding \"colour\""),
        ({"positions": {"sac": {"x": 1}}}, "position of \"sac\""),
        ({"positions": {"sac": {"x": 1, "y": True}}}, "position of \"sac\""),
        ({"positions": {"sac": {"x": 1e9, "y": 0}}}, "position of \"sac\""),
        ({"positions": {"ghost": {"x": 1, "y": 2}}}, "not on this map"),
        ({"positions": []}, "positions is not an object"),
        ({"zoom": 3}, "unknown field \"zoom\""),
    ],
)
def test_bad_states_are_named(table1, state, fragment):
    assert any(fragment in p for p in state_problems(state, table1))


def test_good_state_passes(table1):
    assert state_problems({"encoding": "dialogue", "positions": {"sac": {"x": 1.5, "y": -2}}}, table1) == []


# --- channels ------------------------------------------------------------------------------------------


def test_every_channel_element_cites_the_brief(channels):
    for group in ("channels", "links", "recommendations"):
        for element in channels[group]:
            assert re.match(r"(Secs?\.|Conclusions|Table 1)", element["citation"]), element["id"]
            assert element["reading"] in ("brief", "course")
    assert channels["tension"]["citation"]


@pytest.mark.skipif(not BRIEF.exists(), reason="the brief's text is not on this machine")
def test_channel_words_are_the_briefs(channels):
    text = _norm(BRIEF.read_text(encoding="utf-8"))
    for c in channels["channels"]:
        assert _norm(c["words"]) in text, c["id"]


def test_channels_name_no_civil_society_organisation(channels):
    text = json.dumps(channels)
    assert "Yangon-based" in text
    for name in ("Egress", "Euro-Burma", "Paung Sie"):
        assert name not in text


def test_course_readings_are_marked_on_the_map(channels):
    spec = build_channels_map(channels)
    nodes = {n["id"]: n for n in spec["nodes"]}
    for c in channels["channels"]:
        placed_by = dict(nodes[c["id"]]["details"])["Placed by"]
        assert ("course" in placed_by) == (c["reading"] == "course"), c["id"]
        if c["placing"]:
            assert nodes[c["id"]]["type"] == f"channel-{c['reading']}"


def test_channels_map_has_recommendations_only_in_its_view(channels):
    spec = build_channels_map(channels)
    recs = [n for n in spec["nodes"] if n.get("type") == "recommendation"]
    assert len(recs) == 3 and all(n["only"] == ["recommendations"] for n in recs)
    tension = next(e for e in spec["edges"] if e["id"] == "manage-vs-transform")
    assert tension["kind"] == {"recommendations": "tension"}
    assert {e["target"] for e in spec["edges"] if e["source"] == "rec-3"} == {"nucc"}


def _write(tmp_path, data) -> Path:
    path = tmp_path / "channels.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_bad_channels_file_names_file_and_field(tmp_path, channels):
    data = json.loads(json.dumps(channels))
    data["channels"][1]["citation"] = "somewhere"
    with pytest.raises(
        ChannelsError, match=r"channels.yaml: channel '[a-z0-9-]+', field 'citation': does not have the expected form"
    ):
        load_channels(_write(tmp_path, data))
    data = json.loads(json.dumps(channels))
    data["links"][0]["target"] = "nowhere"
    with pytest.raises(ChannelsError, match="link nca-informal-for-official: target 'nowhere'"):
        load_channels(_write(tmp_path, data))
    data = json.loads(json.dumps(channels))
    data["channels"][3]["placing"]["track"]["accept"]["4"] = "Track Four?"
    with pytest.raises(ChannelsError, match="yangon-meetings: placing.track answer '4' is not offered"):
        load_channels(_write(tmp_path, data))
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ChannelsError, match="broken.yaml: line 2, column 1: is not valid YAML"):
        load_channels(tmp_path / "broken.yaml")


# --- static markup and the JupyterLab host -----------------------------------------------------------


def _json_state(html: str) -> dict:
    block = re.search(r'<script type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


def test_static_markup_is_inert_and_deterministic(table1):
    html = map_html(table1)
    assert f'class="{MAP_CLASS} ' in html and html == map_html(build_table1_map())
    assert "</script>" not in html.split('<script type="application/json">', 1)[1].split("</script>", 1)[0]
    assert _json_state(html)["spec"] == table1


def test_anywidget_host_builds_the_same_state_without_a_kernel(table1):
    from tracktwo.maps.map_widgets import ConflictMap, PlacingExercise

    widget = ConflictMap(table1)
    assert widget.state() == _json_state(map_html(table1)) == {"spec": table1, "encoding": "conflict", "positions": {}}
    assert widget._esm.startswith("") if isinstance(widget._esm, str) else widget._esm.exists()
    data, _ = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/html"] == map_html(table1)
    placing = PlacingExercise(placing_spec())
    data, _ = placing._repr_mimebundle_()
    assert _json_state(data["text/html"]) == {"spec": placing.spec, "answers": {}}


def test_anywidget_host_validates_changes(table1):
    import traitlets

    from tracktwo.maps.map_widgets import ConflictMap, PlacingExercise

    widget = ConflictMap(table1)
    widget.encoding = "dialogue"
    widget.positions = {"sac": {"x": 10, "y": 20}}
    with pytest.raises(traitlets.TraitError, match="encoding \"colour\""):
        widget.encoding = "colour"
    with pytest.raises(traitlets.TraitError, match="ghost"):
        widget.positions = {"ghost": {"x": 1, "y": 1}}
    assert widget.encoding == "dialogue" and widget.positions == {"sac": {"x": 10, "y": 20}}
    placing = PlacingExercise(placing_spec())
    with pytest.raises(traitlets.TraitError, match="nucc.track"):
        placing.answers = {"nucc": {"track": "7"}}


def test_anywidget_host_saves_restores_and_sets_aside(tmp_path, table1):
    from tracktwo.maps.map_widgets import ConflictMap

    path = tmp_path / "table1.saved.json"
    first = ConflictMap(table1, save_to=path)
    first.positions = {"kia": {"x": 5, "y": 6}}
    first.encoding = "dialogue"
    again = ConflictMap(table1, save_to=path)
    assert again.encoding == "dialogue" and again.positions == {"kia": {"x": 5, "y": 6}} and again.messages == []
    path.write_text('{"encoding": "colour"}', encoding="utf-8")
    other = tmp_path / "other-work.json"
    other.write_text("keep me", encoding="utf-8")
    fresh = ConflictMap(table1, save_to=path)
    assert fresh.encoding == "conflict" and fresh.positions == {}
    assert "table1.saved.json" in fresh.messages[0] and "set-aside" in fresh.messages[0]
    assert (tmp_path / "table1.saved.json.set-aside").read_text() == '{"encoding": "colour"}'
    assert other.read_text() == "keep me"
    path.write_text("{not json", encoding="utf-8")
    assert "not valid JSON" in ConflictMap(table1, save_to=path).messages[0]
    assert (tmp_path / "table1.saved.json.set-aside-2").exists()


def test_vendored_bundle_matches_manifest():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "vendor_assets.py"), "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    manifest = json.loads((ROOT / "assets" / "vendor" / "manifest.json").read_text())
    bundle = next(b for b in manifest["bundles"] if b["name"] == "tracktwo-conflict-map")
    assert {p["npm"] for p in bundle["packages"]} >= {"cytoscape", "cytoscape-fcose"}
    assert all(p["license"] == "MIT" for p in bundle["packages"])
