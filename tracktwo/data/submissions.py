"""A learner's "all my work" file: one JSON file, the same from the book and from JupyterLab.

The file (schema: ``data/submission.schema.json``; decision 0017) holds what the course keeps for a
learner, byte for byte, under a pseudonym the learner types (no real name is asked), with a summary a
person can read: open answers with word counts, scores by chapter, and a count per kind of work.

* **The book** (``assets/tracktwo/my-work.js``) gathers every key under the edition's storage prefix
  (through ``window.TTStorage``), sorts it into the key families of :data:`FAMILIES`, and restores a
  file on another device. The page receives :data:`FAMILIES` from the build (one home for the
  registry), so a new tool whose keys fit a family (a timeline under ``<prefix>:maps:v1:<kind>:<id>``)
  is gathered, counted and restored with no new code; a key of no known family is kept as "other".
* **JupyterLab** (:func:`gather_notebook_files`, :func:`restore_notebook_files`): the widgets' saved
  files beside the notebooks (``*.saved.json``), read through :mod:`.learner_files`, travel as entries
  of the ``notebook-file`` family (``<prefix>:notebook:<file name>``).

The pure parts (:func:`problems`, :func:`summarise`, :func:`word_count`, :func:`family_of`,
:func:`plan_restore`) have a JavaScript twin in ``my-work.js``; ``tests/fixtures/submission-*.json``
are read by both (``tests/test_submissions.py``, ``tests/js/my-work.test.js``). Nothing is sent anywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .learner_files import (
    MAX_BYTES,
    LearnerFileError,
    checked,
    json_or_none,
    parse_json,
    q,
    read_learner_bytes,
    read_json,
    short_text,
    text_of,
    write_saved,
)

#: What the file says it is (neutral: no word of :data:`tracktwo.editions.MARKED_WORDS`), and its version.
FORMAT = "course-work"
VERSION = 1
#: The largest file read at all (40 maps of 60 KB and every answer fit well inside).
MAX_SUBMISSION_BYTES = 4_000_000
MAX_ENTRIES = 2_000
MAX_PSEUDONYM = 60
MAX_RAW = 512_000
#: A widget's saved file beside a notebook (``save_to=...``).
NOTEBOOK_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.saved\.json$")
HOSTS = ("book", "notebooks")
#: Word separators, the same set in my-work.js (so both count the same words).
WHITESPACE = " \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_WORD = re.compile(f"[^{WHITESPACE}]+")

#: The registry of key families: (family, what it holds, pattern on the key after "<prefix>:",
#: where it is restored). First match wins; a key under the prefix that matches none is "other"
#: (kept and restored like the rest). Settings, not work, are never gathered (:data:`NOT_WORK`).
FAMILIES: tuple[dict[str, str], ...] = (
    {
        "family": "set-aside",
        "label": "Saved work set aside (kept, not used)",
        "pattern": r"^(.+):set-aside:(.+)$",
        "host": "book",
    },
    {"family": "exercise", "label": "Answers to exercises", "pattern": r"^[^:]+:exercise:([^:/]+/[^:/]+)$", "host": "book"},
    {"family": "maps", "label": "Maps, worksheets and map exercises", "pattern": r"^maps:v1:([^:]+):(.+)$", "host": "book"},
    {"family": "design", "label": "Designs", "pattern": r"^design:v1:(.+)$", "host": "book"},
    {"family": "ripeness", "label": "Judgements of ripeness", "pattern": r"^ripeness:v1:(.+)$", "host": "book"},
    {"family": "notebook-file", "label": "Work saved in the notebooks", "pattern": r"^notebook:(.+)$", "host": "notebooks"},
)
OTHER = {"family": "other", "label": "Other saved work", "pattern": "", "host": "book"}
#: Keys under the prefix that are settings of this browser, not work: never gathered or restored.
NOT_WORK = ("keep", "instructor-view")


def word_count(text: Any) -> int:
    """Words in ``text``: runs of characters between :data:`WHITESPACE` (0 for anything not text)."""
    return len(_WORD.findall(text)) if isinstance(text, str) else 0


def family_of(key: str, prefix: str) -> dict[str, str] | None:
    """The family of a storage key (a row of :data:`FAMILIES`, or :data:`OTHER`), or None when the key
    is not under ``prefix`` or is a setting (:data:`NOT_WORK`)."""
    start = prefix + ":"
    if not isinstance(key, str) or not key.startswith(start):
        return None
    rest = key[len(start) :]
    if rest in NOT_WORK:
        return None
    for row in FAMILIES:
        if re.search(row["pattern"], rest):
            return row
    return OTHER


def gather(entries: Iterable[tuple[str, str]], prefix: str) -> list[dict[str, str]]:
    """The work among ``[(key, raw)]``: ``[{key, family, raw}]`` sorted by key; settings left out."""
    out = []
    for key, raw in entries:
        fam = family_of(key, prefix)
        if fam is not None and isinstance(raw, str):
            out.append({"key": key, "family": fam["family"], "raw": raw})
    return sorted(out, key=lambda e: e["key"])


# --- Scores and answers (the twin of progress.js's summarise) --------------------------------------


def _is_count(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0


def saved_value(raw: Any) -> Any:
    """A saved value's JSON text parsed (None when it is not JSON; never raises)."""
    return json_or_none(raw)


def read_value(raw: Any) -> dict[str, Any]:
    """One saved answer -> {status, points, max}: "checked", "saved" or "unrecognised" (progress.js)."""
    saved = saved_value(raw)
    if not isinstance(saved, dict) or saved.get("v") not in (1, 2) or isinstance(saved.get("v"), bool):
        return {"status": "unrecognised"}
    if saved.get("checked") is True:
        points, mx = saved.get("points"), saved.get("max")
        if not _is_count(points) or not _is_count(mx) or points > mx:
            return {"status": "unrecognised"}
        return {"status": "checked", "points": points, "max": mx}
    return {"status": "saved"}


def _exercise_id(key: str, prefix: str, version: str) -> str | None:
    m = re.match(rf"^{re.escape(prefix)}:{re.escape(version)}:exercise:([^:/]+/[^:/]+)$", key or "")
    return m.group(1) if m else None


def summarise(entries: list[dict[str, str]], manifest: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """What a person reads first: open answers (with word counts), scores by chapter and totals (from
    the saved answers of this course version, as the progress page counts them), and how many
    entries of each family. ``manifest``: ``{version, chapters: [{title, exercises: [{id, title,
    type}]}]}`` (the progress page's list). Never raises on bad values."""
    version = str(manifest.get("version", ""))
    chapters = manifest.get("chapters") or []
    saved: dict[str, str] = {}
    for e in entries:
        ex = _exercise_id(e.get("key", ""), prefix, version)
        if ex:
            saved[ex] = e.get("raw", "")
    answers, rows, seen = [], [], set()
    totals = {"exercises": 0, "checked": 0, "saved": 0, "unrecognised": 0, "points": 0, "max": 0}
    for ch in chapters:
        row = {"title": ch.get("title", ""), "total": 0, "checked": 0, "saved": 0, "unrecognised": 0, "points": 0, "max": 0}
        for ex in ch.get("exercises") or []:
            v = read_value(saved[ex["id"]]) if ex["id"] in saved else {"status": "none"}
            row["total"] += 1
            if v["status"] == "checked":
                row["checked"] += 1
                row["points"] += v["points"]
                row["max"] += v["max"]
            elif v["status"] in ("saved", "unrecognised"):
                row[v["status"]] += 1
            if ex["id"] not in seen:  # a review page may place an exercise again: count it once
                seen.add(ex["id"])
                totals["exercises"] += 1
                for k in ("checked", "saved", "unrecognised"):
                    totals[k] += v["status"] == k
                if v["status"] == "checked":
                    totals["points"] += v["points"]
                    totals["max"] += v["max"]
                if ex.get("type") == "open" and ex["id"] in saved:
                    value = saved_value(saved[ex["id"]])
                    response = value.get("response") if isinstance(value, dict) else None
                    text = response.get("text") if isinstance(response, dict) else None
                    ticks = response.get("ticks") if isinstance(response, dict) else None
                    if isinstance(text, str) and text.strip():
                        answers.append(
                            {
                                "id": ex["id"],
                                "title": ex.get("title", ex["id"]),
                                "chapter": row["title"],
                                "text": text,
                                "words": word_count(text),
                                "ticks": len(ticks) if isinstance(ticks, list) else 0,
                            }
                        )
        rows.append(row)
    families = []
    for fam in FAMILIES + (OTHER,):
        n = sum(1 for e in entries if e.get("family") == fam["family"])
        if n:
            families.append({"family": fam["family"], "label": fam["label"], "count": n})
    return {"answers": answers, "chapters": rows, "totals": totals, "families": families}


def build(
    entries: Iterable[tuple[str, str]],
    *,
    pseudonym: str,
    prefix: str,
    course_version: str,
    saved: str,
    host: str,
    manifest: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The file's content (a dict to write as JSON). ``saved``: the day, ``YYYY-MM-DD``."""
    work = gather(entries, prefix)
    manifest = manifest or {"version": course_version, "chapters": []}
    return {
        "format": FORMAT,
        "version": VERSION,
        "pseudonym": pseudonym.strip(),
        "saved": saved,
        "from": host,
        "prefix": prefix,
        "course_version": course_version,
        "entries": work,
        "summary": summarise(work, manifest, prefix),
    }


def file_name(day: str) -> str:
    """The neutral name of the file (decision 0014): ``work-2026-12-07.json``."""
    return f"work-{day}.json"


# --- Checks (the same order and words as my-work.js's problems) ------------------------------------


def _entry_where(i: int, e: Any) -> str:
    key = e.get("key") if isinstance(e, dict) else None
    return f"entry {i + 1}" + (f" ({short_text(key, 80)})" if isinstance(key, str) else "")


def problems(data: Any, known_items: set[str] | None = None) -> list[str]:
    """Why ``data`` is not a usable work file, in plain sentences naming the item and field (the first
    is what the learner sees); [] when it is usable. ``known_items``: the exercise ids
    (``bank/item``) of this course; an answer for any other is a problem."""
    if not isinstance(data, dict):
        return ["the file holds no object at its top: it is not a file of saved work"]
    if data.get("format") != FORMAT:
        return [
            f'field "format" is {short_text(q(data.get("format")))}, not "{FORMAT}": it is not a file of saved work from this course'
        ]
    if data.get("version") != VERSION or isinstance(data.get("version"), bool):
        return [
            f'field "version" is {short_text(q(data.get("version")))}: this course reads version {VERSION}; save the work again from the course'
        ]
    out = []
    pseudonym = data.get("pseudonym")
    if not isinstance(pseudonym, str) or not pseudonym.strip():
        out.append('field "pseudonym" is missing or empty: type the name you chose for this course (not your real name)')
    elif len(pseudonym) > MAX_PSEUDONYM:
        out.append(f'field "pseudonym" is {len(pseudonym)} characters long; the most is {MAX_PSEUDONYM}')
    prefix = data.get("prefix")
    if not isinstance(prefix, str) or not re.fullmatch(r"[a-z][a-z0-9-]{0,30}", prefix):
        out.append(f'field "prefix" is {short_text(q(prefix))}: it must be the course\'s storage prefix')
        return out
    if data.get("from") not in HOSTS:
        out.append(f'field "from" is {short_text(q(data.get("from")))}, not one of {", ".join(HOSTS)}')
    if not isinstance(data.get("course_version"), str) or not data.get("course_version"):
        out.append('field "course_version" is missing or empty')
    if not isinstance(data.get("saved"), str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", data.get("saved") or ""):
        out.append('field "saved" must be the day the file was saved, YYYY-MM-DD')
    entries = data.get("entries")
    if not isinstance(entries, list):
        out.append('field "entries" is missing or not a list')
        return out
    if len(entries) > MAX_ENTRIES:
        out.append(f'field "entries" has {len(entries):,} entries; the most is {MAX_ENTRIES:,}')
        return out
    version = data.get("course_version") if isinstance(data.get("course_version"), str) else ""
    keys: set[str] = set()
    for i, e in enumerate(entries):
        where = _entry_where(i, e)
        if not isinstance(e, dict):
            out.append(f"{where}: is not an object with a key and its saved text")
            continue
        key, raw = e.get("key"), e.get("raw")
        if not isinstance(key, str) or not key:
            out.append(f'{where}, field "key": missing or empty')
            continue
        fam = family_of(key, prefix)
        if fam is None:
            out.append(
                f'{where}, field "key": outside the course\'s storage ("{prefix}:..."), or a setting of the browser, not work'
            )
            continue
        if e.get("family") != fam["family"]:
            out.append(
                f'{where}, field "family": is {short_text(q(e.get("family")))}, but the key is of the family "{fam["family"]}"'
            )
        if not isinstance(raw, str):
            out.append(f'{where}, field "raw": must be the saved text (a string)')
        elif len(raw) > MAX_RAW:
            out.append(f'{where}, field "raw": is {len(raw):,} characters long; the most is {MAX_RAW:,}')
        if key in keys:
            out.append(f'{where}, field "key": appears twice in the file')
        keys.add(key)
        if fam["family"] == "notebook-file":
            if not NOTEBOOK_FILE.match(key[len(prefix) + len(":notebook:") :]):
                out.append(f'{where}, field "key": not the name of a notebook\'s saved file (NAME.saved.json)')
            elif isinstance(raw, str) and saved_value(raw) is None:
                out.append(f'{where}, field "raw": a notebook\'s saved file must be JSON')
        ex = _exercise_id(key, prefix, version)
        if ex and known_items is not None and ex not in known_items:
            out.append(f"{where}: an answer for the exercise {ex}, which this course does not have")
    if not isinstance(data.get("summary"), dict):
        out.append('field "summary" is missing or not an object')
    return out or _schema_problems(data)


def _schema_problems(data: Any) -> list[str]:
    """What the schema (data/submission.schema.json) finds that the checks above do not (the
    summary's shape, a field too many): "field "summary", answers, item 1, "words": ..."."""
    import jsonschema

    from .paths import DATA_DIR
    from .yamlfile import load_schema

    schema = load_schema(str(DATA_DIR / "submission.schema.json"))
    out = []
    for err in sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(map(str, e.path))):
        where = ", ".join(f"item {p + 1}" if isinstance(p, int) else f'"{p}"' for p in err.path) or "the top level"
        out.append(f"field {where}: {short_text(err.message, 120)}")
    return out


def read(name: str, raw: bytes | str, known_items: set[str] | None = None) -> dict[str, Any]:
    """A work file, checked: its data, or :class:`LearnerFileError` ("<file>: <what, where>")."""
    data = parse_json(name, raw, "a file of saved work", limit=MAX_SUBMISSION_BYTES)
    return checked(name, data, lambda d: problems(d, known_items))


# --- Restoring -------------------------------------------------------------------------------------


def plan_restore(data: Mapping[str, Any], existing: Mapping[str, str], prefix: str, host: str) -> dict[str, list]:
    """What importing ``data`` would do where ``existing`` (key -> raw, this edition's ``prefix``) is
    kept, in ``host`` ("book" or "notebooks"): ``add`` (new keys), ``replace`` (keys holding
    other work, to be set aside first), ``same`` (already there, byte for byte) and ``elsewhere``
    (entries another host restores). Keys move from the file's prefix to ``prefix``."""
    plan: dict[str, list] = {"add": [], "replace": [], "same": [], "elsewhere": []}
    source = data["prefix"] + ":"
    for e in data["entries"]:
        key = prefix + ":" + e["key"][len(source) :]
        fam = family_of(key, prefix) or OTHER
        row = {"key": key, "family": fam["family"], "raw": e["raw"]}
        if fam["host"] != host:
            plan["elsewhere"].append(row)
        elif key not in existing:
            plan["add"].append(row)
        elif existing[key] == e["raw"]:
            plan["same"].append(row)
        else:
            plan["replace"].append(row)
    return plan


# --- JupyterLab: the notebooks' saved files ---------------------------------------------------------


def _any_json(data: Any) -> list[str]:
    return []


def gather_notebook_files(folder: Path | str, prefix: str = "tracktwo") -> tuple[list[tuple[str, str]], list[str]]:
    """The widgets' saved files in ``folder`` (``*.saved.json``) as ``[(key, raw)]`` entries of the
    ``notebook-file`` family, and a message for each file that could not be read (left where it is)."""
    entries, messages = [], []
    for path in sorted(Path(folder).glob("*.saved.json")):
        if not NOTEBOOK_FILE.match(path.name) or not path.is_file():
            continue
        try:
            raw = read_learner_bytes(path, MAX_BYTES)
            read_json(path.name, raw, _any_json, "a widget's saved work")  # size, UTF-8, depth, JSON
        except LearnerFileError as err:
            messages.append(f"{err} (left out of the file, and left where it is)")
            continue
        except OSError as err:
            messages.append(f"{path.name}: could not be read ({err.strerror or type(err).__name__}); left out")
            continue
        entries.append((f"{prefix}:notebook:{path.name}", text_of(path.name, raw)))
    return entries, messages


def restore_notebook_files(data: Mapping[str, Any], folder: Path | str, *, confirm: bool = False) -> list[str]:
    """Write the file's notebook entries back beside the notebooks in ``folder``. Without ``confirm``
    nothing is written: the lines say what would be added and what replaced. With it, a file that
    holds other work is set aside first (``NAME.saved.json.set-aside``: kept, never deleted)."""
    from .learner_files import set_aside

    folder = Path(folder)
    incoming = {e["key"]: e["raw"] for e in data["entries"]}
    existing = {}
    for path in folder.glob("*.saved.json"):
        key = f"{data['prefix']}:notebook:{path.name}"
        try:
            text = text_of(path.name, read_learner_bytes(path, MAX_BYTES))
        except (OSError, LearnerFileError):
            text = "(a file this course cannot read)"  # never equal to an entry: it is set aside first
        # write_saved lays the JSON out its own way: the same data is the same work.
        same = key in incoming and saved_value(text) is not None and saved_value(text) == saved_value(incoming[key])
        existing[key] = incoming[key] if same else text
    plan = plan_restore(data, existing, data["prefix"], "notebooks")
    lines = []
    for row in plan["add"] + plan["replace"]:
        name = row["key"].split(":notebook:", 1)[1]
        replacing = row in plan["replace"]
        if not confirm:
            lines.append(
                f"would {'replace' if replacing else 'add'} {name}" + (" (the one there is set aside first)" if replacing else "")
            )
            continue
        aside = set_aside(folder / name) if replacing else None
        write_saved(folder / name, saved_value(row["raw"]))
        lines.append(f"restored {name}" + (f"; the one that was there is now {aside.name}" if aside else ""))
    lines += [f"{row['key'].split(':notebook:', 1)[1]} is already there, unchanged" for row in plan["same"]]
    if plan["elsewhere"]:
        lines.append(
            f"{len(plan['elsewhere'])} entries saved in the book (answers, maps, designs) are restored from its page My work"
        )
    return lines


def save_work(pseudonym: str, folder: Path | str = ".", day: str | None = None, prefix: str = "tracktwo") -> str:
    """JupyterLab's "Download all my work": gather the saved files in ``folder`` into
    ``work-<day>.json`` there (the book's format). Returns what was done, in one message."""
    import datetime

    from tracktwo import COURSE_VERSION

    if not isinstance(pseudonym, str) or not pseudonym.strip() or len(pseudonym) > MAX_PSEUDONYM:
        return (
            f"Give a pseudonym of 1 to {MAX_PSEUDONYM} characters (any name you choose; not your real name). Nothing was saved."
        )
    day = day or datetime.date.today().isoformat()
    entries, messages = gather_notebook_files(folder, prefix)
    data = build(entries, pseudonym=pseudonym, prefix=prefix, course_version=COURSE_VERSION, saved=day, host="notebooks")
    target = Path(folder) / file_name(day)
    write_saved(target, data)
    return "\n".join([f"Saved {len(entries)} saved file(s) of your work in {target.name}. Nothing was sent anywhere."] + messages)


def restore_work(path: Path | str, folder: Path | str = ".", *, confirm: bool = False) -> str:
    """Read a work file and restore its notebook files into ``folder`` (see :func:`restore_notebook_files`).
    A bad file is one message naming it and what is wrong; nothing is changed."""
    path = Path(path)
    try:
        data = read(path.name, read_learner_bytes(path, MAX_SUBMISSION_BYTES))
    except LearnerFileError as err:
        return f"{err}. Nothing was changed."
    except OSError as err:
        return f"{path.name}: could not be read ({err.strerror or type(err).__name__}). Nothing was changed."
    lines = restore_notebook_files(data, folder, confirm=confirm)
    if not confirm and any(line.startswith("would") for line in lines):
        lines.append("Run restore_work(..., confirm=True) to do it.")
    return "\n".join(lines)
