"""One colour and one marker symbol per event category, the same in every figure of the book.

The timeline, each chapter's slice of it and the JupyterLab explorer all take a category's style
from :func:`category_style`, so a ceasefire is the same green diamond wherever a learner meets it,
whatever other categories a figure happens to show. The order follows the categories of
``data/datapackage.json`` (events, field ``category``); a category the schema does not know gets
a neutral grey (the data loader rejects such rows, so this is only a guard).
"""

from __future__ import annotations

from .theme import PALETTE, SYMBOLS

#: Category -> (colour, symbol). Fixed here, not by a figure's trace order. No two categories share
#: both colour and symbol; colour is never the only signal (docs/decisions/0001).
CATEGORY_STYLES: dict[str, tuple[str, str]] = {
    "coup": ("#000000", "x"),
    "election": ("#0072B2", "square"),
    "ceasefire-agreement": ("#009E73", "diamond"),
    "institution": ("#CC79A7", "triangle-up"),
    "dialogue": ("#56B4E9", "circle"),
    "violence": ("#D55E00", "triangle-down"),
    "resistance": ("#E69F00", "star"),
    "policy": ("#0072B2", "pentagon"),
    "international": ("#009E73", "hexagon"),
    "other": ("#7f7f7f", "cross"),
}

FALLBACK_STYLE = ("#7f7f7f", "circle-open")


def category_style(category: str) -> tuple[str, str]:
    """The (colour, symbol) of a category, identical in every figure."""
    return CATEGORY_STYLES.get(category, FALLBACK_STYLE)


__all__ = ["CATEGORY_STYLES", "FALLBACK_STYLE", "category_style", "PALETTE", "SYMBOLS"]
