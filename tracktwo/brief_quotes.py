"""How much of the brief the course copies: the longest runs of the brief's own words in the course's
files (issue 29; book/reading-the-brief.md, "Getting the brief").

No licence or terms of reuse for the brief were found (the fact sheet's item F0), so the course does not
redistribute it: it quotes short, attributed passages, and reproduces two parts whole: the
recommendations box and Table 1 (cell by cell; book/licences.md). :func:`copied_runs` finds every run of
at least ``min_words`` consecutive words that a file shares with the brief, after both are put on
the same footing (:func:`words`: markup, escapes, quotes, dashes, case and punctuation set aside), so
a long passage cannot hide behind a line break, an HTML entity or a curly quote. The test
(tests/test_brief_quotes.py) fails on any run longer than :data:`MAX_QUOTED_WORDS` and reports where.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable

from .confidential import normalise
from .data.paths import ROOT

#: The brief's text lies beside the repository in the steering folder (and in CI's checkout).
BRIEF_PATH = ROOT.parent / "shared" / "source" / "policy-brief-myanmar-track-two-2021.txt"
#: The longest run of the brief's words a course file may copy (a few sentences, attributed).
MAX_QUOTED_WORDS = 60
#: Runs shorter than this are common phrases, not quotations ("the peace process in Myanmar").
MIN_RUN = 12

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_MARKS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]")  # the brief's endnote numbers


def words(text: str) -> list[str]:
    """The words of a text, lower case, with markup, escapes, endnote marks and punctuation gone."""
    text = _MARKS.sub(" ", normalise(text)).lower()
    text = re.sub(r"\{cite:[a-z]+\}`[^`]*`", " ", text)  # a citation role is not the brief's text
    return _WORD.findall(text.replace("*", " ").replace("_", " "))


@dataclass(frozen=True)
class Run:
    """A run of the brief's words in a file: where (file, the run's first words) and how long."""

    file: str
    length: int
    start: str
    #: where the run starts in the brief (an index into :func:`words` of the brief)
    at: int = 0

    def __str__(self) -> str:
        return f"{self.file}: {self.length} words copied from the brief, from {self.start!r}"


def copied_runs(text: str, brief: list[str], min_words: int = MIN_RUN, file: str = "") -> list[Run]:
    """Every maximal run of at least ``min_words`` consecutive words of ``text`` found, in order, in
    ``brief`` (a list from :func:`words`), longest first."""
    found = words(text)
    if len(found) < min_words:
        return []
    index: dict[tuple[str, ...], list[int]] = {}
    for p in range(len(brief) - min_words + 1):
        index.setdefault(tuple(brief[p : p + min_words]), []).append(p)
    runs: list[Run] = []
    i = 0
    while i <= len(found) - min_words:
        starts = index.get(tuple(found[i : i + min_words]))
        if not starts:
            i += 1
            continue
        best, at = 0, 0
        for p in starts:
            n = min_words
            while i + n < len(found) and p + n < len(brief) and found[i + n] == brief[p + n]:
                n += 1
            if n > best:
                best, at = n, p
        runs.append(Run(file, best, " ".join(found[i : i + 8]), at))
        i += best
    return sorted(runs, key=lambda r: -r.length)


def span_of(brief: list[str], first: str, last: str) -> range:
    """The brief's word indices from the words ``first`` to the words ``last`` (each as written, put
    through :func:`words`); a ValueError if either is not in the brief."""
    head, tail = words(first), words(last)
    for p in range(len(brief) - len(head) + 1):
        if brief[p : p + len(head)] == head:
            for q in range(p, len(brief) - len(tail) + 1):
                if brief[q : q + len(tail)] == tail:
                    return range(p, q + len(tail))
    raise ValueError(f"the brief has no passage from {first!r} to {last!r}")


def within(run: Run, span: range) -> bool:
    """Whether a run copies only words of one passage of the brief."""
    return span.start <= run.at and run.at + run.length <= span.stop


def _notebook_text(path: Path) -> str:
    """Every string in a notebook (cells and outputs), one per line."""

    def strings(node) -> Iterable[str]:
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            # a cell's source is a list of lines: join them, or a sentence breaks across items
            if all(isinstance(x, str) for x in node):
                yield "".join(node)
            else:
                for x in node:
                    yield from strings(x)
        elif isinstance(node, dict):
            for v in node.values():
                yield from strings(v)

    return "\n".join(strings(json.loads(path.read_text(encoding="utf-8"))))


def course_files(root: Path | str = ROOT) -> list[Path]:
    """The course's sources a reader or a workshop sees: the book's pages, the notebooks, and the data
    and code the book and the kit are made from."""
    root = Path(root)
    files = [root / "index.md", root / "README.md"]
    files += sorted((root / "book").rglob("*.md"))
    files += sorted((root / "notebooks").glob("*.ipynb"))
    files += sorted(p for ext in ("*.yaml", "*.csv", "*.bib", "*.md", "*.json") for p in (root / "data").rglob(ext))
    files += sorted((root / "tracktwo").rglob("*.py"))
    return [p for p in files if p.is_file()]


def longest_runs(brief_text: str, root: Path | str = ROOT, min_words: int = MIN_RUN) -> list[Run]:
    """Every copied run of at least ``min_words`` words in every course file, longest first."""
    brief = words(brief_text)
    root = Path(root)
    runs: list[Run] = []
    for path in course_files(root):
        text = _notebook_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
        runs += copied_runs(text, brief, min_words, path.relative_to(root).as_posix())
    return sorted(runs, key=lambda r: -r.length)
