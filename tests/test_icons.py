"""The cut-down icon font: it covers every icon the built site can show, and it is what pages load."""

from __future__ import annotations

import hashlib
import json

import pytest
from fontTools.ttLib import TTFont

from support import html_pages
from icons import ICONS_DIR, SUBSET_FONT, THEME_CSS, class_codepoints, class_names, needed_codepoints
from icons import SOLID_FONT


def test_subset_font_is_the_one_recorded_and_is_renamed():
    record = json.loads((ICONS_DIR / "subset.json").read_text())
    assert hashlib.sha256(SUBSET_FONT.read_bytes()).hexdigest() == record["sha256"]
    font = TTFont(SUBSET_FONT)
    assert "Font Awesome" not in font["name"].getDebugName(1)  # OFL reserved font name
    assert SUBSET_FONT.stat().st_size < SOLID_FONT.stat().st_size / 10


def test_every_icon_the_built_site_can_show_is_in_the_subset(site):
    pages = [p.read_text(encoding="utf-8") for p in html_pages(site)]
    solid = set(TTFont(SOLID_FONT).getBestCmap())
    needed = needed_codepoints(pages) & solid
    missing = needed - set(TTFont(SUBSET_FONT).getBestCmap())
    assert not missing, (
        "icons missing from the subset: " + ", ".join(f"U+{c:04X}" for c in sorted(missing)) + "; run scripts/subset_icons.py"
    )


def test_the_icon_lookup_reads_the_theme_css():
    table = class_codepoints(THEME_CSS.read_text(encoding="utf-8"))
    assert table["bars"] == {0xF0C9} and table["magnifying-glass"] == {0xF002}
    assert {"bars", "list"} <= class_names('<i class="fa-solid fa-bars"></i><i class="fa-solid fa-list">')


@pytest.mark.browser
def test_pages_load_the_subset_and_never_the_full_font(site, server, browser):
    page = browser.new_page()
    fonts: list[str] = []
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    page.goto(f"{server}/book/part1/levels.html", wait_until="networkidle")
    assert any(u.endswith("tracktwo-icons.woff2") for u in fonts), fonts
    assert not any("fa-solid-900" in u for u in fonts), fonts
    # The visible sidebar toggle's icon draws with the subset (its glyph gives it width).
    width = page.evaluate("""() => Math.max(-1, ...[...document.querySelectorAll('.fa-bars')]
        .map(i => i.getBoundingClientRect().width))""")
    assert width > 4
    page.close()
