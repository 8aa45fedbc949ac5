"""The course's plotly.js bundle draws every figure the book shows.

The bundle (scripts/plotly_bundle/entry.js -> assets/vendor/plotly/plotly-tracktwo.min.js) registers
only the trace types and layout components the course uses. Every figure in the built book is read
back from its page and checked against what the entry registers; tests/test_browser.py then checks
that each one is drawn, and that its controls work.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


from support import ROOT, html_pages

ENTRY = ROOT / "scripts" / "plotly_bundle" / "entry.js"
BUNDLE = ROOT / "assets" / "vendor" / "plotly" / "plotly-tracktwo.min.js"

#: Layout keys (top level, or on an axis) and trace keys that need a plotly component registered.
LAYOUT_COMPONENTS = {
    "annotations": "annotations",
    "shapes": "shapes",
    "updatemenus": "updatemenus",
    "sliders": "sliders",
    "images": "images",
    "grid": "grid",
    "selections": "selections",
}
AXIS_COMPONENTS = {"rangeslider": "rangeslider", "rangeselector": "rangeselector"}
TRACE_COMPONENTS = {"error_x": "errorbars", "error_y": "errorbars", "colorbar": "colorbar"}


def registered(entry_text: str) -> tuple[set[str], set[str]]:
    """(trace types, components) that the bundle's entry registers."""
    traces = set(re.findall(r"require\('plotly\.js/src/traces/([a-z0-9]+)'\)", entry_text))
    components = set(re.findall(r"require\('plotly\.js/src/components/([a-z0-9]+)'\)", entry_text))
    return traces, components


def needs(figure: dict) -> tuple[set[str], set[str]]:
    """(trace types, components) one figure spec ({"data", "layout"}) needs from plotly.js."""
    traces, components = set(), set()
    layout = figure.get("layout") or {}
    for key, component in LAYOUT_COMPONENTS.items():
        if layout.get(key):
            components.add(component)
    for key, value in layout.items():
        if re.fullmatch(r"[xy]axis\d*", key) and isinstance(value, dict):
            for sub, component in AXIS_COMPONENTS.items():
                setting = value.get(sub)
                if setting and (not isinstance(setting, dict) or setting.get("visible", True)):
                    components.add(component)
        if re.fullmatch(r"scene\d*", key):
            traces.add("scatter3d")
    for trace in figure.get("data") or []:
        traces.add(trace.get("type", "scatter"))
        for key, component in TRACE_COMPONENTS.items():
            setting = trace.get(key) or (trace.get("marker") or {}).get(key)
            if setting and (not isinstance(setting, dict) or setting.get("visible", True)):
                components.add(component)
        if (trace.get("marker") or {}).get("showscale"):
            components.add("colorbar")
    if layout.get("legend") is not None or len(figure.get("data") or []) > 1:
        components.add("legend")
    return traces, components


def test_needs_reads_traces_and_components_from_a_spec():
    fig = {
        "data": [{"type": "bar", "error_y": {"array": [1]}}, {"x": [1], "marker": {"showscale": True}}],
        "layout": {
            "xaxis": {"rangeslider": {"visible": True}},
            "yaxis2": {"rangeselector": {"visible": False}},
            "images": [{"source": "a.png"}],
            "shapes": [],
        },
    }
    traces, components = needs(fig)
    assert traces == {"bar", "scatter"}
    assert components == {"errorbars", "colorbar", "rangeslider", "images", "legend"}


def test_entry_registers_scatter_and_the_course_components_only():
    traces, components = registered(ENTRY.read_text())
    assert traces == {"scatter"}
    assert {"annotations", "shapes", "updatemenus", "rangeslider", "legend", "fx", "modebar"} <= components
    assert not {"images", "grid", "errorbars", "colorbar", "rangeselector", "annotations3d", "sliders"} & components


def test_bundle_is_plotly_4_1_1_and_smaller_than_the_basic_bundle():
    text = BUNDLE.read_text(encoding="utf-8")
    assert 'version="4.1.1"' in text.replace(" ", "") or '"4.1.1"' in text
    assert BUNDLE.stat().st_size < 1_191_749  # plotly-basic.min.js 4.1.1


def _figures(site: Path):
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/json" class="tt-plotly-data">(.*?)</script>', text, re.S):
            yield page.relative_to(site).as_posix(), json.loads(block)


def test_every_figure_in_the_book_uses_only_what_the_bundle_registers(site):
    traces, components = registered(ENTRY.read_text())
    components |= {"fx", "modebar", "colorscale"}
    seen, missing = 0, []
    for page, fig in _figures(site):
        seen += 1
        need_traces, need_components = needs(fig)
        if need_traces - traces or need_components - components:
            missing.append((page, sorted(need_traces - traces), sorted(need_components - components)))
    assert seen >= 5, f"only {seen} figures found in the built book"
    assert not missing, missing
