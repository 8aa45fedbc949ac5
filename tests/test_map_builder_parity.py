"""The JS twin of tracktwo/maps/learner.py (js/src/learner_map.js) agrees with Python, string for
string, on many generated maps (good and broken): checks, CSV export, CSV and JSON import
(round trips in the JS tier too), drawing spec and comparison. Needs Node (skipped without it)."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess


from support import ROOT, node_or_skip
from test_map_builder import random_map, random_sheet
from tracktwo.maps import learner

JS = ROOT / "tracktwo/maps/js/src/learner_map.js"
WS = ROOT / "tracktwo/maps/js/src/worksheet_model.js"

RUNNER = """
import * as L from {module};
import * as W from {wsmodule};
import {{ readFileSync }} from "node:fs";
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = {{
  problems: input.all.map((m) => L.mapProblems(m)),
  csv: input.good.map((m) => L.toCsv(m)),
  csvBack: input.good.map((m) => L.fromCsv("m.csv", L.toCsv(m))),
  jsonBack: input.good.map((m) => L.fromJson("m.json", L.toJson(m))),
  pyCsvBack: input.pyCsv.map((t) => L.fromCsv("m.csv", t)),
  specs: input.good.map((m) => L.toSpec(m)),
  compare: input.pairs.map(([a, b]) => L.compareMaps(a, b)),
  sheetProblems: input.sheets.map((s) => W.sheetProblems(s)),
  sheetCsv: input.goodSheets.map((s) => W.sheetToCsv(s)),
  sheetBack: input.goodSheets.map((s) => W.sheetFromCsv("s.csv", W.sheetToCsv(s))),
  v1Back: input.v1.map((m) => L.fromJson("v1.json", JSON.stringify(m))),
  v1CsvBack: input.v1Csv.map((t) => L.fromCsv("v1.csv", t)),
  badCsv: input.badCsv.map(([name, text]) => {{ try {{ L.fromCsv(name, text); return null; }} catch (e) {{ return e.message; }} }}),
  badSheetCsv: input.badSheetCsv.map(([name, text]) => {{ try {{ W.sheetFromCsv(name, text); return null; }} catch (e) {{ return e.message; }} }}),
}};
process.stdout.write(JSON.stringify(out));
"""


def _break(rng: random.Random, m: dict) -> dict:
    bad = json.loads(json.dumps(m))
    choice = rng.randrange(15)
    if choice == 0:
        bad["format"] = rng.choice([None, "x", 1])
    elif choice == 1:
        bad["version"] = rng.choice([3, "1", "2", True, None, 1.5])
    elif choice == 2:
        bad[rng.choice(["title", "viewpoint", "date"])] = rng.choice(["", " ", 3, None, "x" * 201])
    elif choice == 3:
        bad[rng.choice(["actors", "relationships", "issues"])] = rng.choice(["a", 3, {}, None])
    elif choice == 4:
        bad["extra"] = 1
    elif choice == 5 and bad["actors"]:
        a = rng.choice(bad["actors"])
        a[rng.choice(["id", "name", "type", "power", "party", "colour"])] = rng.choice(
            ["", "a0", "alien", 0, 6, 2.5, True, "3", None, [1], {"x": 1}, "bad id!"]
        )
    elif choice == 6 and bad["relationships"]:
        r = rng.choice(bad["relationships"])
        r[rng.choice(["source", "target", "kind", "id", "weight"])] = rng.choice(["ghost", "a0", "sideways", None, 1, ["a1"]])
    elif choice == 7 and bad["issues"]:
        s = rng.choice(bad["issues"])
        s[rng.choice(["label", "actors", "note"])] = rng.choice(["", ["ghost"], "a1", None, [{"a": 1}]])
    elif choice == 8:
        bad["actors"].append(rng.choice([None, [], "actor", {"id": "a0"}]))
    elif choice == 9:
        bad["notes"] = rng.choice(["fine", 3, "n" * 4001])
    elif choice == 10:
        return rng.choice([[], "map", None, 3])
    elif choice == 11 and bad["actors"] + bad["issues"]:  # positions: wrong type, out of range, half, or in version 1
        item = rng.choice(bad["actors"] + bad["issues"])
        how = rng.randrange(4)
        if how == 0:
            item.update(x=rng.choice(["1", None, True, [1], 100000.5, -200000]), y=1)
        elif how == 1:
            item["x"] = 3
            item.pop("y", None)
        elif how == 2:
            item.update(x=1, y=2)
            bad["version"] = 1
        else:
            item.update(y=rng.choice(["top", {}, 1e9]), x=0)
    return bad


def test_javascript_twin_agrees_with_python(tmp_path):
    node = node_or_skip("the JS parity check")
    rng = random.Random(2026)
    good = [random_map(rng) for _ in range(250)]
    broken = [_break(rng, m) for m in good for _ in range(3)]
    pairs = [json.loads(json.dumps((good[i], good[i + 1]))) for i in range(0, 120, 2)]
    for a, b in pairs[:20]:  # same actors, changed kinds and powers: the interesting comparisons
        b["actors"] = [dict(x, power=rng.randint(1, 5)) for x in a["actors"]]
        b["relationships"] = [dict(r, kind=rng.choice(learner.KINDS)) for r in a["relationships"]]
        b["issues"] = []
    for a, b in pairs[20:50]:  # parallel relationships: a second line between a pair, one removed, the list reordered
        b["actors"], b["issues"] = a["actors"], a["issues"]
        b["relationships"] = [dict(r) for r in a["relationships"]]
        rng.shuffle(b["relationships"])
        for r in rng.sample(a["relationships"], min(2, len(a["relationships"]))):
            b["relationships"].append(dict(r, id=f"{r['id']}p", kind=rng.choice(learner.KINDS)))
            b["relationships"].append(dict(r, id=f"{r['id']}q", source=r["target"], target=r["source"]))
        if b["relationships"] and rng.random() < 0.5:
            b["relationships"].pop(rng.randrange(len(b["relationships"])))
    bad_csv = []
    for m in good[:80]:
        text = learner.to_csv(m)
        lines = text.split("\r\n")
        i = rng.randrange(1, max(2, len(lines) - 1))
        lines[i] = rng.choice(
            [
                lines[i].replace("actor", "actr", 1),
                lines[i] + ",x",
                lines[i].replace(",inside,", ",middle,"),
                lines[i].replace(",outside,", ",,"),
                "map,,T,,,,,,,,v,d",
            ]
        )
        bad_csv.append([f"m{len(bad_csv)}.csv", "\r\n".join(lines)])
    from tracktwo.maps import worksheet as W

    good_sheets = [random_sheet(rng) for _ in range(150)]
    # a learner's CSV saved by a spreadsheet, cut short, emptied or with an unclosed quote (tracktwo.data.learner_files)
    bad_csv += [[f"s{i}.csv", t] for i, t in enumerate(_damaged_csv(rng, [learner.to_csv(m) for m in good[:40]]))]
    bad_sheet_csv = [[f"w{i}.csv", t] for i, t in enumerate(_damaged_csv(rng, [W.sheet_to_csv(x) for x in good_sheets[:40]]))]
    sheets = good_sheets + [_break_sheet(rng, s) for s in good_sheets for _ in range(2)]
    v1 = [dict(json.loads(json.dumps(_unplaced(m))), version=1) for m in good[:60]]
    v1_csv = [_v1_csv(learner.to_csv(_unplaced(m))) for m in good[:60]]
    for m, t in zip(v1, v1_csv):  # Python reads both and gives version 2
        assert learner.from_json("v1.json", json.dumps(m)) == learner.upgrade(m) == _unplaced_v2(m)
        assert learner.from_csv("v1.csv", t) == _unplaced_v2(m)
    data = {
        "v1": v1,
        "v1Csv": v1_csv,
        "sheets": sheets,
        "goodSheets": good_sheets,
        "all": good + broken,
        "good": good,
        "pyCsv": [learner.to_csv(m) for m in good],
        "pairs": pairs,
        "badCsv": bad_csv,
        "badSheetCsv": bad_sheet_csv,
    }
    (tmp_path / "input.json").write_text(json.dumps(data))
    runner = tmp_path / "runner.mjs"
    runner.write_text(RUNNER.format(module=json.dumps(JS.as_uri()), wsmodule=json.dumps(WS.as_uri())))
    proc = subprocess.run([node, str(runner), str(tmp_path / "input.json")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    py_problems = [learner.map_problems(m) for m in good + broken]
    assert out["problems"] == py_problems
    assert sum(bool(p) for p in py_problems) > 400 and all(p == [] for p in py_problems[: len(good)])
    assert out["csv"] == [learner.to_csv(m) for m in good]
    assert out["csvBack"] == good and out["jsonBack"] == good and out["pyCsvBack"] == good
    assert out["specs"] == [learner.to_spec(m) for m in good]
    assert out["compare"] == [learner.compare(a, b) for a, b in pairs]
    assert any(out["compare"])
    # the generated maps hold relationships that share a pair (drawn in lanes, compared apart)
    assert sum("lane" in e for spec in out["specs"] for e in spec["edges"]) > 100
    assert sum("Relationship added" in c for cs in out["compare"][20:50] for c in cs) > 10

    def py_bad(name, text):
        try:
            learner.from_csv(name, text)
            return None
        except learner.LearnerMapError as err:
            return str(err)

    assert out["badCsv"] == [py_bad(n, t) for n, t in bad_csv]

    def py_bad_sheet(name, text):
        try:
            W.sheet_from_csv(name, text)
            return None
        except learner.LearnerMapError as err:
            return str(err)

    py_sheet_bad = [py_bad_sheet(n, t) for n, t in bad_sheet_csv]
    assert out["badSheetCsv"] == py_sheet_bad
    said = " ".join(m for m in py_sheet_bad + [py_bad(n, t) for n, t in bad_csv] if m)
    assert all(w in said for w in ("separated by semicolons", "separated by tabs", "unclosed quote", "the file is empty"))
    assert out["v1Back"] == [_unplaced_v2(m) for m in v1] == out["v1CsvBack"]
    placed = sum("x" in a for m in good for a in m["actors"] + m["issues"])
    assert placed > 200 and any("'x'" in " ".join(p) or '"x"' in " ".join(p) for p in py_problems)
    assert sum(m is not None for m in out["badCsv"]) > 40
    py_sheets = [W.sheet_problems(s) for s in sheets]
    assert out["sheetProblems"] == py_sheets and sum(bool(p) for p in py_sheets) > 150
    assert out["sheetCsv"] == [W.sheet_to_csv(s) for s in good_sheets]
    assert out["sheetBack"] == good_sheets


def _damaged_csv(rng: random.Random, texts: list[str]) -> list[str]:
    """Each text damaged one way: ';' or tab separators, an unclosed quote in some cell, cut short, emptied."""
    out = []
    for text in texts:
        rows = list(csv.reader(io.StringIO(text, newline="")))
        how = rng.randrange(5)
        if how < 2:
            buf = io.StringIO()
            csv.writer(buf, delimiter=";" if how == 0 else "\t", lineterminator="\r\n").writerows(rows)
            out.append(buf.getvalue())
        elif how == 2:
            lines = text.split("\r\n")
            i = rng.randrange(1, len(lines) - 1)
            cells = lines[i].split(",")
            j = rng.randrange(len(cells))
            cells[j] = '"' + cells[j].lstrip('"')
            out.append("\r\n".join(lines[:i] + [",".join(cells)] + lines[i + 1 :]))
        elif how == 3:
            out.append(text[: rng.randrange(len(text))])
        else:
            out.append(rng.choice(["", "\r\n", "  \r\n\r\n"]))
    return out


def _unplaced(m: dict) -> dict:
    m = json.loads(json.dumps(m))
    for item in m["actors"] + m["issues"]:
        item.pop("x", None)
        item.pop("y", None)
    return m


def _unplaced_v2(m: dict) -> dict:
    return dict(_unplaced(m), version=learner.VERSION)


def _v1_csv(text: str) -> str:
    """The same CSV in version 1's columns (no x and y)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(row[:12] for row in csv.reader(io.StringIO(text, newline="")))
    return out.getvalue()


def _break_sheet(rng: random.Random, s: dict):
    bad = json.loads(json.dumps(s))
    choice = rng.randrange(9)
    if choice == 0:
        bad["tool"] = rng.choice(["forest", None, 3])
    elif choice == 1:
        bad["parties"] = rng.choice([[], "x", None, [None]])
    elif choice == 2:
        bad["parties"].append(dict(bad["parties"][0]))
    elif choice == 3:
        bad["parties"][0]["entries"][rng.choice(["roots", "needs", "core"])] = rng.choice([["x"], "x", [""], [3], ["y" * 301]])
    elif choice == 4:
        bad["parties"][0][rng.choice(["name", "colour"])] = rng.choice(["", None, 4, "ok"])
    elif choice == 5:
        bad[rng.choice(["title", "viewpoint", "date", "extra"])] = rng.choice(["", None, "ok"])
    elif choice == 6:
        bad["version"] = rng.choice([2, "1", True])
    elif choice == 7:
        bad["parties"][0]["entries"] = rng.choice([[], None, "x"])
    else:
        return rng.choice([[], None, "sheet"])
    return bad
