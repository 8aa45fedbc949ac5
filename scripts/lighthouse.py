"""How the pages settle on a cheap phone: Lighthouse's mobile run on every page, beside a default book.

    .venv/bin/python scripts/lighthouse.py                 # the pages of issue 32 and a few others
    .venv/bin/python scripts/lighthouse.py --all           # every page of _build/html
    .venv/bin/python scripts/lighthouse.py book/review.html notebooks/timeline.html
    .venv/bin/python scripts/lighthouse.py --no-baseline --json _build/lighthouse.json

Prints, per page, the kind (pageweight.page_kind), Lighthouse's performance score, LCP, TBT and CLS,
the accessibility, best-practices and SEO scores, and the machine's load (/proc/loadavg and nproc,
before and after: the numbers are CPU-bound, so read them beside the load). Then the same for a default
Jupyter Book 1 built from the same content (scripts/benchmark.py's baseline book: the course's home
page text, and the timeline figure drawn by plotly's own notebook renderer), and the targets of issue
32 with each page's verdict.

A measuring tool, not a test: `make test` and the book build never need it. Lighthouse 12.2.3 comes
from npm into a cache folder the first time (``$TT_LIGHTHOUSE_DIR``, default ``~/.cache/tracktwo/
lighthouse``; or set ``$LIGHTHOUSE`` to a lighthouse binary), and runs on Node 20 with Debian's
Chromium (``$CHROME_PATH``, default /usr/bin/chromium) in its default mobile setting: simulated slow
4G and a 4x CPU slowdown. The pages are served by a static server that gzips text (as a standard
static host does), one page at a time.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from pageweight import page_kind  # noqa: E402

LIGHTHOUSE_VERSION = "12.2.3"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"

#: The pages issue 32 measured, and a few others of each kind.
DEFAULT_PAGES = [
    "index.html",
    "book/review.html",
    "book/part4/conflict.html",
    "book/part3/recommendations.html",
    "notebooks/mapping.html",
    "book/part1/levels.html",
    "book/part2/nld.html",
    "book/part2/coup.html",
    "notebooks/timeline.html",
    "book/part4/table1-then-now.html",
    "book/my-work.html",
    "book/glossary.html",
]

#: Issue 32's targets (score, CLS, TBT) per kind.
TEXT_KINDS = ("text", "exercise", "search")

GZIP_TYPES = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map", ".mjs")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that gzips text responses for clients that accept it (level 6)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            return super().send_head()
        if not path.endswith(GZIP_TYPES) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        try:
            body = Path(path).read_bytes()
        except OSError:
            self.send_error(404, "File not found")
            return None
        data = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        import io

        return io.BytesIO(data)


def serve(directory: Path):
    """The site over a gzip-serving static server (benchmark.py's server, with this module's handler)."""
    from benchmark import serve as serve_static

    return serve_static(directory, GzipHandler)


def lighthouse_bin() -> list[str]:
    """The lighthouse command: $LIGHTHOUSE, or the pinned version installed on demand into a cache folder."""
    if os.environ.get("LIGHTHOUSE"):
        return [os.environ["LIGHTHOUSE"]]
    cache = Path(os.environ.get("TT_LIGHTHOUSE_DIR", Path.home() / ".cache" / "tracktwo" / "lighthouse"))
    cli = cache / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        if not shutil.which("npm"):
            sys.exit("scripts/lighthouse.py needs Node 20 and npm (Debian: apt-get install nodejs npm) to fetch Lighthouse.")
        cache.mkdir(parents=True, exist_ok=True)
        print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {cache} (once)...", flush=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )
    return [str(cli)]


def load() -> str:
    try:
        avg = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        avg = ["?"] * 3
    return f"load {' '.join(avg)} on {os.cpu_count()} cores"


def run_one(cmd: list[str], url: str) -> dict:
    """One Lighthouse mobile run of ``url``: the numbers the table shows, and the shifting elements."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", shutil.which("chromium") or "/usr/bin/chromium"))
        proc = subprocess.run(
            cmd
            + [
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if not out.exists():
            return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no report"]}
        report = json.loads(out.read_text())
    audits, cats = report["audits"], report["categories"]

    def score(name):
        s = cats.get(name, {}).get("score")
        return None if s is None else round(s * 100)

    shifts = []
    for item in (audits.get("layout-shifts", {}).get("details") or {}).get("items", [])[:3]:
        node = item.get("node") or {}
        shifts.append(f"{node.get('selector', '?')} {item.get('score', 0):.3f}")
    long_tasks = []
    for item in (audits.get("bootup-time", {}).get("details") or {}).get("items", [])[:3]:
        long_tasks.append(f"{item.get('url', '?').rsplit('/', 1)[-1]} {item.get('total', 0):.0f}ms")
    failing = [
        ref["id"]
        for name in ("accessibility", "best-practices", "seo")
        for ref in cats.get(name, {}).get("auditRefs", [])
        if ref.get("weight") and audits.get(ref["id"], {}).get("score") not in (None, 1)
    ]
    return {
        "failing": failing,
        "score": score("performance"),
        "lcp_ms": audits["largest-contentful-paint"].get("numericValue"),
        "tbt_ms": audits["total-blocking-time"].get("numericValue"),
        "cls": audits["cumulative-layout-shift"].get("numericValue"),
        "fcp_ms": audits["first-contentful-paint"].get("numericValue"),
        "accessibility": score("accessibility"),
        "best_practices": score("best-practices"),
        "seo": score("seo"),
        "shifts": shifts,
        "scripts": long_tasks,
        "warnings": report.get("runWarnings", []),
    }


def targets(kind: str, row: dict) -> list[str]:
    """Issue 32's targets this page misses (empty: all met)."""
    if "error" in row:
        return ["no report"]
    missed = []
    floor = 90 if kind in TEXT_KINDS else 75
    if row["score"] is not None and row["score"] < floor:
        missed.append(f"score<{floor}")
    if row["cls"] is not None and row["cls"] > 0.1:
        missed.append("CLS>0.1")
    if kind not in TEXT_KINDS and row["tbt_ms"] is not None and row["tbt_ms"] > 300:
        missed.append("TBT>300")
    for cat in ("accessibility", "best_practices"):
        if row.get(cat) is not None and row[cat] < 100:
            missed.append(f"{cat}<100")
    return missed


def fmt(page: str, kind: str, row: dict, verdict: bool = True) -> str:
    if "error" in row:
        return f"{page:44} {kind:12} ERROR {' '.join(row['error'])}"
    missed = targets(kind, row) if verdict else []
    return (
        f"{page:44} {kind:12} {row['score']:>5} {row['lcp_ms'] / 1000:>6.1f} {row['tbt_ms']:>7.0f} {row['cls']:>6.3f}"
        f" {row['accessibility']:>4} {row['best_practices']:>4} {row['seo']:>4}  "
        + (("misses " + ", ".join(missed)) if missed else ("ok" if verdict else "-"))
    )


HEADER = f"{'page':44} {'kind':12} {'score':>5} {'LCP s':>6} {'TBT ms':>7} {'CLS':>6} {'a11y':>4} {'bp':>4} {'seo':>4}  issue 32 targets"


def baseline_site(tmp: Path) -> Path:
    """A default Jupyter Book 1 built from the same content (scripts/benchmark.py's baseline book)."""

    from benchmark import JB, write_baseline_book

    book = tmp / "baseline"
    book.mkdir()
    write_baseline_book(book)
    subprocess.run([JB, "build", str(book), "--builder", "html"], check=True, capture_output=True, text=True, cwd=ROOT)
    return book / "_build" / "html"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="pages under the site (default: the pages of issue 32 and a few others)")
    parser.add_argument("--all", action="store_true", help="every page of the site")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--no-baseline", action="store_true", help="skip the default Jupyter Book 1 pages")
    parser.add_argument("--json", type=Path, default=ROOT / "_build" / "lighthouse.json")
    parser.add_argument("--details", action="store_true", help="also print the shifting elements and the busiest scripts")
    args = parser.parse_args()
    site = args.site
    if not (site / "index.html").exists():
        sys.exit(f"{site} has no built book: run `make book` first.")
    if args.all:
        rels = sorted(
            p.relative_to(site).as_posix()
            for p in site.rglob("*.html")
            if not {"_static", "_sources", "_images"} & set(p.relative_to(site).parts)
        )
    else:
        rels = args.pages or DEFAULT_PAGES
    missing = [r for r in rels if not (site / r).exists()]
    if missing:
        sys.exit(f"not in {site}: {', '.join(missing)}")
    cmd = lighthouse_bin()
    result = {"lighthouse": LIGHTHOUSE_VERSION, "load_before": load(), "pages": {}, "baseline": {}}
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile (simulated slow 4G, 4x CPU slowdown); {result['load_before']}")
    print(HEADER)
    httpd, base = serve(site)
    try:
        for rel in rels:
            kind = page_kind((site / rel).read_text(encoding="utf-8", errors="replace"))
            row = run_one(cmd, f"{base}/{rel}")
            row["kind"] = kind
            result["pages"][rel] = row
            print(fmt(rel, kind, row), flush=True)
            if args.details and "error" not in row:
                print(f"    shifts: {'; '.join(row['shifts']) or '-'}  |  scripts: {'; '.join(row['scripts'])}")
                if row["failing"]:
                    print(f"    failing audits (accessibility, best practices, SEO): {', '.join(row['failing'])}")
    finally:
        httpd.shutdown()
    if not args.no_baseline:
        with tempfile.TemporaryDirectory() as tmp:
            bsite = baseline_site(Path(tmp))
            httpd, base = serve(bsite)
            try:
                for rel, label in (("text.html", "BASELINE text (default JB1)"), ("page.html", "BASELINE figure (JB1+plotly)")):
                    row = run_one(cmd, f"{base}/{rel}")
                    result["baseline"][rel] = row
                    print(fmt(label, "text" if rel == "text.html" else "figure", row, verdict=False), flush=True)
            finally:
                httpd.shutdown()
    result["load_after"] = load()
    met = [r for r, row in result["pages"].items() if not targets(row["kind"], row)]
    print(f"{result['load_after']}; issue 32 targets met on {len(met)} of {len(result['pages'])} pages")
    print(
        "targets: text pages score >= 90, figure and map pages >= 75; CLS <= 0.1 everywhere; TBT <= 300 ms on "
        "figure and map pages; accessibility and best practices 100 (byte budgets: tests/test_page_budget.py)"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
