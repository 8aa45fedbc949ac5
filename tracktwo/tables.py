"""Course data as accessible, printable tables: pure functions, no Sphinx and no I/O.

Each table is first built as a :class:`Table` (a caption, column headings and rows of plain text),
so the same content can be rendered as HTML (:func:`table_html`, for notebooks and JupyterLab) or
as docutils nodes (:func:`table_nodes`, for the book's directives in
:mod:`tracktwo.sphinxext.data_tables`). Every row carries its source.

- :func:`events_tables`: the events grouped by period, one table per period, in time order.
- :func:`relations_table`: the brief's Table 1, "Conflict and Dialogue Mapping", verbatim.
- :func:`institutions_table`: each period's peace architecture, by function.
- :func:`relations_since_table`: Table 1 then and now (each relationship in the brief, and after it).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .architecture import FUNCTION_LABELS
from .data.dates import MONTHS
from .citations import cite, resolve_keys

__all__ = [
    "FUNCTION_LABELS",
    "Table",
    "cite",
    "events_tables",
    "institutions_table",
    "relations_since_table",
    "relations_table",
    "resolve_keys",
    "table_html",
    "table_nodes",
    "tables_html",
]


@dataclass
class Table:
    """A table as plain text: what both renderers need, and what tests can check."""

    caption: str
    columns: list[str]
    rows: list[list[str]]
    empty_message: str = "No rows."
    note: str = ""
    row_ids: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)


def _label(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _date_text(row: Mapping | pd.Series) -> str:
    start = row.get("start_text") or ""
    end = row.get("end_text") or ""
    return f"{start} to {end}" if isinstance(end, str) and end else str(start)


def _as_list(value) -> list[str]:
    if isinstance(value, str):
        return [v for v in value.split(";") if v]
    return [str(v) for v in (value or [])]


def events_tables(
    events: pd.DataFrame,
    periods: pd.DataFrame,
    *,
    citations: Mapping[str, str] | None = None,
    period: str | Iterable[str] | None = None,
    with_notes: bool = True,
) -> list[Table]:
    """One table per period (in time order) listing that period's events, earliest first.

    ``period`` limits the tables to one period id (or several); an unknown id raises ``ValueError``
    naming the known ids. A period with no events gets a table that says so (``empty_message``).
    Columns: Date, Event (with its category and the tracks the brief links it to), What happened
    (with the data's note on dates or discrepancies when ``with_notes``), Source.
    """
    ordered = periods.sort_values("start")
    known = list(ordered["id"])
    if period is not None:
        wanted = [period] if isinstance(period, str) else list(period)
        unknown = [p for p in wanted if p not in known]
        if unknown:
            raise ValueError(f"unknown period {', '.join(map(repr, unknown))}: use one of {', '.join(known)}")
        ordered = ordered[ordered["id"].isin(wanted)]
    tables = []
    for p in ordered.itertuples(index=False):
        rows, ids = [], []
        chosen = events[events["period"] == p.id].sort_values(["start", "id"])
        for _, r in chosen.iterrows():
            what = str(r["summary"])
            note = r.get("note")
            if with_notes and isinstance(note, str) and note.strip():
                what += f" Note: {resolve_keys(note.strip(), citations)}"
            tracks = _as_list(r.get("tracks"))
            kind = _label(str(r["category"]))
            if tracks:
                kind += f"; Track{'s' if len(tracks) > 1 else ''} {', '.join(tracks)}"
            rows.append([_date_text(r), f"{r['title']} ({kind})", what, cite(r, citations)])
            ids.append(str(r["id"]))
        tables.append(
            Table(
                caption=f"{p.label}: {len(rows)} event{'s' if len(rows) != 1 else ''}",
                columns=["Date", "Event (category; tracks)", "What happened", "Source"],
                rows=rows,
                row_ids=ids,
                empty_message=f"The course records no events for {p.label}.",
            )
        )
    return tables


def relations_table(
    relations: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    *,
    citations: Mapping[str, str] | None = None,
    with_notes: bool = True,
) -> Table:
    """The brief's Table 1, row by row, with its cells as printed and each row's source.

    The first Actor cell is left blank in the brief after row 1 (the SAC is understood); the table
    fills it from the coded ``actor_a`` so that every row reads on its own, and says so in ``note``.
    """
    names = {}
    if actors is not None:
        for a in actors.itertuples(index=False):
            names[a.id] = a.acronym or a.name
    rows, ids = [], []
    for _, r in relations.sort_values("table_row").iterrows():
        first = str(r["actor_a_text"]).strip() or names.get(r["actor_a"], r["actor_a"])
        second = str(r["actor_b_text"]).strip() or " and ".join(names.get(a, a) for a in _as_list(r["actor_b"]))
        note = r.get("note")
        dialogue = str(r["dialogue_status"])
        rows.append(
            [
                str(r["table_row"]),
                first,
                second,
                str(r["conflict_status"]),
                dialogue,
                (resolve_keys(note.strip(), citations) if with_notes and isinstance(note, str) else ""),
                cite(r, citations),
            ]
        )
        ids.append(str(r["id"]))
    columns = ["Row", "Actor", "Actor", "Conflict status", "Dialogue status", "How the course reads the row", "Source"]
    caption = "Table 1 of the brief: Conflict and Dialogue Mapping (undated; the brief was published in November 2021)"
    keys = set(relations["source"])
    if len(keys) == 1 and rows and all(re.fullmatch(r"Table 1, row \d+", str(loc)) for loc in relations["locator"]):
        # One source for every row (the brief's Table 1): say so once, in the caption.
        caption += f". Source: {(citations or {}).get(next(iter(keys)), next(iter(keys)))}, Table 1, rows 1-{len(rows)}"
        columns = columns[:-1]
        rows = [r[:-1] for r in rows]
    return Table(
        caption=caption,
        columns=columns,
        rows=rows,
        row_ids=ids,
        empty_message="No rows of Table 1 are selected.",
        note=(
            "Cells are quoted as the brief prints them. Where the brief leaves the first Actor cell blank "
            "(rows 2 to 17, under the SAC), the course fills in the actor the row is about. "
            "FPNCC: the Federal Political Negotiation and Consultative Committee, the alliance of the "
            "UWSA, NDAA, SSPP, TNLA, MNDAA, KIA and AA. NCA-S: a signatory of the Nationwide Ceasefire "
            "Agreement."
        ),
    )


def institutions_table(
    institutions: pd.DataFrame,
    periods: pd.DataFrame,
    *,
    citations: Mapping[str, str] | None = None,
) -> Table:
    """Each period's peace bodies with their functions and tracks, in period order."""
    order = {pid: i for i, pid in enumerate(periods.sort_values("start")["id"])}
    labels = dict(zip(periods["id"], periods["label"]))
    chosen = institutions.assign(_o=institutions["period"].map(order)).sort_values(["_o", "established", "id"])
    rows, ids = [], []
    for _, r in chosen.iterrows():
        name = f"{r['name']} ({r['acronym']})" if r.get("acronym") else str(r["name"])
        functions = ", ".join(FUNCTION_LABELS.get(f, _label(f)) for f in _as_list(r["functions"]))
        tracks = ", ".join(_as_list(r["tracks"])) or "not stated"
        rows.append(
            [
                labels.get(r["period"], r["period"]),
                name,
                functions,
                tracks,
                str(r.get("established_text") or "") or "not known",
                str(r["description"]),
                cite(r, citations),
            ]
        )
        ids.append(str(r["id"]))
    return Table(
        caption="Peace architectures by period: what each body did or was meant to do",
        columns=["Period", "Body", "Functions", "Tracks", "Set up", "What it was", "Source"],
        rows=rows,
        row_ids=ids,
        empty_message="No institutions are selected.",
    )


# ------------------------------------------------------------------------------------------------
# Rendering
# ------------------------------------------------------------------------------------------------


def table_html(table: Table, *, css_class: str = "tt-data-table") -> str:
    """The table as an HTML ``<table>`` with a caption and header cells scoped to their columns.

    An empty table becomes a paragraph that says so (never an empty grid).
    """
    caption = html.escape(table.caption)
    if not table.rows:
        return f'<p class="{css_class}-empty"><strong>{caption}.</strong> {html.escape(table.empty_message)}</p>'
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in table.columns)
    body = []
    for row in table.rows:
        cells = [f'<th scope="row">{html.escape(row[0])}</th>'] + [f"<td>{html.escape(v)}</td>" for v in row[1:]]
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = f'<p class="{css_class}-note">{html.escape(table.note)}</p>' if table.note else ""
    return (
        f'<div class="{css_class}-wrap"><table class="{css_class}"><caption>{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{note}</div>"
    )


def tables_html(tables: Sequence[Table], **kwargs) -> str:
    """Several tables, one after the other."""
    return "\n".join(table_html(t, **kwargs) for t in tables)


def table_nodes(
    table: Table, *, css_class: str = "tt-data-table", widths: Sequence[int] | None = None, row_id_prefix: str | None = None
) -> list:
    """The table as docutils nodes: a titled table (its title becomes the HTML caption), or a
    paragraph saying that it is empty; plus the table's note, if any. With ``row_id_prefix``, each
    row gets the HTML id ``<prefix><row id>`` (so an address can point at one row)."""
    from docutils import nodes

    if not table.rows:
        para = nodes.paragraph(classes=[f"{css_class}-empty"])
        para += nodes.strong(text=f"{table.caption}. ")
        para += nodes.Text(table.empty_message)
        return [para]
    node = nodes.table(classes=[css_class] + (["colwidths-given"] if widths else []))
    node += nodes.title(text=table.caption)
    group = nodes.tgroup(cols=len(table.columns))
    node += group
    for width in widths or [1] * len(table.columns):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for column in table.columns:
        row += nodes.entry("", nodes.paragraph(text=column))
    head += row
    group += head
    body = nodes.tbody()
    ids = table.row_ids if row_id_prefix is not None and len(table.row_ids) == len(table.rows) else []
    for i, values in enumerate(table.rows):
        row = nodes.row()
        if ids:
            row["ids"].append(f"{row_id_prefix}{ids[i]}")
        for value in values:
            row += nodes.entry("", nodes.paragraph(text=value))
        body += row
    group += body
    out: list = [node]
    if table.note:
        out.append(nodes.paragraph(text=table.note, classes=[f"{css_class}-note"]))
    return out


def as_of_text(text: str, precision: str) -> str:
    """'2025-10-29' -> '29 October 2025'; '2025-08' -> 'August 2025'; '2025' -> '2025'; '' -> ''."""
    if not text:
        return ""
    parts = text.split("-")
    if precision == "day" and len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if precision == "month" and len(parts) >= 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


#: relations_since.csv's status codes in words, for the then-and-now table and map.
STATUS_LABELS = {
    "fighting": "Fighting",
    "ceasefire": "Ceasefire",
    "talks": "In talks",
    "no-talks": "Out of the talks",
    "split": "Split",
    "mixed": "Mixed",
    "unknown": "Unknown",
}


def source_labels(references: pd.DataFrame) -> dict[str, str]:
    """Short labels for the sources of relations_since: 'Outlet (year)' or 'Outlet (undated)'.
    (Many fact-sheet sources have no title, so the usual short citation would quote a placeholder.)"""
    labels = {}
    for r in references.itertuples(index=False):
        who = r.authors[0] if r.authors else r.key
        year = None if r.year is None or pd.isna(r.year) else int(r.year)
        labels[r.key] = f"{who} ({year})" if year else f"{who} (undated)"
    return labels


def relations_since_table(
    relations: pd.DataFrame,
    since: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    *,
    citations: Mapping[str, str] | None = None,
    status_labels: Mapping[str, str] | None = None,
) -> Table:
    """Table 1 then and now: for each of the brief's rows (in the brief's order), its cells as the
    brief prints them, what changed after September 2021, the status after (with its date) and the
    sources with their fact ids. A relationship with no row in ``since`` raises ``ValueError``."""
    names = {}
    if actors is not None:
        for a in actors.itertuples(index=False):
            names[a.id] = a.acronym or a.name
    by_id = {r["id"]: r for r in since.to_dict("records")}
    missing = [rid for rid in relations["id"] if rid not in by_id]
    if missing:
        raise ValueError(f"no row in relations_since for {', '.join(missing)}")
    rows, ids = [], []
    for _, r in relations.sort_values("table_row").iterrows():
        now = by_id[r["id"]]
        first = names.get(r["actor_a"], r["actor_a"])
        second = " and ".join(names.get(a, a) for a in _as_list(r["actor_b"]))
        then = f"{r['conflict_status']} / {r['dialogue_status']}"
        change = str(now["change"])
        note = now.get("note")
        if isinstance(note, str) and note.strip():
            change += f" Note: {resolve_keys(note.strip(), citations)}"
        status = (status_labels or STATUS_LABELS).get(now["status_after"], _label(now["status_after"]))
        when = as_of_text(now.get("as_of_text") or "", now.get("precision") or "")
        if when:
            status += f" (as of {when})"
        keys = [now["source"], *_as_list(now.get("other_sources"))]
        facts = _as_list(now.get("facts"))
        sources = "; ".join((citations or {}).get(k, k) for k in keys if k)
        if facts:
            sources += f" (fact sheet: {', '.join(facts)})"
        rows.append([str(r["table_row"]), f"{first} and {second}", then, change, status, sources])
        ids.append(str(r["id"]))
    return Table(
        caption=(
            "Table 1 then and now: each relationship as the brief's Table 1 gives it (undated; the brief "
            "was published in November 2021), and how it changed after September 2021, to April 2026"
        ),
        columns=[
            "Row",
            "Relationship",
            "In the brief's Table 1 (conflict / dialogue)",
            "After September 2021",
            "Status after",
            "Sources (fact ids)",
        ],
        rows=rows,
        row_ids=ids,
        empty_message="No rows of Table 1 are selected.",
        note=(
            "The brief's cells are quoted as printed. The changes come only from facts that the course's "
            "fact sheet on events after the brief marks verified or gives with a discrepancy; where the "
            "sources disagree, both versions are given. \"Status after\" is the course's coding."
        ),
    )
