"""The opt-in offline copy in Chromium: nothing until asked; on, offline, three pages work; off, empty.

Served from 127.0.0.1 (a secure context, so service workers run); `context.set_offline(True)` is
the browser's offline mode.
"""

from __future__ import annotations

import json

import pytest

from support import draw_figures

pytestmark = pytest.mark.browser

FIGURE_PAGE = "book/part1/levels.html"
EXERCISE_PAGE = "book/part1/origins.html"
TEXT_PAGE = "book/references.html"

COURSE_CACHES = "() => caches.keys().then(k => k.filter(n => n.startsWith('tracktwo-offline-')))"


def test_offline_copy_on_offline_three_pages_then_off(site, server, browser):
    manifest = json.loads((site / "offline-manifest.json").read_text())
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server}/index.html", wait_until="networkidle")

    control = page.locator(".tt-offline")
    assert control.get_attribute("data-state") == "off"
    assert page.evaluate("() => navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    assert not [u for u in requests if u.endswith(("sw.js", "offline-manifest.json"))], "fetched before asked"
    page.evaluate("() => localStorage.setItem('tracktwo:2026.1:exercise:test/item', '{\"answer\": 1}')")

    page.locator(".tt-offline-keep").click()
    page.wait_for_function("() => document.querySelector('.tt-offline').dataset.state === 'on'", timeout=90_000)
    names = page.evaluate(COURSE_CACHES)
    assert len(names) == 1 and manifest["version"] in names[0] and manifest["digest"] in names[0], names
    stored = page.evaluate(f"() => caches.open('{names[0]}').then(c => c.keys()).then(k => k.length)")
    assert stored == len(manifest["files"]) + 1
    assert not [u for u in requests if not u.startswith(server)], "a request left the local server"
    page.reload(wait_until="networkidle")  # the worker now controls the page

    context.set_offline(True)
    try:
        page.goto(f"{server}/{FIGURE_PAGE}", wait_until="load")
        draw_figures(page)
        assert page.locator("div.tt-plotly svg.main-svg").count() >= 1

        page.goto(f"{server}/{EXERCISE_PAGE}", wait_until="load")
        page.wait_for_selector(".tt-exercise", timeout=10_000)
        # exercises.js ran: it adds each page's clear button
        page.wait_for_selector(".tt-ex-clear", timeout=10_000)

        page.goto(f"{server}/{TEXT_PAGE}?from=offline-test", wait_until="load")
        assert page.locator("h1").first.inner_text().strip()
        # the theme's stylesheet came from the cache too
        assert (
            page.evaluate("() => getComputedStyle(document.querySelector('.bd-header-article') || document.body).display") != ""
        )
    finally:
        context.set_offline(False)

    page.goto(f"{server}/index.html", wait_until="networkidle")
    page.on("dialog", lambda d: d.accept())
    page.locator(".tt-offline-remove").click()
    page.wait_for_function("() => document.querySelector('.tt-offline').dataset.state === 'removed'", timeout=20_000)
    assert page.evaluate(COURSE_CACHES) == []
    assert page.evaluate("() => navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('tracktwo:')).length") == 0
    context.close()


def test_from_file_the_control_explains_the_folder_is_the_copy(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "index.html").as_uri(), wait_until="load")
    control = page.locator(".tt-offline")
    control.wait_for()
    assert control.get_attribute("data-state") == "file"
    assert "offline kit" in control.inner_text()
    assert page.locator(".tt-offline-keep").is_hidden()
    context.close()


def test_keeping_nothing_turns_the_offline_copy_off_and_disables_it(site, server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/index.html", wait_until="networkidle")
    page.locator(".tt-offline-keep").click()
    page.wait_for_function("() => document.querySelector('.tt-offline').dataset.state === 'on'", timeout=90_000)
    assert len(page.evaluate(COURSE_CACHES)) == 1

    page.on("dialog", lambda d: d.accept())  # "remove what is already stored?": yes
    page.locator(".tt-keep-button").click()
    page.wait_for_function("() => document.querySelector('.tt-offline').dataset.state === 'nothing'", timeout=20_000)
    page.wait_for_function("() => caches.keys().then(k => k.length === 0)", timeout=20_000)
    assert page.evaluate("() => navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    keep = page.locator(".tt-offline-keep")
    assert keep.is_disabled() and keep.get_attribute("aria-describedby") == "tt-offline-status"
    assert "keeps nothing on this device" in page.locator(".tt-offline-status").inner_text()
    # Another page of the same tab: still off, and nothing is registered on the way.
    page.goto(f"{server}/book/references.html", wait_until="networkidle")
    assert page.locator(".tt-offline").get_attribute("data-state") == "nothing"
    assert page.evaluate(COURSE_CACHES) == []
    context.close()
