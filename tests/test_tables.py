"""The data tables (tracktwo.tables): pure functions, on the real course data and on small frames."""

from __future__ import annotations

import pandas as pd
import pytest
from docutils import nodes

from tracktwo.tables import (
    FUNCTION_LABELS,
    cite,
    events_tables,
    institutions_table,
    relations_table,
    resolve_keys,
    table_html,
    table_nodes,
)


def test_events_are_grouped_by_period_in_time_order_and_none_is_lost(course, citations):
    tables = events_tables(course.events, course.periods, citations=citations)
    assert len(tables) == len(course.periods)
    assert [t.caption.split(":")[0] for t in tables] == list(course.periods.sort_values("start")["label"])
    shown = [i for t in tables for i in t.row_ids]
    assert sorted(shown) == sorted(course.events["id"]) and len(shown) == len(set(shown))
    by_id = course.events.set_index("id")
    for table in tables:
        starts = [by_id.loc[i, "start"] for i in table.row_ids]
        assert starts == sorted(starts)


def test_every_event_row_carries_its_source(course, citations):
    for table in events_tables(course.events, course.periods, citations=citations):
        source = table.columns.index("Source")
        by_id = course.events.set_index("id")
        for event_id, row in zip(table.row_ids, table.rows):
            assert row[source].startswith(citations[by_id.loc[event_id, "source"]])
            assert by_id.loc[event_id, "locator"] in row[source]


def test_one_period_and_several_periods(course, citations):
    (junta,) = events_tables(course.events, course.periods, citations=citations, period="junta")
    assert set(junta.row_ids) == set(course.events.query("period == 'junta'")["id"])
    two = events_tables(course.events, course.periods, citations=citations, period=["usdp", "junta"])
    assert [t.caption.split(":")[0] for t in two] == ["Military junta (1988-2011)", "USDP-led government (2011-2016)"]


def test_an_unknown_period_names_the_known_ones(course):
    with pytest.raises(ValueError, match="unknown period 'nope': use one of pre1988, junta, usdp, nld, postcoup, postbrief"):
        events_tables(course.events, course.periods, period="nope")


def test_a_period_without_events_says_so(course):
    (table,) = events_tables(course.events.iloc[0:0], course.periods, period="nld")
    assert table.rows == [] and "no events" in table.empty_message
    assert "no events" in table_html(table) and "<table" not in table_html(table)
    (para,) = table_nodes(table)
    assert isinstance(para, nodes.paragraph) and "no events" in para.astext()


def test_the_discrepancies_are_in_the_table(course, citations):
    (junta,) = events_tables(course.events, course.periods, citations=citations, period="junta")
    purge = junta.rows[junta.row_ids.index("mi-purge")]
    assert purge[0] == "2005" and "2004" in purge[2]
    assert "BBC News (2004)" in purge[-1]
    assert purge[1] == "MI disbanded and Khin Nyunt arrested (Institution; Track 1.5)"
    (post,) = events_tables(course.events, course.periods, citations=citations, period="postcoup")
    toll = post.rows[post.row_ids.index("crackdown-toll-aapp")]
    assert "10 September 2021" in toll[2] and "1,089" in toll[2]


def test_notes_name_sources_by_citation_not_by_key(course, citations):
    text = resolve_keys("the day is from epfl-8888 and bbc-2004-khin-nyunt.", citations)
    assert "epfl-8888" not in text and citations["epfl-8888"] in text and citations["bbc-2004-khin-nyunt"] in text
    assert resolve_keys("no keys here", citations) == "no keys here"
    assert resolve_keys("x", None) == "x"


def test_notes_can_be_left_out(course, citations):
    (junta,) = events_tables(course.events, course.periods, citations=citations, period="junta", with_notes=False)
    assert not any("Note:" in r[2] for r in junta.rows)


def test_cite_joins_main_and_other_sources():
    row = pd.Series({"source": "a", "locator": "Sec. 2", "other_sources": ["b", "c"]})
    assert cite(row, {"a": "A (2021)", "b": "B (2004)"}) == "A (2021), Sec. 2; also B (2004); c"
    assert cite({"source": "a", "locator": "", "other_sources": ""}) == "a"


def test_relations_table_keeps_a_source_column_when_sources_differ(course, citations):
    mixed = course.relations.copy()
    mixed.loc[mixed.index[0], "source"] = "bbc-2004-khin-nyunt"
    table = relations_table(mixed, course.actors, citations=citations)
    assert table.columns[-1] == "Source" and table.rows[0][-1].startswith("BBC News (2004)")


def test_relations_table_is_table_1_verbatim(course, citations):
    table = relations_table(course.relations, course.actors, citations=citations)
    assert len(table) == 21 == len(course.relations)
    assert [r[0] for r in table.rows] == [str(i) for i in range(1, 22)]
    rows = dict(zip(table.row_ids, table.rows))
    assert rows["sac-aa"][3] == "De Facto Ceasefire; no fighting"
    assert rows["sac-aa"][4] == "Regular contact and some extent of dialogue"
    assert rows["sac-cnf"][4] == "No contact"
    assert rows["sac-uwsa"][1] == "State Administrative Council (SAC)"
    assert rows["sac-ndaa"][1] == "SAC"  # blank in the brief: filled from the coded actor
    assert "GARBLED ROW" in rows["nucc-eaos"][5]
    # One source for every row: given once, in the caption, instead of a column.
    assert table.caption.endswith(f"Source: {citations['jones2021myanmar']}, Table 1, rows 1-21")
    assert "Source" not in table.columns
    assert "FPNCC" in table.note


def test_institutions_table_lists_every_body_with_functions_and_source(course, citations):
    table = institutions_table(course.institutions, course.periods, citations=citations)
    assert sorted(table.row_ids) == sorted(course.institutions["id"])
    rows = dict(zip(table.row_ids, table.rows))
    assert rows["upcc"][2] == "Decision"
    assert rows["nrpc"][2] == "Decision, Negotiation, Technical support"
    assert rows["jicm"][3] == "1" and rows["upcc"][3] == "not stated"
    assert rows["peace-commission"][4] == "not known"
    assert set(FUNCTION_LABELS) >= {f for fs in course.institutions["functions"] for f in fs}


def test_html_is_accessible_and_escaped():
    from tracktwo.tables import Table

    table = Table(caption="Cap <1>", columns=["Date", "Event"], rows=[["2021", "A & B <c>"]], note="n")
    out = table_html(table)
    assert "<caption>Cap &lt;1&gt;</caption>" in out
    assert '<th scope="col">Date</th>' in out and '<th scope="row">2021</th>' in out
    assert "A &amp; B &lt;c&gt;" in out and "<c>" not in out


def test_docutils_table_has_a_title_header_and_widths():
    from tracktwo.tables import Table

    table = Table(caption="Cap", columns=["A", "B"], rows=[["1", "2"], ["3", "4"]], note="A note.")
    node, note = table_nodes(table, widths=[1, 3])
    assert isinstance(node, nodes.table) and "colwidths-given" in node["classes"]
    assert node.next_node(nodes.title).astext() == "Cap"
    assert len(list(node.findall(nodes.row))) == 3
    assert note.astext() == "A note."
