"""The map builder in the built book, in Chromium, in one page visit: a small map built with the
keyboard only survives a reload; export then import gives the same map; a malformed file gets one
message naming the file and the current map survives; undo; the map and its table stay in step;
clear-all removes everything the course stored in this browser; no request leaves the host."""

from __future__ import annotations

import json
import re

import pytest

from tracktwo.maps.learner import from_csv, from_json, to_csv

pytestmark = pytest.mark.browser

PAGE = "book/mapping/build-a-map.html"
B = "#tt-map-builder-builder"
KEY = "tracktwo:maps:v1:map-builder:builder"


def saved(page):
    return json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(KEY)})") or "null")


def test_build_by_keyboard_reload_export_import_clear(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    log = {"errors": [], "requests": []}
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("dialog", lambda d: d.accept())
    page.goto(f"{server}/{PAGE}")
    page.evaluate("() => localStorage.setItem('tracktwo:v1:exercise:probe-item', '{}')")
    page.locator(B).first.scroll_into_view_if_needed()
    page.wait_for_selector(f"{B}[data-ready]")
    root = page.locator(B)

    # Keyboard only: name, Tab over type/power/party, Enter on "Add actor"; twice.
    name = root.get_by_label("Name", exact=True)
    for actor in ("Hill", "River"):
        name.focus()
        page.keyboard.type(actor)
        for _ in range(4):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"(n) => document.querySelector('{B} .tt-interactive-view').dataset.actors === String(n)",
            arg=2 if actor == "River" else 1,
        )
    # A relationship: From (Hill) -> Kind "d" (discord) -> To (River) -> Add.
    root.get_by_label("Kind", exact=True).focus()
    page.keyboard.press("d")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    lib = saved(page)["library"]
    m = lib["maps"][lib["current"]]
    assert [a["name"] for a in m["actors"]] == ["Hill", "River"]
    assert m["relationships"] == [{"id": "r1", "source": "a1", "target": "a2", "kind": "discord"}]
    # Map and table twin in step: the drawing has 2 nodes and 1 edge; the table has the row.
    counts = page.evaluate(
        f"() => {{ const cy = document.querySelector('{B} .ttb-draw')._ttmCy; return [cy.nodes().length, cy.edges().length]; }}"
    )
    assert counts == [2, 1]
    assert "Discord, conflict" in root.locator(".ttm-twin").inner_text()
    # Undo with Ctrl+Z (focus on a button, not a text field) removes the relationship.
    root.get_by_role("button", name="Undo").focus()
    page.keyboard.press("Control+z")
    assert saved(page)["library"]["maps"][lib["current"]]["relationships"] == []
    page.keyboard.press("Enter")  # "Undo" again: removes River
    assert [a["name"] for a in saved(page)["library"]["maps"][lib["current"]]["actors"]] == ["Hill"]

    # A companion tool: one cause on the conflict tree, by keyboard (Enter in the field adds it).
    tree = page.locator("#tt-worksheet-tree")
    tree.get_by_role("textbox", name="Add to Causes (the roots)", exact=True).focus()
    page.keyboard.type("Water rules")
    page.keyboard.press("Enter")

    # Reload: still there.
    page.reload()
    page.locator(B).first.scroll_into_view_if_needed()
    page.wait_for_selector(f"{B}[data-ready]")
    assert "Hill" in root.locator(".ttb-items").first.inner_text()
    page.locator("#tt-worksheet-tree").first.scroll_into_view_if_needed()
    page.wait_for_selector("#tt-worksheet-tree[data-ready]")
    assert "Water rules" in tree.locator(".tts-entries").first.inner_text()

    # Export JSON, then import it: the same map comes back under a new name.
    with page.expect_download() as dl:
        root.get_by_role("button", name="Export JSON").click()
    # A neutral default name (never the map's title: an onlooker reads file names); the learner may rename.
    assert re.fullmatch(r"map-\d{4}-\d\d-\d\d\.json", dl.value.suggested_filename), dl.value.suggested_filename
    exported = tmp_path / "export.json"
    dl.value.save_as(exported)
    before = from_json("export.json", exported.read_bytes())
    root.locator("input[type=file]").set_input_files(str(exported))
    page.wait_for_function(f"() => document.querySelector('{B} .ttb-status').textContent.startsWith('Imported')")
    lib = saved(page)["library"]
    assert len(lib["maps"]) == 2 and lib["maps"][lib["current"]] == before
    # CSV import of the same map gives the same map.
    (tmp_path / "m.csv").write_text(to_csv(before), encoding="utf-8")
    root.locator("input[type=file]").set_input_files(str(tmp_path / "m.csv"))
    page.wait_for_function(f"() => document.querySelector('{B} .ttb-status').textContent.includes('m.csv')")
    lib = saved(page)["library"]
    assert len(lib["maps"]) == 3 and lib["maps"][lib["current"]] == before

    # A malformed file: one message naming the file, row and field; the current map survives.
    (tmp_path / "bad.csv").write_text(to_csv(before).replace(",group,", ",alien,"), encoding="utf-8")
    root.locator("input[type=file]").set_input_files(str(tmp_path / "bad.csv"))
    page.wait_for_function(f"() => document.querySelector('{B} .ttb-status').textContent.startsWith('Not imported')")
    status = root.locator(".ttb-status").inner_text()
    assert "bad.csv: row 3 (actor 1) field 'type'" in status and "unchanged" in status
    assert saved(page)["library"] == lib

    # Clear-all removes every key the course stored (maps and exercise answers).
    root.get_by_role("button", name="Clear everything the course saved on this device").click()
    keys = page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('tracktwo:'))")
    assert keys == []
    page.wait_for_function(f"() => document.querySelector('{B} .ttb-status').textContent.startsWith('Cleared')")
    assert [u for u in log["requests"] if not u.startswith(server) and not u.startswith(("data:", "blob:"))] == []
    assert log["errors"] == []
    context.close()


SMALL = {
    "format": "tracktwo-learner-map",
    "version": 1,
    "title": "Valley",
    "viewpoint": "our team",
    "date": "2026-11-28",
    "actors": [
        {"id": "a1", "name": "Hill", "type": "group", "power": 4, "party": "inside"},
        {"id": "a2", "name": "River", "type": "community", "power": 2, "party": "inside"},
    ],
    "relationships": [{"id": "r1", "source": "a1", "target": "a2", "kind": "discord"}],
    "issues": [{"id": "i1", "label": "land", "actors": ["a1"]}],
}


def _current(page):
    lib = saved(page)["library"]
    return lib["maps"][lib["current"]]


def _node_position(page, ident):
    return page.evaluate(
        f"(id) => {{ const p = document.querySelector('{B} .ttb-draw')._ttmCy.getElementById(id).position(); return [p.x, p.y]; }}",
        ident,
    )


def test_positions_are_saved_exported_and_issues_edited_by_keyboard(browser, server, tmp_path):
    """A version 1 file imports; a dragged issue box and an actor moved with Alt + arrows keep their
    places through a reload and an export (JSON and CSV); an issue's text and linked actors are
    edited and removed by keyboard, with undo, and the drawing and its table follow."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/{PAGE}")
    page.locator(B).first.scroll_into_view_if_needed()
    page.wait_for_selector(f"{B}[data-ready]")
    root = page.locator(B)
    (tmp_path / "old.json").write_text(json.dumps(SMALL), encoding="utf-8")
    root.locator("input[type=file]").set_input_files(str(tmp_path / "old.json"))
    page.wait_for_function(f"() => document.querySelector('{B} .ttb-status').textContent.startsWith('Imported')")
    m = _current(page)
    assert m["version"] == 2 and all("x" not in a for a in m["actors"])

    # Alt + arrow keys in the drawing's list move the selected actor; the move is saved in the map.
    x0, y0 = _node_position(page, "a1")
    lst = root.locator(".ttb-draw .ttm-list")
    lst.focus()
    page.keyboard.press("Home")
    page.keyboard.press("Alt+ArrowRight")
    page.keyboard.press("Alt+ArrowDown")
    a1 = _current(page)["actors"][0]
    assert (a1["x"], a1["y"]) == (round(_node_position(page, "a1")[0]), round(_node_position(page, "a1")[1]))
    assert a1["x"] > x0 and a1["y"] > y0
    # A mouse drag of the issue box.
    root.locator(".ttb-draw .ttm-canvas").scroll_into_view_if_needed()
    box = page.evaluate(f"""() => {{ const el = document.querySelector('{B} .ttb-draw');
        const cy = el._ttmCy; cy.zoom(1); cy.center(cy.getElementById('i1'));
        const r = el.querySelector('.ttm-canvas').getBoundingClientRect(); const p = cy.getElementById('i1').renderedPosition();
        return [r.left + p.x, r.top + p.y]; }}""")
    before_drag = _node_position(page, "i1")
    page.mouse.move(*box)
    page.mouse.down()
    page.mouse.move(box[0] + 60, box[1] + 40, steps=6)
    page.mouse.up()
    page.wait_for_function(f"() => document.querySelector('{B} .ttb-status').textContent.startsWith('Moved land')")
    issue = _current(page)["issues"][0]
    assert abs(issue["x"] - (before_drag[0] + 60)) <= 2 and abs(issue["y"] - (before_drag[1] + 40)) <= 2

    # Reload: the drawing puts both where they were left.
    placed = _current(page)
    page.reload()
    page.locator(B).first.scroll_into_view_if_needed()
    page.wait_for_selector(f"{B}[data-ready]")
    assert _node_position(page, "a1") == [placed["actors"][0]["x"], placed["actors"][0]["y"]]
    assert _node_position(page, "i1") == [placed["issues"][0]["x"], placed["issues"][0]["y"]]
    # Export: JSON and CSV carry the positions; each file imports as the same map.
    for button, name in (("Export JSON", "p.json"), ("Export CSV", "p.csv")):
        with page.expect_download() as dl:
            root.get_by_role("button", name=button).click()
        assert re.fullmatch(r"map-\d{4}-\d\d-\d\d\." + name.split(".")[1], dl.value.suggested_filename)
        dl.value.save_as(tmp_path / name)
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert str(placed["issues"][0]["x"]) in text
        reader = from_json if name.endswith(".json") else from_csv
        assert reader(name, text) == placed

    # Edit the issue by keyboard: new text, linked to River instead of Hill; Escape cancels, Enter saves.
    root.get_by_role("button", name="Edit issue land").focus()
    page.keyboard.press("Enter")
    assert root.get_by_role("button", name="Save issue").is_visible()
    page.keyboard.press("Escape")
    assert root.get_by_role("button", name="Add issue").is_visible()
    root.get_by_role("button", name="Edit issue land").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+a")
    page.keyboard.type("water rights")
    page.keyboard.press("Tab")  # the linked actors: Hill is selected; End selects River only
    page.keyboard.press("End")
    page.keyboard.press("Tab")  # Save issue
    page.keyboard.press("Enter")
    issue = _current(page)["issues"][0]
    assert issue == {
        "id": "i1",
        "label": "water rights",
        "actors": ["a2"],
        "x": placed["issues"][0]["x"],
        "y": placed["issues"][0]["y"],
    }
    twin = root.locator(".ttb-draw .ttm-twin").inner_text()
    assert "water rights – River" in twin and "land" not in twin
    edges = page.evaluate(f"() => document.querySelector('{B} .ttb-draw')._ttmCy.edges().map((e) => e.id()).sort()")
    assert edges == ["i1--a2", "r1"]
    # Undo (Ctrl+Z on a button) brings the old text back; Remove by keyboard, then Undo again.
    root.get_by_role("button", name="Undo").focus()
    page.keyboard.press("Control+z")
    assert _current(page)["issues"][0]["label"] == "land"
    root.get_by_role("button", name="Remove issue land").focus()
    page.keyboard.press("Enter")
    assert _current(page)["issues"] == []
    assert page.evaluate(f"() => document.querySelector('{B} .ttb-draw')._ttmCy.getElementById('i1').length") == 0
    root.get_by_role("button", name="Undo").focus()
    page.keyboard.press("Enter")
    assert _current(page)["issues"][0] == placed["issues"][0]
    assert errors == []
    context.close()


def test_an_edit_on_a_big_map_changes_only_its_own_rows(browser, server):
    """60 actors and 150 relationships: after one change of kind, the drawing, the builder's list and
    the table twin show it, and every other row is the same element as before (keyed updates, the
    redraw-latency fix; scripts/bench_map_builder.py times it)."""
    from bench_map_builder import big_map

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{PAGE}")
    page.locator(B).first.scroll_into_view_if_needed()
    page.wait_for_selector(f"{B}[data-ready]")
    data = big_map()
    assert page.evaluate(
        f"(t) => document.querySelector('{B} .tt-interactive-view')._ttb.importFile('big.json', new TextEncoder().encode(t))",
        json.dumps(data),
    )
    r = data["relationships"][40]
    new_kind = "broken" if r["kind"] != "broken" else "alliance"
    kept = page.evaluate(
        f"""(kind) => {{
        const el = document.querySelector('{B} .tt-interactive-view');
        const rows = () => [...el.querySelectorAll('.ttb-items')[1].children, ...el.querySelectorAll('.ttm-twin tbody')[0].children];
        const before = rows();
        before.forEach((row) => {{ row._mark = true; }});
        el._ttb.commit((l) => {{ l.maps[l.current].relationships[40].kind = kind; }});
        const after = rows();
        const cy = el.querySelector('.ttb-draw')._ttmCy;
        return [before.length, after.length, after.filter((row) => row._mark).length, cy.getElementById('r40').data('kind')];
    }}""",
        new_kind,
    )
    assert kept[0] == kept[1] == 300
    assert kept[2] == 299, "only the changed relationship's table row is built again (its list row is updated in place)"
    assert kept[3] == new_kind
    assert learner_kind_label(new_kind) in page.locator(f"{B} .ttm-twin tbody tr").nth(40).inner_text()
    page.close()


def learner_kind_label(kind: str) -> str:
    from tracktwo.maps.learner import KIND_LABELS

    return KIND_LABELS[kind]
