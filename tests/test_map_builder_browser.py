"""The map builder in the built book, in Chromium, in one page visit: a small map built with the
keyboard only survives a reload; export then import gives the same map; a malformed file gets one
message naming the file and the current map survives; undo; the map and its table stay in step;
clear-all removes everything the course stored in this browser; no request leaves the host."""

from __future__ import annotations

import json

import pytest

from tracktwo.maps.learner import from_json, to_csv

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
        page.wait_for_function(f"(n) => document.querySelector('{B} .tt-interactive-view').dataset.actors === String(n)", arg=2 if actor == "River" else 1)
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
    cy = root.locator(".tt-interactive-view, .ttb-draw").first
    counts = page.evaluate(f"() => {{ const cy = document.querySelector('{B} .ttb-draw')._ttmCy; return [cy.nodes().length, cy.edges().length]; }}")
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
    assert "Cleared" in root.locator(".ttb-status").inner_text()
    assert [u for u in log["requests"] if not u.startswith(server) and not u.startswith(("data:", "blob:"))] == []
    assert log["errors"] == []
    context.close()
