"""Measure the book: build times, and every page's weight on a first and a repeat visit.

    .venv/bin/python scripts/benchmark.py [--no-build] [--no-baseline]

Prints a table and writes _build/benchmark.json. Needs Debian's Chromium.
The baseline is one default Jupyter Book 1 page showing the same timeline figure with plotly's own
`notebook` renderer (plotly.js inlined in the page), built in a temporary folder.
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

from tracktwo.pageweight import record_visit  # noqa: E402

JB = str(Path(sys.executable).parent / "jupyter-book")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build(path: Path, clean: bool) -> float:
    if clean:
        shutil.rmtree(path / "_build", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([JB, "build", str(path), "--builder", "html", "-n", "-W", "--keep-going"],
                   check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def serve(directory: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *a: None
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not {"_static", "_sources", "_images"} & set(p.parts))


BASELINE_NOTEBOOK = '''
import plotly.io as pio
from tracktwo.data import load_all
from tracktwo.figures.timeline import timeline_figure
pio.renderers.default = "notebook"
d = load_all()
timeline_figure(d.events, d.periods).show()
'''


def baseline_visit(browser) -> dict:
    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp)
        (book / "_config.yml").write_text('title: Baseline\nexecute:\n  execute_notebooks: force\n')
        (book / "_toc.yml").write_text("format: jb-book\nroot: page\n")
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell("# Baseline"), nbformat.v4.new_code_cell(BASELINE_NOTEBOOK)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, book / "page.ipynb")
        start = time.perf_counter()
        subprocess.run([JB, "build", str(book), "--builder", "html"], check=True, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        httpd, base = serve(book / "_build" / "html")
        try:
            v = record_visit(browser, f"{base}/page.html", base)
        finally:
            httpd.shutdown()
        return {"raw": v.raw, "compressed": v.compressed, "build_seconds": round(seconds, 1),
                "off_server_requests": len(v.off_server)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-build", action="store_true", help="measure the existing _build/html")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    result: dict = {}
    if not args.no_build:
        result["clean_build_seconds"] = round(build(ROOT, clean=True), 1)
        result["nochange_rebuild_seconds"] = round(build(ROOT, clean=False), 1)
    site = ROOT / "_build" / "html"
    result["pages"] = len(pages(site))
    result["notebooks"] = len(list((ROOT / "notebooks").glob("*.ipynb")))
    plotly_js = ROOT / "assets" / "vendor" / "plotly" / "plotly-basic.min.js"
    from tracktwo.pageweight import transfer_size
    result["plotly_js"] = {"raw": plotly_js.stat().st_size, "compressed": transfer_size("x.js", plotly_js.read_bytes())}

    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)
        all_pages = pages(site)
        for i, rel in enumerate(all_pages):
            first = record_visit(browser, f"{base}/{rel}", base)
            other = all_pages[(i + 1) % len(all_pages)] if len(all_pages) > 1 else rel
            warm = record_visit(browser, f"{base}/{other}", base)
            repeat = first.minus(warm)
            rows.append({"page": rel, "first_raw": first.raw, "first_compressed": first.compressed,
                         "repeat_raw": repeat.raw, "repeat_compressed": repeat.compressed,
                         "off_server_requests": len(first.off_server)})
        if not args.no_baseline:
            result["baseline"] = baseline_visit(browser)
        browser.close()
    httpd.shutdown()
    result["pages_detail"] = rows
    heaviest = max(rows, key=lambda r: r["first_compressed"])
    result["heaviest_first_visit"] = heaviest
    result["max_repeat_compressed"] = max(r["repeat_compressed"] for r in rows)
    if "baseline" in result:
        result["heaviest_vs_baseline"] = round(heaviest["first_compressed"] / result["baseline"]["compressed"], 3)

    kb = lambda n: f"{n / 1024:8.1f}"  # noqa: E731
    print(f"{'page':42} {'first raw KB':>12} {'first gz KB':>11} {'repeat raw KB':>13} {'repeat gz KB':>12}")
    for r in rows:
        print(f"{r['page']:42} {kb(r['first_raw']):>12} {kb(r['first_compressed']):>11} "
              f"{kb(r['repeat_raw']):>13} {kb(r['repeat_compressed']):>12}")
    if "baseline" in result:
        b = result["baseline"]
        print(f"{'BASELINE (default JB1 + plotly notebook renderer)':42} {kb(b['raw']):>12} {kb(b['compressed']):>11}")
        print(f"heaviest page / baseline (compressed, first visit): {result['heaviest_vs_baseline']}")
    print(f"plotly.js bundle: {kb(result['plotly_js']['raw'])} KB raw, {kb(result['plotly_js']['compressed'])} KB gzip")
    if "clean_build_seconds" in result:
        print(f"clean build: {result['clean_build_seconds']} s; no-change rebuild: {result['nochange_rebuild_seconds']} s; "
              f"{result['pages']} pages, {result['notebooks']} notebooks")
    (ROOT / "_build" / "benchmark.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
