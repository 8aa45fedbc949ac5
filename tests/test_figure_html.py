"""The plotly mime renderer's HTML: deterministic, safe inside a script element, with its text alternative."""

import json
import re

import plotly.graph_objects as go
import pytest

from tracktwo.figures import describe, text_alternative
from tracktwo.figures.static_html import FIGURE_CLASS, plotly_figure_html


def _spec(fig):
    return json.loads(fig.to_json())


def _figure():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout=dict(title="Two bars"))
    return describe(fig, summary="Bar b is twice bar a.", columns=["x", "y"], rows=[["a", 1], ["b", 2]])


def test_same_figure_gives_same_html():
    assert plotly_figure_html(_spec(_figure())) == plotly_figure_html(_spec(_figure()))


def test_html_has_container_data_summary_and_table():
    out = plotly_figure_html(_spec(_figure()))
    assert f'class="{FIGURE_CLASS}"' in out
    assert 'aria-label="Two bars"' in out
    assert '<figcaption class="tt-fig-caption">Two bars</figcaption>' in out
    assert '<p class="tt-fig-summary">Bar b is twice bar a.</p>' in out
    assert re.search(r"<details class=\"tt-fig-data\"><summary>Data table \(2 rows\)</summary>", out)
    assert '<th scope="col">x</th>' in out and "<td>b</td><td>2</td>" in out
    payload = re.search(r'<script type="application/json" class="tt-plotly-data">(.*?)</script>', out).group(1)
    data = json.loads(payload)
    assert data["data"][0]["type"] == "bar"
    assert data["config"]["displaylogo"] is False


def test_a_title_that_tries_to_close_the_script_cannot():
    fig = go.Figure(go.Scatter(x=[1], y=[1], name="</script><script>alert(1)</script>"))
    out = plotly_figure_html(_spec(fig))
    assert out.count("</script>") == 1  # only the real closing tag
    assert "<script>alert" not in out


def test_figure_without_text_alternative_still_renders():
    out = plotly_figure_html({"data": [], "layout": {}})
    assert FIGURE_CLASS in out and "tt-fig-data" not in out and "figcaption" not in out


def test_an_explicit_caption_wins_over_the_title():
    fig = describe(
        go.Figure(layout=dict(title="Chart title")), summary="s", columns=[], rows=[], caption="Figure 2. The levels of dialogue."
    )
    assert '<figcaption class="tt-fig-caption">Figure 2. The levels of dialogue.</figcaption>' in plotly_figure_html(_spec(fig))


def test_bad_spec_gives_a_clear_error():
    with pytest.raises(ValueError, match="'data' list"):
        plotly_figure_html({"data": "nope"})


def test_describe_requires_a_summary_and_round_trips():
    with pytest.raises(ValueError, match="summary"):
        describe(go.Figure(), summary="  ", columns=[], rows=[])
    alt = text_alternative(_figure())
    assert alt["summary"] == "Bar b is twice bar a." and alt["rows"] == [["a", "1"], ["b", "2"]]


def test_escaped_payload_still_parses_to_the_original_text():
    name = "</script><!-- & <b>"
    out = plotly_figure_html(_spec(go.Figure(go.Scatter(x=[1], y=[1], name=name))))
    payload = re.search(r'class="tt-plotly-data">(.*?)</script>', out).group(1)
    assert json.loads(payload)["data"][0]["name"] == name
