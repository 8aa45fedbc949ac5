"""What the banks ask of learners: items by type and by cognitive level (``skill``), per bank and
overall, and the limits the course keeps to (issue 30, "scored reasoning").

Pure functions over loaded banks: ``scripts/item_counts.py`` prints the table and
``tests/test_item_levels.py`` fails when a limit is broken. How items are coded:
docs/exercise-format.md ("What an item asks: skill").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..data.paths import ROOT
from .bank import TYPES, Bank

LEVELS = ("recall", "apply", "analyse", "evaluate")
#: The format's fixture: it shows every field and type and is not counted with the course's banks.
FIXTURE_BANKS = ("demo",)
#: The course's bank of its closing review (book/review.md).
REVIEW_BANK = "review"
#: At most this share of the scored (auto-marked, not open) items may be recall: overall ...
MAX_RECALL_SHARE = 0.35
#: ... and on the closing review.
MAX_REVIEW_RECALL_SHARE = 0.40
#: At least this many ordering items put the steps of a process in order (not events by date).
MIN_PROCESS_ORDERINGS = 6


@dataclass
class Counts:
    """Items of one bank (or of several): by type, by level, by level among scored items only, and
    the ordering items by what they order (``sequence``: time or process)."""

    types: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    levels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    scored_levels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    sequences: dict[str, int] = field(default_factory=lambda: {"time": 0, "process": 0})

    @property
    def items(self) -> int:
        return sum(self.types.values())

    @property
    def open(self) -> int:
        return self.types["open"]

    @property
    def scored(self) -> int:
        return self.items - self.open

    @property
    def recall_share(self) -> float:
        """The share of scored items that are recall (0 when there are none)."""
        return self.scored_levels["recall"] / self.scored if self.scored else 0.0

    def add(self, other: Counts) -> None:
        for mine, theirs in (
            (self.types, other.types),
            (self.levels, other.levels),
            (self.scored_levels, other.scored_levels),
            (self.sequences, other.sequences),
        ):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value


def bank_counts(bank: Bank) -> Counts:
    counts = Counts()
    for item in bank.items.values():
        counts.types[item.type] += 1
        level = item.skill or "unsaid"
        counts.levels[level] = counts.levels.get(level, 0) + 1
        if item.type != "open":
            counts.scored_levels[level] = counts.scored_levels.get(level, 0) + 1
        if item.type == "ordering":
            kind = item.sequence or "unsaid"
            counts.sequences[kind] = counts.sequences.get(kind, 0) + 1
    return counts


def course_counts(banks: list[Bank]) -> tuple[dict[str, Counts], Counts]:
    """Counts per bank (in the given order) and over all of them but the format's fixture."""
    per = {b.id: bank_counts(b) for b in banks}
    total = Counts()
    for bank_id, counts in per.items():
        if bank_id not in FIXTURE_BANKS:
            total.add(counts)
    return per, total


def limit_problems(per: dict[str, Counts], total: Counts) -> list[str]:
    """Why the course's banks break the limits (an empty list when they keep to them)."""
    problems = []
    for bank_id, counts in per.items():
        unsaid = counts.levels.get("unsaid", 0)
        if unsaid:
            problems.append(f"bank '{bank_id}': {unsaid} items do not say their skill")
    if total.recall_share > MAX_RECALL_SHARE:
        problems.append(
            f"{total.scored_levels['recall']} of {total.scored} scored items are recall "
            f"({total.recall_share:.0%}): at most {MAX_RECALL_SHARE:.0%}"
        )
    review = per.get(REVIEW_BANK)
    if review is None:
        problems.append(f"no bank '{REVIEW_BANK}' (the closing review)")
    elif review.recall_share > MAX_REVIEW_RECALL_SHARE:
        problems.append(
            f"the review: {review.scored_levels['recall']} of {review.scored} scored items are recall "
            f"({review.recall_share:.0%}): at most {MAX_REVIEW_RECALL_SHARE:.0%}"
        )
    if total.sequences["process"] < MIN_PROCESS_ORDERINGS:
        problems.append(
            f"{total.sequences['process']} ordering items order a process: at least {MIN_PROCESS_ORDERINGS} "
            "(the rest order events by date)"
        )
    return problems


def table(per: dict[str, Counts], total: Counts) -> str:
    """A plain-text table: per bank and overall, items by type (scored and open) and by level,
    the recall share of scored items, and what the orderings order."""
    head = ["bank", "items", "scored", "open", *TYPES[:4], *LEVELS, "scored recall", "orderings time/process"]
    rows = []
    for name, c in [*per.items(), ("ALL (without the fixture)", total)]:
        rows.append(
            [
                name + (" (fixture, not counted)" if name in FIXTURE_BANKS else ""),
                c.items,
                c.scored,
                c.open,
                *(c.types[t] for t in TYPES[:4]),
                *(c.levels.get(level, 0) for level in LEVELS),
                f"{c.scored_levels['recall']}/{c.scored} = {c.recall_share:.0%}",
                f"{c.sequences['time']}/{c.sequences['process']}",
            ]
        )
    cells = [head] + [[str(v) for v in r] for r in rows]
    widths = [max(len(r[n]) for r in cells) for n in range(len(head))]
    lines = ["  ".join(v.ljust(w) if n == 0 else v.rjust(w) for n, (v, w) in enumerate(zip(r, widths))) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


#: How a page places an item: the ``{exercise}`` directive's first line, in a page or a notebook's cell.
_PLACED = re.compile(r"\{exercise\}\s+([a-z0-9-]+/[a-z0-9-]+)")


def placed_refs(root: str | Path | None = None) -> set[str]:
    """Every ``bank/item`` a page of the book or a notebook places with the ``{exercise}`` directive
    (the text of ``index.md``, ``book/**/*.md`` and ``notebooks/*.ipynb``, read as plain text, so a
    notebook's cell sources count). Used to leave the format's fixture items the book never shows
    out of what is exported for learners (:mod:`tracktwo.lms`)."""
    base = Path(root) if root else ROOT
    files = [base / "index.md", *sorted((base / "book").rglob("*.md")), *sorted((base / "notebooks").glob("*.ipynb"))]
    found: set[str] = set()
    for f in files:
        if f.is_file():
            found.update(_PLACED.findall(f.read_text(encoding="utf-8")))
    return found
