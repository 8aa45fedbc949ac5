"""The Facilitator's guide in the built (default) book, in Chromium: the instructor-view toggle
shows and hides facilitator notes and remembers its state in localStorage; the plans render and fit
390 px; the old facilitators page redirects; and a packed kit's edition draws its figures from
file:// with no request to any other host."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from support import draw_figures

from tracktwo.workshop.kit import PrintedSheet, pack_kit
from tracktwo.workshop.plans import load_plans

KEY = "tracktwo:instructor-view"


def _page(browser, url: str, width: int = 1100):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    page.goto(url, wait_until="load")
    return context, page, outside


def test_instructor_view_toggle_shows_hides_and_remembers(site, browser):
    context, page, outside = _page(browser, (site / "book" / "part1" / "levels.html").as_uri())
    note = page.locator(".tt-facilitator").first
    button = page.locator("button.tt-instructor-button")
    assert button.count() == 1 and button.get_attribute("aria-pressed") == "false"
    assert not note.is_visible()
    button.click()
    assert note.is_visible() and button.get_attribute("aria-pressed") == "true"
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") == "on"
    page.reload(wait_until="load")
    # Waited for (up to 10 s), not read at one instant: one CI run under a load of 7 read it hidden
    # right after the reload (the stored choice is applied by a deferred script before load).
    expect(page.locator(".tt-facilitator").first).to_be_visible(timeout=10_000)  # the choice survives a reload
    # Another chapter with notes opens in the same view.
    page.goto((site / "book" / "part2" / "coup.html").as_uri(), wait_until="load")
    expect(page.locator(".tt-facilitator").first).to_be_visible(timeout=10_000)
    page.locator("button.tt-instructor-button").click()
    assert not page.locator(".tt-facilitator").first.is_visible()
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") is None
    context.close()
    assert outside == []


def test_pages_without_notes_have_no_toggle(site, browser):
    context, page, _ = _page(browser, (site / "book" / "references.html").as_uri())
    assert page.locator("button.tt-instructor-button").count() == 0
    context.close()


def test_plans_render_and_fit_a_phone(site, browser):
    context, page, outside = _page(browser, (site / "book" / "facilitate" / "plans.html").as_uri(), width=390)
    assert page.locator("table.tt-plan-table").count() == len(load_plans())
    body = page.locator("article").inner_text()
    for total in ("In all: 90 minutes.", "In all: 210 minutes.", "In all: 840 minutes."):
        assert total in body
    assert page.locator("a[href*='notebooks/mapping']").count() > 0  # the plans link the mapping notebook
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    assert overflow <= 390 and outside == []


def test_old_facilitators_address_lands_on_the_guide(site, browser):
    context, page, _ = _page(browser, (site / "book" / "facilitators.html").as_uri())
    page.wait_for_url("**/book/facilitate/index.html", timeout=5000)
    assert "Facilitator" in page.title() and "guide" in page.title()
    context.close()


def test_a_packed_edition_draws_its_figures_from_file_with_no_outside_request(site, browser, tmp_path):
    participant = tmp_path / "p"
    participant.mkdir()
    (participant / "index.html").write_text("<html><body>participant</body></html>")
    pdf = tmp_path / "levels.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake")
    pack_kit(participant, site, [PrintedSheet("levels", "Levels", "participant", "handout", pdf)], tmp_path / "kit")
    timeline = tmp_path / "kit" / "facilitator" / "book" / "notebooks" / "timeline.html"
    context, page, outside = _page(browser, timeline.as_uri())
    draw_figures(page)
    drawn = page.locator("div.tt-plotly svg.main-svg").count()
    context.close()
    assert drawn > 0 and outside == []
    index = Path(tmp_path / "kit" / "index.html").read_text()
    assert "facilitator/book/index.html" in index
