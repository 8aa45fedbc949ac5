"""The course's Myanmar font, and the one check that Burmese text has every glyph it needs.

The book, the kit's printed sheets and the conflict maps draw Burmese with one vendored font:
Noto Sans Myanmar (``@fontsource/noto-sans-myanmar``, SIL OFL 1.1; assets/vendor/manifest.json),
declared as :data:`FAMILY` with the unicode-range :data:`UNICODE_RANGE` in
``assets/tracktwo/course.css`` and ``assets/tracktwo/print.css`` (docs/decisions/0020-myanmar-font.md).

:func:`missing_glyphs` shapes text as a browser does: each run of characters in that range with the
vendored font (HarfBuzz, through uharfbuzz, the shaper Chromium uses), every other character with the
course's Latin fonts. It names each character the font draws as ``.notdef`` (an empty box), each
place where the shaper had to insert a dotted circle (U+25CC: a mark with nothing to sit on, an
invalid Burmese sequence), and each character outside both the Myanmar and the Latin ranges (no
course font has it: a device may show a box). :func:`check_texts` runs it over (id, text) pairs, so
a catalog of translated strings can be checked in one call, each message naming its string's id.

Pure: no network, no browser; needs fontTools and brotli (to read woff2) and uharfbuzz, which
requirements-test.txt pins (the learner's requirements do not).
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from tracktwo.data.paths import ROOT

#: The family name the stylesheets declare and the map labels ask for.
FAMILY = "TT Myanmar"
#: The vendored font's folder (scripts/vendor_assets.py copies it; the manifest records its hashes).
FONT_DIR = ROOT / "assets" / "vendor" / "fonts" / "noto-sans-myanmar"
#: The font's licence (the OFL's text, with the copyright line), shipped beside the faces.
LICENCE = FONT_DIR / "LICENSE"
#: The faces vendored: weight -> file (the package's "myanmar" subset, static instances, woff2).
FILES = {
    400: "noto-sans-myanmar-myanmar-400-normal.woff2",
    700: "noto-sans-myanmar-myanmar-700-normal.woff2",
}
#: The @font-face unicode-range (CSS syntax), the same in every stylesheet that declares the faces:
#: the Myanmar blocks the font covers (Myanmar, Extended-B, Extended-A) and the two joiners, which
#: Burmese text uses inside its clusters. Not the subset's U+25CC, U+A92E, U+116D0-116E3 (the font
#: has no glyph there): a page with no Myanmar text never downloads the font.
UNICODE_RANGE = "U+1000-109F, U+200C-200D, U+A9E0-A9FE, U+AA60-AA7F"
#: Characters the course's Latin fonts draw (the theme's system-ui stack in the book, DejaVu Sans in
#: the sheets): the "latin" and "latin-ext" subsets as Google Fonts defines them (the same package's
#: unicode.json), which every system font the course targets covers.
LATIN_RANGE = (
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, "
    "U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD, "
    "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+1D00-1DBF, U+1E00-1E9F, "
    "U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF"
)
DOTTED_CIRCLE = 0x25CC


def parse_range(css: str) -> list[tuple[int, int]]:
    """A CSS unicode-range ("U+1000-109F, U+25CC") as (first, last) code point pairs."""
    out = []
    for part in css.split(","):
        m = re.fullmatch(r"\s*U\+([0-9A-Fa-f]{1,6})(?:-([0-9A-Fa-f]{1,6}))?\s*", part)
        if not m:
            raise ValueError(f"not a unicode-range item: {part!r}")
        first = int(m.group(1), 16)
        out.append((first, int(m.group(2) or m.group(1), 16)))
    return out


_MYANMAR = parse_range(UNICODE_RANGE)
_LATIN = parse_range(LATIN_RANGE)


def in_range(char: str, ranges: list[tuple[int, int]]) -> bool:
    cp = ord(char)
    return any(a <= cp <= b for a, b in ranges)


def is_myanmar(char: str) -> bool:
    """True if the stylesheets give this character to the Myanmar font (it is in :data:`UNICODE_RANGE`)."""
    return in_range(char, _MYANMAR)


def font_path(weight: int = 400) -> Path:
    """The vendored woff2 file of this weight (400 or 700)."""
    if weight not in FILES:
        raise ValueError(f"the Myanmar font is vendored in weights {', '.join(map(str, FILES))}, not {weight}")
    return FONT_DIR / FILES[weight]


def font_files() -> list[Path]:
    """Every vendored face and the licence: what a folder of printed sheets copies into ``fonts/``
    beside print.css, which declares the faces there."""
    return [font_path(w) for w in FILES] + [LICENCE]


def describe(char: str) -> str:
    """U+1031 'ေ' (MYANMAR VOWEL SIGN E)."""
    return f"U+{ord(char):04X} {char!r} ({unicodedata.name(char, 'unnamed')})"


@functools.cache
def _hb_font(weight: int):
    try:
        import uharfbuzz as hb
        from fontTools.ttLib import TTFont
    except ImportError as exc:  # the learner's requirements do not carry the test tools
        raise RuntimeError(f"the Myanmar glyph check needs uharfbuzz and fontTools (requirements-test.txt): {exc}") from None
    path = font_path(weight)
    font = TTFont(path)  # woff2: fontTools decompresses with brotli
    font.flavor = None
    sfnt = io.BytesIO()
    font.save(sfnt)
    hb_font = hb.Font(hb.Face(sfnt.getvalue()))
    return hb_font, hb_font.get_nominal_glyph(DOTTED_CIRCLE)


_MYANMAR_RUN = re.compile("(?:" + "|".join(f"[\\U{a:08X}-\\U{b:08X}]" for a, b in _MYANMAR) + ")+")


def _runs(text: str) -> list[tuple[int, str]]:
    """(start, run) for each stretch of characters the Myanmar font draws."""
    return [(m.start(), m.group()) for m in _MYANMAR_RUN.finditer(text)]


def missing_glyphs(text: str, weight: int = 400) -> list[str]:
    """What the course's fonts cannot draw in ``text``, one message per problem, naming the
    character(s) and their place (0-based index in ``text``); [] when every character is drawn."""
    import uharfbuzz as hb

    font, dotted = _hb_font(weight)
    problems = []
    for i, char in enumerate(text):
        if not is_myanmar(char) and not in_range(char, _LATIN):
            problems.append(f"{describe(char)} at {i}: no course font has this character (not Myanmar, not Latin)")
    for start, run in _runs(text):
        buf = hb.Buffer()
        buf.add_str(run)
        buf.guess_segment_properties()
        hb.shape(font, buf, {})
        # clusters are indices into the run (uharfbuzz adds str as code points); a cluster is its
        # characters up to the next cluster's first
        bounds = sorted({info.cluster for info in buf.glyph_infos}) + [len(run)]
        for info in buf.glyph_infos:
            k = info.cluster
            cluster = run[k : bounds[bounds.index(k) + 1]]
            where = start + k
            if info.codepoint == 0:
                problems.append(f"{' + '.join(describe(c) for c in cluster)} at {where}: no glyph in the Myanmar font (.notdef)")
            elif dotted is not None and info.codepoint == dotted and chr(DOTTED_CIRCLE) not in cluster:
                problems.append(
                    f"{' + '.join(describe(c) for c in cluster)} at {where}: a dotted circle is inserted "
                    "(a mark with no base: not a valid Burmese sequence)"
                )
    return list(dict.fromkeys(problems))


def check_texts(texts: Iterable[tuple[str, str]], weight: int = 400) -> list[str]:
    """Every problem of every (id, text) pair, each message naming the string's id: [] when all of
    them can be drawn. For a catalog of translated strings: ``check_texts(catalog.items())``."""
    return [f"{ident}: {problem}" for ident, text in texts for problem in missing_glyphs(text, weight)]
