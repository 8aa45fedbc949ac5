"""Page weight as a learner downloads it from a standard static host.

Each response counts gzip-compressed at level 6, except formats that are already compressed (woff2,
png, jpeg, gif, webp), which count as they are. A *first visit* starts with an empty cache; a
*repeat visit* is the same page after another page of the site has been visited, when every
resource already fetched (same URL) comes from the cache.

Which other page? The one whose visit caches the most of this page's bytes (for a chapter, a
sibling chapter: the way a learner moves through the course). And the site's shared assets, every
file under ``_static/`` (theme, course scripts and styles, fonts, plotly.js: one URL for every page
that uses them), count as cached even when that page did not fetch one, because a page can be the
only one using an asset today (the first page with a figure). A repeat visit therefore measures
what a page costs on its own: its HTML, its inline figure data, its images. See
docs/decisions/0003-quality-gates.md.

Used by scripts/benchmark.py and by the budget tests. Needs Playwright and Debian's Chromium.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: How the measuring scripts and the tests start Chromium: headless, and asking nobody for anything
#: (no QUIC, no background networking, no component updates, no sync), so a page load is the page only.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: A learner's way down a figure page: each figure brought into view in turn (tests/support.py's twin).
BRING_FIGURES_INTO_VIEW = """async () => {
  for (const d of document.querySelectorAll('div.tt-plotly')) {
    d.scrollIntoView({block: 'center'});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
  window.scrollTo(0, 0);
}"""

PRECOMPRESSED = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp")


def transfer_size(url: str, body: bytes) -> int:
    """Bytes on the wire for one response body under the model above."""
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    if path.endswith(PRECOMPRESSED):
        return len(body)
    return len(gzip.compress(body, compresslevel=6, mtime=0))


@dataclass
class Visit:
    url: str
    resources: dict[str, tuple[int, int]] = field(default_factory=dict)  # url -> (raw, compressed)
    off_server: list[str] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(r for r, _ in self.resources.values())

    @property
    def compressed(self) -> int:
        return sum(c for _, c in self.resources.values())

    def minus(self, cached: Visit) -> Visit:
        """This visit with every resource the earlier visit already fetched taken from the cache."""
        return Visit(self.url, {u: s for u, s in self.resources.items() if u not in cached.resources}, self.off_server)


def record_visit(browser, url: str, base: str) -> Visit:
    """Load one page in a fresh context (empty cache) and record every response's size."""
    return record_visits(browser, [url], base, parallel=1)[0]


def record_visits(browser, urls: list[str], base: str, parallel: int = 4) -> list[Visit]:
    """First visits of many pages, ``parallel`` at a time, each in its own fresh context (empty cache),
    recording every response's size. Loading a few pages at once only saves waiting time.

    Bodies are read after the pages have settled, not inside the response event: events still
    queued when loading ends (typically the last deferred scripts and fonts) would otherwise
    never be counted.
    """
    visits: list[Visit] = []
    for start in range(0, len(urls), parallel):
        batch = []
        for url in urls[start : start + parallel]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            visit, responses = Visit(url), []
            page.on("response", lambda r, rs=responses: rs.append(r))
            page.on(
                "request",
                lambda r, v=visit: (
                    v.off_server.append(r.url)
                    if not r.url.startswith(base) and not r.url.startswith(("data:", "blob:", "about:"))
                    else None
                ),
            )
            page.goto(url, wait_until="commit")
            batch.append((context, page, visit, responses))
        for _, page, _, _ in batch:
            page.wait_for_load_state("networkidle")
            # What the page fetches once the learner is there: figures.js loads plotly.js and draws a
            # figure near the screen after a first pointer move (issue 32), so a figure page's visit
            # counts plotly.js as before.
            if page.locator("div.tt-plotly").count():
                page.mouse.move(3, 3)
                page.evaluate(BRING_FIGURES_INTO_VIEW)
                page.wait_for_load_state("networkidle")
        batch[-1][1].wait_for_timeout(300)  # let queued response events reach the handlers
        for context, _, visit, responses in batch:
            for response in responses:
                try:
                    body = response.body()
                except Exception:  # redirects and aborted requests have no body
                    continue
                visit.resources[response.url] = (len(body), transfer_size(response.url, body))
            context.close()
            visits.append(visit)
    return visits


def is_shared_asset(url: str) -> bool:
    """A file of the site's shared static folder (``_static/``), cached once for every page."""
    return "/_static/" in urlsplit(url).path


def warmup_page(page: Visit, others: list[Visit]) -> Visit | None:
    """The other page whose visit fetched the most of ``page``'s compressed bytes (first on ties)."""
    best, best_bytes = None, -1
    for other in others:
        if other.url == page.url or page.url in other.resources:  # itself, or a page redirecting to it
            continue
        shared = sum(c for u, (_, c) in page.resources.items() if u in other.resources)
        if shared > best_bytes:
            best, best_bytes = other, shared
    return best


def repeat_visit(page: Visit, others: list[Visit]) -> tuple[Visit, Visit | None]:
    """``page`` visited again after its warm-up page, with the site's shared assets cached.

    Returns the repeat visit (what is still downloaded) and the warm-up page's visit.
    """
    warm = warmup_page(page, others)
    cached = warm.resources if warm is not None else {}
    left = {u: s for u, s in page.resources.items() if u not in cached and not is_shared_asset(u)}
    return Visit(page.url, left, page.off_server), warm


#: Page kinds, from the markup the course's components write (heaviest kind first).
FIGURE_MARK = 'class="tt-plotly"'
MAP_MARK = "tt-conflict-map"
EXERCISE_MARK = "tt-exercise"
SEARCH_MARK = 'id="search-results"'
#: The search index: loaded by the search page only (its content), never by the other pages.
SEARCH_INDEX = "searchindex.js"


def search_index_bytes(visit) -> int:
    """Compressed bytes of the search index in a visit (0 on every page but the search page)."""
    return sum(c for url, (_, c) in visit.resources.items() if url.split("?")[0].endswith("/" + SEARCH_INDEX))


def page_kind(html: str) -> str:
    """``figure + map``, ``map``, ``figure``, ``exercise``, ``search`` or ``text``: what a page carries."""
    figure, cmap = FIGURE_MARK in html, MAP_MARK in html
    if SEARCH_MARK in html:
        return "search"
    if figure and cmap:
        return "figure + map"
    if cmap:
        return "map"
    if figure:
        return "figure"
    if EXERCISE_MARK in html:
        return "exercise"
    return "text"


def site_bytes(site, files) -> tuple[int, int]:
    """(raw, compressed) bytes of the given files of a built site, as a learner downloads them."""
    raw = compressed = 0
    for rel in files:
        body = (site / rel).read_bytes()
        raw += len(body)
        compressed += transfer_size(rel, body)
    return raw, compressed
