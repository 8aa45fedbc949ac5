"""Export the exercise banks for a learning-management system: ``make lms`` (or
``.venv/bin/python scripts/build_lms.py``). Writes _build/lms/:

  moodle/track-two-questions.xml     Moodle XML (one category per bank)
  gift/track-two-questions.gift.txt  GIFT (one $CATEGORY per bank)
  qti/track-two-qti.zip              QTI 1.2 package for Canvas (imsmanifest.xml, one assessment per bank)
  links/chapters.html, chapters.md   the chapter links for a course page (no keys)
  README.txt                         what each file is, how each type is mapped, the counts

Options: --base-url URL makes the chapter links absolute (``make lms BASE_URL=https://...``);
--no-open leaves the open (written) items out (they are essays with no key otherwise);
--out DIR writes elsewhere; --banks DIR reads other banks (the tests' fixtures). The writers are pure functions in tracktwo/lms/; this script reads the
banks, calls them, writes the files and prints the counts per format and per type.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracktwo.exercises import BankError, ExerciseError  # noqa: E402
from tracktwo.lms import (  # noqa: E402
    FORMATS,
    LmsError,
    chapter_pages,
    export_banks,
    gift_text,
    links_html,
    links_markdown,
    moodle_xml,
    qti_files,
    qti_zip,
    readme_text,
)
from tracktwo.lms.lms_items import report_lines  # noqa: E402
from tracktwo.data.safe_yaml import YamlProblem  # noqa: E402

OUT = ROOT / "_build" / "lms"
FILES = {
    "moodle": "moodle/track-two-questions.xml",
    "gift": "gift/track-two-questions.gift.txt",
    "qti": "qti/track-two-qti.zip",
    "links_html": "links/chapters.html",
    "links_md": "links/chapters.md",
    "readme": "README.txt",
}


def build(out: Path = OUT, base_url: str = "", include_open: bool = True, bank_dir: Path | None = None) -> list[str]:
    """Write every file under ``out``; return the report's lines."""
    export = export_banks(bank_dir, include_open=include_open)
    moodle, moodle_n = moodle_xml(export)
    gift, gift_n = gift_text(export)
    files, qti_n = qti_files(export)
    counts = {"moodle": moodle_n, "gift": gift_n, "qti": qti_n}
    pages = chapter_pages()
    if out.exists():
        shutil.rmtree(out)
    texts = {
        "moodle": moodle,
        "gift": gift,
        "links_html": links_html(pages, base_url),
        "links_md": links_markdown(pages, base_url),
        "readme": readme_text(export, counts, base_url),
    }
    for key, rel in FILES.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if key == "qti":
            path.write_bytes(qti_zip(files))
        else:
            path.write_text(texts[key], encoding="utf-8")
    lines = report_lines(export, counts)
    lines.append(f"  chapter links: {len(pages)} pages (base URL: {base_url or 'relative'})")
    lines += [f"  {out / rel}" for rel in FILES.values()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="", help="the published book's address (default: relative links)")
    parser.add_argument("--no-open", action="store_true", help="leave the open (written) items out")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--banks", type=Path, default=None, help="read the banks from this folder (default data/exercises)")
    args = parser.parse_args(argv)
    try:
        lines = build(args.out, args.base_url, not args.no_open, args.banks)
    except (BankError, ExerciseError, LmsError, YamlProblem) as exc:
        print(f"make lms: {exc}", file=sys.stderr)
        return 1
    print(f"LMS export ({', '.join(FORMATS.values())}, chapter links):")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
