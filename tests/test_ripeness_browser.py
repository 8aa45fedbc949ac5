"""The static ripeness explorer works in the built book with no kernel: the menu changes the figure."""

from __future__ import annotations

import pytest

from support import draw_figures

pytestmark = pytest.mark.browser


def test_static_ripeness_menu_changes_the_figure(site, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{server}/notebooks/ripeness.html", wait_until="networkidle")
    draw_figures(page)
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


def test_evidence_card_judged_explains_itself_and_then_shows_the_courses_reading(site, server, browser):
    """At 390 px, no kernel: judge the four ingredients of a card set after 2021; the state and its
    reasons equal Python's, and the course's reading opens up only after all four are judged."""
    from tracktwo.ripeness import load_scenarios
    from tracktwo.ripeness.evidence import evidence_state, legend

    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{server}/notebooks/ripeness-evidence.html", wait_until="networkidle")
    page.wait_for_selector("div.tt-ripeness-card[data-ready]")
    card = page.locator('div.tt-ripeness-card[data-card-id="north-shan-2024"]')
    assert card.locator(".tt-rc-noscript").is_hidden()
    assert "Who counts:" in card.inner_text() and "UNHCR" in card.inner_text()
    later = page.locator('div.tt-ripeness-card[data-card-id="military-resistance-2025"]').inner_text()
    assert "On the sources: Date: 20 December (AFP, RFA) or, in one outlier, 16 December." in later
    reading = card.locator("details.tt-rc-reading")
    assert reading.is_hidden()
    levels = {"stalemate.a": "present", "stalemate.b": "emerging", "way_out.a": "present", "way_out.b": "absent"}
    for i, (field, level) in enumerate(levels.items()):
        assert reading.is_hidden(), f"the reading shows after {i} of 4 judgements"
        card.locator(f'fieldset[data-judge="{field}"]').get_by_label(level, exact=True).check()
    scen = load_scenarios().scenario("north-shan-2024")
    j = {"stalemate": {"a": "present", "b": "emerging"}, "way_out": {"a": "present", "b": "absent"}}
    x = evidence_state(j, scen.indicators)
    assert card.locator('fieldset[data-judge="way_out.b"] > legend').inner_text() == legend("way_out", "b", scen.parties)
    result = card.locator(".tt-rc-result")
    assert card.get_attribute("data-state") == "not-ripe"
    assert x["because"] in result.inner_text() and x["would_change"] in result.inner_text()
    assert result.locator("strong").first.inner_text() == "Not ripe"
    assert reading.is_visible()
    reading.locator("summary").click()
    assert "The course's reading, not the brief's" in reading.inner_text()
    card.scroll_into_view_if_needed()
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert overflow[0] <= overflow[1] + 1, overflow
    page.reload(wait_until="networkidle")
    page.wait_for_selector("div.tt-ripeness-card[data-ready]")
    card = page.locator('div.tt-ripeness-card[data-card-id="north-shan-2024"]')
    assert card.get_attribute("data-state") == "not-ripe"  # kept on this device through TTStorage
    page.evaluate("() => localStorage.clear()")
    context.close()
    assert not problems, problems
