"""Progress on this device: the pure reader under Node (tests/js/progress.test.js), and in Chromium:
an answer given on a chapter page shows on the progress page and in the chapter's progress line;
damaged saved data is reported, not fatal; "clear everything" empties the course's storage. Also
the glossary tips by keyboard, and the orientation map from file:// with no outside request."""

from __future__ import annotations

import re
import subprocess

import pytest

from support import ROOT, draw_figures, node_or_skip

CHAPTER = "book/part1/levels.html"
ITEM = "part1-levels/south-africa"


def test_progress_reader_unit_tests_pass_under_node():
    proc = subprocess.run(
        [node_or_skip("the progress reader's JavaScript unit tests"), "--test", str(ROOT / "tests" / "js" / "progress.test.js")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "# pass 7" in proc.stdout and "# fail 0" in proc.stdout, proc.stdout[-800:]


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    problems: list[str] = []
    ctx.on(
        "page",
        lambda pg: (
            pg.on("pageerror", lambda e: problems.append(str(e))),
            pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None),
        ),
    )
    yield ctx
    ctx.close()
    assert problems == []


def _answer(page) -> None:
    root = page.locator(f'[data-tt-exercise="{ITEM}"]')
    root.scroll_into_view_if_needed()
    root.locator('input[value="formula"]').check()
    root.locator("button.tt-ex-check").click()
    page.wait_for_function(f"() => !!localStorage.getItem('tracktwo:2026.1:exercise:{ITEM}')")


def test_an_answer_shows_on_the_progress_page_and_clear_everything_empties_storage(site, server, context):
    page = context.new_page()
    page.goto(f"{server}/{CHAPTER}")
    mini = page.locator(".tt-progress-mini-text")
    assert "0 of" in mini.inner_text()
    _answer(page)
    page.wait_for_function("() => document.querySelector('.tt-progress-mini-text').textContent.includes('1 of')")
    assert "1 of 1 points" in mini.inner_text() or "(1 of" in mini.inner_text()
    page.evaluate("() => localStorage.setItem('tracktwo:2026.1:exercise:part1-levels/oslo-drift', '{broken')")
    page.evaluate("() => localStorage.setItem('tracktwo:1999.1:exercise:part1-levels/which-track', '{\"v\":1}')")
    page.evaluate("() => localStorage.setItem('unrelated-site-key', 'keep me')")

    page.goto(f"{server}/book/progress.html")
    page.wait_for_selector(".tt-progress-chapter")
    levels = page.locator(".tt-progress-chapter", has_text="Levels of dialogue")
    placed = len(re.findall(r"\{exercise\} part1-levels/", (ROOT / "book/part1/levels.md").read_text(encoding="utf-8")))
    assert f"1 of {placed} checked, 1 of 1 points" in levels.locator(".tt-progress-line").inner_text()
    item = levels.locator("li", has_text="The South African example")
    assert "Checked: 1 of 1 points" in item.inner_text()
    assert levels.locator("li.tt-progress-unrecognised").count() == 1
    assert "format not recognised" in levels.locator("li.tt-progress-unrecognised").inner_text()
    assert "another version of the course" in page.locator(".tt-progress-notes").inner_text()
    status = page.locator(".tt-progress-status").inner_text()
    assert "1 of" in status and "format not recognised" in status

    page.once("dialog", lambda d: d.accept())
    page.locator("button.tt-progress-clear").click()
    page.wait_for_function("() => document.querySelector('.tt-progress-message').textContent.startsWith('Cleared')")
    assert "Cleared 3 saved items" in page.locator(".tt-progress-message").inner_text()
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith("tracktwo:")], keys
    assert "unrelated-site-key" in keys, "a key that is not the course's must be left alone"
    assert "Nothing is saved on this device yet" in page.locator(".tt-progress-status").inner_text()
    assert page.locator("li.tt-progress-checked").count() == 0


def test_cancelling_clear_everything_keeps_the_answers(site, server, context):
    page = context.new_page()
    page.goto(f"{server}/{CHAPTER}")
    _answer(page)
    page.goto(f"{server}/book/progress.html")
    page.once("dialog", lambda d: d.dismiss())
    page.locator("button.tt-progress-clear").click()
    assert page.locator("li.tt-progress-checked").count() == 1
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('tracktwo:')).length") == 1


def test_a_glossary_tip_is_reachable_by_keyboard_and_dismissed_by_escape(site, server, context):
    page = context.new_page()
    page.goto(f"{server}/book/part2/coup.html")
    first = page.locator("main .tt-term-link").first
    tip = page.locator(f"#{first.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    for _ in range(200):  # Tab from the top of the page until a term has focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('tt-term-link')"):
            break
    else:
        pytest.fail("Tab never reached a glossary term")
    focused_tip = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    shown = page.locator(f"#{focused_tip}")
    assert shown.is_visible() and len(shown.inner_text()) > 20
    described = page.evaluate(
        "() => document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent"
    )
    assert described == shown.inner_text().strip() or described.strip() == shown.inner_text().strip()
    page.keyboard.press("Escape")
    assert not shown.is_visible()


def test_a_tap_shows_the_tip_before_following_the_link(site, server, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    page.goto(f"{server}/book/part2/coup.html")
    link = page.locator("main .tt-term-link").first
    link.scroll_into_view_if_needed()
    link.tap()
    tip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    assert tip.is_visible() and page.url.endswith("coup.html")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the open tip makes the page {width}px wide"
    ctx.close()


def test_the_orientation_map_draws_from_file_with_no_outside_request(site, browser):
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / "book" / "orientation.html").as_uri())
    draw_figures(page)
    assert page.locator("div.tt-plotly path.js-fill").count() >= 14
    outside = [u for u in requests if not u.startswith(("file://", "data:", "blob:"))]
    ctx.close()
    assert outside == []
