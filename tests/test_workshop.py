"""The workshop kit (tracktwo.workshop): session plans add up and name only what exists; card sets
and sheets come from the banks with no answer on a participant sheet and every key on a key sheet;
the simulation is invented; facilitator material follows the edition; make kit's packing refuses
leaks and outside requests. Fast tier: no book build, no browser."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from docutils import nodes

from tracktwo.exercises.bank import get_item
from tracktwo.workshop import WorkshopError
from tracktwo.workshop.cards import CARD_SETS, all_card_sets, card_set
from tracktwo.workshop.kit import KitError, PrintedSheet, offline_problems, pack_kit
from tracktwo.workshop.plans import (
    PLANS_PATH,
    SPARE_CARD_SETS,
    SCHEMA_PATH,
    load_plans,
    minute_problems,
    page_status,
    reference_problems,
)
from tracktwo.workshop.check_sheets import check_items
from tracktwo.workshop.sheets import HANDOUTS, all_sheets
from tracktwo.workshop.simulation import SCENARIOS, SIMULATION_PATH, TALVANE_PATH, load_simulation
from tracktwo.workshop.simulation import SCHEMA_PATH as SIM_SCHEMA

ROOT = Path(__file__).resolve().parent.parent


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _write_plans(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(PLANS_PATH.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "plans.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plans():
    return {p.id: p for p in load_plans()}


@pytest.fixture(scope="module")
def sheets():
    return {s.id: s for s in all_sheets()}


# --- plans ------------------------------------------------------------------------------------


def test_three_plans_of_the_promised_lengths(plans):
    """The three plans, and the optional 45-minute module on Part IV appended after them."""
    assert {pid: p.length_minutes for pid, p in plans.items()} == {
        "intro-90": 90,
        "half-day": 210,
        "two-day": 840,
        "since-45": 45,
    }
    assert list(plans)[-1] == "since-45"


@pytest.mark.parametrize("plan_id", ["intro-90", "half-day", "two-day", "since-45"])
def test_minutes_add_up(plans, plan_id):
    plan = plans[plan_id]
    assert sum(b.minutes for b in plan.blocks) == plan.length_minutes
    if plan.day_minutes:
        assert [plan.minutes_of_day(d) for d in plan.days] == [plan.day_minutes] * len(plan.days)
    assert minute_problems(plan) == []


def test_a_plan_whose_minutes_do_not_add_up_is_refused_with_one_clear_message(tmp_path):
    def shorten(data):
        data["plans"][1]["blocks"][0]["minutes"] += 5

    with pytest.raises(WorkshopError) as err:
        load_plans(_write_plans(tmp_path, shorten), SCHEMA_PATH)
    assert "plan 'half-day'" in str(err.value) and "215" in str(err.value) and "210" in str(err.value)


def test_a_day_that_does_not_add_up_is_named(tmp_path):
    def move(data):
        blocks = data["plans"][2]["blocks"]
        blocks[0]["minutes"] += 10  # day 1 longer ...
        blocks[-2]["minutes"] -= 10  # ... day 2 shorter: the total still adds up

    with pytest.raises(WorkshopError, match=r"plan 'two-day', day 1: the blocks add up to 430 minutes"):
        load_plans(_write_plans(tmp_path, move), SCHEMA_PATH)


def test_schema_problems_name_file_plan_block_and_field(tmp_path):
    def bad(data):
        data["plans"][0]["blocks"][2]["grouping"] = "everyone"

    with pytest.raises(WorkshopError) as err:
        load_plans(_write_plans(tmp_path, bad), SCHEMA_PATH)
    message = str(err.value)
    assert "plans.yaml" in message and "plan 'intro-90'" in message and "block 3" in message and "'grouping'" in message
    assert "\n" not in message


def test_malformed_yaml_is_one_message_naming_the_file(tmp_path):
    path = tmp_path / "plans.yaml"
    path.write_text("plans:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(WorkshopError, match=r"plans.yaml: line \d+, column \d+: is not valid YAML"):
        load_plans(path, SCHEMA_PATH)


def test_every_chapter_exercise_card_set_handout_and_map_a_plan_names_exists(plans):
    assert reference_problems(list(plans.values())) == []
    named = {kind: set() for kind in ("chapters", "exercises", "cards", "handouts", "maps")}
    for plan in plans.values():
        for b in plan.blocks:
            for kind in named:
                named[kind] |= set(getattr(b, kind))
    assert all(named.values()), "each kind of reference is used, so the check is exercised"
    for ref in named["exercises"]:
        assert get_item(ref).ref == ref
    assert set(named["cards"]) | set(SPARE_CARD_SETS) == set(CARD_SETS), "every card set is used by some plan or is a spare"
    assert not set(named["cards"]) & set(SPARE_CARD_SETS), "a spare card set is one no plan uses"


def test_reference_problems_name_what_is_missing(tmp_path):
    def bogus(data):
        block = data["plans"][0]["blocks"][1]
        block["chapters"] = ["book/part9/nowhere"]
        block["exercises"] = ["part1-levels/no-such-item"]
        block["cards"] = ["no-cards"]
        block["handouts"] = ["no-handout"]

    found = reference_problems(load_plans(_write_plans(tmp_path, bogus), SCHEMA_PATH))
    text = "\n".join(found)
    assert len(found) == 4
    assert "book/part9/nowhere" in text and "no-such-item" in text and "no card set 'no-cards'" in text
    assert "no handout 'no-handout'" in text and all("plan 'intro-90', block 2" in f for f in found)


def test_the_mapping_notebook_may_be_planned_but_nothing_else(tmp_path):
    assert page_status("notebooks/mapping", tmp_path) == "planned"
    assert page_status("notebooks/other", tmp_path) == "missing"
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "mapping.ipynb").write_text("{}")
    assert page_status("notebooks/mapping", tmp_path) == "present"


def test_every_plan_opens_safely_and_closes_with_an_evaluation(plans):
    for plan in plans.values():
        first, last = plan.blocks[0], plan.blocks[-1]
        assert first.kind == "opening" and "book/facilitate/safety" in first.chapters, plan.id
        assert "safety" in first.title.lower() and "expectations" in first.title.lower()
        assert last.kind == "evaluation" and "evaluation" in last.handouts, plan.id
        assert any(b.kind == "synthesis" for b in plan.blocks), plan.id
        assert plan.objectives and plan.materials and plan.evaluation


def test_the_two_day_plan_maps_simulates_and_ends_with_a_capstone_and_action_planning(plans):
    plan = plans["two-day"]
    maps = {m for b in plan.blocks for m in b.maps}
    assert {"book/part2/coup", "notebooks/mapping"} <= maps
    assert any("book/facilitate/simulation" in b.chapters for b in plan.blocks)
    capstone = [b for b in plan.blocks if b.title.startswith("Capstone: a support strategy")]
    assert capstone and "recommendations" in capstone[0].handouts
    steps = " ".join(capstone[0].steps)
    assert "three recommendations" in steps and "risks" in steps and "legitimacy" in steps
    assert any(b.kind == "closing" and "Action planning" in b.title for b in plan.blocks)
    assert sum(b.kind == "break" for b in plan.blocks) >= 4


def test_timed_blocks_restart_each_day(plans):
    times = plans["two-day"].timed_blocks()
    day2 = [t for t, b in times if b.day == 2]
    assert times[0][0] == "09:00" and day2[0] == "09:00" and times[-1][0] == "15:50"


# --- card sets and sheets ---------------------------------------------------------------------


@pytest.mark.parametrize("set_id", [s for s, (src, *_) in CARD_SETS.items() if not src.startswith("data/")])
def test_card_sets_come_from_their_banks(set_id):
    cs = card_set(set_id)
    item = get_item(CARD_SETS[set_id][0])
    assert [c.text for c in cs.cards] == [o.text for o in item.options]
    assert [h.text for h in cs.headings] == [c.text for c in item.categories]
    assert [k.answer for k in cs.key] == [item.category(item.answer[o.id]).text for o in item.options]
    assert len({c.code for c in cs.cards}) == len(cs.cards)


def test_unknown_card_set_is_one_clear_message():
    with pytest.raises(WorkshopError, match="no card set 'nope' \\(there are: track-cases"):
        card_set("nope")


def _secrets():
    """Every answer, hint, feedback, clue and rationale of the items the kit prints, and the
    simulation's confidential briefs: none may appear on a participant sheet."""
    out = []
    refs = [src for src, *_ in CARD_SETS.values() if not src.startswith("data/")]
    for item in [get_item(ref) for ref in refs] + check_items():
        out += [o.feedback for o in item.options] + [o.clue for o in item.options if o.clue]
        out += [a.rationale for a in item.accept] + ([item.hint] if item.hint else [])
        out += list(item.checklist) + ([item.model_answer.text, item.model_answer.why] if item.model_answer else [])
    from tracktwo.confidential import strings_in

    for sc in SCENARIOS:  # every role brief, inject and walk-out guidance of both simulations
        sim = load_simulation(sc.path)
        out += [t for part in ("roles", "injects") for entry in sim[part] for t in strings_in(entry["confidential"])]
        out += list(strings_in(sim["walkout"]["confidential"]))
    out += [
        p for cs in all_card_sets() if cs.id in ("ripeness-cards", "ripeness-since") for k in cs.key for p in [k.reason, *k.also]
    ]
    return [_norm(s) for s in out]


def test_no_answer_hint_feedback_or_confidential_brief_on_a_participant_sheet(sheets):
    from tracktwo.confidential import leaks, marked_strings

    secrets = _secrets()
    assert len(secrets) > 60
    marked = marked_strings()  # everything the data marks confidential or as a key (decision 13)
    for sheet in sheets.values():
        if sheet.audience != "participant":
            continue
        assert not leaks(sheet.html(), marked), sheet.id
        text = _norm(re.sub(r"<[^>]+>", " ", sheet.html()).replace("&#x27;", "'").replace("&quot;", '"'))
        leaked = [s[:60] for s in secrets if s[:80] in text]
        assert not leaked, f"{sheet.id} shows: {leaked}"
        assert sheet.kind != "key"


def test_every_key_is_on_a_key_sheet(sheets):
    import html as _html

    keys = " ".join(_norm(_html.unescape(re.sub(r"<[^>]+>", " ", s.html()))) for s in sheets.values() if s.kind == "key")
    for cs in all_card_sets():
        for k in cs.key:
            assert _norm(k.reason)[:100] in keys, (cs.id, k.code)
            assert _norm(k.answer) in keys
    for item in check_items():
        if item.type == "open":
            assert _norm(item.model_answer.text)[:100] in keys and all(_norm(p)[:100] in keys for p in item.checklist), item.ref
            continue
        answers = item.answer if isinstance(item.answer, (list, tuple, dict)) else [item.answer]
        for a in answers:
            assert _norm(item.option(a).feedback)[:100] in keys, item.ref


def test_handouts_named_by_plans_exist_as_participant_sheets(sheets):
    for handout in HANDOUTS:
        assert sheets[handout].audience == "participant"
    for set_id in CARD_SETS:
        assert sheets[f"cards-{set_id}"].audience == "participant"
        assert sheets[f"key-{set_id}"].audience == "facilitator"


def test_sheets_make_no_outside_request_and_carry_text_twins(sheets, tmp_path):
    from tracktwo.sphinxext.offline_guard import find_remote_resources

    for sheet in sheets.values():
        assert find_remote_resources(sheet.html()) == [], sheet.id
        for svg in re.findall(r"<svg\b[^>]*>", sheet.html()):
            assert 'aria-hidden="true"' in svg or "aria-labelledby" in svg, sheet.id
    assert "text version" in sheets["levels"].html().lower()
    legend = sheets["mapping-legend"].html()
    for element in (
        "Party",
        "Outside party",
        "Ourselves",
        "Issue",
        "Alliance",
        "Discord, conflict",
        "Broken relationship",
        "Dominance or influence",
        "Issue link",
    ):
        assert f">{element}" in legend


# --- simulation -------------------------------------------------------------------------------


SCENARIO_PATHS = pytest.mark.parametrize("path", [sc.path for sc in SCENARIOS], ids=[sc.key for sc in SCENARIOS])
PHASES = ["read-briefs", "round-one", "round-two", "de-roling", "debrief"]


@SCENARIO_PATHS
def test_simulation_is_complete_and_its_debrief_cites_the_brief(path):
    sim = load_simulation(path)
    assert [p["id"] for p in sim["script"]] == PHASES  # de-roling and debrief straight after play
    assert all(re.match(r"(Introduction|Sec\. [1-4]|Conclusions)", d["section"]) for d in sim["debrief"])
    assert len(sim["variants"]) >= 3 and len(sim["debrief"]) >= 6
    # the brief's central tension: at least one question ties Track 1.5 against Track Three to Sec. 1 or
    # the Introduction and to the Conclusions
    tension = [d for d in sim["debrief"] if "Conclusions" in d["section"] and "Track 1.5" in d["question"]]
    assert tension, "no debrief question ties the tracks' pull against each other to the brief's Conclusions"
    assert 2 <= len(sim["injects"]) <= 4 and all(i["phase"] == "round-two" for i in sim["injects"])
    assert len(sim["observers"]["watch"]) >= 5


def test_meranth_keeps_its_concepts_and_the_two_day_plans_105_minutes():
    sim = load_simulation()
    concepts = " ".join(d["concept"] for d in sim["debrief"]).lower()
    for concept in ("levels", "ripeness", "managing", "outside support", "quiet deals"):
        assert concept in concepts
    variants = {v["id"]: v for v in sim["variants"]}
    assert variants["standard"]["minutes"] == [20, 35, 20, 10, 20]  # read, round one, inject + round two, de-roling, debrief
    assert variants["standard"]["label"].startswith("105 minutes")


@SCENARIO_PATHS
def test_every_scenario_has_a_class_of_40_and_a_safe_online_variant(path):
    variants = {v["id"]: v for v in load_simulation(path)["variants"]}
    assert {"standard", "class-40", "online"} <= set(variants)
    rooms = variants["class-40"]
    assert "four" in rooms["label"] and "8 to 10" in rooms["note"] and "plenary" in rooms["note"].lower()
    assert any("observer" in s.lower() for s in rooms["setup"] + [rooms["note"]])
    safety = " ".join(variants["online"]["safety"]).lower()
    # audit B (AB-15): both scenarios carry every rule: a private place to join from, no shared online
    # board for round two (safety protocol, section 5), and a dropped player checked on later through
    # the channel the player chose (section 13)
    for rule in (
        "no recording",
        "cameras optional",
        "no real names in the chat",
        "platform caution",
        "a private place",
        "no shared board",
        "dropped connection",
    ):
        assert rule in safety, rule
    assert "channel that the player chose" in safety
    # audit B (AB-13, AB-14): injects are read aloud, never sent; role briefs are read one role per room
    setup = " ".join(variants["online"]["setup"] + [variants["online"]["note"]]).lower()
    assert "reads the inject aloud" in setup and "no written copy" in setup
    assert "one breakout room per role" in setup


@SCENARIO_PATHS
def test_every_role_brief_is_full_and_the_walkout_is_a_red_line(path):
    """Briefs of a printed page or so (situation, relations, interests, constraints, red lines,
    latitude), not three sentences; the walk-out role's own red line says it leaves the table."""
    from tracktwo.confidential import strings_in

    sim = load_simulation(path)
    for role in sim["roles"]:
        words = len(" ".join(strings_in(role["confidential"])).split())
        assert words >= 220, f"{role['id']}: a brief of {words} words"
    walker = next(r for r in sim["roles"] if r["id"] == sim["walkout"]["role"])
    assert any("leave the table" in line for line in walker["confidential"]["red_lines"])


def test_talvane_makes_three_tracks_compete_for_the_same_people_and_money():
    sim = load_simulation(TALVANE_PATH)
    public = " ".join(sim["public"])
    for channel in ("lakeside talks", "Essaro Forum", "Valley Assemblies"):
        assert channel in public
    assert "same few people" in public and "same outside donor" in public
    sides = {r["side"] for r in sim["roles"]}
    assert {"The lakeside talks", "The Essaro Forum", "The Valley Assemblies", "Wanted by all three", "The donor"} <= sides
    assert all(90 <= sum(v["minutes"]) <= 105 for v in sim["variants"])
    sections = " ".join(d["section"] for d in sim["debrief"])
    for where in ("Introduction", "Sec. 1", "Sec. 3", "Sec. 4", "Conclusions"):
        assert where in sections


@SCENARIO_PATHS
def test_the_simulated_country_names_no_real_actor(path):
    import csv

    sim_text = path.read_text(encoding="utf-8")
    body = sim_text.split("\ntitle:", 1)[1]  # the header comment names the sources, not the story
    names = set()
    with open(ROOT / "data" / "actors.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names |= {row["acronym"], row["name"].split(" (")[0]} - {""}
    names |= {"Myanmar", "Burma", "Tatmadaw", "Kachin", "Karen", "Shan", "Wa", "Rakhine", "Arakan", "NUG", "SAC"}
    found = sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", body))
    assert not found, f"the invented conflict mentions real actors: {found}"


def _label_problems(sim) -> list[str]:
    """Variants whose label does not start with their length in minutes, or states another length
    than the sum of their parts."""
    out = []
    for v in sim["variants"]:
        m = re.match(r"(\d+) minutes\b", v["label"])
        if not m or int(m.group(1)) != sum(v["minutes"]):
            out.append(f"{v['id']}: label {v['label']!r}, parts add up to {sum(v['minutes'])}")
    return out


@SCENARIO_PATHS
def test_every_variant_label_states_its_minutes_and_they_add_up(path):
    sim = load_simulation(path)
    assert _label_problems(sim) == []
    # the check can fail: a planted mismatch is found
    planted = {"variants": [dict(sim["variants"][0], minutes=[*sim["variants"][0]["minutes"][:-1], 99])]}
    assert _label_problems(planted) and "parts add up to" in _label_problems(planted)[0]


def test_a_timing_variant_of_the_wrong_length_is_refused(tmp_path):
    data = yaml.safe_load(SIMULATION_PATH.read_text(encoding="utf-8"))
    path = tmp_path / "simulation.yaml"
    data["variants"][1]["minutes"] = [5, 10]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(WorkshopError, match=r"timing variant 'short', field 'minutes': give 5 lengths"):
        load_simulation(path, SIM_SCHEMA)
    # a label whose minutes differ from the sum of the parts: 105 stated, 110 given
    data = yaml.safe_load(SIMULATION_PATH.read_text(encoding="utf-8"))
    data["variants"][0]["minutes"] = [20, 35, 25, 10, 20]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(
        WorkshopError,
        match=r"simulation\.yaml: timing variant 'standard', field 'label': it says 105 minutes, but its parts \(20 \+ 35 \+ 25 \+ 10 \+ 20\) add up to 110",
    ):
        load_simulation(path, SIM_SCHEMA)
    # a label that states no length at all is refused by the schema, naming the field
    data = yaml.safe_load(SIMULATION_PATH.read_text(encoding="utf-8"))
    data["variants"][0]["label"] = "the two-day plan"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(WorkshopError, match=r"timing variant 'standard', field 'label'"):
        load_simulation(path, SIM_SCHEMA)


def test_an_inject_or_walkout_naming_nothing_is_refused(tmp_path):
    data = yaml.safe_load(TALVANE_PATH.read_text(encoding="utf-8"))
    data["injects"][0]["phase"] = "round-three"
    path = tmp_path / "simulation-talvane.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(WorkshopError, match=r"inject 'budget-cut', field 'phase': no script phase 'round-three'"):
        load_simulation(path, SIM_SCHEMA)
    data = yaml.safe_load(TALVANE_PATH.read_text(encoding="utf-8"))
    data["walkout"]["role"] = "nobody"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(WorkshopError, match=r"walkout, field 'role': no role 'nobody'"):
        load_simulation(path, SIM_SCHEMA)


# --- editions: facilitator material -------------------------------------------------------------


@pytest.mark.parametrize("edition,expect", [("participant", None), ("learner", True), ("instructor", False)])
def test_facilitator_material_follows_the_edition(edition, expect):
    from tracktwo.sphinxext.lesson_blocks import INSTRUCTOR_ONLY, facilitator_only

    made = facilitator_only(SimpleNamespace(tracktwo_edition=edition), [nodes.admonition(classes=["tt-facilitator"])])
    if expect is None:
        assert made == []
    else:
        assert (INSTRUCTOR_ONLY in made[0]["classes"]) is expect


# --- make kit's packing, on a small fake build ----------------------------------------------------


def _fake_book(root: Path, extra: str = "") -> Path:
    (root / "_static").mkdir(parents=True)
    (root / "_static" / "fig.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (root / "index.html").write_text(f"<html><body><img src='_static/fig.svg' alt='a figure'>{extra}</body></html>")
    (root / "_sources").mkdir()
    (root / "_sources" / "index.md.txt").write_text("source")
    return root


def _fake_sheets(tmp_path: Path) -> list[PrintedSheet]:
    out = []
    for sid, audience, kind in (
        ("levels", "participant", "handout"),
        ("cards-track-cases", "participant", "cards"),
        ("key-track-cases", "facilitator", "key"),
    ):
        pdf = tmp_path / f"{sid}.pdf"
        pdf.write_bytes(b"%PDF-1.4 fake")
        out.append(PrintedSheet(sid, sid.title(), audience, kind, pdf, 1))
    return out


def test_pack_kit_makes_two_folders_an_index_and_two_zips(tmp_path):
    p = _fake_book(tmp_path / "p")
    i = _fake_book(tmp_path / "i", "<div class='admonition tt-facilitator'>note</div>")
    result = pack_kit(p, i, _fake_sheets(tmp_path), tmp_path / "kit")
    kit = tmp_path / "kit"
    assert (kit / "participant" / "book" / "index.html").exists()
    assert (kit / "facilitator" / "book" / "index.html").exists()
    assert (kit / "participant" / "levels.pdf").exists() and (kit / "facilitator" / "key-track-cases.pdf").exists()
    assert not (kit / "participant" / "key-track-cases.pdf").exists()
    assert not (kit / "participant" / "book" / "_sources").exists()
    index = result["index"].read_text()
    assert 'href="participant/book/index.html"' in index and 'href="facilitator/key-track-cases.pdf"' in index
    with zipfile.ZipFile(result["participant_zip"]) as z:
        names = z.namelist()
    assert "participant/book/index.html" in names and "participant/levels.pdf" in names
    assert not any("key-" in n for n in names)
    with zipfile.ZipFile(result["facilitator_zip"]) as z:
        assert "facilitator/key-track-cases.pdf" in z.namelist()
    assert offline_problems(kit) == []


def test_pack_kit_refuses_a_participant_edition_with_facilitator_notes(tmp_path):
    p = _fake_book(tmp_path / "p", "<div class=\"admonition tt-facilitator tt-instructor-only\">note</div>")
    with pytest.raises(
        KitError, match="participant edition carries facilitator, confidential or key material: index.html: tt-facilitator"
    ):
        pack_kit(p, _fake_book(tmp_path / "i"), _fake_sheets(tmp_path), tmp_path / "kit")


def test_pack_kit_refuses_a_key_in_the_participant_folder(tmp_path):
    sheets = _fake_sheets(tmp_path)
    sheets[2] = PrintedSheet("key-x", "Key", "participant", "key", sheets[2].pdf)
    with pytest.raises(KitError, match="'key-x' is a key"):
        pack_kit(_fake_book(tmp_path / "p"), _fake_book(tmp_path / "i"), sheets, tmp_path / "kit")


def test_pack_kit_refuses_an_outside_request(tmp_path):
    i = _fake_book(tmp_path / "i", "<script src='https://cdn.example.org/x.js'></script>")
    with pytest.raises(KitError, match="other hosts: .*https://cdn.example.org/x.js"):
        pack_kit(_fake_book(tmp_path / "p"), i, _fake_sheets(tmp_path), tmp_path / "kit")


def test_pack_kit_says_which_edition_is_not_built(tmp_path):
    with pytest.raises(KitError, match="the instructor edition is not built"):
        pack_kit(_fake_book(tmp_path / "p"), tmp_path / "nothing", _fake_sheets(tmp_path), tmp_path / "kit")
