"""The live timeline explorer, driven without a kernel: filters change the status, list and detail."""

from __future__ import annotations

import pandas as pd

from test_timeline import events, periods  # noqa: F401  (fixtures)
from tracktwo.timeline.timeline_explorer import actor_options, event_detail_html, timeline_explorer


def _parts(box):
    filters, search, _lanes, status, chart, pick, detail = box.children
    period, category, track, actor = filters.children
    return period, category, track, actor, search, status, chart, pick, detail


def test_explorer_starts_with_everything_and_filters_by_period(events, periods):  # noqa: F811
    box = timeline_explorer(events, periods, citations={"k2": "Author (2021)"})
    period, category, track, actor, search, status, chart, pick, detail = _parts(box)
    assert "All 4 events are shown." in status.value
    assert len(chart.outputs) == 1 and "application/vnd.plotly.v1+json" in chart.outputs[0]["data"]
    period.value = ("usdp",)
    assert "2 of 4 events match." in status.value
    assert [v for _, v in pick.options] == ["c-peace-offer", "d-nca"]
    assert "Peace offer" in detail.outputs[0]["data"]["text/html"]


def test_no_match_says_so_and_clears_chart_list_and_detail(events, periods):  # noqa: F811
    box = timeline_explorer(events, periods)
    period, category, track, actor, search, status, chart, pick, detail = _parts(box)
    search.value = "no such event anywhere"
    assert "No event matches these filters" in status.value
    assert chart.outputs == () and pick.options == () and detail.outputs == ()
    search.value = ""
    assert "All 4 events are shown." in status.value


def test_picking_an_event_shows_its_citation(events, periods):  # noqa: F811
    box = timeline_explorer(events, periods, citations={"k2": "Author (2021)"})
    *_, pick, detail = _parts(box)
    pick.value = "d-nca"
    card = detail.outputs[0]["data"]["text/html"]
    assert "NCA signed" in card and "Source: Author (2021), Sec. 2" in card


def test_detail_card_escapes_html():
    row = pd.Series(
        {
            "title": "<b>x</b>",
            "start_text": "2015",
            "category": "other",
            "summary": "a & b",
            "tracks": [],
            "actors": [],
            "source": "k",
            "locator": "",
        }
    )
    card = event_detail_html(row)
    assert "&lt;b&gt;x&lt;/b&gt;" in card and "a &amp; b" in card


def test_actors_are_listed_and_shown_by_name(events, periods):  # noqa: F811
    names = {"knu": "KNU", "rcss": "RCSS", "usdp": "USDP", "mi": "Military Intelligence"}
    assert actor_options(events, names) == [
        ("KNU", "knu"),
        ("Military Intelligence", "mi"),
        ("mndaa", "mndaa"),
        ("RCSS", "rcss"),
        ("USDP", "usdp"),
    ]
    box = timeline_explorer(events, periods, actor_names=names)
    period, category, track, actor, *_ = _parts(box)
    assert ("Military Intelligence", "mi") in actor.options
    *_, pick, detail = _parts(box)
    pick.value = "d-nca"
    assert "Actors:</strong> KNU, RCSS" in detail.outputs[0]["data"]["text/html"]


def test_the_lanes_switch_redraws_the_chart_in_that_view(events, periods):  # noqa: F811
    box = timeline_explorer(events, periods)
    lanes = box.children[2]
    chart = box.children[4]
    assert [v for _, v in lanes.options] == ["category", "track", "actor"]
    lanes.value = "track"
    spec = chart.outputs[0]["data"]["application/vnd.plotly.v1+json"]
    assert "Track 1.5" in spec["layout"]["yaxis"]["ticktext"]
    assert spec["layout"]["updatemenus"][1]["active"] == 1
