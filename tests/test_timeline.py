"""The timeline's filter (shared by the book and the live explorer) and its figure builder."""

from __future__ import annotations

import pandas as pd
import pytest

from tracktwo.figures import text_alternative
from tracktwo.figures.palette import CATEGORY_STYLES, FALLBACK_STYLE, category_style
from tracktwo.timeline.timeline_chart import BRIEF_CUTOFF, NO_TRACK, first_sentence, stack_offsets, timeline_figure, view_lanes
from tracktwo.timeline import describe_selection, filter_events


@pytest.fixture
def periods():
    return pd.DataFrame(
        {
            "id": ["junta", "usdp"],
            "label": ["Junta", "USDP"],
            "start": pd.to_datetime(["1988-01-01", "2011-01-01"]),
            "end": pd.to_datetime(["2011-12-31", "2016-12-31"]),
        }
    )


@pytest.fixture
def events():
    return pd.DataFrame(
        {
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
        }
    )


def test_no_filter_returns_everything_in_time_order(events):
    out = filter_events(events)
    assert list(out["id"]) == ["a-ceasefire", "b-election", "c-peace-offer", "d-nca"]


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"periods": "usdp"}, ["c-peace-offer", "d-nca"]),
        ({"categories": ["ceasefire-agreement"]}, ["a-ceasefire", "d-nca"]),
        ({"tracks": "1.5"}, ["a-ceasefire", "d-nca"]),
        ({"actors": ["usdp"]}, ["b-election", "c-peace-offer"]),
        ({"text": "NCA"}, ["d-nca"]),
        ({"text": "  junta  "}, ["a-ceasefire"]),
        ({"periods": "junta", "tracks": ["1.5"]}, ["a-ceasefire"]),
        ({"periods": [], "categories": None, "text": ""}, ["a-ceasefire", "b-election", "c-peace-offer", "d-nca"]),
    ],
)
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
    markers = [t for t in fig.data if t.mode == "markers"]
    # Traces follow the schema's category order (election before ceasefire-agreement before policy).
    assert [t.name for t in markers] == ["Election", "Ceasefire agreement", "Policy"]
    assert list(fig.layout.yaxis.ticktext) == ["Election", "Ceasefire agreement", "Policy"]
    styles = [(t.marker.color, t.marker.symbol) for t in markers]
    assert len(set(styles)) == len(styles), "no two lanes share colour and symbol"
    # one marker per event in this view (an event in two lanes of another view has a hidden copy)
    assert sum(y is not None for t in markers for y in t.y) == len(events)
    assert len(fig.layout.shapes) == len(periods)  # 1988-2016: the brief's cut-off is not in these years
    period_menu, view_menu, category_menu = fig.layout.updatemenus
    assert [b.label for b in period_menu.buttons] == ["All years", "Junta", "USDP"]
    junta = period_menu.buttons[1].args[0]["xaxis.range"]
    assert junta[0].startswith("1987") and junta[1].startswith("2012")
    assert [b.label for b in view_menu.buttons] == ["By category", "By track", "By armed group"]
    only_election = category_menu.buttons[1]
    assert only_election.label == "Only election" and only_election.args[0]["visible"] == [True, False, False]
    assert fig.layout.xaxis.rangeslider.visible is True


def test_every_category_has_its_own_fixed_colour_and_symbol():
    from tracktwo.data import allowed_values

    categories = allowed_values("events", "category")
    assert set(CATEGORY_STYLES) == set(categories)
    assert len(set(CATEGORY_STYLES.values())) == len(categories)
    assert category_style("no-such-category") == FALLBACK_STYLE


def test_a_category_looks_the_same_whatever_else_a_figure_shows(events, periods):
    whole = timeline_figure(events, periods)
    only = timeline_figure(events[events["category"] == "policy"], periods)
    style = {t.name: (t.marker.color, t.marker.symbol) for t in whole.data if t.mode == "markers"}
    (policy,) = [t for t in only.data if t.mode == "markers"]
    assert (policy.marker.color, policy.marker.symbol) == style["Policy"] == category_style("policy")


@pytest.mark.parametrize(
    "days, lanes, window, distinct",
    [
        ([0, 0, 0, 0, 0], ["a"] * 5, 10, 5),  # five on one day and lane: five positions
        ([0, 3, 6, 9], ["a"] * 4, 10, 4),  # close together: stacked
        ([0, 0], ["a", "b"], 10, 1),  # different lanes may share an offset
        ([0, 1000], ["a", "a"], 10, 1),  # far apart: both on the lane's line
    ],
)
def test_stack_offsets(days, lanes, window, distinct):
    out = stack_offsets(days, lanes, window)
    assert len(set(out)) == distinct
    assert all(abs(o) < 0.5 for o in out)
    if distinct == 1:
        assert out == [0.0] * len(days)


def test_many_events_on_one_day_never_share_a_position():
    out = stack_offsets([5] * 40, ["a"] * 40, 10)
    assert len(set(out)) == 40 and all(abs(o) < 0.5 for o in out)


def test_views_put_each_event_in_its_lanes(events):
    order, per = view_lanes(events, "track")
    assert order == ["Track 1", "Track 1.5", NO_TRACK]
    assert per[3] == ["Track 1", "Track 1.5"] and per[1] == [NO_TRACK]
    order, per = view_lanes(events, "actor", {"knu": "KNU", "rcss": "RCSS", "mndaa": "MNDAA"})
    assert order == ["KNU", "RCSS", "MNDAA"]
    assert per == [["MNDAA"], [], [], ["KNU", "RCSS"]]
    with pytest.raises(ValueError, match="unknown view 'x'"):
        view_lanes(events, "x")


def test_the_view_buttons_move_every_marker_and_span(events, periods):
    ev = events.assign(end=pd.to_datetime([pd.NaT, pd.NaT, pd.NaT, "2016-01-01"]), end_text=["", "", "", "2016-01"])
    fig = timeline_figure(ev, periods)
    spans = [t for t in fig.data if t.mode == "lines"]
    assert len(spans) == 1 and spans[0].legendgroup == "ceasefire-agreement"
    # the NCA has two tracks: two copies, each a start-end segment
    assert [x for x in spans[0].x if x] == ["2015-10-15", "2016-01-01"] * 2
    view_menu = fig.layout.updatemenus[1]
    for button in view_menu.buttons:
        ys = button.args[0]["y"]
        assert len(ys) == len(fig.data) and all(len(y) == len(t.x) for y, t in zip(ys, fig.data))
    track = view_menu.buttons[1].args
    assert track[1]["yaxis.ticktext"] == ["Track 1", "Track 1.5", NO_TRACK]
    shown = sum(y is not None for y, t in zip(track[0]["y"], fig.data) if t.mode == "markers" for y in y)
    assert shown == 5  # 4 events, the NCA in two lanes


def test_the_figure_carries_event_ids_and_a_narrow_layout(events, periods):
    fig = timeline_figure(events, periods)
    ids = {c[3] for t in fig.data if t.mode == "markers" for c in t.customdata}
    assert ids == set(events["id"])
    meta = fig.layout.meta["tracktwo"]
    assert meta["row_ids"] == [f"event-{i}" for i in ["a-ceasefire", "b-election", "c-peace-offer", "d-nca"]]
    assert meta["narrow"]["swap"] is True and meta["narrow"]["max_width"] <= 600


def test_the_brief_cut_off_is_marked_where_the_years_include_it(periods):
    periods = pd.DataFrame(
        {
            "id": ["nld", "postcoup", "postbrief"],
            "label": ["NLD", "Coup", "After"],
            "start": pd.to_datetime(["2016-03-30", "2021-02-01", "2021-10-01"]),
            "end": pd.to_datetime(["2021-02-01", "2021-10-01", "2026-04-30"]),
        }
    )
    ev = pd.DataFrame(
        {
            "id": ["x"],
            "start": pd.to_datetime(["2023-10-27"]),
            "start_text": ["2023-10-27"],
            "period": ["postbrief"],
            "category": ["violence"],
            "tracks": [[]],
            "actors": [["aa"]],
            "title": ["x"],
            "summary": ["x"],
            "source": ["k"],
            "locator": [""],
        }
    )
    fig = timeline_figure(ev, periods)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(lines) == 1 and lines[0].x0 == BRIEF_CUTOFF.strftime("%Y-%m-%d")
    assert "cut-off" in " ".join(a.text for a in fig.layout.annotations)
    assert "dashed line" in text_alternative(fig)["summary"]


def test_every_point_carries_its_source_and_the_figure_its_table(events, periods):
    fig = timeline_figure(events, periods, citations={"k1": "Author (2021)"})
    cites = [c[2] for t in fig.data if t.mode == "markers" for c in t.customdata]
    assert "Author (2021), Sec. 2" in cites and "k2" in cites  # unknown keys fall back to the key
    alt = text_alternative(fig)
    assert alt["columns"] == ["Date", "Event", "Category", "Tracks", "Period", "Source"]
    assert [r[1] for r in alt["rows"]] == ["First ceasefire", "Election", "Peace offer", "NCA signed"]
    assert [r[3] for r in alt["rows"]] == ["1.5", "-", "1", "1, 1.5"]
    assert "4 events" in alt["summary"]


def test_year_only_events_sit_inside_their_period_band(periods):
    ev = pd.DataFrame(
        {
            "id": ["coarse", "exact", "coarse-early"],
            "start": pd.to_datetime(["2011-01-01", "2011-02-01", "1990-01-01"]),
            "start_text": ["2011", "2011-02-01", "1990"],
            "precision": ["year", "day", "year"],
            "period": ["usdp", "junta", "junta"],
            "category": ["policy"] * 3,
            "tracks": [[]] * 3,
            "actors": [[]] * 3,
            "title": ["a", "b", "c"],
            "summary": ["a", "b", "c"],
            "source": ["k"] * 3,
            "locator": [""] * 3,
        }
    )
    periods = periods.assign(start=pd.to_datetime(["1988-09-18", "2011-03-30"]))
    fig = timeline_figure(ev, periods)
    xs = dict(zip(fig.data[0].text, fig.data[0].x))
    assert xs["a"] == "2011-03-30"  # a year-only USDP event moves to the period's first day
    assert xs["b"] == "2011-02-01"  # a day-precise date is never moved
    assert xs["c"] == "1990-01-01"  # already inside its period
    shown = dict(zip(fig.data[0].text, (c[0] for c in fig.data[0].customdata)))
    assert shown["a"] == "2011"  # the hover still gives the date as the source gives it


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. State Department names it. Next one.", "The U.S. State Department names it."),
        ("The military under Gen. Ne Win seizes power. The brief says so.", "The military under Gen. Ne Win seizes power."),
        ("One sentence without a stop", "One sentence without a stop"),
        ("word " * 60, ("word " * 60)[:140].rsplit(" ", 1)[0] + "\u2026"),
    ],
)
def test_the_hover_shows_the_first_sentence_of_a_summary(text, expected):
    assert first_sentence(text) == expected


def test_a_second_lane_copy_points_to_the_first_for_the_summary(events, periods):
    fig = timeline_figure(events, periods)
    nca = [c for t in fig.data if t.mode == "markers" for c in t.customdata if c[3] == "d-nca"]
    assert len(nca) == 2 and nca[0][1] == "Eight EAOs sign." and "first lane" in nca[1][1]
