"""The instructor's gradebook: many learners' work files (``tracktwo.data.submissions``) in one table.

Pure functions under ``notebooks/grading.ipynb`` (instructor tier: not in the table of contents, so in
no edition of the book; decision 0017). :func:`load_folder` reads every ``*.json`` of a folder: a
malformed file is one message naming it (and its item and field), and the others still load.
:func:`gradebook` makes one row per file, by pseudonym:

* the closed items' scores by chapter (bank), **scored again by the banks** from the saved responses
  (a score edited in the file, or saved under older rules, does not count; where it differs from the
  saved one the row's notes say so);
* each open item's words and the checklist points the learner ticked (self-assessed);
* one column per criterion of each rubric (:class:`Rubric`, from data: another file of rubrics adds
  columns without code), left empty for the instructor to fill in the CSV;
* totals. :func:`to_csv_text` writes it (``tracktwo.data.learner_files.to_csv``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracktwo.data.learner_files import LearnerFileError, read_learner_bytes, to_csv
from tracktwo.data.submissions import saved_value as json_value
from tracktwo.data.submissions import MAX_SUBMISSION_BYTES
from tracktwo.data.submissions import read as read_submission
from tracktwo.data.submissions import word_count
from tracktwo.exercises.bank import Item, all_banks, load_bank
from tracktwo.exercises.errors import SubmissionError
from tracktwo.exercises.scoring import score

#: The most files one folder may hold (a class of 40, with room).
MAX_FILES = 500


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    max: int


@dataclass(frozen=True)
class Rubric:
    """A rubric for one open task: its criteria become columns ``<rubric>: <criterion> (of N)``."""

    id: str
    title: str
    item: str = ""  # the exercise it marks (bank/item), when it marks one
    criteria: tuple[Criterion, ...] = ()

    @classmethod
    def from_assessment(cls, task_id: str, raw: Mapping[str, Any]) -> Rubric:
        """From one task of ``tracktwo.workshop.syllabus.rubrics()`` (``{title, weight, max_points,
        criteria: [{id, name, weight, levels}]}``, from data/assessment.yaml): a column per criterion,
        scored 0 to the task's top level, its weight in the label."""
        top = int(raw["max_points"])
        return cls(
            id=task_id,
            title=str(raw.get("title", task_id)),
            criteria=tuple(Criterion(str(c["id"]), f"{c['name']} ({c['weight']}%)", top) for c in raw["criteria"]),
        )

    @classmethod
    def from_data(cls, raw: Mapping[str, Any]) -> Rubric:
        """From a mapping ``{id, title, item?, criteria: [{id, label, max}]}`` (a rubrics file's entry)."""
        return cls(
            id=str(raw["id"]),
            title=str(raw.get("title", raw["id"])),
            item=str(raw.get("item", "")),
            criteria=tuple(
                Criterion(str(c["id"]), str(c.get("label", c["id"])), int(c.get("max", 0))) for c in raw.get("criteria", ())
            ),
        )


@dataclass
class Course:
    """The banks' items, in bank order: what the gradebook's columns come from."""

    items: dict[str, Item] = field(default_factory=dict)

    @classmethod
    def from_banks(cls, bank_dir: str | Path | None = None) -> Course:
        items: dict[str, Item] = {}
        for path in all_banks(bank_dir):
            bank = load_bank(path)
            for item in bank.items.values():
                items[f"{bank.id}/{item.id}"] = item
        return cls(items)

    @property
    def banks(self) -> list[str]:
        return list(dict.fromkeys(ref.split("/")[0] for ref, item in self.items.items() if item.type != "open"))

    @property
    def open_items(self) -> list[str]:
        return [ref for ref, item in self.items.items() if item.type == "open"]


@dataclass(frozen=True)
class Loaded:
    file: str
    data: dict[str, Any]


def load_folder(folder: Path | str, course: Course) -> tuple[list[Loaded], list[str]]:
    """Every work file in ``folder`` (``*.json``, by name), and one message per file that is not one."""
    loaded, problems = [], []
    if not Path(folder).is_dir():
        return [], [f"{Path(folder).name}: there is no such folder; put the learners' files in one and name it here"]
    paths = sorted(p for p in Path(folder).glob("*.json") if p.is_file())
    if len(paths) > MAX_FILES:
        problems.append(f"{Path(folder).name}: {len(paths)} files; only the first {MAX_FILES} are read")
        paths = paths[:MAX_FILES]
    for path in paths:
        try:
            data = read_submission(path.name, read_learner_bytes(path, MAX_SUBMISSION_BYTES), set(course.items))
        except LearnerFileError as err:
            problems.append(str(err))
            continue
        except OSError as err:
            problems.append(f"{path.name}: could not be read ({err.strerror or type(err).__name__})")
            continue
        loaded.append(Loaded(path.name, data))
    return loaded, problems


def _responses(data: Mapping[str, Any]) -> dict[str, Any]:
    """bank/item -> the saved value (a dict) for this file's course version."""
    start = f"{data['prefix']}:{data['course_version']}:exercise:"
    out = {}
    for e in data["entries"]:
        if e["family"] == "exercise" and e["key"].startswith(start):
            value = json_value(e["raw"])
            if isinstance(value, dict):
                out[e["key"][len(start) :]] = value
    return out


def columns(course: Course, rubrics: Sequence[Rubric] = ()) -> list[str]:
    cols = ["pseudonym", "file", "from", "saved"]
    cols += [f"{bank} points" for bank in course.banks] + [f"{bank} of" for bank in course.banks]
    for ref in course.open_items:
        cols += [f"{ref} words", f"{ref} ticked"]
    for r in rubrics:
        cols += [f"{r.id}: {c.id} (of {c.max})" for c in r.criteria]
    return cols + ["closed points", "closed of", "open answered", "notes"]


def row(loaded: Loaded, course: Course, rubrics: Sequence[Rubric] = ()) -> dict[str, Any]:
    """One learner's row (values as numbers or text; rubric cells empty)."""
    data = loaded.data
    out: dict[str, Any] = {
        "pseudonym": data["pseudonym"].strip(),
        "file": loaded.file,
        "from": data["from"],
        "saved": data["saved"],
    }
    notes: list[str] = []
    responses = _responses(data)
    points = {bank: 0 for bank in course.banks}
    of = {bank: 0 for bank in course.banks}
    answered = 0
    for ref, item in course.items.items():
        saved = responses.get(ref)
        response = saved.get("response") if saved else None
        if item.type == "open":
            text = response.get("text") if isinstance(response, dict) else ""
            ticks = response.get("ticks") if isinstance(response, dict) else []
            words = word_count(text)
            answered += words > 0
            ticked = (
                len([t for t in ticks if isinstance(t, int) and not isinstance(t, bool) and 0 <= t < len(item.checklist)])
                if isinstance(ticks, list)
                else 0
            )
            out[f"{ref} words"] = words
            out[f"{ref} ticked"] = f"{ticked} of {len(item.checklist)}" if words else ""
            continue
        bank = ref.split("/")[0]
        if response is None:
            continue
        try:
            result = score(item, response)
        except SubmissionError:
            if saved.get("checked") is True:  # an unfinished answer, never checked, is passed over quietly
                notes.append(f"{ref}: the saved answer cannot be scored (not counted)")
            continue
        points[bank] += result.points
        of[bank] += result.max
        if saved.get("checked") is True and (saved.get("points"), saved.get("max")) != (result.points, result.max):
            notes.append(
                f"{ref}: saved score {saved.get('points')} of {saved.get('max')}, the bank gives {result.points} of {result.max}"
            )
    for bank in course.banks:
        out[f"{bank} points"], out[f"{bank} of"] = points[bank], of[bank]
    for r in rubrics:
        for c in r.criteria:
            out[f"{r.id}: {c.id} (of {c.max})"] = ""
    out["closed points"], out["closed of"] = sum(points.values()), sum(of.values())
    out["open answered"] = answered
    out["notes"] = "; ".join(notes)
    return out


def gradebook(loaded: Iterable[Loaded], course: Course, rubrics: Sequence[Rubric] = ()) -> list[dict[str, Any]]:
    """One row per file, sorted by pseudonym (then file); a pseudonym used twice is noted on both rows."""
    rows = sorted((row(x, course, rubrics) for x in loaded), key=lambda r: (r["pseudonym"].casefold(), r["file"]))
    seen: dict[str, int] = {}
    for r in rows:
        seen[r["pseudonym"].casefold()] = seen.get(r["pseudonym"].casefold(), 0) + 1
    for r in rows:
        if seen[r["pseudonym"].casefold()] > 1:
            r["notes"] = "; ".join(filter(None, [r["notes"], "this pseudonym is on more than one file"]))
    return rows


def to_csv_text(rows: Sequence[Mapping[str, Any]], course: Course, rubrics: Sequence[Rubric] = ()) -> str:
    cols = columns(course, rubrics)
    return to_csv(cols, [{c: _cell(r.get(c, "")) for c in cols} for r in rows])


def _cell(value: Any) -> str:
    text = str(value)
    # A spreadsheet runs a cell that starts with = + - @ as a formula: a pseudonym must not.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def summary_table(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The few columns a screen shows (the CSV has them all)."""
    return [
        {
            "pseudonym": r["pseudonym"],
            "file": r["file"],
            "closed": f"{r['closed points']} of {r['closed of']}",
            "open answered": r["open answered"],
            "notes": r["notes"],
        }
        for r in rows
    ]


def open_answers(loaded: Iterable[Loaded], course: Course) -> list[dict[str, Any]]:
    """Every open answer, by pseudonym then item: its words, the checklist points the learner ticked,
    and the text, to read against the item's checklist (in the instructor edition, beside the item)."""
    out = []
    for x in sorted(loaded, key=lambda x: (x.data["pseudonym"].strip().casefold(), x.file)):
        responses = _responses(x.data)
        for ref in course.open_items:
            response = (responses.get(ref) or {}).get("response")
            text = response.get("text") if isinstance(response, dict) else None
            if not isinstance(text, str) or not text.strip():
                continue
            ticks = response.get("ticks") if isinstance(response.get("ticks"), list) else []
            n = len(course.items[ref].checklist)
            ticked = len([t for t in ticks if isinstance(t, int) and not isinstance(t, bool) and 0 <= t < n])
            out.append(
                {
                    "pseudonym": x.data["pseudonym"].strip(),
                    "item": ref,
                    "title": course.items[ref].title,
                    "words": word_count(text),
                    "ticked": f"{ticked} of {n}",
                    "text": text,
                }
            )
    return out
