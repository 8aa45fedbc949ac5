"""Measure the book: build times, every page's weight on a first and a repeat visit, per page kind.

    .venv/bin/python scripts/benchmark.py [--no-build] [--no-baseline] [--write-baseline]

Prints a table and writes _build/benchmark.json. Needs Debian's Chromium.

* Build speed: a clean build (notebooks executed) and a no-change rebuild, as `make book` runs them.
* Page weight (pageweight): every page's first visit (empty cache) in Chromium, and its
  repeat visit (after another page, with the site's shared assets cached), raw and compressed
  (gzip level 6; woff2/png/jpeg as they are). 1 KB = 1000 bytes.
* Baseline: a default Jupyter Book 1 with the same content, built in a temporary folder: a page
  showing the same timeline figure with plotly's own `notebook` renderer (plotly.js inlined in the
  page) and a text page with the course's home page text. ``--write-baseline`` stores its bytes in
  tests/baseline_bytes.json, which the budget test reads.
* Per page kind (text, exercise, figure, map, figure + map; tracktwo pageweight.page_kind): the
  heaviest first visit and repeat visit of each kind, and their ratio to the baseline's page of the
  same kind (the figure page for figure and map kinds, the text page for text and exercise).
* Whole site: every file the offline copy stores (offline-manifest.json), compressed, against every
  file of the baseline's site.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pageweight import (  # noqa: E402
    CHROMIUM_ARGS,
    is_shared_asset,
    page_kind,
    record_visits,
    repeat_visit,
    search_index_bytes,
    site_bytes,
    transfer_size,
)  # noqa: E402

JB = str(Path(sys.executable).parent / "jupyter-book")
BASELINE_JSON = ROOT / "tests" / "baseline_bytes.json"


def build(path: Path, clean: bool) -> float:
    if clean:
        shutil.rmtree(path / "_build", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [JB, "build", str(path), "--builder", "html", "-n", "-W", "--keep-going"], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - start


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path, handler_class=None):
    """A static server on a free local port for ``directory`` (quiet; scripts/lighthouse.py passes its
    gzip-serving handler): returns (server, base URL)."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if not {"_static", "_sources", "_images"} & set(p.parts)
    )


def measure_site(browser, site: Path) -> list[dict]:
    """First and repeat visit of every page of a built site."""
    httpd, base = serve(site)
    try:
        rels = pages(site)
        visits = record_visits(browser, [f"{base}/{rel}" for rel in rels], base)
    finally:
        httpd.shutdown()
    rows = []
    for rel, first in zip(rels, visits):
        repeat, warm = repeat_visit(first, visits)
        assumed = sorted(u for u in first.resources if is_shared_asset(u) and (warm is None or u not in warm.resources))
        rows.append(
            {
                "page": rel,
                "kind": page_kind((site / rel).read_text(encoding="utf-8", errors="replace")),
                "first_raw": first.raw,
                "first_compressed": first.compressed,
                "repeat_raw": repeat.raw,
                "repeat_compressed": repeat.compressed,
                "warmup": warm.url[len(base) + 1 :] if warm else None,
                # shared assets counted as cached although the warm-up page did not fetch them
                "shared_not_fetched_by_warmup": [u[len(base) + 1 :].split("?")[0] for u in assumed],
                "shared_not_fetched_compressed": sum(first.resources[u][1] for u in assumed),
                "off_server_requests": len(first.off_server),
                # the search index: the search page's content, budgeted on its own (tests/test_page_budget.py)
                "search_index_compressed": search_index_bytes(repeat),
            }
        )
    return rows


BASELINE_NOTEBOOK = '''
import plotly.io as pio
from tracktwo.citations import short_citations
from tracktwo.data import load_all
from tracktwo.timeline.timeline_chart import timeline_figure
pio.renderers.default = "notebook"
course = load_all()
timeline_figure(course.events, course.periods, citations=short_citations(course.references)).show()
'''


def write_baseline_book(book: Path) -> None:
    """The baseline's sources in ``book``: a default Jupyter Book 1 with the course's home page text and
    the timeline figure drawn by plotly's own notebook renderer (also scripts/lighthouse.py's baseline)."""
    import nbformat

    (book / "_config.yml").write_text("title: Baseline\nexecute:\n  execute_notebooks: force\n")
    (book / "_toc.yml").write_text("format: jb-book\nroot: page\nchapters:\n  - file: text\n")
    (book / "text.md").write_text(_plain_text((ROOT / "index.md").read_text(encoding="utf-8")))
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Baseline"), nbformat.v4.new_code_cell(BASELINE_NOTEBOOK)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "page.ipynb")


def _plain_text(markdown: str) -> str:
    """The course's home page as plain Markdown a default book can build (no course roles or directives)."""
    import re

    text = re.sub(r"\{cite:[a-z]+\}`[^`]*`", "", markdown)
    text = re.sub(r"^(```|:::).*?^\1\s*$", "", text, flags=re.S | re.M)
    return re.sub(r"\{[a-z-]+\}`([^`]*)`", r"\1", text)


def _all_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def baseline(browser) -> dict:
    """A default Jupyter Book 1 page with the timeline drawn by plotly's `notebook` renderer."""

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp)
        write_baseline_book(book)
        start = time.perf_counter()
        subprocess.run([JB, "build", str(book), "--builder", "html"], check=True, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        rows = measure_site(browser, book / "_build" / "html")
        site_raw, site_compressed = site_bytes(book / "_build" / "html", _all_files(book / "_build" / "html"))
    row = next(r for r in rows if r["page"] == "page.html")
    text = next(r for r in rows if r["page"] == "text.html")
    from importlib.metadata import version

    return {
        "_comment": "Measured by `python scripts/benchmark.py --write-baseline`: one default Jupyter Book 1 "
        "page showing the course's timeline figure with plotly's own `notebook` renderer, "
        "built in a temporary folder and loaded in Chromium with an empty cache (first) and "
        "after the baseline book's other page that shares most with it (repeat). Bytes as pageweight counts them "
        "(gzip level 6; woff2/png/jpeg as they are). Requests to other hosts fail offline "
        "and count 0, so the baseline is if anything too light.",
        "page": "page.html",
        "first_raw": row["first_raw"],
        "first_compressed": row["first_compressed"],
        "repeat_raw": row["repeat_raw"],
        "repeat_compressed": row["repeat_compressed"],
        "off_server_requests": row["off_server_requests"],
        "build_seconds": round(seconds, 1),
        "warmup": row["warmup"],
        "text_page": {k: text[k] for k in ("page", "first_raw", "first_compressed", "repeat_raw", "repeat_compressed")},
        "site_raw": site_raw,
        "site_compressed": site_compressed,
        "versions": {name: version(name) for name in ("jupyter-book", "sphinx-book-theme", "plotly")}
        | {"plotly.js": _plotly_js_version()},
    }


def _plotly_js_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


BUDGETS = {
    "text": "<= 90 / <= 35",
    "exercise": "<= 90 / <= 35",
    "figure": "<= 450 / <= 35",
    "map": "<= 450 / <= 35",
    "figure + map": "<= 450 / <= 35",
    "search": "<= 90 + index <= 60 / <= 35",
}


def kinds_summary(rows: list[dict], baseline: dict | None) -> dict:
    """Per page kind: page count, the heaviest first and repeat visits, and ratios to the baseline."""
    out = {}
    for kind in ("text", "exercise", "search", "figure", "map", "figure + map"):
        mine = [r for r in rows if r.get("kind") == kind]
        if not mine:
            continue
        first = max(mine, key=lambda r: r["first_compressed"])
        repeat = max(mine, key=lambda r: r["repeat_compressed"])
        entry = {
            "pages": len(mine),
            "first_page": first["page"],
            "first_compressed": first["first_compressed"],
            "repeat_page": repeat["page"],
            "repeat_compressed": repeat["repeat_compressed"],
            "budget": BUDGETS[kind],
        }
        if baseline:
            base = baseline["text_page"] if kind in ("text", "exercise", "search") and "text_page" in baseline else baseline
            entry["first_vs_baseline"] = round(first["first_compressed"] / base["first_compressed"], 3)
            entry["repeat_vs_baseline"] = (
                round(repeat["repeat_compressed"] / base["repeat_compressed"], 3) if base["repeat_compressed"] else None
            )
        out[kind] = entry
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-build", action="store_true", help="measure the existing _build/html")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--write-baseline", action="store_true", help=f"store the baseline in {BASELINE_JSON.relative_to(ROOT)}")
    args = parser.parse_args()
    result: dict = {}
    if not args.no_build:
        result["clean_build_seconds"] = round(build(ROOT, clean=True), 1)
        result["nochange_rebuild_seconds"] = round(build(ROOT, clean=False), 1)
    site = ROOT / "_build" / "html"
    result["pages"] = len(pages(site))
    result["notebooks"] = len(list((site / "_sources").rglob("*.ipynb")))
    plotly_js = ROOT / "assets" / "vendor" / "plotly" / "plotly-tracktwo.min.js"
    result["plotly_js"] = {"raw": plotly_js.stat().st_size, "compressed": transfer_size("x.js", plotly_js.read_bytes())}

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)
        rows = measure_site(browser, site)
        if not args.no_baseline or args.write_baseline:
            result["baseline"] = baseline(browser)
        browser.close()
    result["pages_detail"] = rows
    heaviest = max(rows, key=lambda r: r["first_compressed"])
    result["heaviest_first_visit"] = heaviest["page"]
    result["max_repeat_compressed"] = max(r["repeat_compressed"] - r.get("search_index_compressed", 0) for r in rows)
    result["search_index_compressed"] = max(r.get("search_index_compressed", 0) for r in rows)
    if "baseline" in result:
        result["heaviest_vs_baseline"] = round(heaviest["first_compressed"] / result["baseline"]["first_compressed"], 3)

    kb = lambda n: f"{n / 1000:.1f}"  # noqa: E731
    manifest = json.loads((site / "offline-manifest.json").read_text()) if (site / "offline-manifest.json").exists() else None
    if manifest:
        raw, compressed = site_bytes(site, manifest["files"])
        result["site"] = {"files": len(manifest["files"]), "raw": raw, "compressed": compressed}
    result["kinds"] = kinds_summary(rows, result.get("baseline"))
    print(
        f"{'page (KB = 1000 bytes)':44} {'kind':12} {'first raw':>10} {'first gz':>9} {'repeat raw':>10} {'repeat gz':>9}  warm-up page"
    )
    for r in rows:
        print(
            f"{r['page']:44} {r['kind']:12} {kb(r['first_raw']):>10} {kb(r['first_compressed']):>9} "
            f"{kb(r['repeat_raw']):>10} {kb(r['repeat_compressed']):>9}  {r['warmup']}"
        )
    if "baseline" in result:
        b = result["baseline"]
        print(
            f"{'BASELINE: default JB1 + plotly notebook renderer':44} {'figure':12} {kb(b['first_raw']):>10} "
            f"{kb(b['first_compressed']):>9} {kb(b['repeat_raw']):>10} {kb(b['repeat_compressed']):>9}  {b['warmup']}"
        )
        print(
            f"heaviest first visit: {heaviest['page']} {kb(heaviest['first_compressed'])} KB gz = "
            f"{result['heaviest_vs_baseline']} x baseline (budget <= 450 KB and <= 0.4 x)"
        )
    print(
        f"heaviest repeat visit: {kb(result['max_repeat_compressed'])} KB gz (budget <= 35 KB; the search page "
        f"without its index, which is {kb(result['search_index_compressed'])} KB gz, budget <= 60 KB)"
    )
    print()
    print(
        f"{'page kind (heaviest page of the kind)':48} {'pages':>5} {'first gz KB':>11} {'x base':>7} "
        f"{'repeat gz KB':>12} {'x base':>7}  budget first/repeat"
    )
    for kind, k in result["kinds"].items():
        fx = f"{k['first_vs_baseline']:.3f}" if k.get("first_vs_baseline") is not None else "-"
        rx = f"{k['repeat_vs_baseline']:.3f}" if k.get("repeat_vs_baseline") is not None else "-"
        print(
            f"{kind + ' (' + k['first_page'] + ')':48} {k['pages']:>5} {kb(k['first_compressed']):>11} {fx:>7} "
            f"{kb(k['repeat_compressed']):>12} {rx:>7}  {k['budget']}"
        )
    if "baseline" in result:
        b = result["baseline"]
        print(
            f"{'BASELINE text page (default JB1)':48} {'':>5} {kb(b['text_page']['first_compressed']):>11} {'':>7} "
            f"{kb(b['text_page']['repeat_compressed']):>12}"
        )
        print(
            f"{'BASELINE figure page (default JB1 + plotly)':48} {'':>5} {kb(b['first_compressed']):>11} {'':>7} "
            f"{kb(b['repeat_compressed']):>12}"
        )
    if "site" in result:
        line = (
            f"whole site (offline copy, {result['site']['files']} files): {kb(result['site']['raw'])} KB raw, "
            f"{kb(result['site']['compressed'])} KB gz (budget <= 3000 KB)"
        )
        if "baseline" in result:
            line += f"; baseline site {kb(result['baseline']['site_compressed'])} KB gz"
        print(line)
    for r in rows:
        if r["shared_not_fetched_by_warmup"]:
            print(
                f"  note: {r['page']}: {kb(r['shared_not_fetched_compressed'])} KB gz of shared assets no other "
                f"page fetches, counted as cached: {', '.join(r['shared_not_fetched_by_warmup'])}"
            )
    print(
        f"plotly.js (the course bundle): {kb(result['plotly_js']['raw'])} KB raw, {kb(result['plotly_js']['compressed'])} KB gz"
    )
    if "clean_build_seconds" in result:
        print(
            f"clean build (notebooks executed): {result['clean_build_seconds']} s; no-change rebuild: "
            f"{result['nochange_rebuild_seconds']} s; {result['pages']} pages, {result['notebooks']} notebooks"
        )
    (ROOT / "_build" / "benchmark.json").write_text(json.dumps(result, indent=2))
    if args.write_baseline:
        BASELINE_JSON.write_text(json.dumps(result["baseline"], indent=2) + "\n")
        print(f"wrote {BASELINE_JSON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
