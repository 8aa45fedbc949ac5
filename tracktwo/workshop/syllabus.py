"""The syllabus and assessment of a taught module, from data (issue 29).

* ``data/syllabus.yaml``: what to read in the brief beside each lesson, and the weeks of a 12-week
  plan and a 6-week variant (pages, seminar activities, tasks due);
* ``data/assessment.yaml``: the tasks, their weights and their rubrics (marking guides are
  confidential, in ``data/workshop/guides.yaml``).

A *lesson* is a page of ``_toc.yml`` whose front matter gives its minutes (``reading_minutes``); the
minutes of a week are the sum of its lessons', read from the pages, never written in the syllabus.
:func:`load_syllabus` checks what a schema cannot: each lesson is in exactly one week of each variant,
a week's minutes stay under the variant's cap, each seminar activity names a facilitator note that
exists, and each task is due once per variant, no earlier than the pages it draws on. A week's further
reading is the brief's own endnote works listed for its pages (``data/further_reading.yaml``).

:func:`full_path` is the study guide's full path: every lesson in ``_toc.yml`` order. :func:`rubrics`
gives every rubric as plain data for any view that marks work. Every problem raises
:class:`SyllabusError` naming the file, the item and the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.paths import DATA_DIR, ROOT

SYLLABUS_PATH = DATA_DIR / "syllabus.yaml"
SYLLABUS_SCHEMA = DATA_DIR / "syllabus.schema.json"
ASSESSMENT_PATH = DATA_DIR / "assessment.yaml"
ASSESSMENT_SCHEMA = DATA_DIR / "assessment.schema.json"
NOUNS = {"variants": "variant", "weeks": "week", "seminar": "activity", "assessments": "task", "criteria": "criterion"}


class SyllabusError(ValueError):
    """The syllabus or assessment data is malformed, or does not match the book."""


# --- the book's pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A page of ``_toc.yml``: its docname, part, title, minutes (None if not a lesson) and
    facilitator notes (the items of its first ``{facilitator}`` block)."""

    docname: str
    part: str
    title: str
    minutes: tuple[int, int] | None
    notes: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.minutes) if self.minutes else 0


def page_source(path: Path) -> tuple[dict, str]:
    """(front matter or notebook metadata, Markdown text) of a page, read as the book reads it."""
    import yaml

    if path.suffix == ".ipynb":
        from ..sphinxext.notebook_markup import notebook_to_myst

        nb = notebook_to_myst(json.loads(path.read_text(encoding="utf-8")))
        text = "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        return dict(nb.get("metadata", {})), text
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return (yaml.safe_load(m.group(1)) or {} if m else {}), (text[m.end() :] if m else text)


def block_items(text: str, name: str) -> list[str]:
    """The bullet items of the first ```{name} block of a page, continuation lines joined."""
    m = re.search(r"^```\{" + re.escape(name) + r"\}[^\n]*\n(.*?)^```\s*$", text, re.S | re.M)
    items: list[str] = []
    for line in (m.group(1) if m else "").splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            items.append(stripped[2:].strip())
        elif stripped and items and line.startswith(" "):
            items[-1] += " " + stripped
    return items


def book_pages(root: Path | str = ROOT) -> list[Page]:
    """Every page of ``_toc.yml`` in reading order (the root page first)."""
    import yaml

    root = Path(root)
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    entries = [("", toc["root"])] + [
        (p.get("caption", ""), c["file"]) for p in toc.get("parts", []) for c in p.get("chapters", [])
    ]
    pages = []
    for part, doc in entries:
        path = next((root / f"{doc}{s}" for s in (".md", ".ipynb") if (root / f"{doc}{s}").is_file()), None)
        if path is None:
            raise SyllabusError(f"_toc.yml: page '{doc}' has no {doc}.md or {doc}.ipynb")
        meta, text = page_source(path)
        title = re.search(r"^# (.+)$", text, re.M)
        minutes = None
        if "reading_minutes" in meta:
            try:
                minutes = (int(meta["reading_minutes"]), int(meta.get("exercise_minutes", 0)))
            except (TypeError, ValueError):
                raise SyllabusError(f"{path.relative_to(root)}: front matter: the minutes must be whole numbers") from None
        pages.append(Page(doc, part, title.group(1).strip() if title else doc, minutes, tuple(block_items(text, "facilitator"))))
    return pages


def lessons(root: Path | str = ROOT) -> list[Page]:
    """The lessons: the pages of ``_toc.yml`` with minutes, in reading order."""
    return [p for p in book_pages(root) if p.minutes]


# --- assessment -----------------------------------------------------------------------------------


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def load_assessments(
    path: Path | str = ASSESSMENT_PATH,
    schema: Path | str = ASSESSMENT_SCHEMA,
    root: Path | str = ROOT,
    guide_ids: set[str] | None = None,
) -> list[dict[str, Any]]:
    """The tasks, checked: schema; unique ids; weights summing to 100 over the tasks and over each
    task's criteria; one description per level for each criterion; every page a page of the book;
    every guide in data/workshop/guides.yaml (``guide_ids``, for tests)."""
    from ..data.yamlfile import load_checked

    path, root = Path(path), Path(root)
    where = _shown(path, root)
    data = load_checked(path, schema, SyllabusError, nouns=NOUNS)
    tasks = data["assessments"]
    docs = {p.docname for p in book_pages(root)}
    if guide_ids is None:
        from .guides import load_guides

        guide_ids = set(load_guides())
    seen: set[str] = set()
    for t in tasks:
        here = f"{where}: task '{t['id']}'"
        if t["id"] in seen:
            raise SyllabusError(f"{here}, field 'id': the id is used twice")
        seen.add(t["id"])
        for doc in t["after"]:
            if doc not in docs:
                raise SyllabusError(f"{here}, field 'after': '{doc}' is not a page of _toc.yml")
        if t["guide"] not in guide_ids:
            raise SyllabusError(f"{here}, field 'guide': no guide '{t['guide']}' in data/workshop/guides.yaml")
        total = sum(c["weight"] for c in t["criteria"])
        if total != 100:
            raise SyllabusError(f"{here}, field 'criteria': the criteria's weights add up to {total}, not 100")
        for c in t["criteria"]:
            if len(c["levels"]) != len(t["levels"]):
                raise SyllabusError(
                    f"{here}, criterion '{c['id']}', field 'levels': {len(c['levels'])} descriptions for "
                    f"{len(t['levels'])} levels"
                )
    total = sum(t["weight"] for t in tasks)
    if total != 100:
        raise SyllabusError(f"{where}: field 'weight': the tasks' weights add up to {total}, not 100")
    return tasks


def rubrics(path: Path | str = ASSESSMENT_PATH, **kwargs) -> dict[str, dict[str, Any]]:
    """Every rubric as plain data, by task id: ``{"title", "weight", "max_points", "criteria":
    [{"id", "name", "weight", "levels": [{"points", "label", "text"}]}]}``. The weights are percents
    (of the module for a task, of the task for a criterion); levels run from the highest."""
    out = {}
    for t in load_assessments(path, **kwargs):
        levels = t["levels"]
        out[t["id"]] = {
            "title": t["title"],
            "weight": t["weight"],
            "max_points": max(lv["points"] for lv in levels),
            "criteria": [
                {
                    "id": c["id"],
                    "name": c["name"],
                    "weight": c["weight"],
                    "levels": [
                        {"points": lv["points"], "label": lv["label"], "text": text} for lv, text in zip(levels, c["levels"])
                    ],
                }
                for c in t["criteria"]
            ],
        }
    return out


# --- the syllabus ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    page: str
    label: str
    note: str  # the facilitator note's text ("" when the activity names a whole page)


@dataclass(frozen=True)
class Week:
    number: int
    title: str
    pages: tuple[Page, ...]
    seminar: tuple[Activity, ...]
    due: tuple[str, ...]
    brief: tuple[str, ...]
    works: tuple[str, ...]

    @property
    def minutes(self) -> int:
        return sum(p.total for p in self.pages)


@dataclass(frozen=True)
class Variant:
    id: str
    title: str
    max_week_minutes: int
    weeks: tuple[Week, ...] = field(default_factory=tuple)

    @property
    def minutes(self) -> int:
        return sum(w.minutes for w in self.weeks)


@dataclass(frozen=True)
class Syllabus:
    pages: dict[str, dict[str, str]]
    variants: dict[str, Variant]
    assessments: dict[str, dict[str, Any]]


def _works(docnames: list[str], further: dict) -> tuple[str, ...]:
    keys: list[str] = []
    for doc in docnames:
        keys += [r.key for r in further.get(doc, []) if r.key not in keys]
    return tuple(keys)


def load_syllabus(
    path: Path | str = SYLLABUS_PATH,
    schema: Path | str = SYLLABUS_SCHEMA,
    root: Path | str = ROOT,
    assessments: list[dict[str, Any]] | None = None,
    further: dict | None = None,
) -> Syllabus:
    """The syllabus, checked against the book (see the module's docstring)."""
    from ..data.yamlfile import load_checked

    path, root = Path(path), Path(root)
    where = _shown(path, root)
    data = load_checked(path, schema, SyllabusError, nouns=NOUNS)
    pages = book_pages(root)
    by_doc = {p.docname: p for p in pages}
    lesson_docs = [p.docname for p in pages if p.minutes]
    if assessments is None:
        assessments = load_assessments(root=root)
    tasks = {t["id"]: t for t in assessments}
    if further is None:
        from ..data.readings import load_further_reading

        further = load_further_reading()

    listed = data["pages"]
    for doc in listed:
        if doc not in lesson_docs:
            raise SyllabusError(f"{where}: pages, '{doc}': not a lesson of _toc.yml (a page with reading_minutes)")
    for doc in lesson_docs:
        if doc not in listed:
            raise SyllabusError(f"{where}: pages: the lesson '{doc}' has no line (what to read in the brief beside it)")

    variants: dict[str, Variant] = {}
    for v in data["variants"]:
        vhere = f"{where}: variant '{v['id']}'"
        if v["id"] in variants:
            raise SyllabusError(f"{vhere}, field 'id': the id is used twice")
        week_of: dict[str, int] = {}
        due_in: dict[str, int] = {}
        weeks = []
        for n, w in enumerate(v["weeks"], 1):
            where_w = f"{vhere}, week {n}"
            for doc in w["pages"]:
                if doc not in lesson_docs:
                    raise SyllabusError(f"{where_w}, field 'pages': '{doc}' is not a lesson of _toc.yml")
                if doc in week_of:
                    raise SyllabusError(f"{where_w}, field 'pages': '{doc}' is already in week {week_of[doc]}")
                week_of[doc] = n
            seminar = []
            for i, a in enumerate(w["seminar"], 1):
                ahere = f"{where_w}, activity {i}"
                page = by_doc.get(a["page"])
                if page is None:
                    raise SyllabusError(f"{ahere}, field 'page': '{a['page']}' is not a page of _toc.yml")
                note = ""
                if "note" in a:
                    if a["note"] > len(page.notes):
                        raise SyllabusError(
                            f"{ahere}, field 'note': '{a['page']}' has {len(page.notes)} facilitator notes, not {a['note']}"
                        )
                    note = page.notes[a["note"] - 1]
                seminar.append(Activity(a["page"], a["label"], note))
            for t in w.get("due", []):
                if t not in tasks:
                    raise SyllabusError(f"{where_w}, field 'due': no task '{t}' in data/assessment.yaml")
                if t in due_in:
                    raise SyllabusError(f"{where_w}, field 'due': '{t}' is already due in week {due_in[t]}")
                due_in[t] = n
            week = Week(
                n,
                w["title"],
                tuple(by_doc[d] for d in w["pages"]),
                tuple(seminar),
                tuple(w.get("due", [])),
                tuple(listed[d]["brief"] for d in w["pages"]),
                _works(w["pages"], further),
            )
            if week.minutes > v["max_week_minutes"]:
                raise SyllabusError(
                    f"{where_w}: {week.minutes} learner minutes (from its pages' front matter), over the "
                    f"variant's max_week_minutes ({v['max_week_minutes']})"
                )
            weeks.append(week)
        missing = [d for d in lesson_docs if d not in week_of]
        if missing:
            raise SyllabusError(f"{vhere}: the lessons {', '.join(missing)} are in no week")
        for t, task in tasks.items():
            if t not in due_in:
                raise SyllabusError(f"{vhere}: the task '{t}' is due in no week")
            for doc in task["after"]:
                if doc in week_of and week_of[doc] > due_in[t]:
                    raise SyllabusError(
                        f"{vhere}, week {due_in[t]}, field 'due': '{t}' draws on '{doc}', studied later (week {week_of[doc]})"
                    )
        variants[v["id"]] = Variant(v["id"], v["title"], v["max_week_minutes"], tuple(weeks))
    return Syllabus(listed, variants, tasks)


@dataclass(frozen=True)
class PathRow:
    docname: str
    title: str
    minutes: tuple[int, int]
    brief: str
    lab: str


def full_path(root: Path | str = ROOT, path: Path | str = SYLLABUS_PATH) -> list[PathRow]:
    """The study guide's full path: every lesson of ``_toc.yml``, in its order, with its minutes and
    what to read in the brief and do in JupyterLab beside it (data/syllabus.yaml's ``pages``)."""
    from ..data.yamlfile import load_checked

    listed = load_checked(Path(path), SYLLABUS_SCHEMA, SyllabusError, nouns=NOUNS)["pages"]
    rows = []
    for p in lessons(root):
        if p.docname not in listed:
            raise SyllabusError(f"{Path(path).name}: pages: the lesson '{p.docname}' has no line")
        rows.append(PathRow(p.docname, p.title, p.minutes, listed[p.docname]["brief"], listed[p.docname]["lab"]))
    return rows
