"""The timeline in real Chromium: the lanes switch to the track view, an event's address opens the
chart on that event and its table row, and a phone gets the upright layout (issue 17)."""

from __future__ import annotations

import pytest

from support import draw_figures

pytestmark = pytest.mark.browser

GD = "document.querySelector('div.tt-plotly')"


def open_page(browser, url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(url, wait_until="networkidle")
    if "#event-" not in url:
        draw_figures(page)
    page.wait_for_function(f"() => {GD} && {GD}._fullLayout && {GD}.dataset.ttA11y", timeout=15000)
    page.wait_for_timeout(500)
    return page, context, problems


def lanes(page) -> list[str]:
    return page.evaluate(
        f"() => {{ const l = {GD}._fullLayout; const ax = {GD}.dataset.ttLayout === 'narrow' ? l.xaxis : l.yaxis;"
        " return ax.ticktext.slice(); }"
    )


def choose(page, menu_label: str, item: str) -> None:
    """Press a menu item: a button if the menu shows buttons, else open its drop-down first."""
    fig = page.locator("div.tt-plotly").first
    button = fig.locator(".updatemenu-button", has_text=item)
    if button.count() and button.first.is_visible():
        button.first.click()
    else:
        fig.locator(".updatemenu-header-group", has_text=menu_label).first.click()
        page.wait_for_timeout(200)
        fig.locator(".updatemenu-dropdown-button", has_text=item).first.click()
    page.wait_for_timeout(500)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_lanes_switch_to_the_track_view_and_back(site, server, browser, width):
    page, context, problems = open_page(browser, f"{server}/notebooks/timeline.html", width)
    assert page.evaluate(f"() => {GD}.dataset.ttLayout") == ("narrow" if width < 500 else "wide")
    assert "Ceasefire agreement" in lanes(page)
    drawn = page.evaluate(f"() => {GD}.querySelectorAll('.scatterlayer .point').length")
    choose(page, "By category", "By track")
    assert lanes(page) == ["Track 1", "Track 1.5", "Track 2", "Track 3", "No track tagged"]
    moved = page.evaluate(f"() => {GD}.querySelectorAll('.scatterlayer .point').length")
    assert moved > drawn  # an event tagged with two tracks is drawn in both lanes
    choose(page, "By track", "By armed group")
    assert lanes(page)[:2] == ["KIA", "KNU"]
    choose(page, "By armed group", "By category")
    assert "Ceasefire agreement" in lanes(page)
    context.close()
    assert problems == []


@pytest.mark.parametrize("width", [1280, 390])
def test_an_event_address_opens_the_chart_on_the_event_and_its_row(site, server, browser, width):
    page, context, problems = open_page(browser, f"{server}/notebooks/timeline.html#event-operation-1027", width)
    page.wait_for_function(f"() => {GD}.dataset.ttFocus === 'operation-1027'", timeout=10000)
    axis = "yaxis" if width < 500 else "xaxis"
    low, high = sorted(page.evaluate(f"() => {GD}._fullLayout.{axis}.range.slice()"))
    assert low[:4] == "2020" and high[:4] == "2026", (low, high)
    assert page.locator("#event-operation-1027.tt-focus-row").count() == 1
    assert page.evaluate("() => document.getElementById('event-operation-1027').closest('details').open")
    assert page.locator("div.tt-plotly .hoverlayer .hovertext").count() >= 1
    context.close()
    assert problems == []
