"""Mapping as a skill, in the built book, in Chromium: the builder's scored task gives the same score
as Python for the same map, criterion by criterion; the perspective timeline at 390 px adds, saves,
survives a reload, exports JSON and CSV that Python reads back, refuses a bad file with one message
and keeps nothing on the device in keep-nothing mode; it also runs from file://; the practice case's
worked map has no label over another. Screenshots go to the folder TRACKTWO_SHOTS names, when it is set."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tracktwo.maps import timeline_tool as T
from tracktwo.maps.learner import to_json
from tracktwo.maps.mapscore import score_map, task_data
from tracktwo.maps.practice import load_practice, practice_path

pytestmark = pytest.mark.browser

MAP_PAGE = "book/mapping/build-a-map.html"
TL_PAGE = "book/my-timeline.html"
B = "#tt-map-builder-builder"
TL = "#tt-timeline-my-timeline"
TL_KEY = "tracktwo:maps:v1:timeline:my-timeline"
SHOTS = Path(os.environ["TRACKTWO_SHOTS"]) if os.environ.get("TRACKTWO_SHOTS") else None


def _watch(page):
    log = {"errors": [], "requests": []}
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("dialog", lambda d: d.accept())
    return log


def _offsite(log, server):
    return [u for u in log["requests"] if not u.startswith(server) and not u.startswith(("data:", "blob:"))]


def _shot(page, locator, name):
    """A screenshot of ``locator`` with the page as tall as it, so the page's sticky header is not drawn over it
    (the width, and so the layout, stays as it is)."""
    if SHOTS is None or not SHOTS.is_dir():
        return
    size = page.viewport_size
    height = int(page.evaluate("(el) => el.getBoundingClientRect().height", locator.element_handle())) + 200
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    locator.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    locator.screenshot(path=str(SHOTS / name))
    page.set_viewport_size(size)


def test_the_scored_task_scores_as_python_does_and_shows_each_criterion(browser, server, tmp_path):
    case = load_practice(practice_path("sanu-valley"))
    task = task_data(case)
    mine = json.loads(json.dumps(case["worked_map"]))
    mine["title"] = "My Sanu valley"
    mine["actors"] = [a for a in mine["actors"] if a["id"] != "donor"]
    mine["relationships"] = [r for r in mine["relationships"] if "donor" not in (r["source"], r["target"])]
    next(r for r in mine["relationships"] if r["id"] == "r3")["kind"] = "close"
    for a in mine["actors"]:
        a["name"] = {"gov": "Regional authority", "band": "Militia", "hill": "Hill village"}.get(a["id"], a["name"])
    path = tmp_path / "mine.json"
    path.write_text(to_json(mine), encoding="utf-8")
    reading = "Seen from our team in town: the elders' council is the one bridge; the government holds the power."

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = _watch(page)
    page.goto(f"{server}/{MAP_PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    root = page.locator(B)
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f"{B}[data-ready]")
    task_box = root.locator(".ttb-task")
    assert task_box.count() == 1 and task_box.locator(".ttb-rubric").count() == 0  # nothing shown before asking
    root.locator("input[type=file]").set_input_files(str(path))
    page.wait_for_function(f"() => document.querySelector('{B} .ttb-status').textContent.startsWith('Imported')")
    task_box.get_by_label("Your reading of the map (saved with the map as its notes)").fill(reading)
    task_box.get_by_role("button", name="Check my map").click()
    page.wait_for_selector(f"{B} .ttb-rubric")
    # the reading is self-assessed: nothing ticked yet, then the learner ticks two of the course's cues
    first = score_map(task, dict(mine, notes=reading))
    assert f"{first['score']} of {first['max']} points" in task_box.locator(".ttb-task-total").inner_text()
    cues = task_box.locator(".ttb-cues input[type=checkbox]")
    assert (
        cues.count() == len(task["reading_cues"]) and "the course's reading" in task_box.locator(".ttb-cues legend").inner_text()
    )
    cues.nth(0).check()
    task_box.locator(".ttb-cues input[type=checkbox]").nth(2).check()
    expected = score_map(task, dict(mine, notes=reading), [0, 2])
    assert expected["score"] > first["score"]
    page.wait_for_function(
        f"() => document.querySelector('{B} .ttb-task-total').textContent.includes('{expected['score']} of {expected['max']} points')"
    )
    assert task_box.locator(".ttb-task-view").count() == 0  # the map's viewpoint is the worked example's
    assert "null" not in task_box.locator(".ttb-task-out").inner_text()
    # on a phone the rubric is one block per criterion, each cell labelled: nothing scrolls sideways
    page.set_viewport_size({"width": 390, "height": 900})
    wrap = task_box.locator(".ttb-task-out .ttm-table-wrap")
    assert wrap.evaluate("(w) => w.scrollWidth <= w.clientWidth + 1"), "the rubric scrolls sideways at 390 px"
    if os.environ.get("TRACKTWO_SHOTS"):
        wrap.scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(os.environ["TRACKTWO_SHOTS"], "scored-task-rubric-390.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    assert "case below" in task_box.inner_text() and "any names" not in task_box.inner_text()
    rows = task_box.locator(".ttb-rubric tbody tr")
    assert rows.count() == len(expected["criteria"])
    for i, c in enumerate(expected["criteria"]):
        text = rows.nth(i).inner_text()
        assert c["label"] in text and c["level"] in text and f"{c['points']} of {c['max']}" in text and c["feedback"] in text
        for d in c["details"]:
            assert d in text
    assert "Outside donor" in task_box.inner_text()
    # a map from another viewpoint is told what the check compares against
    root.get_by_label("Seen by whom (viewpoint)").fill("Hill villages")
    root.get_by_role("button", name="Save title, viewpoint and date").click()
    task_box.get_by_role("button", name="Check my map").click()
    page.wait_for_selector(f"{B} .ttb-task-view")
    assert case["worked_map"]["viewpoint"] in task_box.locator(".ttb-task-view").inner_text()
    # "Our team", as the page asks, is the worked example's viewpoint in the learner's words: no notice
    root.get_by_label("Seen by whom (viewpoint)").fill("Our team")
    root.get_by_role("button", name="Save title, viewpoint and date").click()
    task_box.get_by_role("button", name="Check my map").click()
    page.wait_for_function("() => !document.querySelector('.ttb-task-view')")
    root.get_by_label("Seen by whom (viewpoint)").fill(mine["viewpoint"])
    root.get_by_role("button", name="Save title, viewpoint and date").click()
    # the reading is saved with the map (its notes): a reload brings it back into the box
    page.reload()
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f"{B}[data-ready]")
    assert root.locator(".ttb-reading").input_value() == reading
    assert _offsite(log, server) == [] and log["errors"] == []
    context.close()


def test_two_relationships_between_one_pair_are_drawn_apart(browser, server, tmp_path):
    """The builder draws two relationships between the same two actors as two lines bent apart (and a
    screenshot is kept to look at)."""
    m = {
        "format": "tracktwo-learner-map",
        "version": 2,
        "title": "Two lines, one pair",
        "viewpoint": "our team",
        "date": "2026-12-07",
        "actors": [
            {"id": "a1", "name": "Hill villages", "type": "community", "power": 2, "party": "inside"},
            {"id": "a2", "name": "Regional government", "type": "government", "power": 5, "party": "inside"},
            {"id": "a3", "name": "Outside donor", "type": "organisation", "power": 4, "party": "outside"},
        ],
        "relationships": [
            {"id": "r1", "source": "a1", "target": "a2", "kind": "discord"},
            {"id": "r2", "source": "a1", "target": "a2", "kind": "informal"},
            {"id": "r3", "source": "a3", "target": "a2", "kind": "influence"},
        ],
        "issues": [{"id": "i1", "label": "Grazing land", "actors": ["a1", "a2"]}],
    }
    path = tmp_path / "parallel.json"
    path.write_text(to_json(m), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{MAP_PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    root = page.locator(B)
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f"{B}[data-ready]")
    root.locator("input[type=file]").set_input_files(str(path))
    page.wait_for_function(f"() => document.querySelector('{B} .ttb-status').textContent.startsWith('Imported')")
    mids = page.evaluate(
        f"""() => {{ const cy = document.querySelector('{B} .ttb-draw')._ttmCy;
        return ['r1', 'r2'].map((id) => {{ const p = cy.getElementById(id).midpoint(); return [p.x, p.y]; }}); }}"""
    )
    gap = ((mids[0][0] - mids[1][0]) ** 2 + (mids[0][1] - mids[1][1]) ** 2) ** 0.5
    assert gap > 10, mids
    page.wait_for_timeout(300)
    _shot(page, root.locator(".ttb-draw"), "builder-parallel-relationships.png")
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_practice_maps_labels_do_not_overlap(browser, server, width):
    """The worked map of the practice case draws no label over another label, on a phone (where labels
    grow as the map shrinks) and on a wide screen. (With the first layout's smaller circle, "Hill
    villages", "Valley elders' council" and their neighbours ran into each other at 390 px.)"""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{MAP_PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    sel = "#tt-conflict-map-practice-sanu-valley"
    page.locator(sel).scroll_into_view_if_needed()
    page.wait_for_selector(f"{sel}[data-ready]")
    overlaps = page.evaluate(
        f"""() => {{
        const cy = document.querySelector('{sel} .ttm-canvas')._ttmCy || document.querySelector('{sel}')._ttmCy
          || [...document.querySelectorAll('{sel} *')].map((e) => e._ttmCy).find(Boolean);
        const boxes = cy.nodes().filter((n) => !n.isParent() && n.data('label')).map((n) => [n.data('label'),
          n.boundingBox({{ includeNodes: false, includeEdges: false, includeLabels: true }})]);
        const out = [];
        for (let i = 0; i < boxes.length; i += 1) for (let j = i + 1; j < boxes.length; j += 1) {{
          const [a, p] = boxes[i], [b, q] = boxes[j];
          if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) out.push([a, b]);
        }}
        return out; }}"""
    )
    assert overlaps == [], overlaps
    _shot(page, page.locator(sel).locator(".ttm-canvas"), f"practice-worked-map-{width}.png")
    context.close()


def _timeline_page(browser, server, **kw):
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True, **kw)
    page = context.new_page()
    return context, page


def test_the_timeline_at_390px_adds_saves_reloads_exports_and_refuses_a_bad_file(browser, server, tmp_path):
    context, page = _timeline_page(browser, server)
    log = _watch(page)
    page.goto(f"{server}/{TL_PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    root = page.locator(TL)
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f"{TL}[data-ready]")
    root.get_by_label("Title", exact=True).first.fill("The valley, as the hills tell it")
    root.get_by_label("Whose viewpoint").fill("Hill villages, as our team imagines them")
    root.get_by_role("button", name="Save title, viewpoint and date").click()
    # an event picked from the course's timeline: its date, title and citation are filled in
    root.get_by_label("Pick from the course's timeline (optional)").select_option("coup-2021")
    root.get_by_label("Note (optional)").fill("The roads closed; the dam stopped.")
    root.get_by_role("button", name="Add event").click()
    # an event of the learner's own, earlier: shown first
    root.get_by_label("Date", exact=True).fill("2019-05")
    root.locator(".ttb-box").nth(1).get_by_label("Title", exact=True).fill("Survey teams came")
    root.get_by_role("button", name="Add event").click()
    page.wait_for_function(f"() => document.querySelector('{TL} .tt-interactive-view').dataset.events === '2'")
    saved = json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(TL_KEY)})"))["timeline"]
    assert T.timeline_problems(saved) == [] and saved["viewpoint"] == "Hill villages, as our team imagines them"
    coup = next(e for e in saved["events"] if e.get("source"))
    assert coup["source"]["event"] == "coup-2021" and "(2021)" in coup["source"]["cite"] and coup["note"].startswith("The roads")
    assert [e.text_content() for e in root.locator(".ttl-event-title").element_handles()] == ["Survey teams came", coup["title"]]
    assert coup["source"]["cite"] == next(e for e in T.course_events() if e["id"] == "coup-2021")["cite"]
    # nothing sticks out sideways at 390 px
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 392
    _shot(page, root, "perspective-timeline-390.png")

    page.reload()
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f"{TL}[data-ready]")
    assert root.locator(".ttl-event").count() == 2 and "Hill villages" in root.locator(".ttl-meta").inner_text()

    for button, reader, name in (("Export JSON", T.from_json, "json"), ("Export CSV", T.from_csv, "csv")):
        with page.expect_download() as dl:
            root.get_by_role("button", name=button).click()
        assert dl.value.suggested_filename.startswith("timeline-") and dl.value.suggested_filename.endswith(f".{name}")
        out = tmp_path / f"out.{name}"
        dl.value.save_as(out)
        assert reader(out.name, out.read_bytes()) == saved

    bad = tmp_path / "bad.csv"
    bad.write_text(T.to_csv(saved).replace("2019-05", "May 2019"), encoding="utf-8")
    root.locator("input[type=file]").set_input_files(str(bad))
    page.wait_for_function(f"() => document.querySelector('{TL} .ttb-status').textContent.startsWith('Not imported')")
    status = root.locator(".ttb-status").inner_text()
    assert "bad.csv: row" in status and "field 'date' is \"May 2019\"" in status and "unchanged" in status
    assert json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(TL_KEY)})"))["timeline"] == saved
    assert _offsite(log, server) == [] and log["errors"] == []
    context.close()


def test_the_timeline_keeps_nothing_on_the_device_in_keep_nothing_mode(browser, server):
    context, page = _timeline_page(browser, server)
    page.on("dialog", lambda d: d.accept())
    page.goto(f"{server}/{TL_PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.locator(".tt-keep-button").click()
    page.wait_for_function("() => document.querySelector('.tt-keep').dataset.mode === 'nothing'")
    root = page.locator(TL)
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f"{TL}[data-ready]")
    root.get_by_label("Date", exact=True).fill("2020")
    root.locator(".ttb-box").nth(1).get_by_label("Title", exact=True).fill("A year of talks")
    root.get_by_role("button", name="Add event").click()
    page.wait_for_function(f"() => document.querySelector('{TL} .tt-interactive-view').dataset.events === '1'")
    kept = page.evaluate("() => [Object.keys(localStorage), Object.keys(sessionStorage)]")
    assert [k for k in kept[0] if k.startswith("tracktwo")] == []
    assert TL_KEY in kept[1]
    assert "forgotten when you close it" in root.locator(".ttb-safe").inner_text()
    context.close()


def test_a_picked_event_the_learner_edits_is_marked_as_edited_from_the_courses_event(browser, server):
    context, page = _timeline_page(browser, server)
    page.goto(f"{server}/{TL_PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    root = page.locator(TL)
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f"{TL}[data-ready]")
    course = next(e for e in T.course_events() if e["id"] == "mi-purge")
    root.get_by_label("Pick from the course's timeline (optional)").select_option("mi-purge")
    assert "October 2004" in root.locator(".ttl-source-note").inner_text()  # both versions, before adding
    root.get_by_label("Date", exact=True).fill("2004-10")
    root.get_by_role("button", name="Add event").click()
    page.wait_for_function(f"() => document.querySelector('{TL} .tt-interactive-view').dataset.events === '1'")
    saved = json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(TL_KEY)})"))["timeline"]
    cite = saved["events"][0]["source"]["cite"]
    assert T.timeline_problems(saved) == []
    assert (
        cite.startswith(f'Edited by you from the course\'s event "{course["title"]}" ({course["date"]})')
        and course["cite"][:60] in cite
    )
    assert "Edited by you" in root.locator(".ttl-cite").inner_text()
    context.close()


def test_the_timeline_runs_from_file(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / TL_PAGE).as_uri())
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.locator(TL).scroll_into_view_if_needed()
    page.wait_for_selector(f"{TL}[data-ready]")
    root = page.locator(TL)
    root.get_by_label("Date", exact=True).fill("2021")
    root.locator(".ttb-box").nth(1).get_by_label("Title", exact=True).fill("Offline")
    root.get_by_role("button", name="Add event").click()
    assert root.locator(".ttl-event").count() == 1 and errors == []
    context.close()


def test_the_multi_track_map_places_initiatives_by_level_saves_and_exports(browser, server, tmp_path):
    from tracktwo.maps import tracks as K

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    log = _watch(page)
    page.goto(f"{server}/{MAP_PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    sel = "#tt-tracks-map-my-tracks"
    root = page.locator(sel)
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f"{sel}[data-ready]")
    for name, level in (("Elders' meeting", "track-2"), ("Ministry talks", "track-1"), ("Youth radio", "track-3")):
        root.get_by_label("Name", exact=True).fill(name)
        root.get_by_label("Level", exact=True).select_option(level)
        root.get_by_role("button", name="Add initiative").click()
    page.wait_for_function(f"() => document.querySelector('{sel} .tt-interactive-view').dataset.initiatives === '3'")
    root.get_by_label("From", exact=True).select_option(label="Elders' meeting")
    root.get_by_label("Kind", exact=True).select_option("influence")
    root.get_by_label("To", exact=True).select_option(label="Ministry talks")
    root.get_by_role("button", name="Add link").click()
    saved = json.loads(page.evaluate("() => localStorage.getItem('tracktwo:maps:v1:tracks-map:my-tracks')"))["tracks"]
    assert K.map_problems(saved) == [] and saved["links"] == [{"id": "l1", "source": "i1", "target": "i2", "kind": "influence"}]
    ys = page.evaluate(
        f"""() => {{ const cy = [...document.querySelectorAll('{sel} *')].map((e) => e._ttmCy).find(Boolean);
        return ['i1', 'i2', 'i3'].map((id) => cy.getElementById(id).position('y')); }}"""
    )
    assert ys[1] < ys[0] < ys[2]  # Track One above Track Two above Track Three
    with page.expect_download() as dl:
        root.get_by_role("button", name="Export CSV").click()
    out = tmp_path / "tracks.csv"
    dl.value.save_as(out)
    assert K.from_csv(out.name, out.read_bytes()) == saved
    bad = tmp_path / "bad.json"
    bad.write_text(
        K.to_json(dict(saved, initiatives=[dict(saved["initiatives"][0], level="track-9")] + saved["initiatives"][1:])),
        encoding="utf-8",
    )
    root.locator("input[type=file]").set_input_files(str(bad))
    page.wait_for_function(f"() => document.querySelector('{sel} .ttb-status').textContent.startsWith('Not imported')")
    assert "bad.json: initiative 1 field 'level' is \"track-9\"" in root.locator(".ttb-status").inner_text()
    _shot(page, root.locator(".ttk-draw"), "multi-track-map.png")
    assert _offsite(log, server) == [] and log["errors"] == []
    context.close()
