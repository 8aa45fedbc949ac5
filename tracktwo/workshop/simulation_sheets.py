"""The simulations' printed sheets (:mod:`tracktwo.workshop.simulation`), five per scenario:

* ``<prefix>-public`` (participant): the public brief, who is at the table and how the play runs;
* ``<prefix>-observer`` (participant): what observers watch and a grid to note it, no secrets;
* ``<prefix>-confidential`` (facilitator): the role briefs, one role per printed page, each sealed
  in its own envelope;
* ``<prefix>-script`` (facilitator): the phases with their steps (reading, round one, inject and
  round two, de-roling, debrief), the timing variants and the debrief questions;
* ``<prefix>-injects`` (facilitator): each inject, when and how to deliver it, and the built-in
  walk-out: whose red line, and what the facilitator does.

The Meranth scenario's prefix is ``simulation``, the Talvane scenario's ``simulation2``. Sheets come
from :class:`tracktwo.workshop.sheets.Sheet`; :func:`participant_sheets` and
:func:`facilitator_sheets` are what ``sheets.all_sheets()`` prints.
"""

from __future__ import annotations

from typing import Any

from ..i18n.catalog import t, th
from .sheets import Sheet
from .sheets import escape_html as _e
from .simulation import SCENARIOS, Scenario, load_simulation, role_name, sides

#: A public brief's story longer than this (words) puts who is at the table on page 2.
LONG_STORY_WORDS = 300

#: Rows in the observers' note grid: the rest of page 1 and a full page 2.
GRID_ROWS = 20

#: The role brief's parts, in print order, with their headings.
BRIEF_PARTS = (
    ("relationships", "You and the others at the table"),
    ("interests", "What you want"),
    ("constraints", "What holds you back"),
    ("red_lines", "Your red lines"),
    ("latitude", "What you may concede"),
)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


def lower_first(name: str) -> str:
    """'The teacher' -> 'the teacher', for a name inside a sentence or heading."""
    return name[:1].lower() + name[1:] if name.startswith("The ") else name


def _minutes(v: dict[str, Any]) -> int:
    return sum(v["minutes"])


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def public_sheet(sc: Scenario) -> Sheet:
    """The public brief: every printed string through the translation layer, by
    ``sim:<prefix>:<key>`` (simulation.po); the sheet's own words are ``sim:sheet:<key>``. Only what
    this sheet prints is asked for: never a confidential role brief or the script."""
    sim = load_simulation(sc.path)

    def ts(key: str, english: str) -> str:
        return th(f"sim:{sc.prefix}:{key}", english)

    paras = "".join(f"<p>{ts(f'public-{n}', p)}</p>" for n, p in enumerate(sim["public"], 1))
    groups = "".join(
        f"<h3>{ts(f'side:{_slug(side)}', side)}</h3><ul>"
        + "".join(
            f"<li><strong>{ts('role:' + r['id'] + ':name', r['name'])}</strong>: {ts('role:' + r['id'] + ':public', r['public'])}</li>"
            for r in roles
        )
        + "</ul>"
        for side, roles in sides(sim).items()
    )
    # a long story (with its table) fills page 1: the people and the rules then start page 2 together,
    # rather than a column of roles spilling over on its own
    long_story = sum(len(p.split()) for p in sim["public"]) > LONG_STORY_WORDS
    glance = ""
    if sim.get("glance"):
        g = sim["glance"]
        glance = (
            '<table class="tt-table tt-small"><thead><tr>'
            + "".join(f'<th scope="col">{ts(f"glance:col-{k}", c)}</th>' for k, c in enumerate(g["columns"], 1))
            + "</tr></thead><tbody>"
            + "".join(
                f'<tr><th scope="row">{ts(f"glance:{r}-1", row[0])}</th>'
                + "".join(f"<td>{ts(f'glance:{r}-{k}', c)}</td>" for k, c in enumerate(row[1:], 2))
                + "</tr>"
                for r, row in enumerate(g["rows"], 1)
            )
            + "</tbody></table>"
        )
    conduct = "<ul>" + "".join(f"<li>{ts(f'conduct-{n}', c)}</li>" for n, c in enumerate(sim["conduct"], 1)) + "</ul>"
    public_brief = t("sim:sheet:public-brief", "public brief")
    body = f"""
<h1>{ts('title', sim['title'])}: {_e(public_brief)}</h1>
<p class="tt-note">{ts('invented-note', sim['invented_note'])}</p>
{paras}{glance}
<h2{' class="tt-page-start"' if long_story else ''}>{th("sim:sheet:who-at-table", "Who is at the table")}</h2><div class="tt-sides">{groups}</div>
<h2>{th("sim:sheet:how-it-runs", "How the simulation runs")}</h2>{conduct}"""
    title = f"{t(f'sim:{sc.prefix}:label', sc.label)}: {public_brief}"
    return Sheet(f"{sc.prefix}-public", title, "participant", "brief", body, pages=(1, 2))


#: The observer sheet's debrief paragraph (its line breaks as printed; its apostrophe printed as it is,
#: not as an entity, as the sheet always printed it).
OBSERVER_DEBRIEF = """You speak first: two things you saw, with the time, and one question for the players. Speak about
roles and moves, never about the people who played them. Write role names only, never a person's
name, and hand this sheet to the facilitator at the end."""


def observer_sheet(sc: Scenario) -> Sheet:
    """The observers' sheet (no secrets), through the translation layer like :func:`public_sheet`."""
    sim = load_simulation(sc.path)
    obs = sim["observers"]

    def ts(key: str, english: str) -> str:
        return th(f"sim:{sc.prefix}:{key}", english)

    watch = "".join(f"<li>{ts(f'observers:watch-{n}', w)}</li>" for n, w in enumerate(obs["watch"], 1))
    head = "".join(f'<th scope="col">{ts(f"observers:grid-{n}", c)}</th>' for n, c in enumerate(obs["grid"], 1))
    rows = "".join("<tr>" + "<td></td>" * len(obs["grid"]) + "</tr>" for _ in range(GRID_ROWS))
    observer = t("sim:sheet:observer-sheet", "observer sheet")
    body = f"""
<h1>{ts('place', sim['place'])}: {_e(observer)}</h1>
<p class="tt-lead">{ts('observers:intro', obs['intro'])}</p>
<h2>{th("sim:sheet:what-to-watch", "What to watch")}</h2><ol class="tt-watch">{watch}</ol>
<h2>{th("sim:sheet:in-the-debrief", "In the debrief")}</h2>
<p>{th("sim:sheet:observer-debrief", OBSERVER_DEBRIEF).replace("&#x27;", "'")}</p>
<h2>{th("sim:sheet:your-notes", "Your notes")}</h2>
<table class="tt-table tt-observer-grid"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"""
    # the grid runs on to a second page of empty rows: a drawn form (template), meant to be filled in
    title = f"{t(f'sim:{sc.prefix}:label', sc.label)}: {observer}"
    return Sheet(f"{sc.prefix}-observer", title, "participant", "form", body, pages=(2, 2), template=True)


def _role_page(sim: dict[str, Any], role: dict[str, Any]) -> str:
    brief = role["confidential"]
    parts = "".join(f"<h3>{_e(head)}</h3>{_list(brief[key])}" for key, head in BRIEF_PARTS)
    return (
        f'<section class="tt-role-page"><p class="tt-role-side">{_e(sim["place"])} · {_e(role["side"])} · '
        f"confidential role brief</p><h2>{_e(role['name'])}</h2>"
        f"<p><strong>As others see you:</strong> {_e(role['public'])}</p>"
        f"<h3>Your situation</h3><p>{_e(brief['situation'])}</p>{parts}"
        '<p class="tt-note">Only you know this brief. Do not show it to anyone. Play the role, not a real '
        "person, and use role names only. Hand the brief back at the end: it stays in the room.</p></section>"
    )


def roles_sheet(sc: Scenario) -> Sheet:
    """A cover page (the envelope checklist) and then one role per page: each brief starts a page."""
    sim = load_simulation(sc.path)
    box = '<td><span class="tt-box" aria-hidden="true"></span></td>'
    checklist = "".join(f'<tr><th scope="row">{_e(r["name"])}</th><td>{_e(r["side"])}</td>{box}{box}</tr>' for r in sim["roles"])
    pages = "".join(_role_page(sim, r) for r in sim["roles"])
    body = f"""
<h1>{_e(sim['title'])}: confidential role briefs</h1>
<p class="tt-lead">One role per page, from the next page on. Put each page in its own envelope with the
role's name (never a person's name) on the outside, and hand it over sealed. Players read their brief
alone and show it to no one. Observers get no brief.</p>
<h2>Envelope checklist</h2>
<table class="tt-table tt-envelopes"><thead><tr><th scope="col">Role</th><th scope="col">Side</th>
<th scope="col">Sealed and handed over</th><th scope="col">Back after de-roling</th></tr></thead><tbody>{checklist}</tbody></table>
<p>Count the envelopes back in after de-roling, with the injects' notes. Keep them in the facilitator
folder and destroy them after the workshop, with the script. If a role is not played, its envelope
stays sealed; the play works without it, but the others' briefs may mention the role.</p>
<p class="tt-note">Each brief has the same parts: the role's situation, the role and the others at the
table, what the role wants, what holds it back, its red lines and what it may concede. A red line
that makes a role leave the table is described, with what the facilitator does, on the injects
sheet.</p>{pages}"""
    n = len(sim["roles"])
    return Sheet(
        f"{sc.prefix}-confidential",
        f"{sc.label}: confidential role briefs",
        "facilitator",
        "brief",
        body,
        pages=(n + 1, 2 * n + 1),
    )


def variants_html(sim: dict[str, Any]) -> str:
    head = "".join(f'<th scope="col">{_e(p["title"].split(":")[0])}</th>' for p in sim["script"])
    rows = "".join(
        f'<tr><th scope="row">{_e(v["label"])}</th>'
        + "".join(f"<td>{m}</td>" for m in v["minutes"])
        + f"<td>{_e(v['note'])}</td></tr>"
        for v in sim["variants"]
    )
    more = "".join(
        f"<h3>{_e(v['label'])}</h3>"
        + (_list(v["setup"]) if v.get("setup") else "")
        + (f"<p><strong>Safety online</strong> (safety protocol, section 5):</p>{_list(v['safety'])}" if v.get("safety") else "")
        for v in sim["variants"]
        if v.get("setup") or v.get("safety")
    )
    return (
        '<table class="tt-table tt-small tt-sim-variants"><thead><tr><th scope="col">Variant</th>'
        f'{head}<th scope="col">Note</th></tr></thead><tbody>{rows}</tbody></table>{more}'
    )


def script_sheet(sc: Scenario) -> Sheet:
    sim = load_simulation(sc.path)
    standard = next((v for v in sim["variants"] if v["id"] == "standard"), None)
    phases = "".join(
        f"<h2>{n}. {_e(p['title'])} ({p['minutes']} min)</h2>{_list(p['steps'])}" for n, p in enumerate(sim["script"], 1)
    )
    debrief = "".join(
        f"<li><strong>{_e(d['concept'])}</strong> (the brief, {_e(d['section'])}): {_e(d['question'])}</li>"
        for d in sim["debrief"]
    )
    overview = " · ".join(f"{_e(p['title'].split(':')[0])} {p['minutes']}" for p in sim["script"])
    total = f" = {_minutes(standard)} minutes" if standard else ""
    body = f"""
<h1>{_e(sim['title'])}: facilitator's script</h1>
<p class="tt-note">{_e(sim['invented_note'])}</p>
<p class="tt-lead"><strong>At a glance (minutes):</strong> {overview}{total}. De-roling and the
debrief follow play at once, with no break between. The injects and the walk-out guidance are on
their own sheet.</p>
{phases}
<h2>Debrief questions</h2><ol class="tt-debrief">{debrief}</ol>
<h2>Timing variants (minutes per phase)</h2>
{variants_html(sim)}"""
    return Sheet(f"{sc.prefix}-script", f"{sc.label}: facilitator's script", "facilitator", "brief", body, pages=(2, 5))


def injects_sheet(sc: Scenario) -> Sheet:
    sim = load_simulation(sc.path)
    titles = {p["id"]: p["title"].split(":")[0] for p in sim["script"]}
    injects = "".join(
        f'<section class="tt-inject"><h2>{n}. {_e(i["title"])}</h2>'
        f"<p><strong>When:</strong> {_e(titles[i['phase']])}, minute {i['minute']}. <strong>To:</strong> {_e(i['to'])}.</p>"
        f"<p><strong>How:</strong> {_e(i['confidential']['how'])}</p>"
        f'<div class="tt-inject-text"><p class="tt-role-side">Cut out and seal, or read aloud</p><p>{_e(i["confidential"]["text"])}</p></div>'
        f"<p><strong>Why:</strong> {_e(i['confidential']['purpose'])}</p></section>"
        for n, i in enumerate(sim["injects"], 1)
    )
    walk = sim["walkout"]
    body = f"""
<h1>{_e(sim['title'])}: injects and the walk-out</h1>
<p class="tt-lead">News that reaches the room during play. Deliver each at its minute, once, without
explaining it; the players decide what it means. Prepare sealed notes before the session.</p>
{injects}
<section class="tt-walkout"><h2>The built-in walk-out ({_e(lower_first(role_name(sim, walk['role'])))})</h2>
<p>{_e(walk['confidential']['trigger'])}</p>
<h3>What the facilitator does</h3>{_list(walk['confidential']['steps'])}
<p class="tt-note">Any role may leave the table in the same way; the same steps apply. A person who
leaves the room, rather than the table, has left the play: follow them, or send a co-facilitator,
and check that they are well (safety protocol, section 6).</p></section>"""
    return Sheet(f"{sc.prefix}-injects", f"{sc.label}: injects and walk-out", "facilitator", "brief", body, pages=(1, 3))


def participant_sheet_builders() -> list:
    """Builders of the public brief and observer sheet for each scenario (``sheets.HANDOUT_TITLES`` order)."""
    import functools

    return [functools.partial(make, sc) for sc in SCENARIOS for make in (public_sheet, observer_sheet)]


def facilitator_sheet_builders() -> list:
    """Builders of the role briefs, script and injects for each scenario (``carry.FACILITATOR_SHEETS`` order)."""
    import functools

    return [functools.partial(make, sc) for sc in SCENARIOS for make in (roles_sheet, script_sheet, injects_sheet)]


def participant_sheets() -> list[Sheet]:
    """Public brief and observer sheet for each scenario, in the order of ``sheets.HANDOUT_TITLES``."""
    return [b() for b in participant_sheet_builders()]


def facilitator_sheets() -> list[Sheet]:
    """Role briefs, script and injects for each scenario, in the order of ``carry.FACILITATOR_SHEETS``."""
    return [b() for b in facilitator_sheet_builders()]
