"""The static ripeness explorer works in the built book with no kernel: the menu changes the figure."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_static_ripeness_menu_changes_the_figure(site, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{server}/notebooks/ripeness.html", wait_until="networkidle")
    fig = page.locator("div.tt-plotly").first
    assert fig.locator("svg.main-svg").count() > 0

    def state():
        return page.evaluate("""() => { const g = document.querySelector('div.tt-plotly');
            return [g._fullLayout.annotations[0].text, g._fullData[0].marker.symbol.slice()]; }""")

    before = state()
    assert "Conflict-management contact" in before[0]
    fig.locator(".updatemenu-header-group").first.click()
    page.wait_for_timeout(300)
    buttons = fig.locator(".updatemenu-dropdown-button")
    assert buttons.count() == 16
    # a mouse click on the first option showing below the menu's header
    header = fig.locator(".updatemenu-header-group").first.bounding_box()
    boxes = [buttons.nth(i).bounding_box() for i in range(16)]
    visible = [b for b in boxes if b and b["y"] >= header["y"] + header["height"] - 1]
    assert visible, "the open menu shows no option"
    box = visible[0]
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(400)
    after = state()
    assert after != before

    # the keyboard reaches every option: choose the state in which everything holds
    fig.locator(".updatemenu-header-group").first.click()
    page.wait_for_timeout(300)
    every = fig.locator(".updatemenu-dropdown-button").nth(0)
    assert every.get_attribute("aria-label").count("✓") == 4
    every.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    final = state()
    assert "Exploratory talks toward a formula" in final[0]
    assert set(final[1]) == {"circle"}
    context.close()
    assert not problems, problems
