"""The course's plotly template: small (it travels inside every stored figure) and legible.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common forms of colour
blindness; figures also vary marker symbols and dash styles so colour is never the only signal.
"""

from __future__ import annotations

import plotly.graph_objects as go

#: Okabe-Ito, in an order that keeps neighbours distinct.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

#: Marker symbols. There are more symbols than colours, so no two of the first ten series share
#: both colour and symbol.
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "triangle-down", "cross", "star", "hexagon", "pentagon"]

COURSE_TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=14, color="#1a1a1a"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=PALETTE,
        hoverlabel=dict(bgcolor="white", font=dict(size=13), align="left"),
        xaxis=dict(showgrid=True, gridcolor="#e6e6e6", linecolor="#444", ticks="outside"),
        yaxis=dict(showgrid=False, linecolor="#444", ticks="outside"),
        legend=dict(bgcolor="rgba(255,255,255,0.9)"),
        margin=dict(l=10, r=10, t=60, b=40),
    )
)
