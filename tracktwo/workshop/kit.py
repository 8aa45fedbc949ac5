"""Pack the offline workshop kit (``make kit``): two editions of the book and the printed sheets,
in folders named for their users, with an index page and one zip per folder.

    _build/kit/
      index.html                      what is where, for the facilitator
      participant/book/...            the participant edition (no answers, hints, feedback or notes)
      participant/*.pdf               handouts, card sets, knowledge check, evaluation, public brief
      facilitator/book/...            the instructor edition (keys and notes inline)
      facilitator/*.pdf               key sheets, confidential briefs, script, plans at a glance,
                                      safety protocol, risk assessment, contact forms
      track-two-participant.zip, track-two-facilitator.zip

In a neutral edition (a title chosen by the facilitator: ``make kit TITLE="Course notes"``) the zips
are named after the title (``course-notes-participant.zip``), the index page says only the title,
and packing refuses any file, folder or zip entry whose name says a marked word
(:data:`tracktwo.editions.MARKED_WORDS`).

:func:`pack_kit` is pure file work on already-built folders, so tests run it on a small fake build.
It refuses to pack a facilitator sheet into the participant folder, a participant edition that
carries facilitator notes or answer data, or any page that asks for a resource from another host.
"""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..editions import MARKED
from ..sphinxext.offline_guard import find_remote_resources

FOLDERS = {"participant": "participant", "facilitator": "facilitator"}
ZIPS = {"participant": "track-two-participant.zip", "facilitator": "track-two-facilitator.zip"}
KIT_TITLE = "Track Two course: workshop kit"
#: Markers that must never appear in the participant edition's pages.
PARTICIPANT_FORBIDDEN = (
    "tt-facilitator",
    "tt-ex-edition-instructor",
    "tt-ex-edition-learner",
    "tt-ex-key",
    "tt-ex-data",
    "tt-ex-model",
)


class KitError(RuntimeError):
    pass


@dataclass(frozen=True)
class PrintedSheet:
    id: str
    title: str
    audience: str
    kind: str
    pdf: Path
    pages: int = 0


def offline_problems(folder: Path) -> list[str]:
    """Every reference to another host in the folder's HTML and CSS files, as 'file: kind url'."""
    problems = []
    for path in sorted(Path(folder).rglob("*")):
        if path.suffix in {".html", ".css"} and "_sources" not in path.parts:
            for kind, url in find_remote_resources(path.read_text(encoding="utf-8", errors="replace")):
                problems.append(f"{path.relative_to(folder)}: {kind} {url}")
    return problems


def participant_leaks(book: Path, marked: list | None = None) -> list[str]:
    """Files of a participant edition that carry facilitator notes, answer data, or any piece of the
    material the data marks as confidential or as a key (:func:`tracktwo.confidential.marked_strings`:
    role briefs, the script, marking guides, the placing key, model answers, the banks' feedback),
    whatever widget or page put it there. ``marked`` defaults to everything the data marks."""
    from ..confidential import leaks_in_folder, marked_strings, page_prose

    leaks = []
    for page in sorted(Path(book).rglob("*.html")):
        if "_sources" in page.parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        for marker in PARTICIPANT_FORBIDDEN:
            if f'"{marker}' in text or f" {marker}" in text:
                leaks.append(f"{page.relative_to(book)}: {marker}")
    found = marked_strings() if marked is None else marked
    return leaks + leaks_in_folder(book, found, skip=("_sources", ".doctrees", ".buildinfo"), prose=page_prose())


def zip_names(title: str | None = None, lang: str = "en") -> dict[str, str]:
    """The zips' names: the course's own, or in a neutral edition ``<title as a slug>-<folder>.zip``;
    a kit in another language adds its code (``track-two-participant-my.zip``)."""
    suffix = "" if lang == "en" else f"-{lang}"
    if not title:
        return {a: z.replace(".zip", f"{suffix}.zip") for a, z in ZIPS.items()}
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "notes"
    return {a: f"{slug}-{f}{suffix}.zip" for a, f in FOLDERS.items()}


def marked_names(out: Path) -> list[str]:
    """Every file or folder under ``out``, and every entry of every zip in it, whose name says a
    marked word (for a neutral kit)."""
    out = Path(out)
    found = [p.relative_to(out).as_posix() for p in sorted(out.rglob("*")) if MARKED.search(p.name)]
    for z in sorted(out.rglob("*.zip")):
        with zipfile.ZipFile(z) as archive:
            found += [f"{z.name}: {n}" for n in archive.namelist() if MARKED.search(n)]
    return found


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, Path(folder.name) / path.relative_to(folder))


def index_html(sheets: list[PrintedSheet], title: str | None = None, lang: str = "en") -> str:
    zips = zip_names(title, lang)
    heading = f"{title}: kit" if title else KIT_TITLE
    language_note = ""
    if lang != "en":
        from ..i18n.languages import language

        name = language(lang)
        # A neutral kit does not name the language either: "Burmese" says the course's subject.
        said = (
            f"language '{lang}'"
            if title
            else f'{html.escape(name.english_name)} (<span lang="{lang}">{html.escape(name.native_name)}</span>)'
        )
        heading += f" ({lang})" if title else f" ({name.english_name})"
        language_note = (
            f'<p class="warn" lang="en">This kit is in {said}: <strong>draft translations</strong>. Every sheet '
            "with a draft says \u201cDraft translation: check with a translator before use\u201d; text that has no "
            "translation yet is printed in English and marked. Facilitator material (keys, role briefs, the script) is in "
            "English. Check the drafts with a translator before the workshop (docs/translation.md).</p>"
        )

    def rows(audience: str) -> str:
        folder = FOLDERS[audience]
        return "".join(
            f'<li><a href="{folder}/{html.escape(s.pdf.name)}">{html.escape(s.title)}</a>'
            + (f" <code>{html.escape(s.pdf.name)}</code>" if title else "")
            + f' <small>({html.escape(s.kind)}{", " + str(s.pages) + " p." if s.pages else ""})</small></li>'
            for s in sheets
            if s.audience == audience
        )

    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(heading)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;line-height:1.45}}
h1{{font-size:1.5rem}}h2{{font-size:1.15rem;margin-top:1.5rem}}.warn{{border-left:4px solid #b00;padding-left:.6rem}}</style>
</head><body>
<h1>{html.escape(heading)}</h1>
{language_note}
<p>Everything here works without a connection and makes no request to any other site. Open an edition
by clicking it, or run <code>python3 -m http.server</code> in this folder and visit
<code>http://127.0.0.1:8000/</code>.</p>
<p class="warn">Give participants only the <strong>participant</strong> folder (or
<code>{zips['participant']}</code>). The <strong>facilitator</strong> folder holds the answer keys, the
confidential role briefs and the instructor edition. Read the safety protocol first:
<a href="facilitator/book/book/facilitate/safety.html">facilitator/book/.../safety.html</a>
(printed: <code>facilitator/safety-protocol.pdf</code>, with a risk-assessment form and two contact forms).
Every printed sheet is marked at the top "Safe to carry" or "Stays in the room".</p>
<h2>Participant folder</h2>
<ul><li><a href="participant/book/index.html">The participant edition of the course</a> (no answers, hints or feedback)</li>
{rows("participant")}</ul>
<h2>Facilitator folder</h2>
<ul><li><a href="facilitator/book/index.html">The instructor edition</a> (answer keys and facilitator notes inline)</li>
<li><a href="facilitator/book/book/facilitate/index.html">The Facilitator's guide</a>: session plans, simulation, safety protocol</li>
{rows("facilitator")}</ul>
<h2>Zips, one per folder</h2>
<ul><li><a href="{zips['participant']}">{zips['participant']}</a></li><li><a href="{zips['facilitator']}">{zips['facilitator']}</a></li></ul>
</body></html>
"""


def pack_kit(
    participant_book: Path,
    instructor_book: Path,
    sheets: list[PrintedSheet],
    out: Path,
    *,
    title: str | None = None,
    lang: str = "en",
) -> dict[str, Path]:
    """Copy both editions and every printed sheet into ``out`` (emptied first), write the index
    page and one zip per folder. Returns {"index", "participant", "facilitator", "<audience>_zip"}.
    With a neutral ``title``, the zips are named after it and no name in the kit may be marked."""
    participant_book, instructor_book, out = Path(participant_book), Path(instructor_book), Path(out)
    for label, book in (("participant", participant_book), ("instructor", instructor_book)):
        if not (book / "index.html").exists():
            raise KitError(f"the {label} edition is not built: no {book / 'index.html'} (run make kit)")
    leaks = participant_leaks(participant_book)
    if leaks:
        raise KitError("the participant edition carries facilitator, confidential or key material: " + "; ".join(leaks[:5]))
    for s in sheets:
        if s.audience not in FOLDERS:
            raise KitError(f"sheet '{s.id}': audience must be participant or facilitator, not {s.audience!r}")
        if not s.pdf.exists():
            raise KitError(f"sheet '{s.id}': no PDF at {s.pdf}")
        if s.audience == "participant" and s.kind == "key":
            raise KitError(f"sheet '{s.id}' is a key and cannot go in the participant folder")
    if out.exists():
        shutil.rmtree(out)
    folders = {a: out / f for a, f in FOLDERS.items()}
    ignore = shutil.ignore_patterns("_sources", ".buildinfo", ".doctrees")
    shutil.copytree(participant_book, folders["participant"] / "book", ignore=ignore)
    shutil.copytree(instructor_book, folders["facilitator"] / "book", ignore=ignore)
    for s in sheets:
        shutil.copyfile(s.pdf, folders[s.audience] / s.pdf.name)
    problems = offline_problems(out)
    if problems:
        raise KitError("the kit asks for resources from other hosts: " + "; ".join(problems[:5]))
    (out / "index.html").write_text(index_html(sheets, title, lang), encoding="utf-8")
    result = {"index": out / "index.html", **folders}
    zips = zip_names(title, lang)
    for audience, folder in folders.items():
        target = out / zips[audience]
        _zip(folder, target)
        result[f"{audience}_zip"] = target
    if title:
        marked = marked_names(out)
        if marked:
            raise KitError(
                "a neutral kit must name no file, folder or zip entry after the course's subject: "
                + "; ".join(marked[:5])
                + " (build the editions with the same TRACKTWO_TITLE)"
            )
    return result
