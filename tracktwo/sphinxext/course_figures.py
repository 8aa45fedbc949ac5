"""The book's named figures, built from the course data: what the ``{course-figure}`` directive draws.

:func:`course_figure` (``name``, options) -> plotly Figure. Each name maps to one builder that
loads the validated data (:func:`tracktwo.data.load_all`) and calls a figure builder (the core's
:mod:`tracktwo.figures` or a feature's, such as :mod:`tracktwo.timeline.timeline_chart`), so a chapter names a figure instead of carrying code:

* ``timeline``: the events of the chosen periods (``periods``), with ``title``;
* ``levels``: the levels of dialogue (``data/part1_levels.yaml``);
* ``architecture``: the peace bodies of each period by function;
* ``myanmar-map``: Myanmar's states and regions (``data/geo/``), for the orientation chapter.

Unknown names and options raise :class:`ValueError` with the choices; data errors raise the
loaders' own errors (which name file, line and field).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from collections.abc import Callable, Sequence

import plotly.graph_objects as go

#: The data files each figure reads (relative to data/), so the book rebuilds a page when they change.
DEPENDS: dict[str, tuple[str, ...]] = {
    "timeline": ("events.csv", "periods.csv", "references.bib", "datapackage.json"),
    "levels": ("part1_levels.yaml", "part1_levels.schema.json", "references.bib"),
    "architecture": ("institutions.csv", "periods.csv", "references.bib", "datapackage.json"),
    "myanmar-map": ("geo/myanmar-states-regions.geojson",),
}


@lru_cache(maxsize=1)
def _course():
    from ..citations import short_citations
    from ..data import load_all

    course = load_all()
    return course, short_citations(course.references)


def _timeline(periods: Sequence[str] = (), title: str | None = None) -> go.Figure:
    from ..timeline import actor_names, filter_events
    from ..timeline.timeline_chart import timeline_figure

    course, citations = _course()
    known = list(course.periods["id"])
    unknown = [p for p in periods if p not in known]
    if unknown:
        raise ValueError(f"unknown period(s) {', '.join(unknown)}; the periods are {', '.join(known)}")
    chosen = list(periods) or known
    return timeline_figure(
        filter_events(course.events, periods=chosen),
        course.periods[course.periods["id"].isin(chosen)],
        citations=citations,
        actor_names=actor_names(course.actors),
        **({"title": title} if title else {}),
    )


def _levels(title: str | None = None) -> go.Figure:
    from ..figures.levels_diagram import levels_figure

    fig = levels_figure()
    if title:
        fig.update_layout(title_text=title)
    return fig


def _architecture(title: str | None = None) -> go.Figure:
    from ..figures.architecture_grid import architecture_figure

    course, citations = _course()
    fig = architecture_figure(course.institutions, course.periods, citations=citations)
    if title:
        fig.update_layout(title_text=title)
    return fig


def _myanmar_map(title: str | None = None) -> go.Figure:
    from ..figures.orientation_map import orientation_map

    return orientation_map(title=title)


BUILDERS: dict[str, Callable[..., go.Figure]] = {
    "timeline": _timeline,
    "levels": _levels,
    "architecture": _architecture,
    "myanmar-map": _myanmar_map,
}


def course_figure(name: str, **options: Any) -> go.Figure:
    """The named figure, built from the course data with ``options`` (``periods``, ``title``)."""
    if name not in BUILDERS:
        raise ValueError(f"unknown figure {name!r}; the figures are {', '.join(sorted(BUILDERS))}")
    if "periods" in options and name != "timeline":
        raise ValueError(f"the {name!r} figure takes no periods")
    return BUILDERS[name](**options)
