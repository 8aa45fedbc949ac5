"""Burmese (Myanmar script) is drawn with the course's own font, with no missing glyph, in the book's
pages, the kit's printed sheets and the conflict maps (issue 28; docs/decisions/0020-myanmar-font.md).

* unit: tracktwo/i18n/fonts.py shapes real Burmese with the vendored font (HarfBuzz) and finds no
  gap; it names a character no course font has, a Zawgyi-ordered or broken sequence (a dotted circle)
  and a glyph the font lost; the font covers its unicode-range; every stylesheet declares the same
  faces, first in its stacks;
* Chromium, from file:// at 390 px, with the book's stylesheets: every Burmese text node is drawn by
  the vendored font and nothing else (DevTools' CSS.getPlatformFontsForNode), and a page with no
  Burmese downloads no font; the same page without the @font-face is caught (the check can fail);
* PDF: a sheet with a Burmese body, written by write_sheets and printed by print_pdfs, embeds
  Noto Sans Myanmar (pdffonts);
* the map builder: Burmese actor labels are drawn on the canvas with the font once it has loaded,
  and exported (JSON, CSV) and imported again byte for byte.

Screenshots are saved in /tmp/font-shots/ for a person to look at.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from support import ROOT
from tracktwo.i18n import fonts
from tracktwo.i18n.fonts import FAMILY, UNICODE_RANGE, check_texts, font_files, missing_glyphs, parse_range

SHOTS = Path("/tmp/font-shots")

#: Real Burmese: the country, the armed forces' own name, "army", "ceasefire", "local" (a stacked
#: consonant), kinzi ("ship", "English", "auspicious"), medials, Burmese digits and the section mark.
BURMESE = [
    "မြန်မာ",
    "တပ်မတော်",
    "စစ်တပ်",
    "အပစ်အခတ်ရပ်စဲရေး",
    "ဒေသန္တရ",
    "သင်္ဘော",
    "အင်္ဂလိပ်",
    "မင်္ဂလာပါ",
    "ပြည်ထောင်စု သမ္မတ မြန်မာနိုင်ငံတော်",
    "ဦးဆောင်အဖွဲ့",
    "၂၀၂၁ ခုနှစ် ဖေဖော်ဝါရီလ ၁ ရက်။",
    "NLD နှင့် KIA (၂၀၂၁)။",
]


# --- unit: the glyph check ------------------------------------------------------------------------


@pytest.mark.parametrize("weight", [400, 700])
def test_real_burmese_has_every_glyph(weight):
    assert {t: missing_glyphs(t, weight) for t in BURMESE} == {t: [] for t in BURMESE}


def test_planted_faults_are_named_with_the_strings_id():
    problems = check_texts(
        [
            ("ok", "မြန်မာ"),
            ("cjk", "မြန်မာ 中"),  # a character no course font has
            ("zawgyi-order", "ေကာင်း"),  # vowel sign E typed before its consonant, as Zawgyi stores it
            ("medial-first", "ြမန်မာ"),  # a medial with no consonant
        ]
    )
    assert len(problems) == 3, problems
    assert problems[0].startswith("cjk: U+4E2D '中' (CJK UNIFIED IDEOGRAPH-4E2D) at 7: no course font")
    assert problems[1].startswith("zawgyi-order: U+1031 'ေ' (MYANMAR VOWEL SIGN E) at 0: a dotted circle")
    assert problems[2].startswith("medial-first: U+103C 'ြ' (MYANMAR CONSONANT SIGN MEDIAL RA) at 0: a dotted circle")


def test_a_font_that_lost_a_glyph_is_caught(tmp_path, monkeypatch):
    """The .notdef branch: the vendored font subset without က (U+1000) reports it."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(fonts.font_path(400))
    keep = [cp for cp in font.getBestCmap() if cp != 0x1000]
    options = subset.Options()
    options.layout_features = ["*"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=keep)
    sub.subset(font)
    font.flavor = "woff2"
    font.save(tmp_path / fonts.FILES[400])
    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path)
    fonts._hb_font.cache_clear()
    try:
        assert missing_glyphs("ကခ") == ["U+1000 'က' (MYANMAR LETTER KA) at 0: no glyph in the Myanmar font (.notdef)"]
    finally:
        fonts._hb_font.cache_clear()


def test_the_font_covers_its_unicode_range_and_no_more_is_declared():
    from fontTools.ttLib import TTFont

    assigned = [cp for a, b in parse_range(UNICODE_RANGE) for cp in range(a, b + 1) if unicodedata.category(chr(cp)) != "Cn"]
    assert len(assigned) > 200
    for path in font_files()[:-1]:
        cmap = TTFont(path).getBestCmap()
        assert [f"U+{cp:04X}" for cp in assigned if cp not in cmap] == [], path.name
        assert TTFont(path)["OS/2"].fsType == 0, "installable embedding: Chromium may embed it in a PDF"


_FACE = re.compile(r"@font-face\s*{([^}]*)}")


def _faces(css: str) -> list[dict[str, str]]:
    out = []
    for body in _FACE.findall(css):
        decls = dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d))
        out.append(decls)
    return out


def test_every_stylesheet_declares_the_same_faces_first_in_its_stacks():
    """course.css (the book, paths under _static/) and print.css (the sheets, paths under fonts/ beside
    it): two faces each, the family, the range, swap, files that exist; the family first in the stacks
    of the book's body and headings, the sheets, and the maps (their CSS and their canvas labels)."""
    manifest = json.loads((ROOT / "assets/vendor/manifest.json").read_text())
    pkg = next(p for p in manifest["packages"] if p["npm"] == "@fontsource/noto-sans-myanmar")
    assert pkg["license"] == "OFL-1.1" and pkg["version"] == "5.3.0"
    vendored = {Path(dest).name for dest in pkg["sha256"]}
    assert {p.name for p in font_files()} == vendored
    for css_path, folder in (("assets/tracktwo/course.css", ROOT / "assets/tracktwo"), ("assets/tracktwo/print.css", None)):
        faces = _faces((ROOT / css_path).read_text(encoding="utf-8"))
        assert len(faces) == 2, css_path
        for face in faces:
            assert face["font-family"] == f'"{FAMILY}"' and face["font-display"] == "swap", (css_path, face)
            assert face["unicode-range"] == UNICODE_RANGE, (css_path, face)
            url = re.fullmatch(r'url\("([^"]+)"\) format\("woff2"\)', face["src"]).group(1)
            if folder is not None:  # the book: the file Sphinx copies to _static/ from assets/
                assert (folder / url).resolve() in [p.resolve() for p in font_files()], url
            else:  # the sheets: write_sheets copies the faces into fonts/
                assert url.startswith("fonts/") and url.removeprefix("fonts/") in vendored, url
        assert sorted(f["font-weight"] for f in faces) == ["400", "700"]
    course = (ROOT / "assets/tracktwo/course.css").read_text(encoding="utf-8")
    for var in ("--pst-font-family-base", "--pst-font-family-heading"):
        assert f'{var}: "{FAMILY}", var(--pst-font-family-base-system)' in course
    assert f'.tt-print {{ font-family: "{FAMILY}", ' in (ROOT / "assets/tracktwo/print.css").read_text(encoding="utf-8")
    for css in ("tracktwo/maps/js/src/conflict-map.css", "assets/tracktwo/maps/conflict-map.css"):
        stacks = re.findall(r"font-family: ([^;]+);", (ROOT / css).read_text(encoding="utf-8"))
        assert stacks and all(s.startswith(f'"{FAMILY}"') for s in stacks), (css, stacks)
    js = (ROOT / "tracktwo/maps/js/src/conflict_map.js").read_text(encoding="utf-8")
    assert f"export const LABEL_FONT = '\"{FAMILY}\", system-ui, sans-serif';" in js


# --- Chromium: the book's stylesheets, from file:// -------------------------------------------------


def _theme_css() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css"


def _site(root: Path, pages: dict[str, str], *, faces: bool = True) -> Path:
    """A small site laid out as the built book is (pages under book/, assets under _static/), with
    the theme's stylesheet, course.css (without its @font-face if not ``faces``: a planted fault),
    the vendored faces and the map bundle."""
    static = root / "_static"
    (static / "tracktwo/maps").mkdir(parents=True)
    (static / "styles").mkdir()
    (static / "vendor/fonts/noto-sans-myanmar").mkdir(parents=True)
    course = (ROOT / "assets/tracktwo/course.css").read_text(encoding="utf-8")
    if not faces:
        course = _FACE.sub("", course)
    (static / "tracktwo/course.css").write_text(course, encoding="utf-8")
    shutil.copyfile(_theme_css(), static / "styles/pydata-sphinx-theme.css")
    for font in font_files():
        shutil.copyfile(font, static / "vendor/fonts/noto-sans-myanmar" / font.name)
    for name in ("conflict-map.css", "conflict-map.iife.js", "conflict-map-fcose.iife.js"):
        shutil.copyfile(ROOT / "assets/tracktwo/maps" / name, static / "tracktwo/maps" / name)
    (root / "book").mkdir()
    for name, body in pages.items():
        (root / "book" / name).write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title>'
            '<link rel="stylesheet" href="../_static/styles/pydata-sphinx-theme.css">'
            '<link rel="stylesheet" href="../_static/tracktwo/course.css">'
            '<link rel="stylesheet" href="../_static/tracktwo/maps/conflict-map.css"></head>'
            f'<body><main class="bd-article" style="padding:12px">{body}</main></body></html>',
            encoding="utf-8",
        )
    return root / "book"


BOOK_PAGE = (
    '<h1 lang="my">မြန်မာ့ ငြိမ်းချမ်းရေး လုပ်ငန်းစဉ်</h1>'
    '<p lang="my">အပစ်အခတ်ရပ်စဲရေး သဘောတူညီချက်</p>'
    '<p>Track Two: <span lang="my">ဒုတိယ လမ်းကြောင်း</span> (<span lang="my">၂၀၂၁</span>).</p>'
    # (the text of a list item in a span: the item's marker is drawn by the Latin font)
    '<ul><li><span lang="my">သင်္ဘော၊ အင်္ဂလိပ်၊ မင်္ဂလာပါ</span></li><li><span lang="my">ဒေသန္တရ ဦးဆောင်အဖွဲ့</span></li></ul>'
    '<p><strong lang="my">တပ်မတော်</strong></p>'
)
ENGLISH_PAGE = "<h1>Track Two</h1><p>Dialogue and Myanmar's peace process: an English page.</p>"


def _fonts_of_burmese_nodes(page) -> dict[str, list[dict]]:
    """Each element marked lang="my": the platform fonts Chromium drew its text with (DevTools)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    out = {}
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": '[lang="my"]'})["nodeIds"]:
        text = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
        out[re.sub(r"<[^>]+>", "", text)] = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return out


def _not_the_vendored_font(drawn: dict[str, list[dict]]) -> dict[str, list[str]]:
    """The Burmese nodes some of whose Myanmar characters were drawn by another font than the vendored
    one: every glyph of another font must be for a character outside the font's unicode-range (the
    spaces between Burmese words are the Latin font's, as on every page)."""
    wrong = {}
    for text, used in drawn.items():
        ours = [f for f in used if f["familyName"] == "Noto Sans Myanmar" and f["isCustomFont"]]
        others = sum(f["glyphCount"] for f in used if f not in ours)
        if not ours or others != sum(not fonts.is_myanmar(c) for c in text):
            wrong[text] = [f"{f['familyName']} (custom: {f['isCustomFont']}, {f['glyphCount']} glyphs)" for f in used]
    return wrong


def test_burmese_in_the_book_is_drawn_by_the_vendored_font_only(browser, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    book = _site(tmp_path / "ok", {"my.html": BOOK_PAGE, "en.html": ENGLISH_PAGE})
    broken = _site(tmp_path / "planted", {"my.html": BOOK_PAGE}, faces=False)
    context = browser.new_context(viewport={"width": 390, "height": 700})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))

    page.goto((book / "en.html").as_uri())
    page.evaluate("document.fonts.ready.then(() => true)")
    assert [u for u in requests if u.endswith(".woff2")] == [], "an English page must not download the Myanmar font"

    page.goto((book / "my.html").as_uri())
    page.evaluate("document.fonts.ready.then(() => true)")
    drawn = _fonts_of_burmese_nodes(page)
    assert len(drawn) == 7, drawn
    assert _not_the_vendored_font(drawn) == {}
    assert {Path(u).name for u in requests if u.endswith(".woff2")} == {p.name for p in font_files()[:-1]}
    page.screenshot(path=str(SHOTS / "book-390.png"), full_page=True)

    # The check can fail: the same page whose stylesheet lost its @font-face (a planted fault).
    page.goto((broken / "my.html").as_uri())
    page.evaluate("document.fonts.ready.then(() => true)")
    wrong = _not_the_vendored_font(_fonts_of_burmese_nodes(page))
    assert len(wrong) == 7, wrong
    page.screenshot(path=str(SHOTS / "book-390-planted-no-font-face.png"), full_page=True)
    context.close()


# --- PDF: a printed sheet embeds the font -----------------------------------------------------------


@pytest.mark.skipif(not shutil.which("pdffonts") or not shutil.which("pdftoppm"), reason="needs poppler-utils")
def test_a_burmese_sheet_prints_with_the_font_embedded(browser, tmp_path):
    from print_sheets import print_pdfs
    from tracktwo.workshop.sheets import all_sheets, write_sheets

    SHOTS.mkdir(exist_ok=True)
    base = next(s for s in all_sheets() if s.audience == "participant")
    body = (
        '<h1 lang="my">မြန်မာ့ ငြိမ်းချမ်းရေး</h1>'
        '<p lang="my">အပစ်အခတ်ရပ်စဲရေး သဘောတူညီချက်၊ ဒေသန္တရ ဦးဆောင်အဖွဲ့၊ သင်္ဘော၊ အင်္ဂလိပ်၊ မင်္ဂလာပါ။</p>'
        '<p>Track Two (<strong lang="my">ဒုတိယ လမ်းကြောင်း</strong>) <span lang="my">၂၀၂၁</span></p>'
    )
    [(sheet, html)] = write_sheets(tmp_path / "html", [replace(base, body=body, pages=(1, 1))])
    assert sorted(p.name for p in (tmp_path / "html" / "fonts").iterdir()) == sorted(p.name for p in font_files())
    # The sheet, as Chromium lays it out for printing, draws its Burmese with the copied faces (a
    # system's own Noto Sans Myanmar, if it has one, has the same name in the PDF: this tells them apart).
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(html.as_uri())
    page.evaluate("document.fonts.ready.then(() => true)")
    drawn = _fonts_of_burmese_nodes(page)
    page.close()
    assert len(drawn) == 4 and _not_the_vendored_font(drawn) == {}, drawn
    [pdf] = print_pdfs([html], tmp_path / "pdf", browser=browser)
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    lines = [ln for ln in listing.splitlines() if "NotoSansMyanmar" in ln]
    print(listing)
    assert lines, listing
    # columns: name type encoding emb sub uni object ID
    assert all(ln.split()[-5] == "yes" for ln in lines), lines
    assert any("Bold" in ln for ln in lines) and any("Bold" not in ln for ln in lines), lines
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(SHOTS / "sheet")], check=True)


# --- the map builder: labels on the canvas, exports byte for byte ------------------------------------

MAP = {
    "format": "tracktwo-learner-map",
    "version": 2,
    "title": "မြန်မာ ပဋိပက္ခ မြေပုံ",
    "viewpoint": "ကျွန်ုပ်တို့အဖွဲ့",
    "date": "2026-12-07",
    "actors": [
        {"id": "a1", "name": "စစ်တပ်", "type": "armed", "power": 5, "party": "inside", "x": -120, "y": 0},
        {"id": "a2", "name": "ရွာသူရွာသားများ", "type": "community", "power": 2, "party": "inside", "x": 120, "y": 0},
        {"id": "a3", "name": "ဦးဆောင်အဖွဲ့", "type": "group", "power": 3, "party": "outside", "x": 0, "y": 160},
    ],
    "relationships": [{"id": "r1", "source": "a1", "target": "a2", "kind": "discord"}],
    "issues": [{"id": "i1", "label": "အပစ်အခတ်ရပ်စဲရေး", "actors": ["a1", "a2"], "x": 0, "y": -120}],
}
DRAW = ".ttb-draw"


def test_the_map_builder_draws_burmese_labels_with_the_font_and_exports_them_byte_for_byte(browser, tmp_path):
    from tracktwo.maps.html import builder_html
    from tracktwo.maps.learner import from_csv, from_json

    SHOTS.mkdir(exist_ok=True)
    names = [a["name"] for a in MAP["actors"]] + [MAP["issues"][0]["label"], MAP["title"], MAP["viewpoint"]]
    assert all(unicodedata.is_normalized("NFC", n) for n in names) and "\u1026" in MAP["actors"][2]["name"]
    book = _site(tmp_path / "site", {"builder.html": builder_html("builder")})
    page_html = book / "builder.html"
    page_html.write_text(
        page_html.read_text(encoding="utf-8").replace(
            "</body>", '<script src="../_static/tracktwo/maps/conflict-map.iife.js"></script></body>'
        ),
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 1000, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_html.as_uri())
    page.wait_for_selector("[data-tt-interactive][data-ready]")
    view = ".tt-interactive-view"
    assert page.evaluate(
        f"(t) => document.querySelector('{view}')._ttb.importFile('my.json', new TextEncoder().encode(t))",
        json.dumps(MAP, ensure_ascii=False),
    )
    page.wait_for_function(f"() => document.querySelector('{DRAW}').dataset.labelFont === 'TT Myanmar'", timeout=10_000)
    assert {Path(u).name for u in requests if u.endswith(".woff2")} >= {font_files()[0].name}
    assert page.evaluate("""() => document.fonts.check('14px "TT Myanmar"', 'စစ်တပ်')
        && [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'TT Myanmar' && f.status === 'loaded')""")

    # The canvas measured the labels with the font: each label is as wide as the font makes the text,
    # not as wide as the fallback's boxes would be.
    widths = page.evaluate(
        f"""() => {{
        const cy = document.querySelector('{DRAW}')._ttmCy;
        const ctx = document.createElement('canvas').getContext('2d');
        return ['a1', 'a2', 'a3'].map((id) => {{
          const n = cy.getElementById(id);
          const size = n.style('font-size');
          const measure = (family) => {{ ctx.font = `${{size}} ${{family}}`; return ctx.measureText(n.data('label')).width; }};
          // the width Cytoscape measured the label at (its render style, in the pinned bundle)
          return [n._private.rstyle.labelWidth, measure('"TT Myanmar", system-ui, sans-serif'), measure('system-ui, sans-serif')];
        }});
    }}"""
    )
    for measured, with_font, _fallback in widths:
        # (where the system has a Myanmar font of its own, the fallback may measure the same)
        assert abs(measured - with_font) <= 1.5, widths

    # The exported picture shows the labels (it differs from the same map with its labels hidden).
    shot = page.evaluate(
        f"""async () => {{
        const cy = document.querySelector('{DRAW}')._ttmCy;
        const png = () => cy.png({{ full: true, scale: 1, bg: '#ffffff' }});
        const pixels = async (url) => {{
          const img = new Image(); img.src = url; await img.decode();
          const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
          const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
          return [url, ctx.getImageData(0, 0, c.width, c.height).data];
        }};
        const [url, withLabels] = await pixels(png());
        cy.style().selector('node').style('label', '').update();
        const [, without] = await pixels(png());
        cy.style().selector('node').style('label', 'data(label)').update();
        let differ = 0;
        for (let i = 0; i < Math.min(withLabels.length, without.length); i += 4) if (withLabels[i] !== without[i]) differ += 1;
        return [url, differ];
    }}"""
    )
    import base64

    (SHOTS / "map-labels.png").write_bytes(base64.b64decode(shot[0].split(",", 1)[1]))
    assert shot[1] > 500, shot[1]
    page.locator(DRAW).screenshot(path=str(SHOTS / "map-builder.png"))

    # Export JSON and CSV: the names come back byte for byte, and each file imports as the same map.
    current = page.evaluate(f"() => {{ const l = document.querySelector('{view}')._ttb.lib(); return l.maps[l.current]; }}")
    for button, name in (("Export JSON", "m.json"), ("Export CSV", "m.csv")):
        with page.expect_download() as dl:
            page.get_by_role("button", name=button).click()
        dl.value.save_as(tmp_path / name)
        raw = (tmp_path / name).read_bytes()
        assert [n for n in names if n.encode("utf-8") not in raw] == [], name
        data = (from_json if name.endswith(".json") else from_csv)(name, raw)
        assert [a["name"] for a in data["actors"]] == [a["name"] for a in MAP["actors"]]
        assert data["issues"][0]["label"] == MAP["issues"][0]["label"] and data["title"] == MAP["title"]
        assert data == current, name
        page.locator("input[type=file]").set_input_files(str(tmp_path / name))
        page.wait_for_function("(n) => document.querySelector('.ttb-status').textContent.includes(n)", arg=name)
        again = page.evaluate(f"() => {{ const l = document.querySelector('{view}')._ttb.lib(); return l.maps[l.current]; }}")
        assert again == current, name
    assert errors == []
    context.close()
