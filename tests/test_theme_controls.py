"""The theme's controls in Chromium, with Bootstrap's script replaced by theme-controls.js:
navigation, dark mode, the sidebar toggle, the download menu (mouse and keyboard), back to top.

(On a 390 px screen the theme's sidebar toggle opens no dialog in this theme version, with
Bootstrap's script as with this one; tests/test_small_screens.py covers narrow pages.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "book/part1/origins.html"


@pytest.fixture()
def page(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/{PAGE}", wait_until="networkidle")
    yield page
    context.close()
    assert errors == []


def test_next_and_previous_links_navigate(page):
    start = page.url
    page.locator("a.right-next").first.click()
    page.wait_for_load_state("load")
    assert page.url != start
    page.locator("a.left-prev").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0] == start


def test_dark_mode_switch_changes_the_theme_and_the_colours(page):
    before = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert page.evaluate("() => document.documentElement.dataset.theme") == "light"
    button = page.locator("button.theme-switch-button").first
    for _ in range(3):
        button.click()
        if page.evaluate("() => document.documentElement.dataset.theme") == "dark":
            break
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != before


def test_sidebar_toggle_hides_and_shows_the_navigation(page):
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    toggle = page.locator(".header-article-item button.primary-toggle")
    toggle.click()
    page.wait_for_timeout(500)
    assert not sidebar.is_visible() or sidebar.bounding_box()["width"] < 5
    toggle.click()
    page.wait_for_timeout(500)
    assert sidebar.is_visible() and sidebar.bounding_box()["width"] > 100


def test_download_menu_opens_closes_and_works_from_the_keyboard(page):
    toggle = page.locator(".dropdown-download-buttons button.dropdown-toggle")
    menu = page.locator(".dropdown-download-buttons .dropdown-menu")
    assert not menu.is_visible()
    toggle.click()
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.mouse.click(700, 700)  # somewhere in the text
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("ArrowDown")
    assert menu.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('dropdown-item')")
    page.keyboard.press("Escape")
    assert not menu.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('dropdown-toggle')")
    page.keyboard.press("Enter")
    assert menu.is_visible()


def test_back_to_top_button_scrolls_up(page):
    button = page.locator("#pst-back-to-top")
    assert button.count() == 1
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(200)
    page.evaluate("() => window.scrollBy(0, -200)")  # scrolling up, below the header: the button shows
    page.wait_for_timeout(300)
    # the theme's rule: shown when scrolling up below the header (the same with Bootstrap's script)
    assert page.evaluate("() => document.getElementById('pst-back-to-top').style.display") == "block"
    page.evaluate("() => document.getElementById('pst-back-to-top').click()")
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.scrollY") == 0
