"""Compare two built books page by page: the ordered scripts and stylesheets each page loads.

    python scripts/page_assets_diff.py OLD_HTML_DIR NEW_HTML_DIR [--inline]

For every HTML page (outside ``_static`` and ``_sources``) it lists, in document order, each
``<script src>`` and ``<link rel="stylesheet">`` tag (its URL without the ``?v=`` checksum, and its
other attributes), with ``--inline`` also each inline ``<script>`` (its first 60 characters), and
prints every page whose list differs, then the number of pages that differ. Exit status 1 when any page differs, or when a
page is in one build only. Used to show that a change to how the plugin adds page assets
(tracktwo/sphinxext/page_assets.py) leaves every page loading the same files in the same order.
"""

from __future__ import annotations

import difflib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self._inline: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            if a.get("src"):
                self.items.append("script " + _describe(a, "src"))
            else:
                self._inline = []
        elif tag == "link" and "stylesheet" in (a.get("rel") or "").split():
            self.items.append("css    " + _describe(a, "href"))

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self._inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline is not None:
            text = " ".join("".join(self._inline).split())
            self.items.append(f"inline {text[:60]}")
            self._inline = None


def _describe(attrs: dict, url_attr: str) -> str:
    url = re.sub(r"\?v=[0-9a-f]+$", "", attrs.get(url_attr) or "")
    rest = " ".join(f"{k}={v!r}" for k, v in sorted(attrs.items()) if k != url_attr)
    return f"{url} {rest}".strip()


def page_assets(path: Path, inline: bool = False) -> list[str]:
    """The ordered scripts and stylesheets of one built page (and its inline scripts)."""
    parser = _Assets()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return [i for i in parser.items if inline or not i.startswith("inline ")]


def pages(root: Path) -> dict[str, Path]:
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*.html"))
        if not {"_static", "_sources"} & set(p.relative_to(root).parts)
    }


def compare(old: Path, new: Path, inline: bool = False) -> tuple[int, list[str]]:
    """(pages compared, report lines); a report line per difference."""
    a, b = pages(old), pages(new)
    report = [f"only in {old}: {name}" for name in sorted(set(a) - set(b))]
    report += [f"only in {new}: {name}" for name in sorted(set(b) - set(a))]
    for name in sorted(set(a) & set(b)):
        before, after = page_assets(a[name], inline), page_assets(b[name], inline)
        if before != after:
            report.append(f"--- {name}")
            report += [line for line in difflib.unified_diff(before, after, lineterm="", n=1)][2:]
    return len(set(a) & set(b)), report


def main(argv: list[str]) -> int:
    inline = "--inline" in argv
    argv = [a for a in argv if a != "--inline"]
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip())
        return 2
    old, new = Path(argv[0]), Path(argv[1])
    count, report = compare(old, new, inline)
    print("\n".join(report))
    differing = sum(1 for line in report if line.startswith(("--- ", "only in ")))
    print(f"{count} pages compared, {differing} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
