"""Search in Chromium: no search index on a page's load; on every page the learner opens search,
types a query and gets results; the index is fetched only once search is opened."""

from __future__ import annotations

import pytest

from support import html_pages

pytestmark = pytest.mark.browser

QUERY = "dialogue"


def _index_requests(requests: list[str]) -> list[str]:
    return [u for u in requests if u.split("?")[0].endswith(("searchindex.js", "searchtools.js", "language_data.js"))]


def test_every_page_searches_and_loads_the_index_only_when_search_opens(site, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    failures = []
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        if rel == "search.html":
            continue
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r, rs=requests: rs.append(r.url))
        page.goto(f"{server}/{rel}", wait_until="networkidle")
        if _index_requests(requests):
            failures.append(f"{rel}: search files loaded before search was opened: {_index_requests(requests)}")
        field = page.locator("#pst-search-dialog input[name=q]")
        buttons = page.locator("button.search-button__button")
        visible = [i for i in range(buttons.count()) if buttons.nth(i).is_visible()]
        if not visible:
            failures.append(f"{rel}: no visible search button")
            page.close()
            continue
        buttons.nth(visible[0]).click()
        try:
            field.wait_for(state="visible", timeout=5_000)
        except Exception:
            failures.append(f"{rel}: the search button did not open the search dialog")
            page.close()
            continue
        page.wait_for_timeout(300)
        if not any(u.split("?")[0].endswith("searchindex.js") for u in requests):
            failures.append(f"{rel}: opening search did not fetch the index")
        field.fill(QUERY)
        field.press("Enter")
        page.wait_for_url("**/search.html?**", timeout=10_000)
        try:
            page.wait_for_selector("#search-results ul.search li", timeout=15_000)
        except Exception:
            failures.append(f"{rel}: no results for {QUERY!r} on {page.url}")
        page.close()
    context.close()
    assert not failures, "\n".join(failures)


def test_a_result_opens_its_page_with_the_words_highlighted(site, server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/search.html?q={QUERY}", wait_until="networkidle")
    link = page.locator("#search-results ul.search li a").first
    link.wait_for(timeout=15_000)
    link.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("span.highlighted", timeout=10_000)
    context.close()
