"""A pybtex style for the bibliography that keeps titles as written.

pybtex's ``plain``/``unsrt`` styles sentence-case article titles ("The crisis in myanmar"), which
mangles proper nouns the course cannot do without (Myanmar, Track Two, Kachin, ...). This style is
``unsrt`` with titles left alone. It is registered as ``tracktwo`` and selected in _config.yml
(``bibtex_default_style: tracktwo``), with author-year citations in round brackets
(``bibtex_reference_style: author_year_round``).
"""

from __future__ import annotations

import dataclasses

from pybtex.plugin import register_plugin
from sphinxcontrib.bibtex.plugin import register_plugin as register_bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, sentence


class CourseStyle(UnsrtStyle):
    default_sorting_style = "author_year_title"

    def format_title(self, e, which_field, as_sentence=True):
        formatted_title = field(which_field)
        return sentence[formatted_title] if as_sentence else formatted_title


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclasses.dataclass
class RoundAuthorYear(AuthorYearReferenceStyle):
    """Author-year citations in round brackets: (Jones et al., 2021)."""

    bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_textual: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_author: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_label: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_year: BracketStyle = dataclasses.field(default_factory=_round)


def register() -> None:
    register_plugin("pybtex.style.formatting", "tracktwo", CourseStyle)
    register_bibtex_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYear)
