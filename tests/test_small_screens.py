"""Small screens: the book on a phone 390 CSS px wide.

* Every page with a figure: a full-page screenshot (kept in _build/screenshots-390/ for review),
  which must be exactly 390 px wide: the page body does not scroll sideways. Each figure keeps its
  title, menus, annotations, legend and range slider inside its own box, without overlaps, and its
  plot keeps 100 px at least (tracktwo's a11y.js reflows plotly layouts that do not fit, and lets a
  layout that cannot reflow scroll sideways in its own focusable box; see
  docs/decisions/0003-quality-gates.md).
* Every other page: the body does not scroll sideways either (no screenshot).
"""

from __future__ import annotations

import struct

import pytest

from support import BUILD, draw_figures, html_pages

pytestmark = pytest.mark.browser

WIDTH = 390
SHOTS = BUILD / "screenshots-390"
MIN_PLOT_WIDTH = 100  # px of plot area left beside axis labels

#: Horizontal overflow of the document, and content poking out of the viewport (unless it sits in
#: a box that scrolls by itself, such as a wide table's wrapper).
OVERFLOW = """(width) => {
  const doc = document.documentElement;
  const out = [];
  if (doc.scrollWidth > width || document.body.scrollWidth > width) {
    out.push(`document is ${Math.max(doc.scrollWidth, document.body.scrollWidth)} px wide`);
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n && out.length < 4; n = walk.nextNode()) {  // text that does not wrap
      const range = document.createRange();
      range.selectNodeContents(n);
      if (Array.from(range.getClientRects()).some(r => r.right > width + 1)) {
        out.push(`text reaches past the screen in ${n.parentElement.tagName.toLowerCase()}: "${n.textContent.trim().slice(0, 60)}"`);
      }
    }
  }
  const scrolls = el => { for (let e = el.parentElement; e; e = e.parentElement) {
    const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { return e; } }
    return null; };
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || (r.right <= width + 1 && r.left >= -1)) { continue; }
    if (!el.checkVisibility({visibilityProperty: true})) { continue; }  // e.g. the theme's closed drawers
    const box = scrolls(el);
    if (box && box !== document.body && box !== doc && box.getBoundingClientRect().right <= width + 1) { continue; }
    if (el.closest('.tt-plotly')) { continue; }  // plotly's layers: checked per figure below
    out.push(`${el.tagName.toLowerCase()}.${(el.getAttribute('class') || '').split(' ')[0]} spans ${Math.round(r.left)}..${Math.round(r.right)} px`);
    if (out.length > 5) { break; }
  }
  return out;
}"""

#: Each figure: its parts stay inside it and do not cover each other.
FIGURE_FIT = """() => Array.from(document.querySelectorAll('div.tt-plotly')).map((gd, n) => {
  const out = [], seen = gd.getBoundingClientRect();
  // A figure that cannot reflow scrolls sideways in its own box: its parts must fit the full width.
  const scrolls = gd.classList.contains('tt-scrolls');
  const box = scrolls ? {left: seen.left - gd.scrollLeft, right: seen.left - gd.scrollLeft + gd._fullLayout.width} : seen;
  if (scrolls && gd.getAttribute('tabindex') !== '0') { out.push(`figure ${n + 1} scrolls sideways but the keyboard cannot focus it`); }
  const parts = {title: '.gtitle', legend: '.legend', 'range slider': '.rangeslider-container',
                 'x axis': '.xaxislayer-above'};
  gd.querySelectorAll('.updatemenu-header-group').forEach((g, i) => { parts['menu ' + (i + 1)] = g; });
  gd.querySelectorAll('.annotation').forEach((g, i) => { parts['annotation ' + (i + 1)] = g; });
  const rect = p => { const e = typeof p === 'string' ? gd.querySelector(p) : p; return e ? e.getBoundingClientRect() : null; };
  for (const [name, p] of Object.entries(parts)) {
    const r = rect(p);
    if (r && r.width && (r.left < box.left - 1 || r.right > box.right + 1)) {
      out.push(`figure ${n + 1}: the ${name} spans ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} px of a ${Math.round(box.right - box.left)} px figure`);
    }
  }
  const hit = (a, b) => a && b && a.width && b.width && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (const other of ['range slider', 'x axis']) {
    if (hit(rect(parts.legend), rect(parts[other]))) { out.push(`figure ${n + 1}: the legend covers the ${other}`); }
  }
  const menus = Object.keys(parts).filter(k => k.startsWith('menu '));
  menus.forEach((m, i) => {
    if (hit(rect(parts.title), rect(parts[m]))) { out.push(`figure ${n + 1}: the title and ${m} overlap`); }
    menus.slice(i + 1).forEach(o => { if (hit(rect(parts[m]), rect(parts[o]))) { out.push(`figure ${n + 1}: ${m} and ${o} overlap`); } });
  });
  const size = gd._fullLayout && gd._fullLayout._size;
  if (size && size.w < %d) { out.push(`figure ${n + 1}: only ${Math.round(size.w)} px left for the plot`); }
  return out;
}).flat()""".replace("%d", str(MIN_PLOT_WIDTH))  # a JS body: f-string braces would need doubling

#: The figure's layout as a string: it has settled when this stops changing.
LAYOUT_STATE = """() => JSON.stringify(Array.from(document.querySelectorAll('div.tt-plotly')).map(gd => {
  const l = gd._fullLayout || {}; return [l.width, l.height, (l.updatemenus || []).map(m => [m.type, m.x]),
  l.title && l.title.text, l.legend && l.legend.yref]; }))"""


def png_width(data: bytes) -> int:
    return struct.unpack(">I", data[16:20])[0]


def settle(page) -> None:
    draw_figures(page)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('div.tt-plotly'))"
        ".every(d => d.querySelector('svg.main-svg') && d.dataset.ttA11y)",
        timeout=15000,
    )
    last = None
    for _ in range(40):  # the reflow takes a few redraws
        state = page.evaluate(LAYOUT_STATE)
        if state == last:
            return
        last = state
        page.wait_for_timeout(150)


def test_every_page_fits_a_390_px_screen_and_figures_keep_their_parts_inside(site, server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True)
    problems, shots = [], 0
    for path in html_pages(site):
        name = path.relative_to(site).as_posix()
        page = context.new_page()
        page.goto(f"{server}/{name}", wait_until="load")
        has_figure = page.locator("div.tt-plotly").count() > 0
        if has_figure:
            settle(page)
            image = page.screenshot(path=str(SHOTS / name.replace("/", "__").replace(".html", ".png")), full_page=True)
            shots += 1
            if png_width(image) != WIDTH:
                problems.append(f"{name}: the full-page screenshot is {png_width(image)} px wide, not {WIDTH}")
            problems += [f"{name}: {p}" for p in page.evaluate(FIGURE_FIT)]
        problems += [f"{name}: {p}" for p in page.evaluate(OVERFLOW, WIDTH)]
        page.close()
    context.close()
    print(f"{len(html_pages(site))} pages at {WIDTH} px; {shots} screenshots in {SHOTS}")
    assert (SHOTS / "notebooks__timeline.png").exists(), "the timeline page has no 390 px screenshot"
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# Issue 32's defects at 390 px (tried in Chromium here; Firefox and WebKit are not on this machine).


def _shot(name: str) -> str:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return str(SHOTS / name)


def _touch_phone(browser, width: int = WIDTH):
    """A phone (390 px) or tablet without hover: touch events, `(hover: none)` and `(pointer: coarse)`."""
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    cdp.send(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "hover", "value": "none"}, {"name": "pointer", "value": "coarse"}]},
    )
    return context, page


#: Each drawn figure: its toolbar's box and its titles' boxes, and whether they overlap.
TOOLBAR_OVER_TITLE = """() => Array.from(document.querySelectorAll('div.tt-plotly')).map(gd => {
  const bar = gd.querySelector('.modebar-container .modebar');
  const box = gd.getBoundingClientRect();
  if (!bar || !bar.getBoundingClientRect().width) return {shown: false};
  const b = bar.getBoundingClientRect();
  const hits = Array.from(gd.querySelectorAll('.gtitle, .g-gtitle text, .annotation-text'))
    .map(t => t.getBoundingClientRect())
    .filter(t => t.width && !(t.right <= b.left + 1 || t.left >= b.right - 1 || t.bottom <= b.top + 1 || t.top >= b.bottom - 1));
  return {shown: true, overlaps: hits.length, inside: b.top >= box.top - 1};
})"""


@pytest.mark.parametrize(
    "name, width",
    [
        ("book/part2/architectures.html", WIDTH),  # the toolbar was over the title at 390 px
        ("book/part2/coup.html", WIDTH),  # and here
        ("notebooks/timeline.html", WIDTH),  # upright on a phone
        ("book/part2/nld.html", 768),  # a tablet: over the title too
    ],
)
def test_without_hover_plotlys_toolbar_is_never_over_a_title(site, server, browser, name, width):
    context, page = _touch_phone(browser, width)
    page.goto(f"{server}/{name}", wait_until="load")
    assert page.evaluate("matchMedia('(hover: none)').matches")
    page.evaluate("document.querySelectorAll('.tt-fig-draw').forEach(b => b.click())")  # each figure's Draw button
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('div.tt-plotly')).every(d => d.querySelector('svg.main-svg'))"
    )
    page.wait_for_timeout(600)
    found = page.evaluate(TOOLBAR_OVER_TITLE)
    page.screenshot(path=_shot(f"touch-{width}-{name.replace('/', '_').replace('.html', '')}.png"), full_page=False)
    context.close()
    shown = [f for f in found if f["shown"]]
    assert shown, f"{name}: no toolbar shown on a touch screen: {found}"
    assert all(f["overlaps"] == 0 and f["inside"] for f in shown), f"{name}: {found}"


MAP_LABELS = """() => { const host = Array.from(document.querySelectorAll('*')).find(e => e._ttmCy);
  const cy = host._ttmCy; const zoom = cy.zoom();
  return cy.nodes().filter(n => n.visible() && n.data('label')).map(n => n.numericStyle('font-size') * zoom); }"""


@pytest.mark.parametrize("name", ["book/part4/table1-then-now.html", "book/part3/recommendations.html"])
def test_conflict_map_labels_are_legible_at_390_px_before_any_zoom(site, server, browser, name):
    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    page = context.new_page()
    page.goto(f"{server}/{name}", wait_until="load")
    page.locator("div.tt-conflict-map").first.scroll_into_view_if_needed()
    page.wait_for_selector("div.tt-conflict-map[data-ready]", timeout=30000)
    page.wait_for_timeout(500)
    sizes = page.evaluate(MAP_LABELS)
    page.locator("div.tt-conflict-map").first.screenshot(path=_shot(f"map-{name.replace('/', '_').replace('.html', '')}.png"))
    context.close()
    assert sizes and min(sizes) >= 10.5, f"{name}: labels {min(sizes):.1f}-{max(sizes):.1f} px on screen"


#: Words of the page title (not its link mark) that the browser split across lines.
SPLIT_WORDS = """() => { const h = document.querySelector('article h1'); if (!h) return [];
  const out = []; const walk = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.parentElement.closest('.headerlink')) continue;
    for (const m of n.textContent.matchAll(/[^\\s-]+-?/g)) {  // a word, or its part up to a hyphen
      const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
      const lines = new Set(Array.from(r.getClientRects()).filter(x => x.width).map(x => Math.round(x.top)));
      if (lines.size > 1) out.push(m[0]);
    } }
  return out; }"""


def test_page_titles_never_hyphenate_and_keep_their_words_whole(site, server, browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    page = context.new_page()
    split = {}
    for path in html_pages(site):
        name = path.relative_to(site).as_posix()
        page.goto(f"{server}/{name}", wait_until="domcontentloaded")
        words = page.evaluate(SPLIT_WORDS)
        if words:
            split[name] = words
        if name == "book/part3/recommendations.html":
            page.screenshot(path=_shot("title-recommendations.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server}/book/part3/recommendations.html", wait_until="domcontentloaded")
    hyphens = page.evaluate("getComputedStyle(document.querySelector('article h1')).hyphens")
    wide = page.evaluate(SPLIT_WORDS)
    context.close()
    assert hyphens == "manual", hyphens
    assert not wide, wide
    assert not split, f"title words broken across lines at {WIDTH} px: {split}"


#: Each scrolling table's caption: the part of its text outside the box (px), before and after the
#: box is scrolled sideways.
CAPTION_OUTSIDE = """() => Array.from(document.querySelectorAll('.pst-scrollable-table-container')).filter(b => b.querySelector('caption')).map(box => {
  const measure = () => { const b = box.getBoundingClientRect(), r = document.createRange();
    r.selectNodeContents(box.querySelector('caption'));
    const rects = Array.from(r.getClientRects()).filter(x => x.width);
    return Math.max(0, ...rects.map(x => x.right - b.right), ...rects.map(x => b.left - x.left)); };
  const before = measure(); box.scrollLeft = 200; const after = measure(); box.scrollLeft = 0;
  return {before: Math.round(before), after: Math.round(after), wide: box.scrollWidth > box.clientWidth};
})"""


def test_a_wide_tables_caption_stays_inside_its_scrolling_box(site, server, browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    page = context.new_page()
    page.goto(f"{server}/book/part4/table1-then-now.html", wait_until="load")
    found = page.evaluate(CAPTION_OUTSIDE)
    page.locator(".pst-scrollable-table-container").first.scroll_into_view_if_needed()
    page.screenshot(path=_shot("table1-then-now-caption.png"))
    context.close()
    assert any(f["wide"] for f in found), found
    assert all(f["before"] == 0 and f["after"] == 0 for f in found), found
