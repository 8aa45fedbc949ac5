"""Offline link check of the built site: every internal link and anchor resolves; nothing external loads.

Checks every HTML file of the build (learner pages plus the search and index pages), and every
stylesheet those pages load (for url(...) references such as fonts). No network, no browser: a
few seconds. External links (the bibliography's, the data sources') are allowed as links a learner
may follow; no page may *load* anything from another host (script, stylesheet, image, frame...).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

#: Attributes that make the browser fetch something as the page loads.
LOADED = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
    "image": ["href", "xlink:href"],
}
#: <link rel=...> values that load the target (preload, stylesheet, icon...); others are navigation.
LOADING_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "dns-prefetch",
    "preconnect",
}
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)")
CSS_IMPORT = re.compile(r"@import\s+(['\"])(.*?)\1")


def all_html(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not {"_static", "_sources"} & set(p.parts))


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def ids_of(soup: BeautifulSoup) -> set[str]:
    found = {t["id"] for t in soup.find_all(id=True)}
    return found | {t["name"] for t in soup.find_all("a", attrs={"name": True})}


class Site:
    """Parsed pages of the build, each parsed once."""

    def __init__(self, root: Path):
        self.root = root
        self._soup: dict[Path, BeautifulSoup] = {}

    def soup(self, path: Path) -> BeautifulSoup:
        if path not in self._soup:
            self._soup[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return self._soup[path]

    def resolve(self, page: Path, url: str) -> tuple[Path, str]:
        parts = urlsplit(url)
        target = (page if not parts.path else page.parent / unquote(parts.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        return target, unquote(parts.fragment)


def check_link(site: Site, page: Path, url: str, where: str, problems: list[str], need_anchor: bool = True) -> None:
    rel = page.relative_to(site.root).as_posix()
    if not url or url.startswith(("mailto:", "tel:", "data:", "javascript:")):
        return
    target, fragment = site.resolve(page, url)
    if not target.is_relative_to(site.root.resolve()):
        problems.append(f"{rel}: {where} points outside the site: {url}")
    elif not target.exists():
        problems.append(f"{rel}: {where} to a missing file: {url}")
    elif fragment and need_anchor and target.suffix == ".html" and fragment not in ids_of(site.soup(target)):
        problems.append(f"{rel}: {where} to a missing anchor: {url}")


def test_every_internal_link_and_anchor_resolves(site):
    pages = all_html(site)
    checked, external = Counter(), Counter()
    problems: list[str] = []
    s = Site(site.resolve())
    for page in pages:
        page = page.resolve()
        for a in s.soup(page).find_all(["a", "area"], href=True):
            href = a["href"].strip()
            if is_external(href):
                external[page.relative_to(s.root).as_posix()] += 1
                continue
            check_link(s, page, href, "link", problems)
            checked["links"] += 1
        for link in s.soup(page).find_all("link", href=True):
            if is_external(link["href"]):
                continue  # a loading <link> to another host is caught by the next test
            check_link(s, page, link["href"].split("?")[0], f"<link rel={' '.join(link.get('rel', []))}>", problems)
            checked["resources"] += 1
        for tag, attrs in LOADED.items():
            for el in s.soup(page).find_all(tag):
                for attr in attrs:
                    for url in _urls(el.get(attr)):
                        if not is_external(url):
                            check_link(s, page, url.split("?")[0], f"<{tag} {attr}>", problems)
                            checked["resources"] += 1
    print(
        f"{len(pages)} pages: {checked['links']} internal links and {checked['resources']} resources checked; "
        f"external links (followed only by choice): {dict(external)}"
    )
    assert not problems, "\n".join(problems)


def test_no_page_loads_anything_from_another_host(site):
    problems = []
    s = Site(site.resolve())
    for page in all_html(site):
        page = page.resolve()
        rel = page.relative_to(s.root).as_posix()
        soup = s.soup(page)
        for link in soup.find_all("link", href=True):
            if is_external(link["href"]) and LOADING_RELS & {r.lower() for r in link.get("rel", [])}:
                problems.append(f"{rel}: <link rel={link.get('rel')}> loads {link['href']}")
        for tag, attrs in LOADED.items():
            for el in soup.find_all(tag):
                for attr in attrs:
                    problems += [f"{rel}: <{tag} {attr}> loads {u}" for u in _urls(el.get(attr)) if is_external(u)]
        for style in soup.find_all("style"):
            problems += [f"{rel}: inline style loads {u}" for u in _css_urls(style.get_text()) if is_external(u)]
    assert not problems, "\n".join(problems)


def test_every_stylesheet_a_page_loads_resolves_its_urls(site):
    """Fonts and images referenced from CSS (e.g. the icon webfont) exist, and none is remote."""
    s = Site(site.resolve())
    sheets: set[Path] = set()
    for page in all_html(site):
        page = page.resolve()
        for link in s.soup(page).find_all("link", rel="stylesheet", href=True):
            if not is_external(link["href"]):
                target, _ = s.resolve(page, link["href"].split("?")[0])
                if target.exists():
                    sheets.add(target)
    problems = []
    seen: set[Path] = set()
    while sheets:
        sheet = sheets.pop()
        seen.add(sheet)
        text = sheet.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for url in _css_urls(text):
            rel = sheet.relative_to(s.root).as_posix()
            if url.startswith(("data:", "#")):
                continue
            if is_external(url):
                problems.append(f"{rel}: loads {url} from another host")
                continue
            target = (sheet.parent / unquote(urlsplit(url).path)).resolve()
            if not target.exists():
                problems.append(f"{rel}: url({url}) is missing")
            elif target.suffix == ".css" and target not in seen:
                sheets.add(target)
    print(f"{len(seen)} stylesheets checked")
    assert not problems, "\n".join(problems)


def test_no_page_repeats_an_id(site):
    """A repeated id makes an anchor (and aria-labelledby, label for=) point at the wrong element."""
    problems = []
    s = Site(site.resolve())
    for page in all_html(site):
        counts = Counter(t["id"] for t in s.soup(page.resolve()).find_all(id=True))
        dupes = sorted(i for i, n in counts.items() if n > 1)
        if dupes:
            problems.append(f"{page.relative_to(site).as_posix()}: repeated ids {dupes}")
    assert not problems, "\n".join(problems)


def _urls(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        value = " ".join(value)
    if "," in value and " " in value.strip():  # srcset: "a.png 1x, b.png 2x"
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


def _css_urls(text: str) -> list[str]:
    return [m.group(2).strip() for m in CSS_URL.finditer(text)] + [m.group(2) for m in CSS_IMPORT.finditer(text)]
