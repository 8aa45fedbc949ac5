"""The safety protocol as a printed sheet, from the same page the book shows
(``book/facilitate/safety.md``), so the kit's copy cannot drift from the book's.

The page is MyST Markdown; this renders it with markdown-it (which the book's parser is built on)
after turning the few MyST constructs it uses into plain text: ``{cite:p}`` becomes the author and
year, ``{doc}`` and ``{ref}`` their link text (or the target page's title), ``(label)=`` lines become anchors,
the ``{questions}`` block goes, ``{keypoints}`` becomes a "Key points" list, and ``{carry-marks}``
becomes the table of marks from ``data/workshop/carry.yaml`` (:func:`carry_table_html`).
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

from ..data.paths import ROOT

SAFETY_PAGE = ROOT / "book" / "facilitate" / "safety.md"

#: How a {cite:p} key prints on paper where the course's short citation would not do (the book
#: prints the bibliography entry). Any other key prints as its short citation (:func:`cite_text`).
CITES = {"jones2021myanmar": "Jones, Min Zaw Oo and Palmiano Federer 2021"}

_ROLE = re.compile(r"\{(cite:p|cite:t|cite|doc|ref)\}`([^`]*)`")
_EXPLICIT = re.compile(r"^(.*?)\s*<([^>]+)>$", re.S)
_LABEL = re.compile(r"^\([A-Za-z0-9_-]+\)=\s*$", re.M)


@cache
def _short_citations() -> dict[str, str]:
    from ..citations import short_citations
    from ..data import load_references

    return dict(short_citations(load_references()))


def cite_text(key: str) -> str:
    """A citation key as it prints inside the protocol's round brackets: the course's short citation
    (tracktwo.citations) without its own brackets, e.g. 'Development Media Group 2022',
    'Seekins, "Tatmadaw", n.d.'. A key not in the bibliography prints as itself (the book's build,
    run with -W, refuses it)."""
    if key in CITES:
        return CITES[key]
    short = _short_citations().get(key)
    if short is None:
        return key
    # 'X (2022)' -> 'X 2022'; 'X, "Title" (n.d.)' -> 'X, "Title", n.d.'
    return re.sub(
        r'^(.*?)(")? \(([^()]+)\)$', lambda m: f"{m.group(1)}{m.group(2) + ',' if m.group(2) else ''} {m.group(3)}", short
    )


def _page_title(target: str, base: Path) -> str:
    path = (base / f"{target}.md").resolve()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return target.rsplit("/", 1)[-1]


def _role(match: re.Match, base: Path) -> str:
    role, text = match.groups()
    if role.startswith("cite"):
        names = "; ".join(cite_text(k.strip()) for k in text.split(","))
        return f"({names})"
    explicit = _EXPLICIT.match(text)
    if explicit:
        return explicit.group(1)
    if role == "doc":
        return f"*{_page_title(text, base)}*"
    return "the section below" if role == "ref" else text


def plain_markdown(text: str, base: Path = SAFETY_PAGE.parent) -> str:
    """The page's Markdown with MyST roles turned into plain text, and each ``(label)=`` line into an
    empty anchor (``<div id="label">``) that print.css can start a page at."""
    text = _LABEL.sub(lambda m: f'<div id="{m.group(0).strip()[1:-2]}" class="tt-anchor"></div>\n', text)
    return _ROLE.sub(lambda m: _role(m, base), text)


def carry_table_html() -> str:
    """Every sheet the kit prints with its mark and reason (the printed twin of ``{carry-marks}``)."""
    from .carry import kit_sheet_ids, load_carry

    marks = load_carry()
    rows = "".join(
        f"<tr><td>{html.escape(sid)}.pdf</td><td>{folder}</td><td><strong>{html.escape(marks[sid].label)}</strong></td>"
        f"<td>{html.escape(marks[sid].reason)}</td></tr>"
        for sid, folder in kit_sheet_ids()
    )
    return (
        '<table class="tt-table tt-small tt-carry-table"><thead><tr><th scope="col">Sheet</th>'
        '<th scope="col">Folder</th><th scope="col">Mark</th><th scope="col">Reason</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def protocol_html(text: str, base: Path = SAFETY_PAGE.parent) -> str:
    """HTML for a MyST page of the protocol's kind (headings, lists, the directives it uses)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    default_fence = md.renderer.rules.get("fence")

    def fence(renderer, tokens, idx, options, env):
        token = tokens[idx]
        name = token.info.strip()
        if name == "{questions}":
            return ""
        if name == "{keypoints}":
            return "<h2>Key points</h2>\n" + md.render(token.content)
        if name == "{carry-marks}":
            return carry_table_html()
        if name.startswith("{"):
            return md.render(token.content)
        return default_fence(tokens, idx, options, env)

    md.add_render_rule("fence", fence)
    return md.render(plain_markdown(text, base))


#: Repository paths in the page, and how the printed sheet says them (no path on paper).
PRINT_WORDING = ((re.compile(r"`data/workshop/carry\.yaml`"), "the kit's list of carry marks"),)


def protocol_body(path: Path | str = SAFETY_PAGE) -> str:
    text = Path(path).read_text(encoding="utf-8")
    for pattern, words in PRINT_WORDING:
        text = pattern.sub(words, text)
    body = protocol_html(text, Path(path).parent)
    return (
        body + '<p class="tt-source">Printed from the course\'s safety protocol (the page '
        f"\u201c{_page_title(Path(path).stem, Path(path).parent)}\u201d in the Facilitator's guide); "
        "the book's copy has the links and the bibliography.</p>"
    )
