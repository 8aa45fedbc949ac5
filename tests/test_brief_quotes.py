"""The course quotes the brief in short, attributed passages (issue 29; the fact sheet's F0: no
licence or terms of reuse for the brief were found). Every page, notebook, data file and the code the
book and the kit are made from is searched for runs of the brief's own words
(:mod:`tracktwo.brief_quotes`); a run longer than ``MAX_QUOTED_WORDS`` fails, naming the file and
the run's first words. Two parts are reproduced whole on purpose: the brief's three recommendations, the
object of Part III (its box is 107 words), named here, and a run may only be as long as it is; and
Table 1, cell by cell (so it forms no single run; see the comment on WHOLE and book/licences.md).
"""

from __future__ import annotations

import os

import pytest
from support import BRIEF_TEXT

from tracktwo.brief_quotes import MAX_QUOTED_WORDS, copied_runs, longest_runs, span_of, within, words

pytestmark = pytest.mark.skipif(
    not BRIEF_TEXT.exists() and not os.environ.get("CI"), reason="the brief's text (../shared/source) is not beside this checkout"
)

#: Passages quoted whole on purpose, by their first and last words in the brief, and why.
#: Table 1 is also reproduced whole (book/licences.md; coup.md, relations.csv), but cell by cell
#: with codes between the cells, so it never forms one run of words and needs no entry here.
WHOLE = {
    "the recommendations box (page 1, repeated in Sec. 4)": (
        "Recommendations: To provide quiet Track 1.5",
        "on issues related to the post-SAC era.",
    ),
}


@pytest.fixture(scope="module")
def brief() -> list[str]:
    return words(BRIEF_TEXT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runs() -> list:
    return longest_runs(BRIEF_TEXT.read_text(encoding="utf-8"))


def test_no_file_copies_a_long_run_of_the_brief(brief, runs):
    spans = {name: span_of(brief, *ends) for name, ends in WHOLE.items()}
    for name, span in spans.items():
        assert len(span) < 2 * MAX_QUOTED_WORDS, f"{name}: {len(span)} words is not a short passage"
    too_long = [r for r in runs if r.length > MAX_QUOTED_WORDS and not any(within(r, s) for s in spans.values())]
    assert not too_long, (
        f"runs of more than {MAX_QUOTED_WORDS} words copied from the brief (quote less, or paraphrase "
        "and cite the section):\n" + "\n".join(map(str, too_long))
    )
    print(f"\nlongest runs of the brief's words: {'; '.join(map(str, runs[:3]))}")


def test_the_scan_finds_a_long_copy_wherever_it_hides(brief):
    """A planted passage of the brief (Section One's paragraph on ripeness) is found across a line
    break, an HTML entity, curly quotes, emphasis and an endnote mark; a paraphrase is not."""
    text = BRIEF_TEXT.read_text(encoding="utf-8")
    start = text.index("The first is called “ripeness,”")
    passage = text[start : start + 900]
    assert len(words(passage)) > MAX_QUOTED_WORDS
    hidden = passage.replace(" the ", " the\n", 3).replace("“", "&ldquo;").replace("Mutually", "*Mutually")
    found = copied_runs("Intro. " + hidden + " Outro.", brief, file="planted.md")
    assert found and found[0].length > MAX_QUOTED_WORDS, found
    assert found[0].file == "planted.md" and found[0].start.startswith("the first is called ripeness")
    paraphrase = "Ripeness names a moment when the sides come to think that fighting on costs more than it can gain."
    assert not copied_runs(paraphrase, brief, min_words=8)


def test_only_the_named_passage_is_allowed_and_not_a_word_more(brief):
    span = span_of(brief, *WHOLE["the recommendations box (page 1, repeated in Sec. 4)"])
    box = " ".join(brief[span.start : span.stop])
    inside = copied_runs(box, brief, file="box.md")[0]
    assert within(inside, span)
    following = brief[span.stop : span.stop + 20]
    longer = copied_runs(box + " " + " ".join(following), brief, file="box.md")[0]
    assert not within(longer, span)
