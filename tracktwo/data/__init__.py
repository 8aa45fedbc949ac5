"""The course data in ``data/``: read, validate, type and cross-check every table and content file.

The data layer: nothing here imports from the models, figures, widgets or the Sphinx plugin.

The tables are CSV files described by ``data/datapackage.json`` (a Frictionless Data Package), plus
the bibliography ``data/references.bib``. The data package is the one place where the tables'
columns, types and allowed values (enums, patterns) live: these loaders read it, and the independent
``frictionless validate data/datapackage.json`` reads the same file, so the two validators cannot
drift apart.

What you get
------------
One loader per table, each ``(data_dir=None) -> pandas.DataFrame``:
:func:`load_periods`, :func:`load_events`, :func:`load_actors`, :func:`load_relations`,
:func:`load_relations_since` (Table 1 after the brief),
:func:`load_institutions`, :func:`load_glossary` and :func:`load_references`; and :func:`load_all`,
which loads everything into a :class:`CourseData` and also checks the tables against each other.

Typed columns:

- list-valued fields (semicolon-separated in the CSV, e.g. ``tracks`` = ``"1;1.5"``) are Python
  lists (``[]`` when empty);
- ``periods.start`` / ``periods.end`` are Timestamps (``end`` is NaT for the open post-coup period);
- ``events.start`` / ``events.end`` are Timestamps at the first day of the date's precision
  (``"2009-04"`` -> 2009-04-01, ``"1989"`` -> 1989-01-01), and ``start_text`` / ``end_text`` keep the
  original strings; ``institutions.established`` likewise, with ``established_text``;
- integers and booleans are typed; optional text is ``""`` when empty.

Every row names its main source (``source``, a key of references.bib), a ``locator`` in it, and
optionally ``other_sources`` (more keys).

Errors
------
Every failure raises one :class:`DataError` that lists every problem found, each naming the file,
the line number in the file (the header row is line 1, so the first data row is line 2), the field
and the bad value, e.g.::

    data/events.csv, line 12, field "start": "2015-13-01" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)

A single-table loader checks that table on its own; :func:`load_all` adds the cross-table checks
(actor and period ids resolve, source keys exist in references.bib, event dates fall in their
period).

Malformed input
---------------
Every reader turns a malformed file into one error naming the file, the line or item, the field and
the value (cut to 80 characters), the first real problem first and its knock-on effects left out,
with a hint where the cause can be guessed (separator, encoding, quoting, YAML's ``yes``/``no``). The
bounds that keep every read fast (bytes, rows, entries, YAML values and depth) are in ``limits``;
every YAML file goes through ``safe_yaml`` (no anchors, no duplicate or non-text keys, depth and size
checked before parsing). ``tests/test_malformed.py`` holds the course's malformed set.

Modules
-------
``paths`` (ROOT, DATA_DIR), ``problems`` (Problem, DataError), ``dates``, ``package`` (the schema),
``csv_reader``, ``cells`` (cell checks and types), ``loaders`` (one per table), ``bibtex``,
``course`` (load_all and the cross-table checks), ``safe_yaml`` (the one YAML reader), ``yamlfile``
and ``content`` (the YAML content files, each checked against the JSON Schema beside it),
``dictionary`` (the data dictionary), ``limits`` (size and time bounds), ``learner_files`` (the one
home for learners' files: every file a widget saves or a learner imports is read, checked, written and
set aside there).
"""

from __future__ import annotations

from .bibtex import load_references
from .course import CourseData, load_all
from .dates import parse_partial_date
from .problems import DataError, Problem
from .loaders import (
    load_actors,
    load_events,
    load_glossary,
    load_institutions,
    load_periods,
    load_relations,
    load_relations_since,
)
from .package import DEFAULT_DATA_DIR, PACKAGE_FILE, TABLES, allowed_values, enum_descriptions, load_package
from .paths import DATA_DIR, ROOT

__all__ = [
    "DATA_DIR",
    "DEFAULT_DATA_DIR",
    "PACKAGE_FILE",
    "ROOT",
    "TABLES",
    "CourseData",
    "DataError",
    "Problem",
    "allowed_values",
    "enum_descriptions",
    "load_actors",
    "load_all",
    "load_events",
    "load_glossary",
    "load_institutions",
    "load_package",
    "load_periods",
    "load_references",
    "load_relations",
    "load_relations_since",
    "parse_partial_date",
]
