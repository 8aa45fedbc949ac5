"""The kit's printable pages: one-page handouts, cut-out card sets, separate key sheets, the
knowledge check, the evaluation form and the simulation's briefs, as small standalone HTML pages
(two stylesheets, ``assets/tracktwo/print.css`` and ``book-print.css``; no script, no request to any host).

Everything is generated from the course's data and banks by pure functions returning
:class:`Sheet`; :func:`write_sheets` writes them into a folder, and `scripts/print_sheets.py` prints them with
Chromium. Participant sheets never contain an answer, hint, feedback or confidential brief; key
sheets and facilitator sheets are separate files (``audience == "facilitator"``).
"""

from __future__ import annotations

import functools
import html
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from ..data.dates import MONTHS
from ..data.paths import ROOT
from ..i18n.catalog import Text, current, escape, t, th, translator, using
from .cards import CardSet, all_card_sets

PRINT_CSS = ROOT / "assets" / "tracktwo" / "print.css"
BOOK_PRINT_CSS = ROOT / "assets" / "tracktwo" / "book-print.css"
BRIEF = "Jones, Min Zaw Oo and Palmiano Federer (2021), Ottawa Dialogue Policy Brief No. 3"

#: The handouts a session plan may name, by sheet id, with their printed names (their sheets' titles).
HANDOUT_TITLES = {
    "levels": "Levels of dialogue",
    "table-1": "Table 1: Conflict and dialogue mapping",
    "recommendations": "The three recommendations",
    "glossary": "Glossary of acronyms",
    "glossary-bilingual": "Glossary in English and Burmese",
    "mapping-legend": "Mapping legend and blank map frame",
    "timeline": "Timeline table",
    "knowledge-check": "Knowledge check",
    "evaluation": "Evaluation form",
    "simulation-public": "Simulation: public brief",
    "simulation-observer": "Simulation: observer sheet",
    "simulation2-public": "Second simulation: public brief",
    "simulation2-observer": "Second simulation: observer sheet",
    "table-1-now": "Table 1 then and now",
    "timeline-since": "Timeline since the brief, 2021-2026",
    "recommendations-now": "The three recommendations then and now",
    "capstone-now": "Capstone: a support strategy for now (2026)",
    "practice-case": "Practice case: the Sanu valley (invented)",
    "template-tree": "Template: conflict tree",
    "template-onion": "Template: onion (positions, interests, needs)",
    "template-abc": "Template: ABC triangle",
    "template-grid": "Template: stakeholder grid (influence and interest)",
    "template-actions": "Template: action table",
    "map-frame-a3": "Blank map frame with legend (A3)",
    "map-frame-a4": "Blank map frame with legend (A4)",
}
#: Handouts a session plan may name (the ids of participant sheets other than card sets).
HANDOUTS = tuple(HANDOUT_TITLES)

#: The knowledge check's exercise bank (before and after a workshop; mostly applied items): the
#: check and its key are built from it by :mod:`.check_sheets`.
KNOWLEDGE_CHECK = "workshop-check"


#: Paper sizes a sheet may print on (print.css has a named page for each size and orientation).
PAPERS = ("A4", "A3")


@dataclass(frozen=True)
class Sheet:
    id: str
    title: str
    audience: str  # "participant" or "facilitator"
    kind: str  # "handout", "cards", "key", "form", "brief"
    body: str  # HTML inside <main>
    pages: tuple[int, int] = (1, 1)  # expected printed page count (min, max)
    landscape: bool = False
    course: str = "Track Two course"  # the footer's first words ("" in a neutral edition)
    template: bool = False  # a drawn frame meant to be filled in: its pages may carry almost no text
    stamp: str = ""  # the course's version and date, the footer's last words (:func:`course_stamp`)
    paper: str = "A4"  # "A4" or "A3" (:data:`PAPERS`); with ``landscape``, the printed page's size
    lang: str = "en"  # the language it is printed in (tracktwo.i18n; TT_LANG)
    #: In a translated edition: how many of its strings are reviewed, drafts, or shown in English.
    i18n: tuple[tuple[str, int], ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.id}.html"

    @property
    def page_name(self) -> str:
        """The named page print.css gives this sheet (``a3-landscape``); "" for plain A4 portrait."""
        name = self.paper.lower() + ("-landscape" if self.landscape else "")
        return "" if name == "a4" else name

    def html(self) -> str:
        if self.paper not in PAPERS:
            raise ValueError(f"sheet {self.id!r}: paper {self.paper!r} is not one of {', '.join(PAPERS)}")
        cls = "tt-print landscape" if self.landscape else "tt-print"
        cls += f" tt-page-{self.page_name}" if self.page_name else ""
        who = (
            t("sheet-footer:facilitator", "Facilitator material: keep apart from participant copies")
            if self.audience == "facilitator"
            else t("sheet-footer:participant", "Participant sheet")
        )
        return (
            f"<!DOCTYPE html>\n<html lang=\"{_e(self.lang)}\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(self.title)}</title>"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<link rel=\"stylesheet\" href=\"print.css\"><link rel=\"stylesheet\" href=\"book-print.css\"></head>\n<body class=\"{cls} tt-kind-{self.kind}\">"
            f"<main>\n{self.body}\n</main>"
            f"<footer class=\"tt-print-foot\">{_e(self.course) + ' · ' if self.course else ''}{_e(self.title)} · "
            f"{escape(who)}"
            f"{' · ' + _e(self.stamp) if self.stamp else ''}</footer></body></html>\n"
        )


def course_stamp(version: str, day) -> Text:
    """The footer's release version and date, e.g. 'Version 0.2.0, 7 December 2026', in the current
    language (``sheet-footer:version``; the date's words stay English). No marked word: the neutral
    edition prints it too. The version is ``tracktwo.__version__``, the release's (CHANGELOG.md)."""
    text = t("sheet-footer:version", "Version {version}, {date}")
    filled = str(text).replace("{version}", version).replace("{date}", f"{day.day} {MONTHS[day.month - 1]} {day.year}")
    return Text(filled, text.lang, text.status, text.id)


def course_date(env=None):
    """The course's date: SOURCE_DATE_EPOCH if set (a reproducible build), else the date of the
    repository's last commit, else today."""
    import datetime as dt
    import os
    import subprocess

    env = os.environ if env is None else env
    if str(env.get("SOURCE_DATE_EPOCH", "")).isdigit():
        return dt.datetime.fromtimestamp(int(env["SOURCE_DATE_EPOCH"]), dt.UTC).date()
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        return dt.date.fromisoformat(out)
    except (OSError, ValueError, subprocess.SubprocessError):
        return dt.date.today()


def _e(text: object) -> str:
    """HTML-escaped; a string shown in English in a translated edition is marked (tracktwo.i18n)."""
    return escape(text)


def page_title(target: str) -> str:
    """The printed name of a course page (``book/part1/aims``, ``notebooks/ripeness``): its first
    heading, never its path."""
    import json

    md, nb = ROOT / f"{target}.md", ROOT / f"{target}.ipynb"
    lines = md.read_text(encoding="utf-8").splitlines() if md.exists() else []
    if not lines and nb.exists():
        try:
            cells = json.loads(nb.read_text(encoding="utf-8")).get("cells", [])
            lines = [ln for c in cells if c.get("cell_type") == "markdown" for ln in "".join(c.get("source", "")).splitlines()]
        except ValueError:
            lines = []
    for line in lines:
        if line.startswith("# "):
            return line[2:].strip()
    return target.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").capitalize()


def card_origin(cs: CardSet) -> str:
    """Where a card set comes from, in words (no file name or id)."""
    where = f"taught in the chapter \u201c{page_title(cs.chapter)}\u201d"
    if cs.origin:
        return f"{cs.origin}, {where}"
    if cs.source.startswith("exercise "):
        return f"the course's exercise \u201c{cs.title}\u201d, {where}"
    return f"the course's scenarios, {where}"


def block_uses(block, chapters: bool = True) -> list[str]:
    """What a plan's block uses, by printed name: chapters (unless ``chapters`` is false: the book
    links them instead), exercises, card sets and handouts."""
    from ..exercises.bank import get_item
    from .cards import card_set

    out = [f"chapter \u201c{page_title(c)}\u201d" for c in block.chapters] if chapters else []
    out += [f"exercise \u201c{get_item(r).title}\u201d" for r in block.exercises]
    out += [f"cards \u201c{card_set(c).title}\u201d" for c in block.cards]
    out += [f"handout \u201c{HANDOUT_TITLES.get(h, h)}\u201d" for h in block.handouts]
    return out


def _source(text: str) -> str:
    return f'<p class="tt-source">Source: {_e(text)}</p>'


def _source_html(inner: str) -> str:
    """The source line of a translated sheet: the "Source:" label in the sheet's language, then
    ``inner`` (HTML, e.g. from :func:`_tf`). In English the same bytes as :func:`_source`."""
    return f'<p class="tt-source">{th("sheet:shared:source-label", "Source:")} {inner}</p>'


def _wrap_fallback(text: object, out: str, tag: str = "span") -> str:
    return f'<{tag} lang="en" class="tt-fallback">{out}</{tag}>' if isinstance(text, Text) and text.fallback else out


def _tt(ident: str, english: str) -> str:
    """:func:`th` for a text node: quotes left as typed (the English sheets print them so)."""
    text = t(ident, english)
    return _wrap_fallback(text, html.escape(str(text), quote=False))


def _ta(ident: str, english: str) -> str:
    """A translated attribute value or SVG ``<title>`` (escaped; an English fallback is counted in
    the sheet's notice but cannot be wrapped there)."""
    return html.escape(str(t(ident, english)), quote=True)


def _ts(text: object) -> str:
    """Escaped for an SVG ``<text>``: an English fallback is wrapped in a ``<tspan>`` (a ``<span>``
    would end the SVG in an HTML page)."""
    return _wrap_fallback(text, html.escape(str(text), quote=True), "tspan")


def _tm(ident: str, english_html: str) -> str:
    """A run of text with inline markup (``<em>``) or entities, as HTML: the translation keeps the
    same tags (tracktwo.i18n.checks refuses one that changes them)."""
    text = t(ident, english_html)
    return _wrap_fallback(text, str(text))


def _tf(ident: str, english: str, quote: bool = True, **values: object) -> str:
    """:func:`th` with ``{placeholders}`` filled in after translation: a value is text that is not
    translated here (the brief's citation) or a string translated on its own (a :class:`Text`)."""
    text = t(ident, english)
    out = html.escape(str(text), quote=quote)
    for key, value in values.items():
        out = out.replace(
            "{" + key + "}", escape(value) if quote else _wrap_fallback(value, html.escape(str(value), quote=False))
        )
    return _wrap_fallback(text, out)


def _lower(text: Text) -> Text:
    """``text`` in lower case (English), its status kept (Burmese has no case)."""
    return Text(text.lower(), text.lang, text.status, text.id) if isinstance(text, Text) else text.lower()


#: The helpers above under public names, for the sheet builders of other modules (mapping_sheets).
escape_html, source_note, wrap_fallback = _e, _source, _wrap_fallback
source_note_html, text_html, attr_text, svg_text, markup_text, filled_html, lower_text = (
    _source_html,
    _tt,
    _ta,
    _ts,
    _tm,
    _tf,
    _lower,
)


# ---------------------------------------------------------------------------------------------
# Handouts


def levels_sheet() -> Sheet:
    from ..data.content import load_levels

    lv = load_levels()

    def lt(lev: dict, field: str) -> Text:
        return t(f"sheet:levels:{lev['id']}:{field}", lev[field])

    rows = "".join(
        f"<tr><th scope=\"row\">{_e(lt(lev, 'name'))}</th><td>{_e(lt(lev, 'who'))}</td><td>{_e(lt(lev, 'audience'))}</td>"
        f"<td>{_e(lt(lev, 'deniability'))}</td><td>{_e(lt(lev, 'facilitator'))}</td></tr>"
        for lev in lv.levels
    )
    bands, y = [], 10
    for lev in lv.levels:
        w = 200 + 120 * lev["breadth"]
        x = 310 - w / 2
        bands.append(
            f'<rect x="{x:.0f}" y="{y}" width="{w}" height="38" rx="4" class="band"/>'
            f'<text x="310" y="{y + 24}" text-anchor="middle">{_ts(lt(lev, "name"))}: {_ts(lt(lev, "short"))}</text>'
        )
        y += 46
    drift = lv.drift
    fig_title = _ta(
        "sheet:levels:figure-title",
        "The four tracks, from officials on the record (top) to civil society (bottom); "
        "wider bands take in more people. Not a ranking.",
    )
    svg = (
        f'<svg viewBox="0 0 620 200" role="img" aria-labelledby="lv-t" class="tt-figure-svg">'
        f'<title id="lv-t">{fig_title}</title>{"".join(bands)}</svg>'
    )
    title = t("sheet:levels:title", "Levels of dialogue")
    body = f"""
<h1>{_e(title)}</h1>
<p class="tt-lead">{
        _tt(
            "sheet:levels:lead",
            '''The brief names three broad levels of dialogue under the rubric of Track Two:
Track 1.5, Track Two and Track Three, beside official Track One. The levels are not absolute and not a
ranking: dialogues can show elements of more than one, and drift between them (the brief, Sec. 1).''',
        )
    }</p>
<figure>{svg}<figcaption>{
        _tt("sheet:levels:figcaption", "The course's diagram. Text version: the table below.")
    }</figcaption></figure>
<table class="tt-table tt-small"><caption>{
        _tt("sheet:levels:caption", "The tracks compared (text version of the figure)")
    }</caption>
<thead><tr><th scope="col">{_tt("sheet:levels:col-track", "Track")}</th><th scope="col">{
        _tt("sheet:levels:col-who", "Who takes part")
    }</th><th scope="col">{_tt("sheet:levels:col-audience", "Audience")}</th>
<th scope="col">{_tt("sheet:levels:col-deniability", "Deniability")}</th><th scope="col">{
        _tt("sheet:levels:col-facilitator", "Facilitator")
    }</th></tr></thead><tbody>{rows}</tbody></table>
<h2>{_tf("sheet:levels:drift-heading", "Levels drift: {case}", case=t("sheet:levels:drift:case", drift["case"]))}</h2>
<p>{_tf("sheet:levels:drift-text", "{text} (the brief, Sec. 1).", text=t("sheet:levels:drift:text", drift["text"]))}</p>
<h2>{_tt("sheet:levels:ask-heading", "Ask about any dialogue")}</h2>
<ul><li>{
        _tt("sheet:levels:ask-office", 'Does anyone in the room hold office? Acting officially, or "in a private capacity"?')
    }</li>
<li>{_tt("sheet:levels:ask-audience", "Who is meant to hear the results: officials, the public, or both?")}</li>
<li>{_tt("sheet:levels:ask-advocacy", "Is there advocacy, or capacity-building to change the situation on the ground?")}</li></ul>
{_source_html(_tf("sheet:levels:source", "{brief}, Sec. 1, in the course's words.", brief=BRIEF))}"""
    return Sheet("levels", title, "participant", "handout", body)


#: A Table 1 cell that is only acronyms (``UWSA (FPNCC)``, ``NUCC***``) is printed as it is in every
#: language: actors' acronyms keep their English form.
_ACRONYMS_ONLY = __import__("re").compile(r"^[A-Z0-9][A-Z0-9()*\s-]*$")


def _table1_cell(row_id: str, field: str, text: str) -> str:
    if not text or _ACRONYMS_ONLY.match(text):
        return _e(text)
    return _e(t(f"sheet:table-1:{row_id}:{field}", text))


def table1_sheet() -> Sheet:
    from ..data import load_all

    rel = load_all().relations.sort_values("table_row")
    rows = []
    for r in rel.itertuples():
        a = r.actor_a_text or ""
        rows.append(
            f"<tr><td>{_table1_cell(r.id, 'actor-a', a)}</td><td>{_table1_cell(r.id, 'actor-b', r.actor_b_text)}</td>"
            f"<td>{_table1_cell(r.id, 'conflict', r.conflict_status)}</td>"
            f"<td>{_table1_cell(r.id, 'dialogue', r.dialogue_status)}</td></tr>"
        )
    title = t("sheet:table-1:title", "Table 1: Conflict and dialogue mapping")
    body = f"""
<h1>{_e(title)}</h1>
<p class="tt-lead">{
        _tt(
            "sheet:table-1:lead",
            '''As printed in the brief (Sec. 2). The brief gives the table no date of its own (it was published in
November 2021). Blank cells are blank in the brief. The
actors' names and labels are those the brief uses.''',
        )
    }</p>
<table class="tt-table tt-small tt-table1"><thead><tr><th scope="col">{
        _tt("sheet:table-1:col-actor", "Actor")
    }</th><th scope="col">{_tt("sheet:table-1:col-actor", "Actor")}</th>
<th scope="col">{_tt("sheet:table-1:col-conflict", "Conflict status")}</th><th scope="col">{
        _tt("sheet:table-1:col-dialogue", "Dialogue status")
    }</th></tr></thead><tbody>{"".join(rows)}</tbody></table>
<p class="tt-note">{
        _tt(
            "sheet:table-1:notes",
            '''FPNCC: Federal Political Negotiation and Consultative Committee, a political alliance of the
UWSA, NDAA, SSPP, TNLA, MNDAA, KIA and AA. NCA-S: signatories of the Nationwide Ceasefire Agreement.
NUCC: National Unity Consultative Council, established after the coup to seek a common position among
opposition groups (the brief's notes to Table 1).''',
        )
    }</p>
{_source_html(_tf("sheet:table-1:source", "the brief's Table 1 ({brief}, Sec. 2), as printed.", brief=BRIEF))}"""
    return Sheet("table-1", title, "participant", "handout", body)


RECOMMENDATIONS = (
    "To provide quiet Track 1.5 and Two technical support to EAO signatories of the NCA and also to the talks "
    "going on between the EAOs and the Tatmadaw (who are currently engaging in different levels of dialogue);",
    "To provide Track Two and Track Three technical support to CSOs and political parties inside Myanmar who are "
    "seeking to broaden the space for dialogue and include voices and groups not traditionally represented in "
    "elite level peace talks.",
    "To provide technical and other support to the NUCC, in which multiple EAOs, political parties and CSOs are "
    "trying to reach common ground on issues related to the post-SAC era.",
)


def recommendations_sheet() -> Sheet:
    items = "".join(
        f"<li>&ldquo;{_e(t(f'sheet:recommendations:rec-{n}', r))}&rdquo;</li>" for n, r in enumerate(RECOMMENDATIONS, 1)
    )
    title = t("sheet:recommendations:title", "The three recommendations")
    body = f"""
<h1>{_tt("sheet:recommendations:heading", "The brief's three recommendations")}</h1>
<p class="tt-lead">{
        _tt("sheet:recommendations:lead", "Word for word from the brief's recommendations box (page 1, repeated in Sec. 4).")
    }</p>
<ol class="tt-recs">{items}</ol>
<h2>{_tt("sheet:recommendations:ways-heading", "The three broad ways, in the course's words (the brief, Sec. 4)")}</h2>
<ol>
<li><strong>{_tt("sheet:recommendations:way-1-head", "Track 1.5 between the military and the EAOs.")}</strong> {
        _tm(
            "sheet:recommendations:way-1",
            '''Discreet support to talks that seem to seek
a version of the pre-coup status quo; about <em>managing</em> the conflict, preventing large-scale fighting.
Supporters would need a high tolerance for dialogue with people who have committed violence, and to step back.''',
        )
    }</li>
<li><strong>{_tt("sheet:recommendations:way-2-head", "Track Two and Three with civil society.")}</strong> {
        _tm(
            "sheet:recommendations:way-2",
            '''Long-term support (training in local mediation, for
example) to groups that eschew violence, often local; closer to <em>readiness</em> and to <em>transformational</em> aims.''',
        )
    }</li>
<li><strong>{_tt("sheet:recommendations:way-3-head", "Bringing the levels together.")}</strong> {
        _tt(
            "sheet:recommendations:way-3",
            '''Support for dialogue among opponents of the coup at different
levels, with the NUCC as a possible instrument; local actors must lead.''',
        )
    }</li>
</ol>
<h2>{_tt("sheet:recommendations:risks-heading", "Risks the brief names")}</h2>
<ul>
<li>{
        _tt(
            "sheet:recommendations:risk-contradict",
            "Efforts at different levels could contradict each other and make the situation worse (Sec. 4; Conclusions).",
        )
    }</li>
<li>{
        _tt(
            "sheet:recommendations:risk-legitimacy",
            "Outsiders can distort a process by conferring legitimacy on actors who could not otherwise gain it (Sec. 4).",
        )
    }</li>
<li>{
        _tt(
            "sheet:recommendations:risk-banking",
            'The banking collapse and sanctions mean support may need "creativity" to reach groups (Sec. 4).',
        )
    }</li>
<li>{
        _tm(
            "sheet:recommendations:risk-crosshairs",
            '''Outside support "could place" civil-society groups "in the cross-hairs of the <em>Tatmadaw</em> on trumped up
charges of being 'agents' of foreigners" (Sec. 4); outside provision of such support "could be used by the Tatmadaw to point fingers of improper outside involvement" (Sec. 4).''',
        )
    }</li>
</ul>
<p class="tt-note">{
        _tt(
            "sheet:recommendations:note",
            '''The brief says the three approaches need not be at odds: a subtle, nuanced policy could
support different levels at once toward complementary aims (Sec. 4).''',
        )
    }</p>
{_source_html(_tf("sheet:recommendations:source", "{brief}, recommendations box and Sec. 4.", brief=BRIEF))}"""
    return Sheet("recommendations", title, "participant", "handout", body)


def glossary_sheet() -> Sheet:
    from ..data import load_all

    g = load_all().glossary
    g = g[g["in_brief_acronym_list"].astype(str).str.lower() == "true"].sort_values("term")
    # The acronym stays in its English form; its expansion is translated (the glossary's catalog).
    entries = "".join(
        f"<div><dt>{_e(r.term)}</dt><dd>{th(f'glossary:{r.id}:expansion', r.expansion)}</dd></div>" for r in g.itertuples()
    )
    title = t("sheet:glossary:title", "Glossary of acronyms")
    body = f"""
<h1>{_e(title)}</h1>
<p class="tt-lead">{th("sheet:glossary:lead", "The acronyms as the brief lists them. Names of armed forces, of the country and of peoples are contested: the course uses the brief's terms and attributes each label to those who use it.")}</p>
<dl class="tt-columns">{entries}</dl>
{_source(BRIEF + ", " + t("sheet:glossary:source", "list of acronyms."))}"""
    return Sheet("glossary", title, "participant", "handout", body)


def glossary_bilingual_sheet() -> Sheet:
    """Every glossary entry in English and in Burmese drafts side by side (tracktwo.i18n.bilingual):
    the same rows as the book's page book/glossary-bilingual. It shows Burmese in every kit, so it
    always prints the draft line while any field is a draft."""
    from ..data.contested import load_contested_terms
    from ..i18n.bilingual import contested_html, counts, entries_html, rows
    from ..i18n.catalog import Translator, translator
    from ..i18n.languages import language

    lang = "my"
    rs = rows(lang)
    tally = counts(rs)
    name = language(lang)

    entries = entries_html(rs, lang, status=False)
    marker = translator(lang) if tally["draft"] else Translator(lang)
    notice = marker.notice_html([type("U", (), {"status": "draft"})()]) if tally["draft"] else ""
    title = t("sheet:glossary-bilingual:title", "Glossary in English and Burmese")
    body = f"""{notice}
<h1>{_e(title)} <span lang="{lang}">({_e(name.native_name)})</span></h1>
<p class="tt-lead">{th("sheet:glossary-bilingual:lead", "Every entry of the course's glossary in English and in Burmese. Acronyms keep their English form. Names of the country, the armed forces, the military's ruling body and peoples are contested: the course uses the brief's terms and attributes each label to those who use it.")}
{tally["reviewed"]} reviewed, {tally["draft"]} drafts, {tally["fallback"]} not yet translated.</p>
{entries}
{contested_html(load_contested_terms())}
{_source(BRIEF + "; the course's glossary and its Burmese draft translation.")}"""
    return Sheet("glossary-bilingual", title, "participant", "handout", body, pages=(3, 14))


def _legend_symbol(item: dict) -> str:
    """The printed symbol for one row of the notation table (data/maps/notation.json), drawn from its
    style: a node's shape and border, a line's style, bars and arrow (tracktwo.maps.notation)."""
    if item["element"] == "node":
        if item["shape"] == "rectangle":
            return '<rect x="18" y="5" width="34" height="20" class="m"/>'
        if item["border"] == "dashed":
            return '<circle cx="35" cy="15" r="11" class="m dashed"/>'
        if item["border"] == "double":
            return '<circle cx="35" cy="15" r="12" class="m"/><circle cx="35" cy="15" r="8.5" class="m"/>'
        return '<circle cx="20" cy="15" r="6" class="m"/><circle cx="48" cy="15" r="12" class="m"/>'
    end = 58 if item.get("arrow") else 65
    line = item["line"]
    if line == "zigzag":
        out = f'<polyline points="5,15 13,7 21,23 29,7 37,23 45,7 53,23 61,7 {end},15" class="l"/>'
    elif line == "double":
        out = f'<line x1="5" y1="12" x2="{end}" y2="12" class="l"/><line x1="5" y1="18" x2="{end}" y2="18" class="l"/>'
    else:
        style = {"dotted": " dotted", "dashed": " dashed", "dashdot": " dashdot"}.get(line, "")
        out = f'<line x1="5" y1="15" x2="{end}" y2="15" class="l{style}"/>'
    if item.get("broken"):
        out += '<line x1="30" y1="6" x2="26" y2="24" class="l"/><line x1="38" y1="6" x2="34" y2="24" class="l"/>'
    if item.get("arrow"):
        out += '<polygon points="58,9 68,15 58,21" class="arrow"/>'
    return out


#: :func:`_legend_symbol` under a public name, for the blank map frames' legend strip.
legend_symbol = _legend_symbol

#: Where the printed notation comes from (the legend sheet and the blank map frames).
NOTATION_SOURCE = (
    "Notation after Fisher et al., Working with Conflict (2000), and a Responding to Conflict (Birmingham) "
    "handout on conflict mapping. The broken-relationship and issue-box symbols are the course's additions "
    "in the same style."
)


def legend_text(item: dict, field: str) -> Text:
    """One field (``name``, ``drawn``, ``meaning``) of a notation row, translated; the id is the row's
    stable key (``node-inside``, ``line-issue``: element and id, as the chapter's table keys it)."""
    return t(f"sheet:notation:{item['element']}-{item['id']}:{field}", item[field])


def notation_source() -> Text:
    return t("sheet:notation:source", NOTATION_SOURCE)


def mapping_legend_sheet() -> Sheet:
    from ..maps.notation import legend_rows

    rows = "".join(
        f'<tr><td><svg viewBox="0 0 70 30" width="70" height="30" aria-hidden="true">{_legend_symbol(item)}</svg></td>'
        f"<th scope=\"row\">{_e(legend_text(item, 'name'))}</th><td>{_e(legend_text(item, 'drawn'))}</td>"
        f"<td>{_e(legend_text(item, 'meaning'))}</td></tr>"
        for item in legend_rows()
    )
    title = t("sheet:mapping-legend:title", "Mapping legend and blank map frame")
    body = f"""
<h1>{_e(title)}</h1>
<table class="tt-table tt-legend"><caption>{
        _tt(
            "sheet:mapping-legend:caption",
            '''Conflict-mapping notation. Each symbol differs by shape or line
style, not colour; the words say what each means.''',
        )
    }</caption>
<thead><tr><th scope="col">{_tt("sheet:mapping-legend:col-symbol", "Symbol")}</th><th scope="col">{
        _tt("sheet:mapping-legend:col-element", "Element")
    }</th><th scope="col">{_tt("sheet:mapping-legend:col-drawn", "Drawn as")}</th><th scope="col">{
        _tt("sheet:mapping-legend:col-meaning", "Meaning")
    }</th></tr></thead>
<tbody>{rows}</tbody></table>
<div class="tt-map-frame" role="img" aria-label="{_ta("sheet:templates:frame-label", "Blank frame for drawing a conflict map")}">
<p class="tt-frame-head">{_tt("sheet:templates:map-of", "Map of:")} ______________________ &nbsp; {
        _tt("sheet:mapping-legend:point-of-view", "From whose point of view:")
    } ______________ &nbsp; {_tt("sheet:templates:date", "Date:")} ________</p>
<p class="tt-frame-foot">{
        _tt(
            "sheet:mapping-legend:frame-foot",
            '''On the practice case, place your team. On maps of real actors, only if the group
agrees, with a code name; never on Table 1. Use no real names of people or of civil-society groups;
maps stay in the room and are not photographed.''',
        )
    }</p></div>
{_source_html(_e(notation_source()))}"""
    return Sheet("mapping-legend", title, "participant", "handout", body, template=True)


def timeline_sheet() -> Sheet:
    import re

    from ..data import load_all

    ev = load_all().events
    ev = ev[ev["source"] == "jones2021myanmar"].sort_values("start")

    def when(r) -> str:
        n = {"day": 10, "month": 7}.get(r.precision, 4)
        return str(r.start)[:n]

    def where(locator: str) -> Text:
        return t(f"sheet:timeline:locator-{re.sub(r'[^a-z0-9]+', '-', locator.lower()).strip('-')}", locator)

    rows = "".join(
        f"<li><span class=\"tt-when\">{_e(when(r))}</span> {_e(t(f'sheet:timeline:event-{r.id}', r.title))} "
        f"<span class=\"tt-where\">({_e(where(r.locator))})</span></li>"
        for r in ev.itertuples()
    )
    title = t("sheet:timeline:title", "Timeline table")
    body = f"""
<h1>{_tt("sheet:timeline:heading", "Timeline: the peace process in the brief")}</h1>
<p class="tt-lead">{
        _tt(
            "sheet:timeline:lead",
            '''Events the brief itself reports, in date order, with the section. Where outside sources
differ (for example the MI purge: the brief says 2005, sources date it to October 2004), the course follows
the brief and notes the difference in the chapters.''',
        )
    }</p>
<ol class="tt-timeline">{rows}</ol>
{_source_html(_tf("sheet:timeline:source", "{brief}, Sec. 2: only events the brief itself reports.", brief=BRIEF))}"""
    return Sheet("timeline", title, "participant", "handout", body)


# ---------------------------------------------------------------------------------------------
# Card sets and their keys


def cards_sheet(cs: CardSet) -> Sheet:
    """A participant card set: every string a reader sees goes through the translation layer, by
    ``cards:<set-id>:<card code or heading id>:<field>`` (cards.po); the sheet's own words are
    ``cards:sheet:<key>``. Its key (:func:`key_sheet`) is facilitator material and stays English."""

    def tc(card: str, field: str, english: str) -> str:
        return th(f"cards:{cs.id}:{card}:{field}", english)

    heads = "".join(
        f'<div class="tt-card tt-card-head"><p class="tt-card-text">{tc(h.id, "text", h.text)}</p>'
        + (f'<p class="tt-card-detail">{tc(h.id, "detail", h.detail)}</p>' if h.detail else "")
        + "</div>"
        for h in cs.headings
    )

    def card_list(code: str, kind: str, field: str, items) -> str:
        """A card's facts or prompts, each its own string (``cards:<set>:<code>:<field>-<n>``)."""
        if not items:
            return ""
        rows = "".join(f"<li>{tc(code, f'{field}-{n}', item)}</li>" for n, item in enumerate(items, 1))
        return f'<ul class="tt-card-{kind}">{rows}</ul>'

    cards = "".join(
        f'<div class="tt-card"><span class="tt-card-code">{_e(c.code)}</span><p class="tt-card-text">{tc(c.code.lower(), "text", c.text)}</p>'
        + (f'<p class="tt-card-detail">{tc(c.code.lower(), "detail", c.detail)}</p>' if c.detail else "")
        + card_list(c.code.lower(), "facts", "fact", c.facts)
        + card_list(c.code.lower(), "prompts", "prompt", c.prompts)
        + "</div>"
        for c in cs.cards
    )
    n = len(cs.cards) + len(cs.headings)
    per_page = {"ripeness-cards": 4, "ripeness-since": 2}.get(cs.id, 10)
    pages = -(-n // per_page) + 1
    title = t(f"cards:{cs.id}:title", cs.title)
    card_set = t("cards:sheet:card-set", "Card set:")
    body = f"""
<h1>{_e(card_set)} {_e(title)}</h1>
<p class="tt-lead">{th(f"cards:{cs.id}:instructions", cs.instructions)} {th("cards:sheet:cut", "Cut along the dashed lines. Heading cards are shaded.")}</p>
<p class="tt-source">{th(f"cards:{cs.id}:origin", f"From {card_origin(cs)}.")} {th("cards:sheet:key-apart", "The key is on a separate sheet.")}</p>
<div class="tt-cards tt-cards-{cs.id}">{heads}{cards}</div>"""
    return Sheet(f"cards-{cs.id}", f"{card_set} {title}", "participant", "cards", body, pages=(1, pages + 1))


def key_sheet(cs: CardSet) -> Sheet:
    rows = "".join(
        f"<tr><td>{_e(k.code)}</td><td>{_e(k.card)}</td><td><strong>{_e(k.answer)}</strong></td>"
        f"<td>{_e(k.reason)}" + "".join(f"<br><em>{_e(a)}</em>" for a in k.also) + "</td></tr>"
        for k in cs.key
    )
    body = f"""
<h1>{_e(cs.key_title)}: {_e(cs.title)}</h1>
<p class="tt-lead">For the facilitator. Keep this sheet apart from the participants' cards until the debrief.</p>
<table class="tt-table tt-small"><thead><tr><th scope="col">Card</th><th scope="col">Case</th><th scope="col">Key</th>
<th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table>
{_source(card_origin(cs) + "; " + cs.key_source + ".")}"""
    return Sheet(f"key-{cs.id}", f"Key: {cs.title}", "facilitator", "key", body, pages=(1, 4))


# ---------------------------------------------------------------------------------------------
# The evaluation form (the knowledge check and its key: check_sheets.py)


def evaluation_sheet() -> Sheet:
    scale = "".join(f'<td><span class="tt-box" aria-hidden="true"></span> {i}</td>' for i in range(1, 6))
    statements = (
        ("tracks", "I can tell Track 1.5, Track Two and Track Three apart."),
        ("timing", "I can explain ripeness and readiness and what each suggests."),
        ("recommendations", "I can say what each of the brief's three recommendations proposes, and one risk of each."),
        ("activities", "The activities (card sorts, mapping, simulation) helped me learn."),
        ("safe", "I felt safe to speak, or to pass, in this session."),
        ("pace", "The pace was right."),
    )
    rows = "".join(f"<tr><th scope=\"row\">{th(f'sheet:evaluation:statement-{k}', s)}</th>{scale}</tr>" for k, s in statements)
    title = t("sheet:evaluation:title", "Evaluation form")
    body = f"""
<h1>{_e(title)}</h1>
<p class="tt-lead">{th("sheet:evaluation:lead", "Anonymous: do not write your name or organisation. 1 = disagree strongly, 5 = agree strongly.")}</p>
<table class="tt-table tt-eval"><thead><tr><th scope="col">{th("sheet:evaluation:col-statement", "Statement")}</th><th scope="col" colspan="5">{th("sheet:evaluation:col-scale", "1 to 5")}</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>{th("sheet:evaluation:most-useful", "The most useful part was")}</h2><div class="tt-lines"></div>
<h2>{th("sheet:evaluation:change", "What should change")}</h2><div class="tt-lines"></div>
<h2>{th("sheet:evaluation:unsafe", "Anything that felt unsafe or uncomfortable (optional)")}</h2><div class="tt-lines"></div>"""
    return Sheet("evaluation", title, "participant", "form", body)


# ---------------------------------------------------------------------------------------------
# Session plans and forms (the simulations' sheets: simulation_sheets.py)


def referral_sheet() -> Sheet:
    kinds = (
        "Psychosocial support",
        "Medical help",
        "Legal aid",
        "A safe contact if someone feels at risk after the workshop",
        "The venue's safe exit and a place to step out",
        "The local co-facilitator",
    )
    rows = "".join(f"<tr><th scope=\"row\">{_e(k)}</th><td></td><td></td><td></td></tr>" for k in kinds)
    body = f"""
<h1>Local referral contacts</h1>
<p class="tt-lead">Prepare with the local co-facilitator before the workshop (safety protocol, section 6).
For the facilitator only: keep it on paper, not on a slide or a shared drive; destroy it after the
follow-up period.</p>
<table class="tt-table tt-referral"><thead><tr><th scope="col">Need</th><th scope="col">Who (role, not a name if possible)</th>
<th scope="col">How to reach them safely</th><th scope="col">Checked on</th></tr></thead><tbody>{rows}</tbody></table>
<h2>Before the workshop, agree</h2>
<ul><li>Whether the workshop should happen, where, and who could learn of it (section 1).</li>
<li>What, if anything, is recorded: numbers, not names (section 3).</li>
<li>How participants may reach you afterwards, by a channel they choose (section 13).</li></ul>
<p class="tt-note">For detention, threats or exposure online after the workshop, use the second form,
After the workshop: contacts (safety protocol, section 12).</p>"""
    return Sheet("referral-contacts", "Local referral contacts", "facilitator", "form", body)


def _interpretation_html(plan) -> str:
    """The plan's variant with consecutive interpretation: its note and the blocks it changes."""
    from .plans import interpretation_changes

    if not plan.interpretation:
        return ""
    changes = "".join(
        f"<li>{('Day ' + str(b.day) + ': ') if plan.day_minutes else ''}{_e(b.title)}: {_e(change)}</li>"
        for b, change in interpretation_changes(plan)
    )
    return f'<h3>With consecutive interpretation</h3><p>{_e(plan.interpretation)}</p><ul class="tt-steps">{changes}</ul>'


@functools.cache
def _participant_bodies() -> dict[str, str]:
    return {s.id: s.body for s in all_sheets() if s.audience == "participant"}


def handout_words(handout_id: str) -> int:
    """The number of words a participant reads on a handout (its printed text, tags and footer aside)."""
    import re

    body = _participant_bodies().get(handout_id)
    if body is None:
        raise KeyError(f"no participant sheet '{handout_id}'")
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return len(re.findall(r"\w+", text))


def plans_sheet() -> Sheet:
    from .plans import KIND_LABELS, load_plans

    out = []
    for plan in load_plans():
        rows = "".join(
            f"<tr><td>{('Day ' + str(b.day) + ' ') if plan.day_minutes else ''}{t}</td><td>{b.minutes}</td>"
            f"<td>{_e(KIND_LABELS[b.kind])}: {_e(b.title)}"
            + ("<ul class=\"tt-steps\">" + "".join(f"<li>{_e(st)}</li>" for st in b.steps) + "</ul>" if b.steps else "")
            + f"</td><td>{_e(b.grouping)}</td>"
            f"<td>{_e('; '.join(block_uses(b)))}</td></tr>"
            for t, b in plan.timed_blocks()
        )
        out.append(
            f'<section class="tt-plan"><h2>{_e(plan.title)}</h2><p>{_e(plan.audience)}</p>'
            f'<table class="tt-table tt-small tt-plan-table"><thead><tr><th scope="col">Start</th><th scope="col">Min</th>'
            f'<th scope="col">Block</th><th scope="col">Grouping</th><th scope="col">Uses</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>{_interpretation_html(plan)}</section>"
        )
    body = (
        "<h1>Session plans at a glance</h1><p class=\"tt-lead\">Every block with its steps in brief; objectives, "
        "materials and notes: the Facilitator's guide in the instructor edition.</p>"
    ) + "".join(out)
    return Sheet("session-plans", "Session plans at a glance", "facilitator", "handout", body, pages=(2, 6))


# ---------------------------------------------------------------------------------------------
# Carry marks and the safety protocol's forms (safety protocol, sections 1, 12 and 14)


def carry_mark_html(mark) -> str:
    """The banner at the top of a sheet: the mark in words (not colour alone) and its reason, in the
    sheet's language (ids ``carry:label:safe|stays`` and ``carry:<sheet id>:reason``)."""
    cls = "tt-carry-stays" if mark.stays else "tt-carry-safe"
    label = t(f"carry:label:{'stays' if mark.stays else 'safe'}", mark.label)
    reason = t(f"carry:{mark.sheet}:reason", mark.reason)
    return (
        f'<p class="tt-carry {cls}"><strong class="tt-carry-mark">{_e(label)}.</strong> '
        f'<span class="tt-carry-reason">{_e(reason)}</span></p>'
    )


def with_carry_mark(sheet: Sheet, marks) -> Sheet:
    """The sheet with its carry mark printed first; a sheet with no mark raises WorkshopError."""
    from dataclasses import replace

    from .carry import CARRY_PATH
    from .checked_yaml import WorkshopError, shown

    mark = marks.get(sheet.id)
    if mark is None:
        raise WorkshopError(
            f"{shown(CARRY_PATH)}: sheet '{sheet.id}' has no mark: add it with mark "
            "'safe to carry' or 'stays in the room' and a one-line reason"
        )
    tr = current()
    with tr.collect() as uses:
        banner = carry_mark_html(mark)
    # A draft carry mark on a sheet that has no draft line yet gets one (the mark is about safety).
    drafts = [u for u in uses if u.status == "draft"]
    notice = tr.notice_html(drafts) if drafts and "tt-i18n-draft" not in sheet.body else ""
    return replace(sheet, body=notice + banner + sheet.body)


#: The risk-assessment form's rows: (risk, what to ask, section of the safety protocol).
RISKS = (
    ("Word gets out", "Who could learn the workshop took place: invitations, bookings, talk", "1, 11"),
    ("The venue", "Owners, staff, other users, cameras, guest registration", "11"),
    ("Travel", "Checkpoints, borders, papers; what each person carries", "4, 11"),
    ("Devices", "What phones and laptops show: history, files, photos, chats", "4, 9"),
    ("Records", "Lists of names, photographs, certificates, reports to funders", "3"),
    ("In the room", "Someone who reports on it; opposed views; distress", "6, 7, 11"),
    ("Interpreters", "Vetted? Briefed on confidentiality? Their own risk", "10"),
    ("Afterwards", "Detention, threats, names or photos posted online", "12"),
    ("Follow-up", "Channels that list who came; when follow-up ends", "13"),
)


def risk_assessment_sheet() -> Sheet:
    rows = "".join(
        f'<tr><th scope="row"><strong>{_e(r)}</strong><br><span class="tt-ask">{_e(ask)} '
        f'(section {_e(sec)})</span></th><td></td><td></td><td></td><td></td></tr>'
        for r, ask, sec in RISKS
    )
    body = f"""
<h1>Risk assessment</h1>
<p class="tt-lead">Fill in with the local co-facilitator before anyone is invited (safety protocol, section 1).
Roles, not names. On paper only; destroy it when the follow-up period ends.</p>
<p class="tt-fields">Workshop (plain name): ____________________ &nbsp; Date: __________ &nbsp;
Kind of venue: ______________ &nbsp; Filled in on: __________</p>
<table class="tt-table tt-risk"><thead><tr><th scope="col">Risk</th><th scope="col">Who could be harmed</th>
<th scope="col">Likely? Serious? (low, medium, high)</th><th scope="col">What we will do</th>
<th scope="col">Who checks, by when</th></tr></thead><tbody>{rows}</tbody></table>
<h2>Decision</h2>
<p class="tt-decision"><span class="tt-box" aria-hidden="true"></span> Go as planned &nbsp;
<span class="tt-box" aria-hidden="true"></span> Go with the changes above &nbsp;
<span class="tt-box" aria-hidden="true"></span> Do not hold the workshop</p>
<p class="tt-fields">Checked again on the morning of the workshop by: ______________ &nbsp; Changes: ____________________</p>"""
    return Sheet("risk-assessment", "Risk assessment", "facilitator", "form", body)


#: The after-the-workshop contacts form's rows.
AFTER_NEEDS = (
    "A participant is detained",
    "Legal aid for someone detained",
    "Someone is threatened",
    "Names or photographs are posted online",
    "A safe place to stay for a few nights",
    "Who warns the other participants, and how",
    "If the facilitator cannot be reached",
    "The interpreter's and co-facilitator's own safe contact",
)


def after_contacts_sheet() -> Sheet:
    rows = "".join(f'<tr><th scope="row">{_e(k)}</th><td></td><td></td><td></td></tr>' for k in AFTER_NEEDS)
    body = f"""
<h1>After the workshop: contacts</h1>
<p class="tt-lead">Prepare with the local co-facilitator before the workshop (safety protocol, section 12).
For the facilitator only. Write roles, not names, where you can. Keep it on paper, apart from other
sheets, not on a phone; destroy it when the follow-up period ends.</p>
<table class="tt-table tt-referral tt-after"><thead><tr><th scope="col">If</th><th scope="col">Who acts (role)</th>
<th scope="col">How to reach them safely</th><th scope="col">Checked on</th></tr></thead><tbody>{rows}</tbody></table>
<h2>Agreed with participants</h2>
<p class="tt-fields">How a participant raises the alarm, and who acts on it: ______________________________________</p>
<p class="tt-fields">The plain, true sentence anyone can give if asked what the workshop was (section 11):
__________________________________________________________________</p>
<p class="tt-fields">Follow-up ends on: ______________ (then destroy this sheet and the referral form)</p>"""
    return Sheet("after-contacts", "After the workshop: contacts", "facilitator", "form", body)


def safety_protocol_sheet() -> Sheet:
    from .protocol import protocol_body

    return Sheet("safety-protocol", "Safety protocol", "facilitator", "handout", protocol_body(), pages=(4, 12))


# ---------------------------------------------------------------------------------------------


def since_sheet_builders() -> list:
    """Part IV's handouts (tracktwo.workshop.since_sheets), in the order of HANDOUT_TITLES."""
    from . import since_sheets as since

    return [since.table1_now_sheet, since.timeline_since_sheet, since.recommendations_now_sheet, since.capstone_now_sheet]


def since_sheets() -> list[Sheet]:
    return [b() for b in since_sheet_builders()]


def sheet_builders() -> list:
    """Every sheet of the kit as a function that builds it, in the kit's order (participant sheets
    first): :func:`all_sheets` calls them in the current language, each inside its own record of
    strings, so each sheet says whether it holds drafts or English fallbacks."""
    from . import simulation_sheets
    from .mapping_sheets import mapping_sheet_builders, practice_case_key_sheet
    from .check_sheets import knowledge_check_sheet, knowledge_key_sheet
    from .interpreter_sheets import interpreter_briefing_sheet

    sets = all_card_sets()
    return (
        [
            levels_sheet,
            table1_sheet,
            recommendations_sheet,
            glossary_sheet,
            glossary_bilingual_sheet,
            mapping_legend_sheet,
            timeline_sheet,
            knowledge_check_sheet,
            evaluation_sheet,
            *simulation_sheets.participant_sheet_builders(),
            *since_sheet_builders(),
        ]
        + mapping_sheet_builders()
        + [functools.partial(cards_sheet, cs) for cs in sets]
        + [functools.partial(key_sheet, cs) for cs in sets]
        + [
            knowledge_key_sheet,
            *simulation_sheets.facilitator_sheet_builders(),
            plans_sheet,
            referral_sheet,
            after_contacts_sheet,
            risk_assessment_sheet,
            safety_protocol_sheet,
            practice_case_key_sheet,
            interpreter_briefing_sheet,
        ]
    )


def build_sheet(builder) -> Sheet:
    """One sheet in the current language (:func:`tracktwo.i18n.catalog.using`). In a translated
    edition the sheet opens with its notice: the draft line if any string is a draft, and how many
    strings are shown in English; a sheet with no translated string at all says it is in English."""
    tr = current()
    if tr.source:
        return builder()
    with tr.collect() as uses:
        sheet = builder()
    counts = tuple((k, sum(u.status == k for u in uses)) for k in ("reviewed", "draft", "fallback"))
    notice = tr.notice_html(uses) if uses else tr.notice_html([_Untranslated])
    return replace(sheet, lang=tr.lang, body=notice + sheet.body, i18n=counts)


class _Untranslated:  # a sheet whose builder asks for no translated string: all of it is English
    status = "fallback"


def all_sheets(lang: str | None = None) -> list[Sheet]:
    """Every sheet, in ``lang`` (default: the current language)."""
    if lang is None:
        return [build_sheet(b) for b in sheet_builders()]
    with using(translator(lang)):
        return [build_sheet(b) for b in sheet_builders()]


def neutral_sheets(sheets: list[Sheet], title: str) -> list[Sheet]:
    """The sheets of a neutral edition (``TRACKTWO_TITLE``): the title (the PDF's Title, the
    browser's tab) and the footer say only ``"<title>, sheet <n>"``, and the file name says no
    marked word. The sheet's body (its heading included) is content and stays as it is."""
    from ..sphinxext.neutral import neutral_segment

    return [replace(s, id=neutral_segment(s.id), title=f"{title}, sheet {n}", course="") for n, s in enumerate(sheets, 1)]


def write_sheets(
    out_dir: Path | str, sheets: list[Sheet] | None = None, *, title: str | None = None, lang: str = "en"
) -> list[tuple[Sheet, Path]]:
    """Write every sheet as ``<id>.html`` beside a copy of print.css (and its fonts); returns (sheet, path) pairs.
    With a neutral ``title`` (:mod:`tracktwo.editions`), the sheets of :func:`neutral_sheets`; with
    ``lang``, every sheet in that language (:func:`all_sheets`), footers included."""
    with using(translator(lang)):
        return _write_sheets(Path(out_dir), sheets, title)


def _write_sheets(out_dir: Path, sheets: list[Sheet] | None, title: str | None) -> list[tuple[Sheet, Path]]:
    from ..i18n.fonts import font_files
    from .carry import load_carry

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PRINT_CSS, out / "print.css")
    shutil.copyfile(BOOK_PRINT_CSS, out / "book-print.css")
    (out / "fonts").mkdir(exist_ok=True)
    for font in font_files():  # print.css's Myanmar faces, embedded in the PDFs by Chromium
        shutil.copyfile(font, out / "fonts" / font.name)
    marks = load_carry()  # a sheet with no mark, or a bad mark, stops here with one message
    written = []
    from .. import __version__

    stamp = course_stamp(__version__, course_date())
    sheets = [replace(with_carry_mark(s, marks), stamp=stamp) for s in (sheets if sheets is not None else all_sheets())]
    if title:  # after the marks, which are keyed by the sheets' own ids
        sheets = neutral_sheets(sheets, title)
    for sheet in sheets:
        path = out / sheet.filename
        path.write_text(sheet.html(), encoding="utf-8")
        written.append((sheet, path))
    return written
