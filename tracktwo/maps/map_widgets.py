"""JupyterLab host: anywidget widgets serving the same front-end modules the static book runs.

The traitlets carry plain JSON state; Python validates every change with the functions the tests
call (:func:`tracktwo.maps.model.state_problems`, :func:`tracktwo.maps.placing.answer_problems`),
and can save it to a file beside the notebook (``save_to``) and restore it when the cell runs again.
Each widget's ``_repr_mimebundle_`` adds a ``text/html`` fallback: the static book's markup, which
the book prefers over the live view (see tracktwo/sphinxext/conflict_map.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import traitlets

from tracktwo.data.learner_files import read_learner_bytes, read_saved, write_export, write_saved

from . import interchange
from .html import builder_html, builder_task, map_html, placing_html, timeline_tool_html, tracks_html, worksheet_html
from .learner import empty_map, from_csv, from_json, library_problems, to_csv, to_json, upgrade
from .mapscore import score_map
from .model import MapError, check_map, state_problems
from .placing import answer_problems, score_placement
from .timeline_tool import course_events, empty_timeline, timeline_problems
from .tracks import empty_tracks, levels
from .tracks import map_problems as tracks_problems
from .worksheet import TOOLS, empty_sheet, sheet_problems

STATIC = Path(__file__).parent / "static"


def _load_saved(path: Path | None, check, what: str, fresh: str) -> tuple[dict, list[str]]:
    """Saved state from ``path`` if it is usable (read and checked by tracktwo.data.learner_files);
    else the file is set aside, byte for byte, and the one message says so."""
    saved, message = read_saved(path, check, what, fresh)
    return (saved if isinstance(saved, dict) else {}), ([message] if message else [])


def _keyed(saved, key: str, problems_of) -> list[str]:
    """The problems of ``saved[key]`` (the file holds ``{key: ...}``)."""
    if not isinstance(saved, dict) or key not in saved:
        return [f"the file has no {key!r}: it is not saved work from this widget"]
    return problems_of(saved[key])


class _Saving(anywidget.AnyWidget):
    save_to: Path | None = None
    _saved_keys: tuple[str, ...] = ()
    #: The saved file's name, shown to the learner by the builder and the worksheets ("" if not saved).
    saved_in = traitlets.Unicode("").tag(sync=True)

    def _write(self, change=None) -> None:
        if self.save_to is None:
            return
        write_saved(self.save_to, {k: getattr(self, k) for k in self._saved_keys})


class ConflictMap(_Saving):
    """A conflict map (Table 1, the channels map, or a learner's own spec)."""

    _esm = STATIC / "conflict-map.esm.js"
    _css = STATIC / "conflict-map.css"
    spec = traitlets.Dict().tag(sync=True)
    encoding = traitlets.Unicode("").tag(sync=True)
    positions = traitlets.Dict().tag(sync=True)
    messages = traitlets.List(traitlets.Unicode()).tag(sync=True)
    _saved_keys = ("encoding", "positions")

    def __init__(self, spec: dict[str, Any], encoding: str | None = None, save_to: str | Path | None = None, **kwargs):
        check_map(spec)
        self.save_to = Path(save_to) if save_to else None
        saved, messages = _load_saved(
            self.save_to, lambda s: state_problems(s, spec), "map layout", "the map starts with its own layout"
        )
        super().__init__(
            spec=spec,
            encoding=saved.get("encoding") or encoding or spec["encodings"][0]["id"],
            positions=saved.get("positions", {}),
            messages=messages,
            **kwargs,
        )
        self.observe(self._write, names=["encoding", "positions"])

    @traitlets.validate("encoding")
    def _check_encoding(self, proposal):
        problems = state_problems({"encoding": proposal["value"]}, self.spec)
        if problems:
            raise traitlets.TraitError(f"map {self.spec.get('id')!r}: {problems[0]}")
        return proposal["value"]

    @traitlets.validate("positions")
    def _check_positions(self, proposal):
        problems = state_problems({"positions": proposal["value"]}, self.spec)
        if problems:
            raise traitlets.TraitError(f"map {self.spec.get('id')!r}: {problems[0]}")
        return proposal["value"]

    def state(self) -> dict[str, Any]:
        """The JSON state the front end receives: what both hosts draw from."""
        return {"spec": self.spec, "encoding": self.encoding, "positions": dict(self.positions)}

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data or {})
        data["text/html"] = map_html(self.spec, self.encoding)
        return data, meta


class PlacingExercise(_Saving):
    """Placing dialogues: each channel on a track and an aim; scored by tracktwo.maps.placing."""

    _esm = STATIC / "placing.esm.js"
    _css = STATIC / "conflict-map.css"
    spec = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    messages = traitlets.List(traitlets.Unicode()).tag(sync=True)
    _saved_keys = ("answers",)

    def __init__(self, spec: dict[str, Any], save_to: str | Path | None = None, **kwargs):
        self.save_to = Path(save_to) if save_to else None
        saved, messages = _load_saved(
            self.save_to,
            lambda s: _keyed(s, "answers", lambda a: answer_problems(a, spec)),
            "answers",
            "the exercise starts with no answers",
        )
        super().__init__(spec=spec, answers=saved.get("answers", {}), messages=messages, **kwargs)
        self.observe(self._write, names=["answers"])

    @traitlets.validate("answers")
    def _check_answers(self, proposal):
        problems = answer_problems(proposal["value"], self.spec)
        if problems:
            raise traitlets.TraitError(f"placing {self.spec.get('id')!r}: {problems[0]}")
        return proposal["value"]

    def score(self) -> dict[str, Any]:
        return score_placement(self.spec["key"], self.answers)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data or {})
        data["text/html"] = placing_html(self.spec)
        return data, meta


class MapBuilder(_Saving):
    """The map builder: the learner's named maps, saved to a file beside the notebook on every change.

    ``MapBuilder(save_to="my-maps.json")``: when the cell runs again (after a kernel restart too),
    the maps come back from the file; a file that fails the check is set aside, never deleted.
    """

    _esm = STATIC / "builder.esm.js"
    _css = STATIC / "conflict-map.css"
    library = traitlets.Dict().tag(sync=True)
    messages = traitlets.List(traitlets.Unicode()).tag(sync=True)
    #: A practice case's scored task (tracktwo.maps.mapscore.task_data), or None: then no check is shown.
    task = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    _saved_keys = ("library",)

    def __init__(self, save_to: str | Path | None = "my-conflict-maps.saved.json", task: str | None = None, **kwargs):
        """``task``: a practice case's id (``"sanu-valley"``) to add its scored task, where the
        edition shows keys (:func:`tracktwo.maps.html.builder_task`)."""
        kwargs["task"] = builder_task(task)
        self.save_to = Path(save_to) if save_to else None
        saved, messages = _load_saved(
            self.save_to, lambda s: _keyed(s, "library", library_problems), "maps", "the builder starts with a new map"
        )
        library = saved.get("library") or {
            "current": "My first map",
            "maps": {"My first map": empty_map("My first map", "not stated yet", "not stated yet")},
        }
        # Maps saved before positions were kept (format version 1) load as version 2.
        library = dict(library, maps={k: upgrade(m) for k, m in library["maps"].items()})
        super().__init__(library=library, messages=messages, saved_in=self.save_to.name if self.save_to else "", **kwargs)
        self.observe(self._write, names=["library"])

    @traitlets.validate("library")
    def _check_library(self, proposal):
        problems = library_problems(proposal["value"])
        if problems:
            raise traitlets.TraitError(f"map builder: {problems[0]}")
        return proposal["value"]

    def score(self, name: str | None = None) -> dict[str, Any]:
        """The scored task's result for the map ``name`` (default: the one shown), as the builder shows it."""
        if not self.task:
            raise ValueError("this builder has no scored task: MapBuilder(task='sanu-valley')")
        return score_map(self.task, self.library["maps"][name or self.library["current"]])

    #: What :meth:`export` writes: format -> (suffix, the function that writes it). The builder's
    #: "Export" buttons offer the same formats as downloads (js/src/builder.js, js/src/interchange.js).
    EXPORTS = {
        "json": (".json", to_json),
        "csv": (".csv", to_csv),
        "graphml": (".graphml", interchange.to_graphml),
        "gexf": (".gexf", interchange.to_gexf),
        "kumu": (".kumu.json", interchange.to_kumu),
    }

    def export(self, fmt: str = "graphml", path: str | Path | None = None, name: str | None = None) -> Path:
        """Write the map ``name`` (default: the one shown) as ``fmt`` (json, csv, graphml, gexf or kumu)
        to ``path`` (default: ``map.<suffix>`` beside the notebook); returns the path written.

        GraphML and GEXF open in Gephi, yEd and networkx; the Kumu file is Kumu's JSON import. A file
        you export goes wherever you put it: once you upload it (to Kumu, say), it is no longer only
        on this device. On a free Kumu account every project is public (anyone with the link can see it,
        search engines can find it, other Kumu users can fork it): import only the practice case or an
        invented situation, never a map of a real situation, even with code names."""
        if fmt not in self.EXPORTS:
            raise ValueError(f"export format {fmt!r} is not one of {', '.join(self.EXPORTS)}")
        suffix, write = self.EXPORTS[fmt]
        target = Path(path) if path else Path(f"map{suffix}")
        write_export(target, write(self.library["maps"][name or self.library["current"]]))
        return target

    def import_file(self, path: str | Path) -> str:
        """Add the map in ``path`` (JSON, CSV or GraphML) to the builder and show it; returns its name.
        A file that cannot be used raises :class:`~tracktwo.data.learner_files.LearnerFileError` with one
        message (file, element, field), and the builder's maps are left as they were."""
        path = Path(path)
        raw = read_learner_bytes(path)
        suffix = path.suffix.lower()
        read_map = {".csv": from_csv, ".graphml": interchange.from_graphml, ".xml": interchange.from_graphml}.get(
            suffix, from_json
        )
        data = read_map(path.name, raw)
        title = data["title"]
        names = self.library["maps"]
        n = 2
        while title in names:
            title = f"{data['title']} ({n})"
            n += 1
        self.library = dict(self.library, current=title, maps=dict(names, **{title: data}))
        return title

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data or {})
        data["text/html"] = builder_html("builder", self.task or None)
        return data, meta


class Worksheet(_Saving):
    """A companion tool (``tree``, ``onion``, ``abc`` or ``grid``) as a structured form: the book's
    worksheet module, saved to a file beside the notebook on every change.

    ``Worksheet("tree", save_to="my-conflict-tree.saved.json")``: when the cell runs again (after a
    kernel restart too) the worksheet comes back from the file; a file that fails the check
    (:func:`tracktwo.maps.worksheet.sheet_problems`, or a worksheet of another tool) is set aside,
    never deleted, and the learner is told.
    """

    _esm = STATIC / "worksheet.esm.js"
    _css = STATIC / "conflict-map.css"
    spec = traitlets.Dict().tag(sync=True)
    sheet = traitlets.Dict().tag(sync=True)
    messages = traitlets.List(traitlets.Unicode()).tag(sync=True)
    _saved_keys = ("sheet",)

    def __init__(self, tool: str, save_to: str | Path | None = None, **kwargs):
        if tool not in TOOLS:
            raise ValueError(f"worksheet tool {tool!r} is not one of {', '.join(TOOLS)}")
        self.tool = tool
        self.save_to = Path(save_to) if save_to else None
        saved, messages = _load_saved(
            self.save_to, lambda s: _keyed(s, "sheet", self._problems), "worksheet", "the worksheet starts empty"
        )
        super().__init__(
            spec={"id": tool},
            sheet=saved.get("sheet") or empty_sheet(tool),
            messages=messages,
            saved_in=self.save_to.name if self.save_to else "",
            **kwargs,
        )
        self.observe(self._write, names=["sheet"])

    def _problems(self, sheet: Any) -> list[str]:
        problems = sheet_problems(sheet)
        if not problems and sheet["tool"] != self.tool:
            problems = [
                f"it is a worksheet for the {TOOLS[sheet['tool']]['label'].lower()}, not the {TOOLS[self.tool]['label'].lower()}"
            ]
        return problems

    @traitlets.validate("sheet")
    def _check_sheet(self, proposal):
        problems = self._problems(proposal["value"])
        if problems:
            raise traitlets.TraitError(f"worksheet {self.tool!r}: {problems[0]}")
        return proposal["value"]

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data or {})
        data["text/html"] = worksheet_html(self.tool)
        return data, meta


class PerspectiveTimeline(_Saving):
    """The perspective timeline: the learner's own events from a stated viewpoint, the book's
    timeline module, saved to a file beside the notebook on every change.

    ``PerspectiveTimeline(save_to="my-timeline.saved.json")``: when the cell runs again (after a kernel
    restart too) the timeline comes back from the file; a file that fails the check
    (:func:`tracktwo.maps.timeline_tool.timeline_problems`) is set aside, never deleted, and the learner is told.
    """

    _esm = STATIC / "timeline.esm.js"
    _css = STATIC / "conflict-map.css"
    spec = traitlets.Dict().tag(sync=True)
    timeline = traitlets.Dict().tag(sync=True)
    messages = traitlets.List(traitlets.Unicode()).tag(sync=True)
    _saved_keys = ("timeline",)

    def __init__(self, save_to: str | Path | None = "my-timeline.saved.json", **kwargs):
        self.save_to = Path(save_to) if save_to else None
        saved, messages = _load_saved(
            self.save_to, lambda s: _keyed(s, "timeline", timeline_problems), "timeline", "the timeline starts empty"
        )
        super().__init__(
            spec={"id": "my-timeline", "events": course_events()},
            timeline=saved.get("timeline") or empty_timeline(),
            messages=messages,
            saved_in=self.save_to.name if self.save_to else "",
            **kwargs,
        )
        self.observe(self._write, names=["timeline"])

    @traitlets.validate("timeline")
    def _check_timeline(self, proposal):
        problems = timeline_problems(proposal["value"])
        if problems:
            raise traitlets.TraitError(f"timeline: {problems[0]}")
        return proposal["value"]

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data or {})
        data["text/html"] = timeline_tool_html(self.spec["id"], self.spec["events"])
        return data, meta


class TracksMap(_Saving):
    """The multi-track map: the learner's initiatives on the levels of dialogue, with links; the book's
    module, saved to a file beside the notebook on every change (a bad file is set aside, never deleted)."""

    _esm = STATIC / "tracks.esm.js"
    _css = STATIC / "conflict-map.css"
    spec = traitlets.Dict().tag(sync=True)
    tracks = traitlets.Dict().tag(sync=True)
    messages = traitlets.List(traitlets.Unicode()).tag(sync=True)
    _saved_keys = ("tracks",)

    def __init__(self, save_to: str | Path | None = "my-tracks-map.saved.json", **kwargs):
        self.save_to = Path(save_to) if save_to else None
        saved, messages = _load_saved(
            self.save_to, lambda s: _keyed(s, "tracks", tracks_problems), "multi-track map", "the map starts empty"
        )
        super().__init__(
            spec={"id": "my-tracks", "levels": levels()},
            tracks=saved.get("tracks") or empty_tracks(),
            messages=messages,
            saved_in=self.save_to.name if self.save_to else "",
            **kwargs,
        )
        self.observe(self._write, names=["tracks"])

    @traitlets.validate("tracks")
    def _check_tracks(self, proposal):
        problems = tracks_problems(proposal["value"])
        if problems:
            raise traitlets.TraitError(f"multi-track map: {problems[0]}")
        return proposal["value"]

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data or {})
        data["text/html"] = tracks_html(self.spec["id"])
        return data, meta


__all__ = ["ConflictMap", "PlacingExercise", "MapBuilder", "Worksheet", "PerspectiveTimeline", "TracksMap", "MapError"]
