"""Time the inner loop against its promise (issue 25, docs/decisions/0008-test-tiers.md).

    .venv/bin/python scripts/bench_tests.py [--only fast,rebuild,test,slow] [--json PATH]

Runs each measure once, in order, and prints a small table: wall time, CPU time (user + system of
every child process, from the kernel's own count) and the machine's load average (1 min) just before
and just after, with the target beside it. On a machine shared with other work, judge a change by
CPU time, or by wall time against a run made at the same load.

* ``fast``: ``make test-fast`` (the unit tier: no book, browser, notebook or JupyterLab), <= 60 s;
* ``rebuild``: ``touch book/part1/origins.md`` and rebuild into the existing build folder, <= 10 s
  (brings the build up to date first, untimed, so that only the touched chapter is rebuilt);
* ``test``: ``make test``, <= 6 min;
* ``slow``: ``make test-slow``; with ``test``, what CI runs (``.ci/run``): the two together <= 15 min;
* ``kit``: ``make kit`` from nothing (the editions' and sheets' build folders removed first, as on a
  fresh clone), <= 5 min (issue 27). Not in the default set: ``--only kit``.

Writes the figures to ``_build/bench-tests.json`` as well.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "book" / "part1" / "origins.md"
#: name -> (what is run, target wall seconds)
TARGETS = {"fast": 60.0, "rebuild": 10.0, "test": 360.0, "slow": None, "ci": 900.0, "kit": 300.0}
#: What ``make kit`` builds into; removed before the kit is timed, so it is timed as on a fresh clone.
KIT_OUTPUTS = ("_build/participant", "_build/instructor", "_build/print", "_build/kit")
LABELS = {
    "fast": "make test-fast",
    "rebuild": "one-chapter rebuild",
    "test": "make test",
    "slow": "make test-slow",
    "ci": "make test + test-slow (CI)",
    "kit": "make kit (from nothing)",
}


def _jupyter_book() -> str:
    return str(Path(sys.executable).parent / "jupyter-book")


def _build_cmd() -> list[str]:
    out = os.environ.get("TRACKTWO_OUT", str(ROOT))
    return [_jupyter_book(), "build", str(ROOT), "--builder", "html", "-n", "-W", "--keep-going", "--path-output", out]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, cmd: list[str], before=None) -> dict:
    """Run ``cmd`` once; wall, children's CPU, load before and after, and its exit status."""
    if before:
        before()
    load_before = os.getloadavg()[0]
    cpu0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    load_after = os.getloadavg()[0]
    plain = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout)
    lines = [
        line.strip(" =")
        for line in plain.splitlines()
        if re.search(r"\b(passed|failed|error|succeeded|finished|done in)\b", line, re.I)
    ]
    tail = lines[-1:] or [""]
    return {
        "name": name,
        "command": " ".join(cmd),
        "returncode": proc.returncode,
        "wall": round(wall, 1),
        "cpu": round(cpu, 1),
        "load_before": round(load_before, 2),
        "load_after": round(load_after, 2),
        "summary": tail[0][-100:],
        "output_tail": proc.stdout[-3000:] if proc.returncode else "",
    }


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds:.1f} s" if seconds < 120 else f"{int(seconds // 60)} min {seconds % 60:04.1f} s"


def table(rows: list[dict]) -> str:
    head = f"{'measure':28} {'wall':>14} {'cpu (children)':>16} {'target':>10} {'ok':>4} {'load 1m before/after':>22}  result"
    lines = [head, "-" * len(head)]
    for r in rows:
        target = TARGETS.get(r["name"])
        ok = "-" if target is None else ("yes" if r["wall"] <= target and r["returncode"] == 0 else "NO")
        load = f"{r['load_before']:.2f} / {r['load_after']:.2f}"
        lines.append(
            f"{LABELS[r['name']]:28} {_fmt(r['wall']):>14} {_fmt(r['cpu']):>16} {_fmt(target):>10} {ok:>4} "
            f"{load:>22}  {r['summary']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="fast,rebuild,test,slow", help="comma-separated: fast, rebuild, test, slow")
    parser.add_argument("--json", type=Path, default=ROOT / "_build" / "bench-tests.json")
    args = parser.parse_args(argv)
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = set(wanted) - {"fast", "rebuild", "test", "slow", "kit"}
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(sorted(unknown))} (choose from fast, rebuild, test, slow, kit)")
    make = ["make", "--no-print-directory"]
    rows = []
    print(f"{os.cpu_count()} cores; load average now {os.getloadavg()[0]:.2f} (1 min)", flush=True)
    for name in wanted:
        print(f"running {LABELS[name]} ...", flush=True)
        if name == "fast":
            rows.append(measure(name, make + ["test-fast"]))
        elif name == "rebuild":
            # bring the build up to date first (not timed): a build older than the sources would
            # rebuild every changed page, which is not what a one-chapter rebuild measures
            print("  bringing the build up to date first (not timed) ...", flush=True)
            subprocess.run(_build_cmd(), cwd=ROOT, capture_output=True)
            rows.append(measure(name, _build_cmd(), before=CHAPTER.touch))
        elif name == "test":
            rows.append(measure(name, make + ["test"]))
        elif name == "slow":
            rows.append(measure(name, make + ["test-slow"]))
        elif name == "kit":

            def clean() -> None:
                import shutil

                for rel in KIT_OUTPUTS:
                    shutil.rmtree(ROOT / rel, ignore_errors=True)

            rows.append(measure(name, make + ["kit"], before=clean))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    named = {r["name"]: r for r in rows}
    if "test" in named and "slow" in named:
        t, s = named["test"], named["slow"]
        rows.append(
            {
                "name": "ci",
                "returncode": t["returncode"] or s["returncode"],
                "wall": round(t["wall"] + s["wall"], 1),
                "cpu": round(t["cpu"] + s["cpu"], 1),
                "load_before": t["load_before"],
                "load_after": s["load_after"],
                "summary": "sum of the two rows above",
                "command": ".ci/run's two make targets",
            }
        )
    print()
    print(table(rows))
    for r in rows:
        if r.get("returncode") and r.get("output_tail"):
            print(f"\n{LABELS[r['name']]} failed (exit {r['returncode']}); its last lines:\n{r['output_tail']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"cores": os.cpu_count(), "rows": rows}, indent=1) + "\n", encoding="utf-8")
    return 1 if any(r["returncode"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
