"""Build the offline workshop kit: ``make kit`` (or ``.venv/bin/python scripts/build_kit.py``).

1. builds the participant and instructor editions (TRACKTWO_EDITION=participant / instructor),
   side by side, into _build/participant and _build/instructor;
2. writes every printable sheet (tracktwo.workshop.sheets) to _build/print/html and prints it to
   PDF with Debian's Chromium (scripts/print_sheets.py);
3. packs editions and PDFs into _build/kit with an index page and one zip per folder
   (tracktwo.workshop.kit).

Options: --skip-books packs the editions already built (faster while editing sheets).

A neutral kit (``make kit TITLE="Course notes"``, or TRACKTWO_TITLE in the environment; see
tracktwo/editions.py): both editions are built with that title into _build/neutral-participant and
_build/neutral-instructor, the sheets' titles, footers and PDF metadata say only the title, and the
zips are named after it (course-notes-participant.zip).

A kit in another language (``make kit TT_LANG=my``; tracktwo/i18n): both editions in that language
(_build/participant-my, _build/instructor-my), every sheet in it (drafts marked on each sheet, English
where a string is not translated yet), packed into _build/kit-my with zips named ...-my.zip.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from tracktwo.editions import EditionError, settings  # noqa: E402
from tracktwo.workshop.kit import KitError, PrintedSheet, pack_kit  # noqa: E402
from print_sheets import PrintError, print_pdfs  # noqa: E402
from tracktwo.workshop.sheets import write_sheets  # noqa: E402
from tracktwo.workshop import WorkshopError  # noqa: E402

EDITIONS = ("participant", "instructor")


def book_config() -> SimpleNamespace:
    """The Sphinx config values in _config.yml (a facilitator may set tracktwo_title there)."""
    import yaml

    data = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")) or {}
    return SimpleNamespace(**(((data.get("sphinx") or {}).get("config")) or {}))


def edition_dir(edition: str, title: str | None = None, lang: str = "en") -> str:
    suffix = "" if lang == "en" else f"-{lang}"
    return (f"_build/neutral-{edition}" if title else f"_build/{edition}") + suffix


def edition_html(edition: str, title: str | None = None, lang: str = "en") -> Path:
    return ROOT / edition_dir(edition, title, lang) / "_build" / "html"


def build_editions(title: str | None = None, lang: str = "en") -> None:
    jb = str(Path(sys.executable).with_name("jupyter-book"))
    procs = {}
    for edition in EDITIONS:
        log = open(ROOT / "_build" / f"kit-{edition}{'' if lang == 'en' else '-' + lang}.log", "w")
        # The kit's editions stand alone (no language switch: TT_LANGS empty).
        env = dict(os.environ, TRACKTWO_EDITION=edition, TRACKTWO_TITLE=title or "", TT_LANG=lang, TT_LANGS="")
        procs[edition] = (
            subprocess.Popen(
                [
                    jb,
                    "build",
                    ".",
                    "--builder",
                    "html",
                    "-n",
                    "-W",
                    "--keep-going",
                    "--path-output",
                    edition_dir(edition, title, lang),
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            ),
            log,
        )
    failed = []
    for edition, (proc, log) in procs.items():
        if proc.wait() != 0:
            failed.append(edition)
        log.close()
    if failed:
        names = ", ".join(f"_build/kit-{e}{'' if lang == 'en' else '-' + lang}.log" for e in failed)
        raise SystemExit(f"make kit: the {' and '.join(failed)} edition did not build; see {names}")


def page_count(pdf: Path) -> int:
    try:
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return 0
    return next((int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:")), 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-books", action="store_true", help="pack the editions already built")
    parser.add_argument("--title", help="a neutral title (default: TRACKTWO_TITLE); see tracktwo/editions.py")
    args = parser.parse_args(argv)
    try:
        chosen = settings(dict(os.environ, **({"TRACKTWO_TITLE": args.title} if args.title else {})), config=book_config())
    except EditionError as exc:
        raise SystemExit(f"make kit: {exc}")
    title, lang = chosen.title, chosen.lang
    suffix = "" if lang == "en" else f"-{lang}"
    t0 = time.monotonic()
    (ROOT / "_build").mkdir(exist_ok=True)
    if not args.skip_books:
        print(
            "make kit: building the participant and instructor editions (side by side)"
            + (f", neutral title {title!r}" if title else "")
            + (f", language {lang}" if lang != "en" else "")
            + "...",
            flush=True,
        )
        build_editions(title, lang)
    t1 = time.monotonic()
    print("make kit: printing handouts, card sets and key sheets with Chromium...", flush=True)
    try:  # a sheet with no carry mark, or a malformed data file: one message, no traceback
        written = write_sheets(ROOT / "_build" / f"print{suffix}" / "html", title=title, lang=lang)
    except WorkshopError as exc:
        raise SystemExit(f"make kit: {exc}")
    try:
        pdfs = print_pdfs(
            [p for _, p in written],
            ROOT / "_build" / f"print{suffix}" / "pdf",
            landscape={p.stem: s.landscape for s, p in written},
            paper={p.stem: s.paper for s, p in written},
        )
    except PrintError as exc:
        raise SystemExit(f"make kit: {exc}")
    sheets = [PrintedSheet(s.id, s.title, s.audience, s.kind, pdf, page_count(pdf)) for (s, _), pdf in zip(written, pdfs)]
    t2 = time.monotonic()
    try:
        result = pack_kit(
            edition_html("participant", title, lang),
            edition_html("instructor", title, lang),
            sheets,
            ROOT / "_build" / f"kit{suffix}",
            title=title,
            lang=lang,
        )
    except KitError as exc:
        raise SystemExit(f"make kit: {exc}")
    t3 = time.monotonic()
    for s in sheets:
        print(f"  {s.audience:<11} {s.pdf.name:<36} {s.pages} page(s)")
    sizes = {k: result[k].stat().st_size / 1e6 for k in ("participant_zip", "facilitator_zip")}
    print(f"make kit: done in {t3 - t0:.0f} s (editions {t1 - t0:.0f} s, PDFs {t2 - t1:.0f} s, packing {t3 - t2:.0f} s).")
    print(
        f"  {result['index'].relative_to(ROOT)}; zips: participant {sizes['participant_zip']:.1f} MB, "
        f"facilitator {sizes['facilitator_zip']:.1f} MB. Copy _build/kit{suffix}/ to a USB stick."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
