"""Directives that render course data as accessible, printable tables (owned by the Part II work).

````md
```{events-table}
:period: junta
```
````

lists the events of one period (or, without ``:period:``, of every period, one table per period),
earliest first, each with its source. ``:period:`` also takes several ids separated by spaces or
commas. ``:notes: off`` leaves out the data's notes on dates and discrepancies.

````md
```{relations-table}
```
````

renders the brief's Table 1 ("Conflict and Dialogue Mapping") with every cell as printed, and

````md
```{institutions-table}
```
````

each period's peace bodies by function, and

````md
```{relations-since-table}
```
````

Table 1 then and now: each of the brief's rows beside how it changed after September 2021
(``data/relations_since.csv``). Tables are built by the pure functions of
:mod:`tracktwo.tables` from :func:`tracktwo.data.load_all`; a data error or an unknown period is a
Sphinx warning naming the problem (so ``-W`` fails the build with that message).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import tables

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _course():
    from ..citations import short_citations
    from ..data import DEFAULT_DATA_DIR, load_all

    course = load_all()
    return course, short_citations(course.references), DEFAULT_DATA_DIR


def _on_off(value: str | None) -> bool:
    return directives.choice((value or "on").strip().lower(), ("on", "off")) == "on"


class _DataTable(SphinxDirective):
    has_content = False

    def _load(self):
        try:
            course, citations, data_dir = _course()
        except Exception as exc:  # DataError lists every problem in plain words
            raise self.error(f"{{{self.name}}}: the course data could not be loaded: {exc}")
        for name in ("events", "periods", "actors", "relations", "relations_since", "institutions"):
            self.env.note_dependency(str(Path(data_dir) / f"{name}.csv"))
        self.env.note_dependency(str(Path(data_dir) / "references.bib"))
        return course, citations

    def _wrap(self, content: list[nodes.Node], kind: str) -> list[nodes.Node]:
        box = nodes.container(classes=["tt-data-tables", f"tt-{kind}-table"])
        box.extend(content)
        return [box]


class EventsTable(_DataTable):
    """The events, grouped by period, in time order, with sources."""

    #: ``:anchors:`` gives each row the id ``event-<id>`` (book/events.md, where links to an event
    #: land); chapter pages leave it off, since their timeline's own data table carries those ids.
    option_spec = {"period": directives.unchanged, "notes": _on_off, "anchors": directives.flag}

    def run(self) -> list[nodes.Node]:
        course, citations = self._load()
        period = self.options.get("period")
        wanted = [p for p in re.split(r"[\s,]+", period.strip()) if p] if period else None
        try:
            built = tables.events_tables(
                course.events, course.periods, citations=citations, period=wanted, with_notes=self.options.get("notes", True)
            )
        except ValueError as exc:
            raise self.error(f"{{events-table}} :period: {exc}")
        out: list[nodes.Node] = []
        for table in built:
            out.extend(
                tables.table_nodes(
                    table,
                    css_class="tt-data-table",
                    widths=[10, 20, 52, 18],
                    row_id_prefix="event-" if "anchors" in self.options else None,
                )
            )
        return self._wrap(out, "events")


class RelationsTable(_DataTable):
    """The brief's Table 1, verbatim, with the course's reading of each row and its source."""

    option_spec = {"notes": _on_off}

    def run(self) -> list[nodes.Node]:
        course, citations = self._load()
        table = tables.relations_table(
            course.relations, course.actors, citations=citations, with_notes=self.options.get("notes", True)
        )
        if not self.options.get("notes", True):
            keep = [i for i, c in enumerate(table.columns) if c != "How the course reads the row"]
            table.columns = [table.columns[i] for i in keep]
            table.rows = [[r[i] for i in keep] for r in table.rows]
        base = {
            "Row": 4,
            "Actor": 12,
            "Conflict status": 22,
            "Dialogue status": 20,
            "How the course reads the row": 28,
            "Source": 12,
        }
        widths = [base.get(c, 10) for c in table.columns]
        return self._wrap(tables.table_nodes(table, widths=widths), "relations")


class RelationsSinceTable(_DataTable):
    """Table 1 then and now: the brief's row, the change after September 2021, its status and sources."""

    def run(self) -> list[nodes.Node]:
        course, _ = self._load()
        try:
            table = tables.relations_since_table(
                course.relations, course.relations_since, course.actors, citations=tables.source_labels(course.references)
            )
        except ValueError as exc:
            raise self.error(f"{{relations-since-table}}: {exc}")
        return self._wrap(tables.table_nodes(table, widths=[4, 10, 20, 40, 10, 16]), "relations-since")


class InstitutionsTable(_DataTable):
    """Each period's peace architecture, body by body."""

    option_spec = {"period": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        course, citations = self._load()
        inst = course.institutions
        period = self.options.get("period")
        if period:
            wanted = [p for p in re.split(r"[\s,]+", period.strip()) if p]
            unknown = [p for p in wanted if p not in set(course.periods["id"])]
            if unknown:
                raise self.error(
                    f"{{institutions-table}} :period: unknown period {', '.join(unknown)}: "
                    f"use one of {', '.join(course.periods['id'])}"
                )
            inst = inst[inst["period"].isin(wanted)]
        table = tables.institutions_table(inst, course.periods, citations=citations)
        return self._wrap(tables.table_nodes(table, widths=[10, 16, 12, 6, 8, 34, 14]), "institutions")


def setup(app: Sphinx) -> dict:
    """Register the table directives."""
    app.add_directive("events-table", EventsTable)
    app.add_directive("relations-table", RelationsTable)
    app.add_directive("relations-since-table", RelationsSinceTable)
    app.add_directive("institutions-table", InstitutionsTable)
    return {"parallel_read_safe": True}
