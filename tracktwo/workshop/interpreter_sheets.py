"""Interpreter briefing notes: a facilitator sheet for a workshop held with consecutive
interpretation (the safety protocol's section 10 says to brief the interpreter; this is the brief).

The glossary comes from the course's data: the theory terms and every acronym in
``data/glossary.csv``, and the mapping notation from ``data/maps/notation.json``. The advice on
pace, breaks and time is the course's own and says so; the rule of thumb that consecutive
interpretation roughly doubles talking time is the course's, not a sourced figure.
"""

from __future__ import annotations


from .sheets import BRIEF, Sheet, source_note
from .sheets import escape_html as _e

#: The course's terms the interpreter must render the same way all day (glossary ids, in order).
TERMS = (
    "track-one",
    "track-one-point-five",
    "track-two",
    "track-three",
    "conflict-management",
    "conflict-resolution",
    "conflict-transformation",
    "ripeness",
    "mutually-hurting-stalemate",
    "way-out",
    "readiness",
    "pre-negotiation",
)


#: The sheet's sources, in words.
SOURCES = (
    "the course's glossary, which defines the terms from "
    + BRIEF
    + ", Sec. 1 (Track One, from general reference works; motivation and optimism, from Pruitt 2005); the mapping "
    "notation after Fisher et al., Working with Conflict (2000); the safety protocol, sections 8, 10, 12 and 14. "
    "The rest is the course's advice."
)


def _glossary():
    from ..data import load_all

    return load_all().glossary


def _notation_words() -> str:
    """The mapping notation in one line: each line's drawing and meaning."""
    from ..maps.notation import legend_rows

    rows = legend_rows()
    nodes = "; ".join(f"{r['drawn']}: {r['meaning']}" for r in rows if r["element"] == "node")
    lines = "; ".join(f"{r['drawn']}: {r['name'].lower()}" for r in rows if r["element"] == "line")
    return (
        "The course's symbols for drawing a conflict map, after Fisher et al., Working with Conflict (2000). "
        f"Actors: {nodes}. Lines: {lines}. Keep the English name of each symbol if the language has none."
    )


def interpreter_briefing_sheet() -> Sheet:
    g = _glossary()
    by_id = g.set_index("id")
    terms = "".join(f"<div><dt>{_e(by_id.loc[t, 'term'])}</dt><dd>{_e(by_id.loc[t, 'definition'])}</dd></div>" for t in TERMS)
    terms += f"<div><dt>Fisher notation</dt><dd>{_e(_notation_words())}</dd></div>"
    acronyms = g[g["kind"] == "acronym"].sort_values("term")
    acro = "".join(f"<div><dt>{_e(r.term)}</dt><dd>{_e(r.expansion)}</dd></div>" for r in acronyms.itertuples())
    body = f"""
<h1>Interpreter briefing notes</h1>
<p class="tt-lead">For a workshop held with consecutive interpretation: the speaker stops, then the
interpreter says it in the other language. Go through these notes with the interpreter before the
workshop, after the vetting in the safety protocol (section 10). The advice is the course's own.</p>
<div class="tt-interp">
<section><h2>Before the workshop</h2>
<ul><li>Give the interpreter the participant sheets and this glossary in advance. Agree one
rendering for each term and keep to it all day. Where a term has no settled equivalent, keep the
English term and explain it once.</li>
<li>Walk through the programme: the card sorts, the map, the simulation. Nothing should surprise them.</li>
<li>Agree two signals: &ldquo;please stop here&rdquo; and &ldquo;I need a moment&rdquo;.</li></ul></section>
<section><h2>Confidentiality and safety</h2>
<ul><li>The interpreter is bound by the room's agreements, like everyone else, and says so at the
opening: what is said stays in the room; no names in notes, no recording, no photographs; no talk
about participants afterwards (safety protocol, section 10).</li>
<li>They know the carry rules: the top of every sheet says &ldquo;safe to carry&rdquo; or
&ldquo;stays in the room&rdquo; (section 14). Their own notes for interpreting stay in the room and
are destroyed at the end of each day.</li>
<li>In the simulation they interpret roles, not people. They see a confidential brief only for the
role they interpret, and hand it back with the player's (section 10).</li>
<li>They are at risk too: their name stays out of reports and messages, and they are in the
after-the-workshop plan (sections 10 and 12). A participant who passes is not pressed, by the
facilitator or the interpreter.</li></ul></section>
<section><h2>Pace: short chunks</h2>
<ul><li>Speak in short chunks, two or three sentences, then stop. Ask participants to do the same.</li>
<li>Say numbers, dates and names slowly, and write them on the board. Give the interpreter the
printed text of any quotation you read out.</li>
<li>Check understanding with a question about the content, not &ldquo;is that clear?&rdquo;.</li></ul></section>
<section><h2>Contested labels</h2>
<ul><li>Interpret a label as the speaker uses it, and attribute it (&ldquo;she called them
&hellip;&rdquo;). Do not translate a label as a fact, and do not put your own term in its place
(safety protocol, sections 8 and 10).</li>
<li>&ldquo;Terrorist&rdquo;: since the coup the military authorities have called the NUG and the PDFs
&ldquo;terrorist organisations&rdquo; (section 8). Render it as their label, never as a description.
The same holds for &ldquo;Outlawed&rdquo;, the status the brief's Table 1 records for the NUG and the
PDFs.</li>
<li>Tatmadaw, the military or sit-tat; Burma or Myanmar: each choice can signal a side (section 8).
Keep the word the speaker chose.</li></ul></section>
<section><h2>Time and breaks</h2>
<ul><li><strong>Rule of thumb:</strong> consecutive interpretation roughly doubles talking time. This
is the course's rule of thumb, not a sourced figure. Plan fewer points per block and shorter
inputs; group work in one language needs less.</li>
<li>Interpreting is tiring. Give the interpreter every break the group has, and a pause of their
own between long plenary blocks. Do not fill their breaks with side conversations to interpret.</li>
<li>One interpreter cannot serve two groups at once: plan small groups by language.</li></ul></section>
</div>
<h2>Glossary: the course's terms</h2>
<dl class="tt-terms">{terms}</dl>
<h2>Acronyms</h2>
<dl class="tt-columns tt-acronyms">{acro}</dl>
{source_note(SOURCES)}"""
    return Sheet("interpreter-briefing", "Interpreter briefing notes", "facilitator", "handout", body, pages=(1, 2))
