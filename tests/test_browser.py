"""Every built page in real Chromium: figures draw, nothing is fetched from another host, no console errors."""

from __future__ import annotations

import pytest

from support import draw_figures, html_pages

pytestmark = pytest.mark.browser


def open_page(browser, url: str, wait_until: str = "networkidle"):
    """Open url in a fresh context; return (page, context, requests, problems), listening from the start."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until=wait_until)
    if wait_until != "commit":
        draw_figures(page)
    return page, context, requests, problems


def visit(browser, url: str):
    """Open url in a fresh context and wait until the network is idle."""
    return open_page(browser, url)


#: Pages opened at once by the every-page sweep: their half-second network-idle waits overlap.
BATCH = 6


def test_every_page_draws_its_figures_and_stays_on_the_local_server(site, server, browser):
    report = []
    rels = [path.relative_to(site).as_posix() for path in html_pages(site)]
    for start in range(0, len(rels), BATCH):
        batch = [(rel, *open_page(browser, f"{server}/{rel}", wait_until="commit")) for rel in rels[start : start + BATCH]]
        for rel, page, context, requests, problems in batch:
            page.wait_for_load_state("networkidle")
            draw_figures(page)
            figures = page.locator("div.tt-plotly")
            n = figures.count()
            drawn = sum(figures.nth(i).locator("svg.main-svg").count() > 0 for i in range(n))
            off_server = [u for u in requests if not u.startswith(server) and not u.startswith(("data:", "blob:", "about:"))]
            context.close()
            report.append((rel, n, drawn, off_server, problems))
    failures = [r for r in report if r[1] != r[2] or r[3] or r[4]]
    summary = "\n".join(
        f"{rel}: {drawn}/{n} figures drawn, off-server {off}, problems {probs}" for rel, n, drawn, off, probs in failures
    )
    print(
        f"{len(report)} pages visited; {sum(r[1] for r in report)} figures; "
        f"{sum(len(r[3]) for r in report)} requests off the local server; {sum(len(r[4]) for r in report)} console errors"
    )
    assert len(report) == len(rels)
    assert not failures, summary


def test_timeline_period_button_and_category_menu_change_the_figure(site, server, browser):
    page, context, requests, problems = visit(browser, f"{server}/notebooks/timeline.html")
    fig = page.locator("div.tt-plotly").first
    assert fig.locator("svg.main-svg").count() > 0

    def x_range():
        return page.evaluate("() => document.querySelector('div.tt-plotly')._fullLayout.xaxis.range.slice()")

    def visible():
        return page.evaluate("() => document.querySelector('div.tt-plotly')._fullData.map(t => t.visible)")

    before = x_range()
    nld = fig.locator(".updatemenu-button", has_text="NLD")
    if not (nld.count() and nld.first.is_visible()):  # the period buttons became a drop-down (a11y.js reflow)
        fig.locator(".updatemenu-header-group").first.click()
        page.wait_for_timeout(200)
        nld = fig.locator(".updatemenu-dropdown-button", has_text="NLD")
    nld.first.click()
    page.wait_for_timeout(400)
    after = x_range()
    assert after != before and after[0].startswith("2015"), (before, after)

    assert all(v is True for v in visible())
    fig.locator(".updatemenu-header-group").last.click()
    page.wait_for_timeout(200)
    fig.locator(".updatemenu-dropdown-button", has_text="Only").first.click()
    page.wait_for_timeout(400)
    shown = visible()
    assert shown.count(True) == 1, shown
    context.close()
    assert problems == []
