"""Learners' files (tracktwo/data/learner_files.py): every widget that saves work, and every importer.

Per widget (MapBuilder, ConflictMap, PlacingExercise, Worksheet, the design form, PerspectiveTimeline, TracksMap) and per kind of
damage (deeply nested, not UTF-8, not JSON, truncated, wrong schema, huge, a key twice): one message
naming the file, the widget starts (fresh), the learner's other saved work beside it is untouched and
still loads, and the bad file is set aside byte for byte. Then the importers' cases from
``tests/malformed_cases.py`` (LEARNER_FILE_CASES): one message naming the file, row or item and field.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from malformed_cases import LEARNER_FILE_CASES
from tracktwo.data.learner_files import MAX_BYTES, LearnerFileError, read_saved, write_saved
from tracktwo.data.limits import TIME_BOUND_SECONDS


def _table1():
    from tracktwo.maps.table1 import build_table1_map

    return build_table1_map()


def _placing():
    from tracktwo.maps.channels import placing_spec

    return placing_spec()


# name -> (make the widget, its state as a comparable value, a good saved file, a change that saves)
def _widgets():
    from tracktwo.maps.map_widgets import ConflictMap, MapBuilder, PerspectiveTimeline, PlacingExercise, TracksMap, Worksheet
    from tracktwo.maps.timeline_tool import empty_timeline
    from tracktwo.maps.tracks import empty_tracks

    table1, placing = _table1(), _placing()
    from tracktwo.maps.learner import empty_map
    from tracktwo.maps.worksheet import empty_sheet

    sheet = dict(empty_sheet("tree"), title="Our valley")
    timeline = dict(empty_timeline("Our valley"), events=[{"id": "e1", "date": "2021", "title": "Licence"}])
    tracks = dict(empty_tracks("Our valley"), initiatives=[{"id": "i1", "name": "Elders", "level": "track-2"}])

    def design_form(path):
        from tracktwo.design.lab_form import DesignForm

        return DesignForm(save_to=path)

    def set_track(w):
        w._scalars["track"].value = "1.5"

    return {
        "map-builder": (
            lambda p: MapBuilder(save_to=p),
            lambda w: w.library,
            None,
            lambda w: setattr(
                w, "library", {"current": "Second", "maps": {**w.library["maps"], "Second": empty_map("Second", "ours", "today")}}
            ),
        ),
        "conflict-map": (
            lambda p: ConflictMap(table1, save_to=p),
            lambda w: (w.encoding, dict(w.positions)),
            {"encoding": "dialogue", "positions": {}},
            lambda w: setattr(w, "encoding", "dialogue"),
        ),
        "placing": (
            lambda p: PlacingExercise(placing, save_to=p),
            lambda w: dict(w.answers),
            {"answers": {"nucc": {"track": "1.5"}}},
            lambda w: setattr(w, "answers", {"nucc": {"aim": "manage"}}),
        ),
        "worksheet": (
            lambda p: Worksheet("tree", save_to=p),
            lambda w: w.sheet,
            {"sheet": sheet},
            lambda w: setattr(w, "sheet", sheet),
        ),
        "design-form": (design_form, lambda w: w.design, {"track": "2", "participants": []}, set_track),
        "timeline": (
            lambda p: PerspectiveTimeline(save_to=p),
            lambda w: w.timeline,
            {"timeline": timeline},
            lambda w: setattr(w, "timeline", timeline),
        ),
        "tracks-map": (
            lambda p: TracksMap(save_to=p),
            lambda w: w.tracks,
            {"tracks": tracks},
            lambda w: setattr(w, "tracks", tracks),
        ),
    }


WIDGETS = ["map-builder", "conflict-map", "placing", "worksheet", "design-form", "timeline", "tracks-map"]

DAMAGE = {
    "deeply-nested": (b'{"a":' * 5000 + b"1" + b"}" * 5000, r"nested more than 20 levels deep"),
    "deeply-nested-list": (b"[" * 100_000, r"nested more than 20 levels deep"),
    "not-utf8": ('{"title": "caf\u00e9"}'.encode("latin-1"), r"not UTF-8 text \(byte \d+\); save it as UTF-8"),
    "utf16": ('{"a": 1}'.encode("utf-16"), r"not UTF-8 text"),
    "not-json": (b"Our valley: actors and issues\n", r"not valid JSON \(line 1, column 1\)"),
    "truncated": (b'{"library": {"current": "A", "maps": {"A": {"format": "tracktwo-lea', r"ends too soon, as if cut short"),
    "empty": (b"", r"the file is empty"),
    "wrong-schema": (b'{"colour": [1, 2, 3]}', r"."),
    "a-list": (b"[1, 2, 3]", r"."),
    "huge": (b'{"notes": "' + b"x" * (MAX_BYTES + 10) + b'"}', rf"at most {MAX_BYTES} bytes"),
    "repeated-key": (b'{"a": {"b": 1, "b": 2}}', r'the key "b" appears twice in one object \(at "a"\)'),
    "nan": (b'{"a": NaN}', r"NaN is not a JSON number"),
}


@pytest.fixture(scope="module")
def widgets():
    return _widgets()


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("widget", WIDGETS)
def test_a_damaged_saved_file_gives_one_message_and_is_set_aside_byte_for_byte(widget, damage, widgets, tmp_path):
    make, state, good, change = widgets[widget]
    content, says = DAMAGE[damage]
    # the learner's other work: a good file saved by another widget in the same folder
    other_name = "design-form" if widget != "design-form" else "worksheet"
    o_make, o_state, o_good, _ = widgets[other_name]
    other = tmp_path / "other-work.saved.json"
    other.write_text(json.dumps(o_good), encoding="utf-8")
    other_bytes = other.read_bytes()
    path = tmp_path / "mine.saved.json"
    path.write_bytes(content)
    started = time.process_time()
    w = make(path)
    assert time.process_time() - started < TIME_BOUND_SECONDS
    messages = list(w.messages) if hasattr(w, "messages") else [w.message.value]
    assert len(messages) == 1, messages
    message = messages[0]
    assert "mine.saved.json" in message and re.search(says, message), message
    assert "Traceback" not in message and len(message) < 700, message
    assert "mine.saved.json.set-aside" in message and "nothing was deleted" in message
    # set aside byte for byte, never deleted; the widget starts as new
    assert not path.exists() and (tmp_path / "mine.saved.json.set-aside").read_bytes() == content
    assert state(w) == state(make(None))
    # the learner's other work is intact and still loads
    assert other.read_bytes() == other_bytes
    again = o_make(other)
    assert (list(again.messages) if hasattr(again, "messages") else [again.message.value]) in ([], [""])
    # the widget saves afresh, beside the set-aside file, which keeps its bytes
    change(w)
    assert json.loads(path.read_text(encoding="utf-8")) and (tmp_path / "mine.saved.json.set-aside").read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.saved.json", "mine.saved.json.set-aside", "other-work.saved.json"]


@pytest.mark.parametrize("widget", WIDGETS)
def test_good_saved_work_comes_back_and_a_second_bad_file_does_not_overwrite_the_first(widget, widgets, tmp_path):
    make, state, good, change = widgets[widget]
    path = tmp_path / "mine.saved.json"
    w = make(path)
    change(w)
    assert path.exists()
    back = make(path)
    assert state(back) == state(w)
    assert (list(back.messages) if hasattr(back, "messages") else [back.message.value]) in ([], [""])
    for n, content in enumerate((b"{", b"[" * 50), start=1):
        path.write_bytes(content)
        make(path)
        aside = tmp_path / ("mine.saved.json.set-aside" + ("" if n == 1 else f"-{n}"))
        assert aside.read_bytes() == content


def test_saving_is_atomic_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "state.json"
    write_saved(path, {"a": [1, 2]})
    write_saved(path, {"a": [3]})
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": [3]}
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]

    class Unwritable:
        pass

    with pytest.raises(TypeError):
        write_saved(path, {"a": Unwritable()})
    # a failed save leaves the last good file whole and no temporary file behind
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": [3]}
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_a_saved_file_over_the_bound_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    with open(path, "wb") as f:
        f.truncate(50_000_000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the bound"))
    data, message = read_saved(path, lambda d: [], "map", "the map starts fresh")
    assert data is None and "big.json" in message and f"at most {MAX_BYTES} bytes" in message
    assert (tmp_path / "big.json.set-aside").stat().st_size == 50_000_000


def test_a_missing_saved_file_is_no_message_and_a_folder_is_left_alone(tmp_path):
    assert read_saved(tmp_path / "none.json", lambda d: [], "map", "fresh") == (None, "")
    (tmp_path / "dir.json").mkdir()
    data, message = read_saved(tmp_path / "dir.json", lambda d: [], "map", "the map starts fresh")
    assert data is None and "dir.json" in message and "folder" in message and (tmp_path / "dir.json").is_dir()


# --- importers (JSON and CSV maps and worksheets) ------------------------------------------------


@pytest.mark.parametrize("case", LEARNER_FILE_CASES, ids=[c.id for c in LEARNER_FILE_CASES])
def test_an_imported_file_gives_one_message_naming_file_row_and_field(case):
    started = time.process_time()
    with pytest.raises(LearnerFileError) as info:
        case.importer()(case.name, case.content)
    message = str(info.value)
    assert message.startswith(f"{case.name}: ") and "\n" not in message and len(message) < 600, message
    assert re.search(case.expect, message), f"{case.id}: {message!r} does not match {case.expect!r}"
    assert time.process_time() - started < TIME_BOUND_SECONDS


# --- one value where a list came, and a number where the text "1.5" is wanted ----------------------

ONE_VALUE = [
    (
        {"nucc": {"track": ["1", "2"]}},
        r'answer nucc\.track is a list \(\["1","2"\]\), but it takes one value: '
        r"choose one of 1, 1\.5, 2, 3",
    ),
    ({"nucc": {"aim": {"best": "manage"}}}, r"answer nucc\.aim is an object .*takes one value: choose one of manage"),
    ({"nucc": {"track": 1.5}}, r'answer nucc\.track is the number 1\.5, but it must be the text "1\.5": put it in quotes'),
    ({"nucc": {"track": 2}}, r'answer nucc\.track is the number 2, but it must be the text "2"'),
    ({"nucc": {"track": True}}, r"answer nucc\.track is true, not one of 1, 1\.5, 2, 3"),
    ({"nucc": {"track": ""}}, r"answer nucc\.track is empty: choose one of"),
    ({"nucc": {"colour": "red"}}, r"answer nucc\.colour: 'colour' is not a field of an answer"),
]


@pytest.mark.parametrize("answers, says", ONE_VALUE)
def test_a_placing_answer_of_the_wrong_shape_is_named_not_a_type_error(answers, says, tmp_path):
    import traitlets

    from tracktwo.maps.map_widgets import PlacingExercise
    from tracktwo.maps.placing import answer_problems, score_placement

    spec = _placing()
    problems = answer_problems(answers, spec)
    assert len(problems) == 1 and re.fullmatch(says + ".*", problems[0]), problems
    w = PlacingExercise(spec)
    with pytest.raises(traitlets.TraitError, match=says):
        w.answers = answers
    assert w.answers == {}
    assert score_placement(spec["key"], answers)["points"] == 0  # scoring never raises either
    path = tmp_path / "placing.saved.json"
    path.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    content = path.read_bytes()
    fresh = PlacingExercise(spec, save_to=path)
    assert len(fresh.messages) == 1 and "placing.saved.json" in fresh.messages[0]
    assert re.search(says, fresh.messages[0]), fresh.messages[0]
    assert fresh.answers == {} and (tmp_path / "placing.saved.json.set-aside").read_bytes() == content


@pytest.mark.parametrize(
    "design, says",
    [
        ({"track": 1.5}, r"""choice 'track' is the number 1\.5, but it must be the text "1\.5": put it in quotes"""),
        ({"track": ["1", "2"]}, r"choice 'track' is a list .*takes one value"),
        ({"participants": [1.5]}, r"choice 'participants': an item is 1\.5, not one of"),
    ],
)
def test_a_saved_design_with_a_number_or_a_list_says_what_to_do(design, says, tmp_path):
    from tracktwo.design.lab_form import DesignForm

    path = tmp_path / "design.saved.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    form = DesignForm(save_to=path)
    assert "design.saved.json" in form.message.value and re.search(says, form.message.value), form.message.value
    assert (tmp_path / "design.saved.json.set-aside").read_text(encoding="utf-8") == json.dumps(design)
