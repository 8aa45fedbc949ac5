"""The words the search index keeps: no link debris (docs/decisions/0012-light-pages.md).

The search index is the search page's content and has a budget of its own (60 KB compressed,
tests/test_page_budget.py). Sphinx indexes every word of every page, and the bibliography and the
source lists print each work's address, so the index stored hundreds of words no learner types:
identifiers, hashes and dates out of URLs and DOIs (``40039947``, ``6778bd74069372de757b27699d1ea1bc``,
``04112024050358``), words glued to numbers where a cell ends and the next begins (``2021myanmar``),
and whole slugs (``aa_seizes_full_control_of_myanmar_bangladesh_bord``).

:func:`keep_word` is English search's word filter plus one rule: a word (after stemming) that has a
digit and more than four characters, other than a year or decade (``1990``, ``1990s``), or that is
longer than 30 characters, is not indexed. Years, short numbers (``88``, ``1325``, ``1.5``'s parts)
and every ordinary word stay; the pages keep their text, only the index skips the debris.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish

_YEAR = re.compile(r"\d{4}s?")
LONGEST_WORD = 30


def is_link_debris(word: str) -> bool:
    """True for a word no learner would search for (pure): see the module's docstring."""
    if len(word) > LONGEST_WORD:
        return True
    return len(word) > 4 and any(c.isdigit() for c in word) and not _YEAR.fullmatch(word)


class CourseSearchEnglish(SearchEnglish):
    """Sphinx's English search, with the link debris left out of the index."""

    def word_filter(self, word: str) -> bool:
        return super().word_filter(word) and not is_link_debris(word)


def setup(app: Sphinx) -> None:
    """Use the course's English search (called from tracktwo.sphinxext.setup)."""
    app.add_search_language(CourseSearchEnglish)
