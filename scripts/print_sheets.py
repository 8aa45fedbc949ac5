"""Developer tooling for `make kit` (kept out of the tracktwo package, which imports no Playwright):
print the kit's sheets to PDF with Debian's Chromium, driven by Playwright (no TeX, no browser
download). Every request the page makes that is not a local file is refused and reported."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


class PrintError(RuntimeError):
    pass


def print_pdfs(
    pages: list[Path],
    out_dir: Path | str,
    *,
    landscape: dict[str, bool] | None = None,
    paper: dict[str, str] | None = None,
    executable: str = CHROMIUM,
    browser=None,
) -> list[Path]:
    """Print each HTML page (a file) to ``out_dir/<stem>.pdf``; returns the PDFs written.

    Each page's size is its own: a sheet's named page in print.css (``Sheet.paper``, ``Sheet.landscape``)
    wins; ``paper`` and ``landscape`` (by file stem, default A4 portrait) give the size for a page
    that sets none.

    ``browser``: a Playwright browser already running (the tests pass theirs: one sync Playwright
    per thread); by default Debian's Chromium is started for the job.
    Raises PrintError if Chromium is missing or a page asks for anything but a local file."""
    if browser is not None:
        return _print_with(browser, pages, Path(out_dir), landscape, paper, close=False)
    from playwright.sync_api import sync_playwright

    if not Path(executable).exists():
        raise PrintError(f"Chromium not found at {executable}: install Debian's chromium package")
    with sync_playwright() as p:
        return _print_with(
            p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS), pages, Path(out_dir), landscape, paper, close=True
        )


def _print_with(browser, pages, out: Path, landscape, paper, *, close: bool) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written, outside = [], []
    page = browser.new_page()
    try:
        if True:

            def guard(route):
                if route.request.url.startswith("file://"):
                    return route.continue_()
                outside.append(route.request.url)
                return route.abort()

            page.route("**/*", guard)
            for html in pages:
                page.goto(Path(html).resolve().as_uri(), wait_until="load")
                pdf = out / f"{Path(html).stem}.pdf"
                page.pdf(
                    path=str(pdf),
                    format=(paper or {}).get(Path(html).stem, "A4"),
                    print_background=True,
                    prefer_css_page_size=True,
                    landscape=bool((landscape or {}).get(Path(html).stem)),
                )
                written.append(pdf)
    finally:
        page.close()
        if close:
            browser.close()
    if outside:
        raise PrintError("a printed page asked for something outside the kit: " + ", ".join(sorted(set(outside))))
    return written
