"""Issue 32: pages that settle on a cheap phone, and work kept that survives the browser.

* Nothing shifts while a page loads (a 412 px phone, CPU slowed 4x): the keep switch and the
  instructor toggle have slots, figures keep their drawn height (course.css reads it off the box).
* Figures wait for the learner: no plotly.js until the first touch, scroll, key or pointer move,
  then each figure near the screen is drawn; the "Draw" button draws one at once; from file:// too,
  where the figure still hovers and zooms.
* Every page has a meta description, from its questions.
* Persistent storage is asked for; when refused, the keep switch says so and links to the export page.

Lighthouse's own numbers are a measurement (scripts/lighthouse.py, `make benchmark`), not a test.
"""

from __future__ import annotations

import re

import pytest

from support import BRING_FIGURES_INTO_VIEW, html_pages

#: Layout shifts, as Chromium reports them to the page (the CLS that Lighthouse sums), without those
#: just after an input.
SHIFTS = """window.__ttShifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) {
  window.__ttShifts.push({value: e.value, sources: (e.sources || []).map(s => s.node && s.node.nodeType === 1
    ? s.node.tagName + '.' + s.node.className : String(s.node && s.node.nodeName))}); } } })
  .observe({type: 'layout-shift', buffered: true});"""

SETTLE_PAGES = [
    "book/review.html",  # exercises, the instructor toggle
    "book/part1/levels.html",  # a figure
    "book/part2/coup.html",  # a figure and a map
    "notebooks/mapping.html",  # map tools
    "notebooks/timeline.html",  # a tall figure, upright on a phone
    "index.html",
]


def _phone(browser, **extra):
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True, **extra
    )
    page = context.new_page()
    return context, page


@pytest.mark.parametrize("name", SETTLE_PAGES)
def test_nothing_shifts_while_a_page_loads_on_a_phone(site, server, browser, name):
    context, page = _phone(browser)
    page.add_init_script(SHIFTS)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(f"{server}/{name}", wait_until="load")
    page.wait_for_timeout(1500)
    shifts = page.evaluate("window.__ttShifts")
    context.close()
    total = sum(s["value"] for s in shifts)
    assert total <= 0.1, f"{name}: layout shift {total:.3f}: {shifts}"


def _plotly_requests(page) -> list[str]:
    got: list[str] = []
    page.on("request", lambda r: got.append(r.url) if "plotly" in r.url else None)
    return got


def test_a_figure_waits_for_the_learner_then_draws_near_the_screen(site, server, browser):
    context, page = _phone(browser)
    fetched = _plotly_requests(page)
    page.goto(f"{server}/book/part2/nld.html", wait_until="networkidle")
    page.wait_for_timeout(500)
    fig = page.locator("div.tt-plotly").first
    assert fetched == [] and fig.locator("svg.main-svg").count() == 0, "plotly.js ran before the learner did anything"
    box = fig.bounding_box()
    assert box and box["height"] >= 700, f"the figure's box is not its drawn height: {box}"
    page.evaluate(BRING_FIGURES_INTO_VIEW)  # a scroll: the learner is there
    page.wait_for_selector("div.tt-plotly svg.main-svg", timeout=20000)
    assert any("plotly" in u for u in fetched)
    context.close()


def test_the_draw_button_draws_a_figure_at_once_and_keeps_the_focus_there(site, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/notebooks/timeline.html", wait_until="networkidle")
    button = page.locator("div.tt-plotly .tt-fig-draw").first
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("div.tt-plotly svg.main-svg", timeout=20000)
    assert page.locator(".tt-fig-draw").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('tt-plotly')")
    context.close()


def test_a_figure_draws_hovers_and_zooms_from_file(site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "book" / "part2" / "nld.html").as_uri(), wait_until="load")
    fig = page.locator("div.tt-plotly").first
    fig.scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    page.wait_for_selector("div.tt-plotly svg.main-svg", timeout=20000)
    page.wait_for_timeout(300)
    gd = "document.querySelector('div.tt-plotly')"
    # hover: the first marker's hover label
    page.evaluate(
        f"() => window.Plotly.Fx.hover({gd}, [{{curveNumber: {gd}.data.findIndex(t => t.mode === 'markers'), pointNumber: 0}}])"
    )
    page.wait_for_timeout(200)
    assert fig.locator(".hoverlayer .hovertext").count() >= 1
    # zoom: drag across the plot area
    before = page.evaluate(f"() => {gd}._fullLayout.xaxis.range.slice()")
    area = fig.locator(".nsewdrag").first.bounding_box()
    page.mouse.move(area["x"] + area["width"] * 0.3, area["y"] + area["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] * 0.6, area["y"] + area["height"] * 0.5, steps=8)
    page.mouse.up()
    page.wait_for_timeout(400)
    after = page.evaluate(f"() => {gd}._fullLayout.xaxis.range.slice()")
    context.close()
    assert after != before, (before, after)
    assert errors == []


def test_every_page_has_a_description_from_its_questions(site):
    missing, samples = [], {}
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        m = re.search(r'<meta name="description" content="([^"]+)"', text)
        if not m or len(m.group(1)) < 20 or "<" in m.group(1) or "&lt;" in m.group(1):
            missing.append(path.relative_to(site).as_posix())
        else:
            samples[path.relative_to(site).as_posix()] = m.group(1)
    assert not missing, missing
    assert samples["book/review.html"].startswith("What are the brief")


def test_the_description_is_the_questions_then_the_first_paragraph():
    from docutils import nodes

    from tracktwo.sphinxext.light_chrome import DESCRIPTION_MAX, description

    doc = nodes.document(None, None)
    doc += nodes.paragraph(text="An opening paragraph long enough to describe the page.")
    box = nodes.admonition(classes=["admonition", "tt-questions"])
    items = nodes.bullet_list()
    for q in ("What is Track Two?", "Who takes part?"):
        item = nodes.list_item()
        item += nodes.paragraph(text=q)
        items += item
    box += items
    doc += box
    assert description(doc) == "What is Track Two? Who takes part?"
    doc.remove(box)
    assert description(doc) == "An opening paragraph long enough to describe the page."
    doc += nodes.paragraph(text="")
    doc.children[0] = nodes.paragraph(text="word " * 100)
    assert len(description(doc)) <= DESCRIPTION_MAX and description(doc).endswith("\u2026")


PERSIST = """(granted) => { Object.defineProperty(navigator, 'storage', { configurable: true, value: {
  persisted: () => Promise.resolve(false), persist: () => { window.__asked = (window.__asked || 0) + 1;
  return Promise.resolve(granted); }, estimate: () => Promise.resolve({}) } }); }"""


@pytest.mark.parametrize("granted", [False, True])
def test_kept_work_asks_to_persist_and_points_to_export_when_refused(site, server, browser, granted):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.add_init_script(f"({PERSIST})({str(granted).lower()})")
    page.goto(f"{server}/book/review.html", wait_until="load")
    page.evaluate("() => window.TTStorage.set(window.TTStorage.key('test', 'answer'), {a: 1})")
    page.reload(wait_until="load")
    page.wait_for_timeout(300)
    asked = page.evaluate("window.__asked || 0")
    note = page.locator(".tt-keep-note")
    text, link = note.inner_text(), note.locator("a")
    href = link.get_attribute("href") if link.count() else None
    context.close()
    assert asked == 1
    if granted:
        assert text.strip() == ""
    else:
        assert "seven" in text and href == "../book/my-work.html", (text, href)
