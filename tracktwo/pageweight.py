"""Page weight as a learner downloads it from a standard static host.

Each response counts gzip-compressed at level 6, except formats that are already compressed (woff2,
png, jpeg, gif, webp), which count as they are. A *first visit* starts with an empty cache; a
*repeat visit* is the same page after another page of the site has been visited, when every
resource already fetched (same URL) comes from the cache.

Used by scripts/benchmark.py and by the budget tests. Needs Playwright and Debian's Chromium.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field

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

    def minus(self, cached: "Visit") -> "Visit":
        """This visit with every resource the earlier visit already fetched taken from the cache."""
        return Visit(self.url, {u: s for u, s in self.resources.items() if u not in cached.resources}, self.off_server)


def record_visit(browser, url: str, base: str) -> Visit:
    """Load url in a fresh context (empty cache) and record every response's size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = Visit(url)

    def on_response(response):
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        visit.resources[response.url] = (len(body), transfer_size(response.url, body))

    page.on("response", on_response)
    page.on("request", lambda r: visit.off_server.append(r.url)
            if not r.url.startswith(base) and not r.url.startswith(("data:", "blob:", "about:")) else None)
    page.goto(url, wait_until="networkidle")
    context.close()
    return visit
