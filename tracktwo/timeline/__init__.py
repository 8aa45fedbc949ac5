"""The timeline, a feature package: filtering the course's events (here: the one function behind the
book's timeline and the live explorer), the chart (:mod:`.timeline_chart`) and the JupyterLab
explorer (:mod:`.timeline_explorer`).

Pure: takes the events table from :func:`tracktwo.data.load_events` and returns a filtered copy.
An empty result is a valid answer (the callers say so in words); nothing here raises on a filter
that matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def _as_set(values: Iterable[str] | str | None) -> set[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    chosen = {str(v) for v in values if str(v).strip()}
    return chosen or None


def filter_events(
    events: pd.DataFrame,
    *,
    periods: Iterable[str] | str | None = None,
    categories: Iterable[str] | str | None = None,
    tracks: Iterable[str] | str | None = None,
    actors: Iterable[str] | str | None = None,
    text: str | None = None,
) -> pd.DataFrame:
    """Return the events that match every filter given (None or empty means 'any').

    ``tracks`` and ``actors`` match an event that involves any of the values given. ``text`` is a
    case-insensitive search of the title, summary and id.
    """
    mask = pd.Series(True, index=events.index)
    chosen = _as_set(periods)
    if chosen:
        mask &= events["period"].isin(chosen)
    chosen = _as_set(categories)
    if chosen:
        mask &= events["category"].isin(chosen)
    for column, values in (("tracks", tracks), ("actors", actors)):
        chosen = _as_set(values)
        if chosen:
            mask &= events[column].map(lambda items, c=chosen: bool(c.intersection(items or [])))
    if text and text.strip():
        needle = text.strip().casefold()
        haystack = (events["title"].fillna("") + " " + events["summary"].fillna("") + " " + events["id"]).str.casefold()
        mask &= haystack.str.contains(needle, regex=False)
    return events.loc[mask].sort_values(["start", "id"]).copy()


def describe_selection(selected: pd.DataFrame, total: int) -> str:
    """One sentence for the learner: how many events match, or that none do and what to try."""
    n = len(selected)
    if n == 0:
        return "No event matches these filters. Widen a filter or clear the search to see more."
    return f"{n} of {total} events match." if n != total else f"All {total} events are shown."


def actor_names(actors: pd.DataFrame) -> dict[str, str]:
    """Actor id -> the short name the timeline shows: the acronym, else the name."""
    return {a.id: (a.acronym if isinstance(a.acronym, str) and a.acronym else a.name) for a in actors.itertuples(index=False)}
