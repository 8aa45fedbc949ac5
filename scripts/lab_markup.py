"""Rewrite the notebooks' MyST markup into forms JupyterLab renders, never their words (and back).

    python scripts/lab_markup.py                  # convert notebooks/*.ipynb in place (idempotent)
    python scripts/lab_markup.py --check          # exit 1 and list the notebooks that need it
    python scripts/lab_markup.py --to-myst FILE   # the reverse, e.g. to edit the MyST by hand
    python scripts/lab_markup.py --out DIR FILES  # write converted copies into DIR (the lab tests)

What changes and why: tracktwo/sphinxext/notebook_markup.py and docs/decisions/0009. The book reads
the converted notebooks exactly as it read the MyST ones (the plugin turns them back on source-read).
After converting, run `make notebooks` so the new widget cells have current outputs (nbval).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tracktwo.citations import short_citations
from tracktwo.data import load_references
from tracktwo.sphinxext.notebook_markup import notebook_to_lab, notebook_to_myst, unconverted

ROOT = Path(__file__).resolve().parent.parent


def dumps(nb: dict) -> str:
    """As Jupyter writes a notebook (nbformat: sorted keys, one-space indent), so diffs stay small."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def pointer(ref: str) -> str:
    """The line JupyterLab shows where the book places an exercise another cell already shows."""
    from tracktwo.exercises import get_item, load_bank

    try:
        title = get_item(ref).title if "/" in ref else load_bank(ref).title
    except Exception:  # a broken reference is reported by the exercise tests, not here
        title = ref
    return f"*The exercise \u201c{title}\u201d is in the live widget below.*"


def convert(paths: list[Path], to_myst: bool = False, out_dir: Path | None = None, check: bool = False) -> int:
    citations = short_citations(load_references())
    pending, leftovers = [], []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            nb = json.loads(text)
        except json.JSONDecodeError as exc:
            print(f"{path}: not a notebook (invalid JSON: {exc})", file=sys.stderr)
            return 2
        new = notebook_to_myst(nb) if to_myst else notebook_to_lab(nb, citations, pointer)
        result = dumps(new)
        if not to_myst:
            leftovers += [f"{path}: {what} is left as MyST (no JupyterLab form for it yet)" for what in unconverted(new)]
        if check:
            if result != text:
                pending.append(str(path))
            continue
        target = (out_dir / path.name) if out_dir else path
        if result != text or out_dir:
            target.write_text(result, encoding="utf-8")
    for line in leftovers:
        print(line, file=sys.stderr)
    if check and pending:
        print(
            "these notebooks still hold MyST markup JupyterLab shows raw; run scripts/lab_markup.py:\n  " + "\n  ".join(pending),
            file=sys.stderr,
        )
        return 1
    return 1 if leftovers else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--to-myst", action="store_true", help="turn the JupyterLab forms back into MyST")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook needs converting")
    parser.add_argument("--out", type=Path, help="write the results into this folder instead of in place")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    return convert(paths, to_myst=args.to_myst, out_dir=args.out, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
