"""Benchmark: redraw of the map builder after one edit, on a map of 60 actors and 150 relationships.

Opens the built book's mapping page in Chromium (from file://), loads a generated map, then makes
20 edits (change one relationship's kind) and times each from the edit to the end of the redraw
(forms, drawing, legend and table twin), plus one animation frame so the canvas has painted.

    .venv/bin/python scripts/bench_map_builder.py [--html _build/html] [--edits 20]

Prints the median and the worst time in milliseconds (target: median under 100 ms).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracktwo.maps import learner  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def big_map(n_actors: int = 60, n_rel: int = 150, seed: int = 60150) -> dict:
    rng = random.Random(seed)
    m = learner.empty_map("Benchmark", "generated", "2026-11-28")
    m["actors"] = [{"id": f"a{i}", "name": f"Actor {i}", "type": rng.choice(learner.ACTOR_TYPES),
                    "power": rng.randint(1, 5), "party": rng.choice(learner.PARTIES)} for i in range(n_actors)]
    pairs = set()
    while len(pairs) < n_rel:
        a, b = rng.sample(range(n_actors), 2)
        pairs.add((min(a, b), max(a, b)))
    m["relationships"] = [{"id": f"r{j}", "source": f"a{a}", "target": f"a{b}", "kind": rng.choice(learner.KINDS)}
                          for j, (a, b) in enumerate(sorted(pairs))]
    assert learner.map_problems(m) == []
    return m


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--html", default=str(ROOT / "_build/html"))
    ap.add_argument("--edits", type=int, default=20)
    args = ap.parse_args()
    page_path = Path(args.html) / "book/mapping/build-a-map.html"
    if not page_path.exists():
        print(f"{page_path} not found: build the book first (make book)")
        return 1
    from playwright.sync_api import sync_playwright

    data = big_map()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_path.as_uri())
        page.wait_for_selector("[data-tt-interactive=map-builder][data-ready]")
        ok = page.evaluate("""(text) => {
            const el = document.querySelector('[data-tt-interactive=map-builder] .tt-interactive-view');
            return el._ttb.importFile('bench.json', new TextEncoder().encode(text));
        }""", learner.to_json(data))
        if not ok:
            print("the generated map was not accepted")
            return 1
        times = page.evaluate("""async (edits) => {
            const el = document.querySelector('[data-tt-interactive=map-builder] .tt-interactive-view');
            const kinds = ['close', 'alliance', 'informal', 'discord', 'broken', 'influence'];
            const out = [];
            for (let i = 0; i < edits; i += 1) {
              const t0 = performance.now();
              el._ttb.commit((l) => { const r = l.maps[l.current].relationships[i % 150]; r.kind = kinds[(kinds.indexOf(r.kind) + 1) % 6]; });
              await new Promise((resolve) => requestAnimationFrame(() => resolve()));
              out.push([performance.now() - t0, Number(el.dataset.redrawMs)]);
            }
            return out;
        }""", args.edits)
        counts = page.evaluate("""() => { const cy = document.querySelector('[data-tt-interactive=map-builder] .ttb-draw')._ttmCy;
                                   return [cy.nodes().length, cy.edges().length]; }""")
        browser.close()
    total = [t for t, _ in times]
    redraw = [r for _, r in times]
    print(json.dumps({"actors": counts[0], "relationships": counts[1], "edits": len(times),
                      "median_ms_to_next_frame": round(statistics.median(total), 1), "max_ms_to_next_frame": round(max(total), 1),
                      "median_ms_redraw": round(statistics.median(redraw), 1), "max_ms_redraw": round(max(redraw), 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
