"""The chapter links for an LMS course page: every page in ``_toc.yml``, by part, as HTML and
Markdown. Titles only (each page's first heading) and links: no exercise, key or feedback.

Links are relative by default (``book/part1/origins.html``, beside the built book); give the
published book's address as ``base_url`` for absolute ones.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from ..data.paths import ROOT
from ..data.safe_yaml import read_yaml_document
from ..workshop.sheets import page_title
from .lms_items import LmsError


@dataclass(frozen=True)
class Page:
    part: str
    file: str  # as in _toc.yml, without suffix: book/part1/origins
    title: str

    def url(self, base_url: str = "") -> str:
        base = base_url.rstrip("/") + "/" if base_url else ""
        return f"{base}{self.file}.html"


def chapter_pages(toc: Path | None = None, title=page_title) -> list[Page]:
    """Every page of the book in ``_toc.yml`` order: the root, then each part's chapters (and their
    sections)."""
    toc = toc or ROOT / "_toc.yml"
    data = read_yaml_document(toc).data
    if not isinstance(data, dict) or not isinstance(data.get("root"), str):
        raise LmsError(f"{toc}: field 'root': the table of contents names no root page")
    pages = [Page("", _stem(data["root"]), title(_stem(data["root"])))]

    def add(entries: object, part: str, where: str) -> None:
        if not isinstance(entries, list):
            raise LmsError(f"{toc}: field {where!r}: expected a list of pages")
        for n, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
                raise LmsError(f"{toc}: field '{where}[{n}].file': every entry names a file")
            pages.append(Page(part, _stem(entry["file"]), title(_stem(entry["file"]))))
            if "sections" in entry:
                add(entry["sections"], part, f"{where}[{n}].sections")

    for n, part in enumerate(data.get("parts") or []):
        add(part.get("chapters"), str(part.get("caption") or ""), f"parts[{n}].chapters")
    return pages


def _stem(file: str) -> str:
    return file[: -len(Path(file).suffix)] if Path(file).suffix in (".md", ".ipynb") else file


def _parts(pages: list[Page]) -> list[tuple[str, list[Page]]]:
    out: list[tuple[str, list[Page]]] = []
    for page in pages:
        if not out or out[-1][0] != page.part:
            out.append((page.part, []))
        out[-1][1].append(page)
    return out


def links_html(pages: list[Page], base_url: str = "", heading: str = "The course's chapters") -> str:
    """An HTML fragment (paste it into the LMS's page editor, or open it as a page)."""
    e = lambda s: html.escape(s, quote=True)  # noqa: E731
    lines = [f"<h2>{e(heading)}</h2>"]
    for part, group in _parts(pages):
        if part:
            lines.append(f"<h3>{e(part)}</h3>")
        lines.append("<ul>")
        lines += [f'  <li><a href="{e(p.url(base_url))}">{e(p.title)}</a></li>' for p in group]
        lines.append("</ul>")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Markdown link text with its special characters escaped."""
    for ch in "\\[]*_`<>":
        text = text.replace(ch, "\\" + ch)
    return text


def links_markdown(pages: list[Page], base_url: str = "", heading: str = "The course's chapters") -> str:
    lines = [f"## {_md(heading)}", ""]
    for part, group in _parts(pages):
        if part:
            lines += [f"### {_md(part)}", ""]
        lines += [f"- [{_md(p.title)}](<{p.url(base_url)}>)" for p in group]
        lines.append("")
    return "\n".join(lines)
