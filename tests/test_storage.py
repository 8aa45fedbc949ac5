"""Browser storage has one home: assets/tracktwo/storage.js (``window.TTStorage``).

* its pure parts under Node (tests/js/storage.test.js);
* no other page script touches localStorage, sessionStorage or IndexedDB (a grep of the sources and
  the built bundles), and only storage.js and the offline copy touch Cache Storage or the service
  worker;
* the plugin loads it first on every page with the edition's prefix, course version and keep mode;
* in Chromium with a persistent profile: in keep-nothing mode an answer, a map and a design leave
  nothing of the course in localStorage, IndexedDB or Cache Storage once the browser is closed; in
  device mode they survive it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from support import CHROMIUM, CHROMIUM_ARGS, ROOT

NODE = shutil.which("node")
STORAGE_JS = "assets/tracktwo/storage.js"
#: Code that reaches the browser's stores (not a word in prose: an access, `localStorage.x` or `["localStorage"]`).
STORE_ACCESS = re.compile(
    r"\b(localStorage|sessionStorage|indexedDB)\s*(\.|\[)|\[\s*[\"'](localStorage|sessionStorage|indexedDB)[\"']\s*\]"
)
OFFLINE_ACCESS = re.compile(r"\bcaches\s*\.|\bserviceWorker\s*\.")
#: The offline copy's control and its service worker may use Cache Storage and the worker API.
OFFLINE_FILES = {STORAGE_JS, "assets/tracktwo/offline.js", "assets/tracktwo/offline-sw.js"}


def _sources() -> list[str]:
    """Every file that can reach a page: the course's scripts, the built bundles, templates, and Python
    that writes markup (git's tracked and new files; not tests, not node_modules)."""
    out = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [
        p
        for p in out
        if p.endswith((".js", ".mjs", ".html", ".py"))
        and not p.startswith("tests/")
        and "node_modules" not in p
        and (ROOT / p).is_file()
    ]


def storage_offenders(files: list[str], root: Path = ROOT) -> list[str]:
    """'path:line: text' for each access to browser storage outside storage.js (pure over the files)."""
    found = []
    for rel in files:
        if rel == STORAGE_JS:
            continue
        text = (root / rel).read_text(encoding="utf-8", errors="replace")
        for n, line in enumerate(text.splitlines(), 1):
            if STORE_ACCESS.search(line) or (rel not in OFFLINE_FILES and OFFLINE_ACCESS.search(line)):
                found.append(f"{rel}:{n}: {line.strip()[:120]}")
    return found


def test_storage_unit_tests_pass_under_node():
    if NODE is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the JavaScript unit tests, but `node` is not installed")
        pytest.skip("Node is not installed: the JavaScript unit tests of storage.js need `node` (20+)")
    proc = subprocess.run(
        [NODE, "--test", str(ROOT / "tests" / "js" / "storage.test.js")], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "# pass 11" in proc.stdout and "# fail 0" in proc.stdout, proc.stdout[-800:]


def test_no_page_script_touches_browser_storage_except_storage_js():
    files = _sources()
    assert STORAGE_JS in files and "tracktwo/exercises/static/exercises.js" in files
    assert any(p.endswith("conflict-map.iife.js") for p in files), "the built bundles are checked too"
    offenders = storage_offenders(files)
    assert offenders == [], "use window.TTStorage (assets/tracktwo/storage.js) instead:\n" + "\n".join(offenders)


def test_the_guard_sees_a_direct_write(tmp_path):
    (tmp_path / "a.js").write_text('// kept in localStorage\nwindow.localStorage.setItem("k", 1);\n')
    (tmp_path / "b.js").write_text('var s = window["sessionStorage"];\ncaches.keys();\n')
    (tmp_path / "c.js").write_text("// words in localStorage, sessionStorage and caches are prose\n")
    assert storage_offenders(["a.js", "b.js", "c.js"], tmp_path) == [
        'a.js:2: window.localStorage.setItem("k", 1);',
        'b.js:1: var s = window["sessionStorage"];',
        "b.js:2: caches.keys();",
    ]


def test_the_script_tag_carries_the_editions_prefix_version_and_keep_mode():
    from tracktwo import COURSE_VERSION
    from tracktwo.editions import settings
    from tracktwo.sphinxext.storage import script_attributes

    assert script_attributes(settings({})) == {
        "data-prefix": "tracktwo",
        "data-course-version": COURSE_VERSION,
        "data-keep": "device",
    }
    neutral = settings({"TRACKTWO_TITLE": "Course notes", "TRACKTWO_KEEP": "nothing"})
    assert script_attributes(neutral)["data-prefix"] == "cn"
    assert script_attributes(neutral)["data-keep"] == "nothing"


def test_every_page_loads_storage_js_first(site):
    pages = [
        "index.html",
        "book/part1/levels.html",
        "book/mapping/build-a-map.html",
        "notebooks/design-a-dialogue.html",
        "search.html",
    ]
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]*tracktwo/[^\"]*)\"", html)
        assert scripts and "tracktwo/storage.js" in scripts[0], (rel, scripts[:3])
        tag = re.search(r"<script\b[^>]*storage\.js[^>]*>", html).group(0)
        assert 'data-prefix="tracktwo"' in tag and 'data-keep="device"' in tag and "data-course-version=" in tag, tag


# ------------------------------------------------------------------------------------------------
# In Chromium, with a profile kept on disk between two launches
# ------------------------------------------------------------------------------------------------

CHAPTER = "book/part1/levels.html"
ITEM = "part1-levels/south-africa"
BUILDER = "book/mapping/build-a-map.html"
B = "#tt-map-builder-builder"
DESIGN = "notebooks/design-a-dialogue.html"

WHAT_IS_KEPT = """async () => {
  const course = (k) => k.startsWith("tracktwo:") || k.startsWith("tracktwo-");
  const local = Object.keys(localStorage).filter(course);
  const dbs = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
  const cached = await caches.keys();
  const workers = (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope);
  return { local, dbs, cached, workers, session: Object.keys(sessionStorage).filter(course) };
}"""


def _launch(browser, profile: Path):
    context = browser.browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport={"width": 1100, "height": 900}
    )
    problems: list[str] = []
    context.on(
        "page",
        lambda pg: (
            pg.on("pageerror", lambda e: problems.append(str(e))),
            pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None),
            pg.on("dialog", lambda d: d.accept()),
        ),
    )
    return context, problems


def _work(page, server) -> None:
    """Answer an exercise, build a map with one actor, choose a design's track."""
    page.goto(f"{server}/{CHAPTER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    root = page.locator(f'[data-tt-exercise="{ITEM}"]')
    root.scroll_into_view_if_needed()
    root.locator('input[value="formula"]').check()
    root.locator("button.tt-ex-check").click()
    page.wait_for_function("() => document.querySelector('.tt-ex-page-score').textContent.match(/\\b1 of/)")

    page.goto(f"{server}/{BUILDER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.wait_for_selector(f"{B}[data-ready]")
    builder = page.locator(B)
    builder.get_by_label("Name", exact=True).fill("Hill")
    builder.get_by_role("button", name="Add actor").click()
    page.wait_for_function(f"() => document.querySelector('{B} .tt-interactive-view').dataset.actors === '1'")

    page.goto(f"{server}/{DESIGN}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.wait_for_selector("div.tt-design[data-ready]")
    page.locator("div.tt-design").get_by_label("Track 1.5 (officials in a private capacity, deniable)", exact=True).check()
    # answer a finding: a rebuttal with a reason is kept with the design (issue 30)
    design = page.locator("div.tt-design")
    design.get_by_label("State Administration Council (SAC) representatives", exact=True).check()
    design.get_by_label("EAO leaders: NCA signatories", exact=True).check()
    design.locator("details.tt-design-details summary").click()
    finding = design.locator(".tt-design-results li[data-rule]").first
    finding.get_by_label("Rebut", exact=True).check()
    finding.get_by_label("Your reason (needed to rebut)").fill("A reason kept only as long as asked")
    assert "1 rebutted" in design.locator(".tt-design-short").inner_text()

    # judge one ripeness card with evidence
    page.goto(f"{server}/notebooks/ripeness-evidence.html")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.wait_for_selector("div.tt-ripeness-card[data-ready]")
    card = page.locator("div.tt-ripeness-card").first
    for field in ("stalemate.a", "stalemate.b", "way_out.a", "way_out.b"):
        card.locator(f'fieldset[data-judge="{field}"]').get_by_label("emerging", exact=True).check()
    assert card.get_attribute("data-state") == "ripening"


def _keep_nothing(page) -> None:
    switch = page.locator(".tt-keep-button")
    assert switch.inner_text() == "Keep nothing"
    switch.click()
    page.wait_for_function("() => document.querySelector('.tt-keep').dataset.mode === 'nothing'")
    assert "forgotten when you close this tab" in page.locator(".tt-keep-status").inner_text()


def test_keep_nothing_leaves_nothing_of_the_course_after_the_browser_closes(site, server, browser, tmp_path):
    profile = tmp_path / "profile"
    context, problems = _launch(browser, profile)
    page = context.new_page()
    page.goto(f"{server}/index.html")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    _keep_nothing(page)
    _work(page, server)
    kept = page.evaluate(WHAT_IS_KEPT)
    # This tab has the work (in sessionStorage), the device nothing, not even the choice.
    assert len(kept["session"]) >= 5, kept  # the mode, the answer, the map library, the design, a card's judgement
    assert any("design:v1:main" in k for k in kept["session"]) and any(":ripeness:v1:" in k for k in kept["session"]), kept
    assert kept["local"] == [] and kept["cached"] == [] and kept["workers"] == [], kept
    # The offline copy is off, with the reason.
    offline = page.locator(".tt-offline")
    assert offline.get_attribute("data-state") == "nothing"
    assert page.locator(".tt-offline-keep").is_disabled()
    assert "keeps nothing on this device" in page.locator(".tt-offline-status").inner_text()
    # A search: Sphinx writes the searched words to localStorage for the result page's highlighter;
    # keeping nothing, storage.js keeps that key in this tab's sessionStorage (the highlighter still
    # finds it), as an empty frame of the same origin (Storage's own methods, not wrapped) shows.
    page.goto(f"{server}/search.html?q=junta", wait_until="networkidle")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    assert page.evaluate("() => localStorage.getItem('sphinx_highlight_terms')") == "junta"
    assert page.evaluate("""() => {
        const frame = document.body.appendChild(document.createElement("iframe"));
        const w = frame.contentWindow;
        return [w.localStorage.getItem("sphinx_highlight_terms"), w.sessionStorage.getItem("sphinx_highlight_terms"),
                w.Storage.prototype.getItem === Storage.prototype.getItem];
    }""") == [None, "junta", False]
    # The same tab, another page: still keeping nothing, and the answer is still there.
    page.goto(f"{server}/{CHAPTER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    assert page.locator(".tt-keep").get_attribute("data-mode") == "nothing"
    assert page.locator(f'[data-tt-exercise="{ITEM}"] input[value="formula"]').is_checked()
    context.close()
    assert problems == []

    context, problems = _launch(browser, profile)
    page = context.new_page()
    page.goto(f"{server}/{CHAPTER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    kept = page.evaluate(WHAT_IS_KEPT)
    assert kept == {"local": [], "dbs": [], "cached": [], "workers": [], "session": []}, kept
    assert page.evaluate("() => localStorage.getItem('sphinx_highlight_terms')") is None
    assert not page.locator(f'[data-tt-exercise="{ITEM}"] input[value="formula"]').is_checked()
    # Nothing on disk either: the profile's Local Storage and IndexedDB folders do not hold the prefix.
    for folder in ("Default/Local Storage", "Default/IndexedDB", "Default/Service Worker"):
        for path in (profile / folder).rglob("*") if (profile / folder).exists() else []:
            if path.is_file():
                assert b"tracktwo:" not in path.read_bytes() and b"junta" not in path.read_bytes(), path
    context.close()
    assert problems == []


def test_device_mode_keeps_the_work_across_a_browser_restart(site, server, browser, tmp_path):
    profile = tmp_path / "profile"
    context, problems = _launch(browser, profile)
    page = context.new_page()
    page.goto(f"{server}/index.html")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    assert page.locator(".tt-keep").get_attribute("data-mode") == "device"
    assert page.locator(".tt-keep-status").inner_text() == "Keeping your work on this device"
    _work(page, server)
    context.close()

    context, problems2 = _launch(browser, profile)
    page = context.new_page()
    page.goto(f"{server}/{CHAPTER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    kept = page.evaluate(WHAT_IS_KEPT)
    assert f"tracktwo:2026.1:exercise:{ITEM}" in kept["local"], kept
    assert "tracktwo:maps:v1:map-builder:builder" in kept["local"] and "tracktwo:design:v1:main" in kept["local"], kept
    assert "tracktwo:keep" not in kept["local"], "device mode is the default: no choice to remember"
    assert page.locator(f'[data-tt-exercise="{ITEM}"] input[value="formula"]').is_checked()
    page.goto(f"{server}/{BUILDER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.wait_for_selector(f"{B}[data-ready]")
    assert page.locator(f"{B} .tt-interactive-view").get_attribute("data-actors") == "1"
    # Switching to keep-nothing offers to remove it (the dialog is accepted): then the device is empty.
    _keep_nothing(page)
    page.wait_for_function("() => document.querySelector('.tt-keep-note').textContent.startsWith('Removed')")
    kept = page.evaluate(WHAT_IS_KEPT)
    assert kept["local"] == [], kept
    assert page.locator(f"{B} .tt-interactive-view").get_attribute("data-actors") == "1", "this tab keeps its work"
    context.close()
    assert problems == [] and problems2 == []


def test_export_works_when_keeping_nothing_and_its_file_names_are_neutral(site, server, browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}/{BUILDER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    _keep_nothing(page)
    page.wait_for_selector(f"{B}[data-ready]")
    builder = page.locator(B)
    builder.get_by_label("Title", exact=True).fill("Meeting with the Hill people")
    builder.get_by_role("button", name="Save title, viewpoint and date").click()
    builder.get_by_label("Name", exact=True).fill("Hill")
    builder.get_by_role("button", name="Add actor").click()
    names = []
    for button in ("Export JSON", "Export CSV"):
        with page.expect_download() as dl:
            builder.get_by_role("button", name=button).click()
        names.append(dl.value.suggested_filename)
        text = Path(dl.value.path()).read_text(encoding="utf-8")
        assert "Meeting with the Hill people" in text and "Hill" in text  # the title is inside, not in the name
    tree = page.locator("#tt-worksheet-tree")
    tree.scroll_into_view_if_needed()
    page.wait_for_selector("#tt-worksheet-tree[data-ready]")
    with page.expect_download() as dl:
        tree.get_by_role("button", name="Export CSV").click()
    names.append(dl.value.suggested_filename)
    date = r"\d{4}-\d\d-\d\d"
    assert [re.sub(date, "DATE", n) for n in names] == ["map-DATE.json", "map-DATE.csv", "worksheet-DATE.csv"], names
    assert page.evaluate(WHAT_IS_KEPT)["local"] == []
    context.close()
