"""The Burmese edition of the book (``make book TT_LANG=my``; tracktwo/sphinxext/translations.py).

One clean build of the Burmese edition (shared and reused like the English one, support.shared_build),
checked as a reader meets it: the page says it is Burmese (``<html lang="my">``), the landing page
opens with the draft line, the sidebar's part captions are in Burmese, an untranslated passage keeps
its English marked ``lang="en"`` and ``tt-fallback``, the switch to English leads to a page that exists
when the English edition is built beside it (``make book TT_LANG=my`` puts Burmese in
``_build/html/my``), and no page asks another host for anything.

Each check is a function of a built site, so the same check can be shown failing on a doctored copy.
Slow tier (tests/conftest.py ``_SLOW_MODULES``): a second whole-book build.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from support import BUILD, ROOT, BuildResult, html_pages, jupyter_book_build, shared_build

from tracktwo.sphinxext.offline_guard import find_remote_resources

LANG = "my"
MY_OUT = BUILD / f"lang-{LANG}"
MY_HTML = MY_OUT / "_build" / "html"
MYANMAR = re.compile(r"[\u1000-\u109F]")
#: Pages Sphinx makes itself (no source, so no notice and no language switch).
GENERATED = {"genindex.html", "search.html"}


def build_my() -> BuildResult:
    """The Burmese edition from scratch, as `make book TT_LANG=my` builds it (its second build)."""
    shutil.rmtree(MY_OUT, ignore_errors=True)
    env = dict(os.environ, TT_LANG=LANG, TT_LANGS=f"en,{LANG}")
    start = time.perf_counter()
    proc = subprocess.run(jupyter_book_build(MY_OUT), cwd=ROOT, capture_output=True, text=True, env=env)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - start)


@pytest.fixture(scope="module")
def my_site(site) -> Path:
    """The Burmese site; ``site`` (the English build, which clears _build/ when it rebuilds) comes first."""
    result, _reused = shared_build(MY_OUT / "build-stamp.json", MY_HTML, build_my, f"lang-{LANG}")
    if result.returncode != 0 or not (MY_HTML / "index.html").exists():
        pytest.fail(
            "the Burmese edition did not build (-n -W):\n" + "\n".join(result.warnings[:20] or result.output.splitlines()[-30:])
        )
    return MY_HTML


# --- the checks: each returns what is wrong, one line per fault, naming the page ---------------------


def wrong_html_lang(site: Path) -> list[str]:
    out = []
    for page in html_pages(site):
        tag = re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8"))
        if not tag or not re.search(rf'\blang="{LANG}"', tag.group(0)):
            out.append(f"{page.relative_to(site)}: <html> does not say lang=\"{LANG}\": {tag.group(0) if tag else 'no <html>'}")
    return out


def missing_draft_line(site: Path, docname: str = "index") -> list[str]:
    text = (site / f"{docname}.html").read_text(encoding="utf-8")
    notice = re.search(r'<p class="tt-i18n-draft"[^>]*>(.*?)</p>', text, re.S)
    if not notice:
        return [f"{docname}.html: no draft line (tt-i18n-draft) although its catalog holds drafts"]
    if not MYANMAR.search(notice.group(1)) or "Draft translation" not in notice.group(1):
        return [f"{docname}.html: the draft line is not in Burmese and English: {notice.group(1)!r}"]
    return []


def english_captions(site: Path, docname: str = "book/orientation") -> list[str]:
    """The sidebar's part captions (as _toc.yml lists them) must all be in Burmese."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    wanted = len([p for p in toc["parts"] if p.get("caption")])
    text = (site / f"{docname}.html").read_text(encoding="utf-8")
    nav = text[text.find("bd-sidenav") - 2000 :]
    captions = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r'<span class="caption-text">(.*?)</span>', nav, re.S)]
    out = []
    if len(captions) != wanted:
        out.append(f"{docname}.html: the sidebar shows {len(captions)} part captions, _toc.yml has {wanted}")
    out += [f"{docname}.html: sidebar caption {c!r} is not in Burmese" for c in captions if not MYANMAR.search(c)]
    return out


def unmarked_fallback(site: Path, docname: str = "book/orientation") -> list[str]:
    """A page with untranslated passages shows them in English, each marked lang="en" and tt-fallback."""
    text = (site / f"{docname}.html").read_text(encoding="utf-8")
    tags = re.findall(r'<(?:p|li|h[1-6]|td|th|dt|dd)\b[^>]*class="[^"]*\btt-fallback\b[^"]*"[^>]*>', text)
    if not tags:
        return [f"{docname}.html: no passage is marked tt-fallback (the page is only partly translated)"]
    return [f"{docname}.html: fallback passage without lang=\"en\": {t}" for t in tags if 'lang="en"' not in t]


def broken_switch(site: Path, english: Path) -> list[str]:
    """From every Burmese page (site laid at english/my/), the switch to English leads to a built page."""
    out = []
    for page in html_pages(site):
        rel = page.relative_to(site)
        if str(rel) in GENERATED:
            continue
        text = page.read_text(encoding="utf-8")
        switch = re.search(r'<p class="tt-lang-switch">(.*?)</p>', text, re.S)
        link = switch and re.search(r'<a href="([^"]+)" hreflang="en"', switch.group(1))
        if not link:
            out.append(f"{rel}: no language switch to English")
            continue
        laid = english / LANG / rel  # where `make book TT_LANG=my` puts this page
        target = (laid.parent / link.group(1)).resolve()
        if not target.is_file():
            out.append(f"{rel}: the switch to English, {link.group(1)!r}, leads to no file ({target})")
    return out


def remote_requests(site: Path) -> list[str]:
    out = []
    files = html_pages(site) + sorted((site / "_static").rglob("*.css"))
    for path in files:
        for kind, url in find_remote_resources(path.read_text(encoding="utf-8", errors="replace")):
            out.append(f"{path.relative_to(site)}: asks another host for a {kind}: {url}")
    return out


# --- the tests ---------------------------------------------------------------------------------------


def test_every_page_says_it_is_burmese(my_site):
    assert wrong_html_lang(my_site) == []


def test_the_landing_page_opens_with_the_draft_line(my_site):
    assert missing_draft_line(my_site) == []


def test_the_sidebar_part_captions_are_in_burmese(my_site):
    assert english_captions(my_site) == []
    assert english_captions(my_site, "index") == []


def test_an_untranslated_passage_is_marked_english(my_site):
    assert unmarked_fallback(my_site) == []


def test_the_switch_to_english_leads_to_an_existing_page(my_site, site):
    assert broken_switch(my_site, site) == []


def test_no_burmese_page_asks_another_host(my_site):
    assert remote_requests(my_site) == []


def test_the_checks_catch_planted_faults(my_site, site, tmp_path):
    """Each check fails on a doctored copy of two built pages (so a green run means something)."""
    fake = tmp_path / "site"
    for rel in ("index.html", "book/orientation.html"):
        (fake / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(my_site / rel, fake / rel)
    (fake / "_static").mkdir()
    index = fake / "index.html"
    orient = fake / "book/orientation.html"
    index.write_text(
        index.read_text(encoding="utf-8")
        .replace('lang="my"', 'lang="en"', 1)
        .replace('class="tt-i18n-draft"', 'class="tt-x"')
        .replace("<head>", '<head><script src="https://cdn.example.org/x.js"></script>', 1),
        encoding="utf-8",
    )
    text = orient.read_text(encoding="utf-8")
    text = re.sub(r'(<span class="caption-text">)[^<]*', r"\1Start here", text, count=1)
    text = re.sub(r'(<a href=")([^"]+)(" hreflang="en")', r"\1../nowhere.html\3", text, count=1)
    text = re.sub(r'(<p\b[^>]*class="[^"]*tt-fallback[^"]*"[^>]*?) lang="en"', r"\1", text, count=1)
    orient.write_text(text, encoding="utf-8")
    assert wrong_html_lang(fake) and missing_draft_line(fake) and remote_requests(fake)
    assert english_captions(fake) and broken_switch(fake, site) and unmarked_fallback(fake)
