"""Cut the theme's FontAwesome solid webfont down to the glyphs the book can show.

    .venv/bin/python scripts/subset_icons.py [--site _build/html]

Writes assets/tracktwo/icons/tracktwo-icons.woff2 and assets/tracktwo/icons/subset.json (source,
glyphs, hash). assets/tracktwo/icons/icons.css declares it for the theme's icon font family, after
the theme's own stylesheet, so browsers use the subset and never fetch the full font. Run it after upgrading the theme or
after adding an icon; tests/test_icons.py fails if the built site needs a glyph the subset lacks.
Needs fontTools and brotli (test requirements); the build itself needs neither.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from importlib.metadata import version
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from icons import SOLID_FONT, needed_codepoints  # noqa: E402

OUT_DIR = ROOT / "assets" / "tracktwo" / "icons"
OUT_FONT = OUT_DIR / "tracktwo-icons.woff2"
NEW_NAME = "TrackTwo Icons"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, default=ROOT / "_build" / "html", help="a built site whose pages are scanned for fa- classes too"
    )
    args = parser.parse_args()
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in args.site.rglob("*.html")] if args.site.exists() else []
    wanted = needed_codepoints(pages)
    available = set(TTFont(SOLID_FONT).getBestCmap())
    keep = sorted(wanted & available)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(SOLID_FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    # A modified font may not keep the Reserved Font Name "Font Awesome" (SIL OFL 1.1, section 3).
    # The CSS still refers to it by its @font-face alias, which is not the font's own name.
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            record.string = NEW_NAME.replace(" ", "") if record.nameID == 6 else NEW_NAME
    OUT_FONT.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(OUT_FONT), options)
    digest = hashlib.sha256(OUT_FONT.read_bytes()).hexdigest()
    (OUT_DIR / "subset.json").write_text(
        json.dumps(
            {
                "comment": "FontAwesome Free solid webfont, cut down by scripts/subset_icons.py to the glyphs the book can show.",
                "source": f"pydata-sphinx-theme {version('pydata-sphinx-theme')}: static/vendor/fontawesome/webfonts/fa-solid-900.woff2",
                "license": "Font Awesome Free: fonts under SIL OFL 1.1 (see LICENSE.txt); renamed " + repr(NEW_NAME),
                "codepoints": [f"U+{c:04X}" for c in keep],
                "bytes": {"original": SOLID_FONT.stat().st_size, "subset": OUT_FONT.stat().st_size},
                "sha256": digest,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"{len(keep)} glyphs: {SOLID_FONT.stat().st_size:,} -> {OUT_FONT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
