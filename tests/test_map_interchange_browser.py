"""The map builder's "Export for other tools" in the built book, in Chromium: the note on leaving the
device is shown before the buttons; GraphML, GEXF and Kumu JSON download and parse (networkx, the Kumu
schema); the GraphML file imports back as the same map; a broken GraphML file gets one message and the
current map stays; no request leaves the host. A screenshot of the open panel is kept for review."""

from __future__ import annotations

import io
import json
import re

import jsonschema
import networkx as nx
import pytest

from support import OUT, ROOT
from test_map_builder_browser import PARALLEL, _current, _import, _open
from tracktwo.maps import interchange

pytestmark = pytest.mark.browser

KUMU_SCHEMA = json.loads((ROOT / "data/maps/kumu-blueprint.schema.json").read_text(encoding="utf-8"))


def test_export_for_other_tools_downloads_files_the_tools_read(browser, server, tmp_path):
    ctx, page, root, log = _open(browser, server, accept_downloads=True)
    placed = json.loads(json.dumps(PARALLEL))
    placed["actors"][0].update(x=120, y=-40.5)
    _import(page, placed)
    m = _current(page)
    panel = root.locator("details.ttb-export-tools")
    panel.locator("summary").click()
    note = panel.locator(".ttb-export-note").inner_text()
    assert "goes wherever you put it" in note and "On a free Kumu account every project is public" in note
    assert "Never put a map of a real situation into Kumu, even with code names." in note
    assert "check whether" not in note  # audit 31, M2: a free project is never private
    panel.scroll_into_view_if_needed()
    shot = OUT / "_build" / "screenshots" / "map-export-for-other-tools.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    panel.screenshot(path=str(shot))
    files = {}
    for button, ext in (("Export GraphML", "graphml"), ("Export GEXF", "gexf"), ("Export Kumu JSON", "kumu.json")):
        with page.expect_download() as dl:
            panel.get_by_role("button", name=re.compile(f"^{button}")).click()
        assert re.fullmatch(r"map-\d{4}-\d\d-\d\d\." + re.escape(ext), dl.value.suggested_filename)
        dl.value.save_as(tmp_path / f"map.{ext}")
        files[ext] = (tmp_path / f"map.{ext}").read_bytes()
    # Each file is what the Python twin writes, byte for byte, and its tool's reader takes it.
    assert files["graphml"].decode("utf-8") == interchange.to_graphml(m)
    assert files["gexf"].decode("utf-8") == interchange.to_gexf(m)
    assert files["kumu.json"].decode("utf-8") == interchange.to_kumu(m)
    G = nx.read_graphml(io.BytesIO(files["graphml"]))
    assert G.nodes["a1"]["label"] == "Hill" and G.nodes["a1"]["x"] == 120 and G.graph["viewpoint"] == "our team"
    H = nx.read_gexf(io.BytesIO(files["gexf"]))
    assert H.nodes["a1"]["viz"]["position"]["y"] == 40.5 and H.number_of_edges() == 5
    jsonschema.validate(json.loads(files["kumu.json"]), KUMU_SCHEMA)
    # The GraphML file comes back as the same map (a new entry in the list), through the import button's path.
    assert page.evaluate(
        "([n, t]) => document.querySelector('#tt-map-builder-builder .tt-interactive-view')._ttb.importFile(n, new TextEncoder().encode(t))",
        ["map.graphml", files["graphml"].decode("utf-8")],
    )
    assert _current(page) == m
    # A broken GraphML file: one message naming file, element and field; the map shown is unchanged.
    broken = files["graphml"].decode("utf-8").replace('<edge id="r1" source="a1"', '<edge id="r1" source="ghost"')
    assert not page.evaluate(
        "([n, t]) => document.querySelector('#tt-map-builder-builder .tt-interactive-view')._ttb.importFile(n, new TextEncoder().encode(t))",
        ["broken.graphml", broken],
    )
    status = root.locator(".ttb-status").inner_text()
    assert 'broken.graphml: edge 1 (id "r1") field "source": "ghost" is not a node in this file' in status, status
    assert "Your current map is unchanged" in status
    assert _current(page) == m
    assert log["errors"] == []
    assert all(u.startswith(server) or u.startswith(("blob:", "data:")) for u in log["requests"]), log["requests"]
    ctx.close()
