"""Accessibility gates, on every page of the build.

* axe-core (bundled by axe-playwright-python) on every page: 0 critical and 0 serious violations,
  with WCAG 2.2's target-size rule on, every <details> opened (data tables, hidden cells) and
  animations off (axe must see the settled colours). Colour contrast also in the theme's dark mode
  (its switcher offers it), on the few pages that together use every class of the book's content.
* Every figure has a caption and a text alternative: a summary and a data table.
* Keyboard: on one page for each kind of interactive element found in the build (figure, data
  table, exercise type, form control, the theme's own controls...), Tab alone reaches every visible
  control, and each shows that it has focus; the figure's controls also work from the keyboard.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import draw_figures, html_pages

pytestmark = pytest.mark.browser

BLOCKING = {"critical", "serious"}
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
AXE_CONTRAST = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def settle(page) -> None:
    """Wait until every figure is drawn and its keyboard layer is on, then for two frames."""
    draw_figures(page)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('div.tt-plotly'))"
        ".every(d => d.querySelector('svg.main-svg') && d.dataset.ttA11y)",
        timeout=15000,
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(100 if page.locator("div.tt-plotly").count() else 0)


def open_page(browser, url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(url, wait_until="load")
    # The learner is there: figures draw near the screen and map tools load at the first input
    # (issue 32), before a keyboard user has tabbed through the header to them.
    page.mouse.move(3, 3)
    page.wait_for_load_state("networkidle")
    settle(page)
    return context, page


def describe(violation: dict) -> str:
    nodes = "; ".join(
        f"{' '.join(map(str, n['target']))} {n.get('failureSummary', '').splitlines()[-1].strip() if n.get('failureSummary') else ''}"
        for n in violation["nodes"][:4]
    )
    more = f" (+{len(violation['nodes']) - 4} more)" if len(violation["nodes"]) > 4 else ""
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} -> {nodes}{more}"


# --- axe-core on every page ------------------------------------------------------------------------

#: Runs in the page: axe-core with every <details> open and animations off (axe must see the
#: settled colours); then, if asked, colour contrast again in the theme's dark mode.
AXE_IN_PAGE = """([light, dark, noMotion]) => { window.__ttAxe = (async () => {
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const style = document.createElement('style');
  style.textContent = noMotion;
  document.head.appendChild(style);
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  await frames();
  const result = {light: (await axe.run(document, light)).violations};
  if (dark) {
    document.documentElement.dataset.theme = 'dark';
    document.documentElement.dataset.mode = 'dark';
    await frames();
    result.dark = (await axe.run(document, dark)).violations;
  }
  return result;
})(); }"""


def style_hooks(path: Path) -> set[str]:
    """What the page's content can be styled by: each element's tag with each of its classes."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup
    return {f"{el.name}.{c}" for el in main.find_all(True) for c in (el.get("class") or [""])}


def dark_mode_pages(paths: list[Path], limit: int | None = None) -> set[Path]:
    """A few pages that together use every tag-and-class of the book's content (greedy cover).

    Dark-mode contrast failures come from styles, and styles hang on classes, so checking the
    pages that cover every class finds them without checking every page twice.
    """
    hooks = {p: style_hooks(p) for p in paths}
    left, chosen = set().union(*hooks.values()), set()
    while left and (limit is None or len(chosen) < limit):
        best = max(paths, key=lambda p: (len(hooks[p] & left), -paths.index(p)))
        chosen.add(best)
        left -= hooks[best]
    return chosen


def run_axe(site: Path, server: str, browser, paths: list[Path], dark_pages: set[Path]) -> tuple[list[str], Counter]:
    """axe-core on each page (light mode, and dark mode on ``dark_pages``): blocking failures, tally."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    context.add_init_script(script=Axe().axe_script)
    page = context.new_page()
    failures, tally = [], Counter()
    for path in paths:
        name = rel(site, path)
        page.goto(f"{server}/{name}", wait_until="load")
        settle(page)
        page.evaluate(AXE_IN_PAGE, [AXE_OPTIONS, AXE_CONTRAST if path in dark_pages else None, NO_MOTION])
        for mode, violations in page.evaluate("() => window.__ttAxe").items():
            for v in violations:
                tally[(v["impact"], v["id"])] += 1
                if v["impact"] in BLOCKING:
                    failures.append(f"{name} ({mode}): {describe(v)}")
    context.close()
    return failures, tally


def _report(site, paths, dark_pages, tally) -> None:
    print(
        f"\naxe-core on {len(paths)} pages (dark mode too on {len(dark_pages)}: "
        f"{', '.join(sorted(rel(site, p) for p in dark_pages))}); violations by impact/rule (pages):",
        ", ".join(f"{i}/{r}: {n}" for (i, r), n in sorted(tally.items())) or "none",
    )


def test_axe_on_the_six_pages_that_cover_most_styles_in_light_and_dark_mode(site, server, browser):
    """`make test`: the six pages that together use the most tags-and-classes of the content, both modes.

    Every page is checked in the slow tier (below). Styles hang on classes, so the pages chosen
    greedily for the most classes not yet covered find most failing styles at a third of the cost.
    """
    cover = dark_mode_pages(html_pages(site), limit=6)
    paths = sorted(cover)
    failures, tally = run_axe(site, server, browser, paths, cover)
    _report(site, paths, cover, tally)
    assert len(paths) == 6, paths
    assert not failures, "\n".join(failures)


def test_axe_finds_no_critical_or_serious_violation_on_any_page(site, server, browser):
    """Slow tier (tests/conftest.py): axe on every page, and dark mode on the covering pages."""
    paths = html_pages(site)
    dark_pages = dark_mode_pages(paths)
    failures, tally = run_axe(site, server, browser, paths, dark_pages)
    _report(site, paths, dark_pages, tally)
    assert not failures, "\n".join(failures)


def test_bibliography_entries_become_list_items():
    from tracktwo.sphinxext.a11y import fix_body

    body = (
        '<div role="list" class="citation-list"><div class="citation" id="id3" role="doc-biblioentry">'
        '<span class="label">x</span></div></div><div role="doc-biblioentry">other</div>'
    )
    fixed = fix_body(body)
    assert '<div class="citation" id="id3" role="listitem">' in fixed
    assert '<div role="doc-biblioentry">other</div>' in fixed  # only docutils' citation entries change


# --- figures: caption and text alternative ---------------------------------------------------------


def test_every_figure_has_a_caption_a_summary_and_a_data_table(site):
    problems, count = [], 0
    for path in html_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        main = soup.find("main") or soup
        for fig in main.find_all("figure"):
            count += 1
            where = f"{rel(site, path)}: figure {count}"
            caption = fig.find("figcaption")
            labelled = [soup.find(id=i) for i in (fig.get("aria-labelledby") or "").split()]
            if not (caption and caption.get_text(strip=True)) and not any(e and e.get_text(strip=True) for e in labelled):
                problems.append(f"{where}: no caption (<figcaption>, or aria-labelledby naming a visible element)")
            for img in fig.find_all("img"):
                if not img.get("alt", "").strip():
                    problems.append(f"{where}: <img src={img.get('src')}> has no alt text")
            chart = fig.find(class_="tt-plotly")
            if chart is None:
                continue  # an image figure: caption and alt text are its text alternative
            if not (chart.get("aria-label") or "").strip():
                problems.append(f"{where}: the chart has no accessible name")
            summary = fig.find(class_="tt-fig-summary")
            if not (summary and summary.get_text(strip=True)):
                problems.append(f"{where}: no summary (p.tt-fig-summary)")
            table = fig.select_one("details.tt-fig-data table")
            if not table or not table.select("thead th") or not table.select("tbody tr"):
                problems.append(f"{where}: no data table with column headers and rows (details.tt-fig-data)")
    print(f"{count} figures checked")
    assert not problems, "\n".join(problems)


# --- keyboard --------------------------------------------------------------------------------------

#: Everything a pointer can operate. plotly draws its own controls as SVG; tracktwo's a11y.js makes
#: them focusable, and this list makes sure it keeps doing so.
CONTROLS = ", ".join(
    [
        "a[href]",
        "area[href]",
        "button",
        "input:not([type=hidden])",
        "select",
        "textarea",
        "summary",
        "[tabindex]:not([tabindex='-1'])",
        "[contenteditable='true']",
        *(
            f"[role={r}]"
            for r in (
                "button",
                "link",
                "checkbox",
                "radio",
                "switch",
                "tab",
                "menuitem",
                "menuitemradio",
                "menuitemcheckbox",
                "option",
                "slider",
                "spinbutton",
                "combobox",
            )
        ),
        ".updatemenu-button",
        ".updatemenu-header",
        ".updatemenu-dropdown-button",
        ".legend .traces",
        ".rangeslider-slidebox",
        ".modebar-btn",
    ]
)

#: Mark every visible control with data-kb (a number) and a group: the members of a radio group,
#: a tab list or a listbox share one Tab stop (arrow keys move inside), so reaching one is enough.
MARK_CONTROLS = """(selector) => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
    && (!el.checkVisibility || el.checkVisibility({visibilityProperty: true}))
    && !el.closest('[inert], [hidden], dialog:not([open])')
    && !(el.closest('details:not([open])') && !el.closest('details:not([open]) > summary'));
  const out = [];
  document.querySelectorAll(selector).forEach((el, i) => {
    if (!shown(el) || el.closest('[data-kb]')) { return; }
    el.dataset.kb = String(i);
    let group = 'c' + i;
    if (el.matches('input[type=radio]') && el.name) { group = 'radio:' + (el.form ? el.form.id : '') + el.name; }
    const set = el.closest('[role=radiogroup], [role=tablist], [role=listbox], [role=menu], [role=menubar]');
    if (set && el.matches('[role=radio], [role=tab], [role=option], [role^=menuitem]')) {
      set.dataset.kbSet = set.dataset.kbSet || String(i);
      group = 'set:' + set.dataset.kbSet;
    }
    el.dataset.kbGroup = group;
    const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim().replace(/\\s+/g, ' ');
    out.push({kb: String(i), group, desc: `${el.tagName.toLowerCase()}.${(el.getAttribute('class') || '').split(' ')[0]} "${label.slice(0, 40)}"`});
  });
  return out;
}"""

#: Record each focused control's group, and whether its focus can be seen: an outline or a ring
#: (box-shadow) on it or its parent, or for plotly's SVG controls a stroked outline; and not
#: transparent (a control that only appears on hover was found this way).
RECORD_FOCUS = """() => { window.__ttFocused = []; window.__ttUnseen = [];
  const ring = el => { if (!el || el.nodeType !== 1) { return false; } const cs = getComputedStyle(el);
    return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none'; };
  const svgRing = el => Array.from(el.querySelectorAll(':scope > rect')).concat(el.tagName === 'rect' ? [el] : [])
    .some(r => parseFloat(getComputedStyle(r).strokeWidth) >= 2);
  const opaque = el => { for (let e = el; e; e = e.parentElement) { if (parseFloat(getComputedStyle(e).opacity) === 0) { return false; } } return true; };
  document.addEventListener('focusin', e => { const c = e.target.closest && e.target.closest('[data-kb]');
    const group = c ? c.dataset.kbGroup : e.target.tagName;
    window.__ttFocused.push(group);
    const t = e.target;
    if (c && !(opaque(t) && (ring(t) || ring(t.parentElement) || (t instanceof SVGElement && svgRing(t))))) {
      window.__ttUnseen.push(group); }
  }, true); }"""


WIDGET_ROLES = {
    "button",
    "link",
    "checkbox",
    "radio",
    "radiogroup",
    "switch",
    "tab",
    "tablist",
    "menu",
    "menubar",
    "menuitem",
    "menuitemradio",
    "menuitemcheckbox",
    "option",
    "listbox",
    "slider",
    "spinbutton",
    "combobox",
    "textbox",
    "searchbox",
    "tree",
    "treegrid",
    "grid",
    "application",
}


def figure_kinds(spec: dict) -> set[str]:
    """The kinds of plotly control a figure has: menus by type, range slider, legend, modebar."""
    layout = spec.get("layout") or {}
    kinds = {"figure"}
    kinds |= {f"figure menu {m.get('type', 'dropdown')}" for m in layout.get("updatemenus") or []}
    if any((layout.get(k) or {}).get("rangeslider", {}).get("visible") for k in layout if k.startswith("xaxis")):
        kinds.add("figure range slider")
    if layout.get("showlegend", len(spec.get("data") or []) > 1):
        kinds.add("figure legend")
    if (spec.get("config") or {}).get("displayModeBar", True):
        kinds.add("figure modebar")
    return kinds


def page_kinds(path: Path) -> set[str]:
    """The kinds of interactive element a built page holds (from its HTML)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup
    kinds = {"theme controls"}
    for data in main.select("script.tt-plotly-data"):
        kinds |= figure_kinds(json.loads(data.get_text()))
    for d in main.find_all("details"):
        kinds.add("details " + " ".join(sorted(d.get("class", []))))
    for ex in main.select(".tt-exercise"):
        kinds |= {f"exercise {c}" for c in ex.get("class", []) if c.startswith("tt-ex-") and "edition" not in c}
    for el in main.find_all(["input", "select", "textarea", "button"]):
        kinds.add(f"{el.name} {el.get('type', '')}".strip())
    for el in main.select("[role], [tabindex], [contenteditable]"):
        role = el.get("role", "focusable")
        if role in WIDGET_ROLES or role == "focusable":
            kinds.add(f"role {role}")
    for cls in ("sd-tab-set", "sd-dropdown", "toggle", "dropdown"):
        if main.select(f".{cls}"):
            kinds.add(cls)
    return kinds


def pages_by_kind(site: Path) -> dict[str, Path]:
    """For each kind of interactive element, the first page that has it."""
    first: dict[str, Path] = {}
    for path in html_pages(site):
        for kind in sorted(page_kinds(path)):
            first.setdefault(kind, path)
    return first


def tab_through(page) -> tuple[list[dict], set[str], set[str]]:
    """Press Tab from the top of a freshly loaded page (nothing focused yet) once round the page."""
    controls = page.evaluate(MARK_CONTROLS, CONTROLS)
    page.add_style_tag(content=NO_MOTION)  # focus styles that fade in are judged in their end state
    page.evaluate(RECORD_FOCUS)
    for _ in range(len(controls) + 10):
        page.keyboard.press("Tab")
    return controls, set(page.evaluate("() => window.__ttFocused")), set(page.evaluate("() => window.__ttUnseen"))


def test_tab_reaches_every_control_on_a_page_of_each_kind(site, server, browser):
    chosen = pages_by_kind(site)
    by_page: dict[Path, list[str]] = {}
    for kind, path in chosen.items():
        by_page.setdefault(path, []).append(kind)
    failures, summary = [], []
    for path, kinds in sorted(by_page.items()):
        name = rel(site, path)
        context, page = open_page(browser, f"{server}/{name}")
        controls, reached, unseen = tab_through(page)
        missed = [c for c in controls if c["group"] not in reached]
        failures += [f"{name}: no visible focus on {c['desc']}" for c in controls if c["group"] in unseen]
        groups = {c["group"] for c in controls}
        summary.append(
            f"{name}: {len(groups) - len({c['group'] for c in missed})}/{len(groups)} tab stops reached "
            f"(kinds: {', '.join(sorted(kinds))})"
        )
        failures += [f"{name}: Tab never reaches {c['desc']}" for c in missed]
        context.close()
    print("\n" + "\n".join(summary))
    assert not failures, "\n".join(failures)


def first_page_with(site: Path, selector: str) -> Path | None:
    for path in html_pages(site):
        if BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(selector):
            return path
    return None


def test_figure_controls_work_from_the_keyboard_and_show_focus(site, server, browser):
    """On the first figure with menus: buttons, a dropdown, legend entries and the range slider."""
    path = next((p for p in html_pages(site) if '"updatemenus"' in p.read_text(encoding="utf-8")), None)
    if path is None:
        pytest.skip("no figure with plotly menus in the book")
    context, page = open_page(browser, f"{server}/{rel(site, path)}")
    gd = "document.querySelector('div.tt-plotly[data-tt-a11y]')"
    key = lambda: page.evaluate("() => document.activeElement.getAttribute('data-tt-key')")  # noqa: E731
    x_range = lambda: page.evaluate(f"() => {gd}._fullLayout.xaxis.range.slice()")  # noqa: E731
    visible = lambda: page.evaluate(f"() => {gd}._fullData.map(t => t.visible)")  # noqa: E731
    problems = []

    buttons = page.locator("div.tt-plotly [data-tt-key][role=button][aria-pressed=false]")
    if buttons.count():
        target = buttons.last
        target_key = target.get_attribute("data-tt-key")
        before = (x_range(), visible())
        target.focus()
        stroke = page.evaluate("() => getComputedStyle(document.activeElement.querySelector('rect')).stroke")
        if stroke != "rgb(0, 114, 178)":
            problems.append(f"a focused menu button shows no focus ring (rect stroke {stroke})")
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        if (x_range(), visible()) == before:
            problems.append(f"Enter on menu button {target_key} changed nothing")
        if key() != target_key:
            problems.append(f"focus left the button after Enter (now on {key()})")

    header = page.locator("div.tt-plotly .updatemenu-header[data-tt-key]")
    if header.count():
        header.first.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        if header.first.get_attribute("aria-expanded") != "true":
            problems.append("Enter on a dropdown menu did not open it")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        item = key() or ""
        if not re.fullmatch(r"m\d+i\d+", item):
            problems.append(f"Tab from an open dropdown does not reach its items (focus on {item})")
        before = visible(), x_range()
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        if (visible(), x_range()) == before:
            problems.append(f"Enter on dropdown item {item} changed nothing")
        if not (key() or "").endswith("h"):
            problems.append(f"focus did not return to the menu after choosing an item (now on {key()})")
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        if header.first.get_attribute("aria-expanded") != "false":
            problems.append("Escape did not close the dropdown menu")

    entries = page.locator("div.tt-plotly .legend .traces[data-tt-key]")
    if entries.count():
        entries.first.focus()
        before = visible()
        page.keyboard.press("Space")
        page.wait_for_timeout(400)
        if visible() == before:
            problems.append("Space on a legend entry did not show or hide its category")

    slider = page.locator("div.tt-plotly .rangeslider-slidebox[data-tt-key]")
    if slider.count():
        slider.first.focus()
        page.keyboard.press("Home")
        page.wait_for_timeout(300)
        before = x_range()
        whole = page.evaluate(
            "() => { const s = document.activeElement; return +s.getAttribute('aria-valuemax') - "
            "+s.getAttribute('aria-valuemin'); }"
        )
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        shown = page.evaluate(
            f"() => {{ const r = {gd}._fullLayout.xaxis.range.map(v => typeof v === 'number' ? v "
            f": Date.parse(String(v).replace(' ', 'T').slice(0, 10))); return r[1] - r[0]; }}"
        )
        if x_range() == before and shown < whole * 0.99:  # a window narrower than the slider can move
            problems.append("ArrowRight on the range slider did not move the visible range")
        if key() != "rs":
            problems.append(f"focus left the range slider (now on {key()})")
    context.close()
    assert not problems, "\n".join(problems)
