"""The kit's PDFs, printed once per session by Debian's Chromium from the generated sheets (about
20 s; listed in conftest's _BUILDS_ITS_OWN_BOOKS, so it runs in the `book` tier): each has a page
count in its expected range and its expected headings; no participant PDF shows an answer, hint,
feedback or confidential brief; every key is in the key sheets."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tracktwo.workshop.sheets import all_sheets, write_sheets

pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() or not shutil.which("pdftotext"),
    reason="needs Debian's chromium and poppler-utils (pdftotext)",
)

#: Headings each printed sheet must show (beyond its h1).
EXPECTED = {
    "levels": ["Levels of dialogue", "Track 1.5", "Levels drift"],
    "table-1": ["Table 1: Conflict and dialogue mapping", "UWSA", "NUCC"],
    "recommendations": ["three recommendations", "Risks the brief names"],
    "glossary": ["Glossary of acronyms", "NUCC"],
    "mapping-legend": ["Mapping legend and blank map frame", "Outside party", "Map of:"],
    "practice-case": ["The situation", "Your task", "Questions", "worked example"],
    "practice-case-key": ["worked example", "Model answers", "Worked companion tools", "What can be done"],
    "map-frame-a3": ["Map of:", "Outside party", "Issue link", "stays in the room"],
    "map-frame-a4": ["Map of:", "Outside party", "Issue link", "stays in the room"],
    "template-tree": ["Causes", "Core problem", "Effects"],
    "template-onion": ["Positions", "Interests", "Needs", "Party (code name)"],
    "template-abc": ["Attitudes", "Behaviour", "Context", "Party (code name)"],
    "template-grid": ["High influence, high interest", "Low influence, low interest"],
    "template-actions": ["What can be done", "By whom", "When"],
    "timeline": ["Timeline: the peace process in the brief"],
    "knowledge-check": ["Knowledge check", "Before", "Why (a few words)", "Text version", "Write on the lines"],
    "evaluation": ["Evaluation form", "What should change"],
    "simulation-public": ["public brief", "Who is at the table", "How the simulation runs"],
    "simulation-observer": ["observer sheet", "What to watch", "Your notes", "In the debrief"],
    "simulation2-public": ["public brief", "lakeside talks", "Essaro Forum", "Valley Assemblies", "Who is at the table"],
    "simulation2-observer": ["observer sheet", "What to watch", "Pulling apart, or together?"],
    "table-1-now": ["Then: the brief's conflict status", "Now: the course's coding", "text version of the maps", "UWSA", "NUCC"],
    "timeline-since": ["Timeline since the brief", "Operation 1027", "Where the sources differ"],
    "recommendations-now": [
        "Then (the brief)",
        "Since 2021, the sources report",
        "Where the sources are silent",
        "course's reading",
    ],
    "capstone-now": ["Invented names only", "Channels the sources report since 2021", "Risk checklist", "Conferring legitimacy"],
    "cards-ripeness-since": ["Where the sources are silent", "Conflict-management contact"],
    "key-ripeness-since": ["What would change it", "A reading, not a verdict"],
    "simulation-confidential": ["confidential role briefs", "Envelope checklist", "Your red lines", "What you may concede"],
    "simulation2-confidential": ["confidential role briefs", "Envelope checklist", "Your red lines", "What you may concede"],
    "key-knowledge-check": ["Knowledge check: key", "Model answer", "Asks: analyse"],
    "interpreter-briefing": [
        "Interpreter briefing notes",
        "Confidentiality and safety",
        "short chunks",
        "Contested labels",
        "roughly doubles talking time",
        "not a sourced figure",
        "Fisher notation",
        "Acronyms",
        "UWSA",
    ],
    "simulation-script": [
        "facilitator's script",
        "Reading the briefs",
        "Ground rules",
        "Joint analysis",
        "Inject and round two",
        "De-roling",
        "Debrief questions",
        "Timing variants",
        "class of 40",
        "Safety online",
    ],
    "simulation2-script": ["facilitator's script", "Reading the briefs", "De-roling", "Debrief questions", "Safety online"],
    "simulation-injects": ["injects and the walk-out", "The back channel", "What the facilitator does"],
    "simulation2-injects": ["injects and the walk-out", "The board cuts the budget", "What the facilitator does"],
    "referral-contacts": ["Local referral contacts", "Psychosocial support", "Legal aid"],
    "session-plans": ["Session plans at a glance", "90-minute", "half-day", "two-day"],
    "risk-assessment": ["Risk assessment", "Who could be harmed", "Interpreters", "Do not hold the workshop"],
    "after-contacts": ["After the workshop: contacts", "A participant is detained", "Follow-up ends on"],
    "safety-protocol": [
        "Safety protocol",
        "Devices and checkpoints",
        "Interpreters",
        "doxxing",
        "Follow-up channels",
        "The evening before",
        "Key points",
    ],
}


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out.replace("-\n", ""))


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


@pytest.fixture(scope="session")
def printed(tmp_path_factory, browser):
    from print_sheets import print_pdfs

    folder = tmp_path_factory.mktemp("kit-print")
    written = write_sheets(folder / "html")
    pdfs = print_pdfs([p for _, p in written], folder / "pdf", browser=browser)
    return {s.id: (s, pdf, _text(pdf)) for (s, _), pdf in zip(written, pdfs)}


def test_every_sheet_printed(printed):
    assert set(printed) == {s.id for s in all_sheets()}
    assert len(printed) >= 20


@pytest.mark.parametrize("sheet_id", [s.id for s in all_sheets()])
def test_page_count_in_range_and_headings_present(printed, sheet_id):
    sheet, pdf, text = printed[sheet_id]
    low, high = sheet.pages
    assert low <= _pages(pdf) <= high, f"{pdf.name}: {_pages(pdf)} pages, expected {low}-{high}"
    for heading in [sheet.title.split(":")[0]] + EXPECTED.get(sheet_id, []):
        assert heading.lower() in text.lower(), f"{pdf.name} lacks {heading!r}"


def test_handouts_are_one_page(printed):
    for sid in (
        "levels",
        "table-1",
        "recommendations",
        "glossary",
        "mapping-legend",
        "timeline",
        "evaluation",
        "risk-assessment",
        "after-contacts",
        "referral-contacts",
        "timeline-since",
        "recommendations-now",
        "capstone-now",
        "key-ripeness-since",
    ):
        assert _pages(printed[sid][1]) == 1, sid
    # Table 1 then and now: two pages, the two sides of one sheet (its Sheet.pages says why)
    assert _pages(printed["table-1-now"][1]) == 2


def test_each_role_brief_starts_on_its_own_page(printed):
    """The role briefs are sealed one per envelope: every role's brief begins at the top of a page of
    its own (after the envelope checklist), and no page holds the start of two briefs."""
    from tracktwo.workshop.simulation import SCENARIOS, load_simulation

    for sc in SCENARIOS:
        sim = load_simulation(sc.path)
        _, pdf, _ = printed[f"{sc.prefix}-confidential"]
        tops = []
        for n in range(1, _pages(pdf) + 1):
            page = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True).stdout
            tops.append(re.sub(r"\s+", " ", page).strip()[:160])
        head = re.compile(rf"^{re.escape(sim['place'].upper())} · [^·]+ · CONFIDENTIAL ROLE BRIEF ")
        starts = [n for n, top in enumerate(tops, 1) if head.match(top.upper())]
        assert len(starts) == len(sim["roles"]), (sc.key, tops)
        for role, n in zip(sim["roles"], starts):
            assert role["name"] in tops[n - 1], (sc.key, role["id"], n)
        assert starts[0] == 2, "page 1 is the envelope checklist"


def test_card_sheets_print_every_card_code(printed):
    from tracktwo.workshop.cards import all_card_sets

    for cs in all_card_sets():
        text = printed[f"cards-{cs.id}"][2]
        assert [c.code for c in cs.cards if c.code not in text] == [], cs.id
        assert "cut along the dashed lines" in text


def test_no_participant_pdf_shows_an_answer_and_every_key_is_in_the_key_pdfs(printed):
    from test_workshop import _secrets
    from tracktwo.workshop.cards import all_card_sets
    from tracktwo.workshop.check_sheets import check_items

    def words(s: str, n: int = 10) -> str:
        return " ".join(re.sub(r"\s+", " ", s).split()[:n])

    participant = " ".join(t for s, _, t in printed.values() if s.audience == "participant")
    keys = " ".join(t for s, _, t in printed.values() if s.kind == "key")
    leaked = [words(s) for s in _secrets() if len(s.split()) >= 10 and words(s) in participant]
    assert not leaked, leaked
    missing = [(cs.id, k.code) for cs in all_card_sets() for k in cs.key if words(k.reason, 8) not in keys]
    for item in check_items():
        texts = (
            [item.model_answer.text]
            if item.type == "open"
            else [
                item.option(a).feedback for a in (item.answer if isinstance(item.answer, (list, tuple, dict)) else [item.answer])
            ]
        )
        missing += [(item.ref, t[:30]) for t in texts if words(t, 8) not in keys]
    assert not missing, missing


def test_every_pdf_carries_its_carry_mark_and_reason(printed):
    """The mark ("Safe to carry" / "Stays in the room") and its reason, from data/workshop/carry.yaml,
    are in every printed PDF's text, on its first page."""
    from tracktwo.workshop.carry import load_carry

    marks = load_carry()
    missing = []
    for sid, (_, pdf, _text) in printed.items():
        first = re.sub(
            r"\s+",
            " ",
            subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.replace(
                "-\n", ""
            ),
        )
        m = marks[sid]
        if m.label.upper() not in first.upper() or m.reason.split(";")[0] not in first:
            missing.append(sid)
    assert missing == [], f"PDFs without their carry mark on page 1: {missing}"


# ---------------------------------------------------------------------------------------------
# Print that holds (issue 27, deliverable 6): no blank or near-blank page, no repository path, data
# file name or internal id on paper, the course's version and date on every sheet.

#: A page is near-blank when it has fewer words than this, or its text ends in the top quarter of
#: the page (a table's one spilled line, a heading left above a moved table); drawn templates
#: (``Sheet.template``) are exempt.
MIN_WORDS, MIN_FILL = 40, 0.25


def page_fill(pdf: Path) -> list[tuple[int, float]]:
    """(words, fill) per page: fill is how far down the page (0 to 1) its lowest word reaches."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for _w, height, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        bottoms = [float(y) for y in re.findall(r'<word [^>]*yMax="([\d.]+)"', body)]
        pages.append((len(bottoms), max(bottoms, default=0.0) / float(height)))
    return pages


def near_blank_pages(printed_sheets) -> list[str]:
    bad = []
    for sheet, pdf, _text in printed_sheets.values():
        if sheet.template:
            continue
        for n, (words, fill) in enumerate(page_fill(pdf), 1):
            if words < MIN_WORDS or fill < MIN_FILL:
                bad.append(f"{pdf.name} page {n}: {words} words, text ends {fill:.0%} down the page")
    return bad


def test_no_blank_or_near_blank_page_in_any_kit_pdf(printed):
    assert len(printed) >= 20 and all(page_fill(pdf) for _, pdf, _ in printed.values())
    assert near_blank_pages(printed) == []


@functools.cache
def _course_ids() -> frozenset[str]:
    return frozenset(_collect_course_ids())


def course_ids() -> set[str]:
    """The ids below, collected once per test process (a fresh set each call)."""
    return set(_course_ids())


def _collect_course_ids() -> set[str]:
    """The course's internal ids that could reach paper: relation ids, exercise banks and their
    items (bank/item), card sets and sheets. Plain one-word ids ("levels", "glossary") are English
    words on a sheet and are left out; every id kept has a hyphen, slash or underscore."""
    from tracktwo.data import load_all
    from tracktwo.exercises.bank import BANK_DIR, load_bank
    from tracktwo.workshop.cards import all_card_sets

    ids = set(load_all().relations["id"].astype(str))
    for path in Path(BANK_DIR).glob("*.yaml"):
        bank = load_bank(path.stem)
        ids |= {bank.id} | {f"{bank.id}/{item}" for item in bank.items}
    ids |= {cs.id for cs in all_card_sets()} | {s.id for s in all_sheets()}
    return {i for i in ids if re.search(r"[-/_]", i)} - ENGLISH


#: Ids that are also plain English compounds on a sheet ("a risk-assessment form").
ENGLISH = {"risk-assessment"}


#: Names a facilitator meets on a device or the kit's USB stick, which the printed safety protocol
#: must name: the browser-storage keys to clear, a default export file name, the kit's PDF names.
DEVICE_NAMES = re.compile(r"`?tracktwo:[\w:-]*`?|map-\d{4}-\d{2}-\d{2}\.json|[\w-]+\.pdf")

PATHS = re.compile(r"data/|book/|notebooks/|\.csv\b|\.ya?ml\b|\.json\b|tracktwo|\.ipynb\b|\.md\b")


@functools.cache
def _ids_pattern(ids: frozenset[str]) -> re.Pattern:
    """Every id as one pattern (longest first), compiled once: a search per id and sheet was seconds."""
    alternatives = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def leaks(sid: str, text: str, ids: set[str]) -> list[str]:
    if sid == "safety-protocol":
        text = DEVICE_NAMES.sub(" ", text)
    found = [m.group(0) for m in PATHS.finditer(text)]
    if ids:
        found += sorted({m.group(0) for m in _ids_pattern(frozenset(ids)).finditer(text)})
    return found


def test_no_repository_path_data_file_or_internal_id_on_any_sheet(printed):
    ids = course_ids()
    assert {"sac-uwsa", "part2-coup/table-one", "track-cases", "key-track-cases"} <= ids
    bad = {sid: leaks(sid, text, ids) for sid, (_, _, text) in printed.items()}
    assert {sid: v for sid, v in bad.items() if v} == {}


def test_every_sheet_carries_the_course_version_and_date(printed):
    """The release version (tracktwo.__version__, CHANGELOG.md), not COURSE_VERSION (saved answers' key)."""
    from tracktwo import __version__
    from tracktwo.workshop.sheets import course_date, course_stamp

    stamp = course_stamp(__version__, course_date())
    missing = [pdf.name for _, pdf, text in printed.values() if stamp not in text]
    assert f"Version {__version__}" in stamp and missing == []
