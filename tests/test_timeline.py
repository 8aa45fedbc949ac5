"""The timeline's filter (shared by the book and the live explorer) and its figure builder."""

from __future__ import annotations

import pandas as pd
import pytest

from tracktwo.figures import text_alternative
from tracktwo.figures.timeline_chart import timeline_figure
from tracktwo.timeline import describe_selection, filter_events


@pytest.fixture
def periods():
    return pd.DataFrame({
        "id": ["junta", "usdp"],
        "label": ["Junta", "USDP"],
        "start": pd.to_datetime(["1988-01-01", "2011-01-01"]),
        "end": pd.to_datetime(["2011-12-31", "2016-12-31"]),
    })


@pytest.fixture
def events():
    return pd.DataFrame({
        "id": ["a-ceasefire", "b-election", "c-peace-offer", "d-nca"],
        "start": pd.to_datetime(["1989-01-01", "2010-11-07", "2011-08-01", "2015-10-15"]),
        "start_text": ["1989", "2010-11-07", "2011-08", "2015-10-15"],
        "period": ["junta", "junta", "usdp", "usdp"],
        "category": ["ceasefire-agreement", "election", "policy", "ceasefire-agreement"],
        "tracks": [["1.5"], [], ["1"], ["1", "1.5"]],
        "actors": [["mi", "mndaa"], ["usdp"], ["usdp"], ["knu", "rcss"]],
        "title": ["First ceasefire", "Election", "Peace offer", "NCA signed"],
        "summary": ["The first junta ceasefire.", "A controversial election.", "A new peace process.", "Eight EAOs sign."],
        "source": ["k1", "k1", "k2", "k2"],
        "locator": ["Sec. 2", "Sec. 2", "", "Sec. 2"],
    })


def test_no_filter_returns_everything_in_time_order(events):
    out = filter_events(events)
    assert list(out["id"]) == ["a-ceasefire", "b-election", "c-peace-offer", "d-nca"]


@pytest.mark.parametrize("kwargs, expected", [
    ({"periods": "usdp"}, ["c-peace-offer", "d-nca"]),
    ({"categories": ["ceasefire-agreement"]}, ["a-ceasefire", "d-nca"]),
    ({"tracks": "1.5"}, ["a-ceasefire", "d-nca"]),
    ({"actors": ["usdp"]}, ["b-election", "c-peace-offer"]),
    ({"text": "NCA"}, ["d-nca"]),
    ({"text": "  junta  "}, ["a-ceasefire"]),
    ({"periods": "junta", "tracks": ["1.5"]}, ["a-ceasefire"]),
    ({"periods": [], "categories": None, "text": ""}, ["a-ceasefire", "b-election", "c-peace-offer", "d-nca"]),
])
def test_filters_combine(events, kwargs, expected):
    assert list(filter_events(events, **kwargs)["id"]) == expected


def test_a_filter_that_matches_nothing_is_an_empty_table_and_a_sentence(events):
    out = filter_events(events, periods="nld", text="zzz")
    assert out.empty and list(out.columns) == list(events.columns)
    assert describe_selection(out, len(events)).startswith("No event matches")
    assert describe_selection(events, len(events)) == "All 4 events are shown."
    assert describe_selection(events.head(2), 4) == "2 of 4 events match."


def test_filter_does_not_change_its_input(events):
    before = events.copy()
    filter_events(events, periods="usdp", text="nca")
    pd.testing.assert_frame_equal(events, before)


def test_timeline_figure_has_a_lane_per_category_bands_and_working_controls(events, periods):
    fig = timeline_figure(events, periods, citations={"k1": "Author (2021)"})
    # Lanes follow the schema's category order (election before ceasefire-agreement before policy).
    assert [t.name for t in fig.data] == ["Election", "Ceasefire agreement", "Policy"]
    markers = [(t.marker.color, t.marker.symbol) for t in fig.data]
    assert len(set(markers)) == len(markers), "no two lanes share colour and symbol"
    assert sum(len(t.x) for t in fig.data) == len(events)
    assert len(fig.layout.shapes) == len(periods)
    period_menu, category_menu = fig.layout.updatemenus
    assert [b.label for b in period_menu.buttons] == ["All years", "Junta", "USDP"]
    junta = period_menu.buttons[1].args[0]["xaxis.range"]
    assert junta[0].startswith("1987") and junta[1].startswith("2012")
    only_election = category_menu.buttons[1]
    assert only_election.label == "Only election" and only_election.args[0]["visible"] == [True, False, False]
    assert fig.layout.xaxis.rangeslider.visible is True


def test_ten_lanes_never_repeat_a_marker(periods):
    cats = [f"c{i}" for i in range(10)]
    ev = pd.DataFrame({"id": cats, "start": pd.to_datetime(["1990-01-01"] * 10), "start_text": ["1990"] * 10,
                       "period": ["junta"] * 10, "category": cats, "tracks": [[]] * 10, "actors": [[]] * 10,
                       "title": cats, "summary": cats, "source": ["k"] * 10, "locator": [""] * 10})
    fig = timeline_figure(ev, periods, categories=cats)
    assert len({(t.marker.color, t.marker.symbol) for t in fig.data}) == 10


def test_every_point_carries_its_source_and_the_figure_its_table(events, periods):
    fig = timeline_figure(events, periods, citations={"k1": "Author (2021)"})
    cites = [c[2] for t in fig.data for c in t.customdata]
    assert "Author (2021), Sec. 2" in cites and "k2" in cites  # unknown keys fall back to the key
    alt = text_alternative(fig)
    assert alt["columns"] == ["Date", "Event", "Category", "Period", "Source"]
    assert [r[1] for r in alt["rows"]] == ["First ceasefire", "Election", "Peace offer", "NCA signed"]
    assert "4 events" in alt["summary"]


def test_year_only_events_sit_inside_their_period_band(periods):
    ev = pd.DataFrame({
        "id": ["coarse", "exact", "coarse-early"],
        "start": pd.to_datetime(["2011-01-01", "2011-02-01", "1990-01-01"]),
        "start_text": ["2011", "2011-02-01", "1990"],
        "precision": ["year", "day", "year"],
        "period": ["usdp", "junta", "junta"],
        "category": ["policy"] * 3, "tracks": [[]] * 3, "actors": [[]] * 3,
        "title": ["a", "b", "c"], "summary": ["a", "b", "c"], "source": ["k"] * 3, "locator": [""] * 3,
    })
    periods = periods.assign(start=pd.to_datetime(["1988-09-18", "2011-03-30"]))
    fig = timeline_figure(ev, periods)
    xs = dict(zip(fig.data[0].text, fig.data[0].x))
    assert xs["a"] == "2011-03-30"   # a year-only USDP event moves to the period's first day
    assert xs["b"] == "2011-02-01"   # a day-precise date is never moved
    assert xs["c"] == "1990-01-01"   # already inside its period
    shown = dict(zip(fig.data[0].text, (c[0] for c in fig.data[0].customdata)))
    assert shown["a"] == "2011"       # the hover still gives the date as the source gives it
