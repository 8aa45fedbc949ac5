"""The ripeness/readiness model: every combination of conditions gives its documented result."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracktwo.figures import text_alternative
from tracktwo.ripeness.ripeness_chart import assessment_figure, explorer_figure
from tracktwo.ripeness import (
    EFFORTS,
    INGREDIENTS,
    RULES,
    ModelError,
    PartyRating,
    ScenarioError,
    all_combinations,
    assess,
    assess_static,
    effort_for,
    load_scenarios,
    rating,
    static_states,
)

# The rule table as documented in tracktwo/ripeness/__init__.py and in notebooks/ripeness.ipynb, written out
# independently here: (ripe, number of ready parties) -> effort.
DOCUMENTED = {
    (True, 2): "formula",
    (True, 1): "persuade",
    (True, 0): "persuade",
    (False, 2): "readiness",
    (False, 1): "one-side",
    (False, 0): "manage",
}


def test_rule_table_matches_the_documented_table():
    assert RULES == DOCUMENTED
    assert set(RULES.values()) == set(EFFORTS)


@pytest.mark.parametrize("ripe,n_ready", sorted(DOCUMENTED))
def test_effort_for_each_condition(ripe, n_ready):
    assert effort_for(ripe, n_ready) == DOCUMENTED[(ripe, n_ready)]


def test_every_one_of_the_256_combinations():
    combos = all_combinations()
    assert len(combos) == 256 and len(set(combos)) == 256
    seen = set()
    for a, b in combos:
        x = assess(a, b)
        ripe = a.stalemate and b.stalemate and a.way_out and b.way_out
        ready_a, ready_b = a.motivation and a.optimism, b.motivation and b.optimism
        assert (x.ripe, x.ready_a, x.ready_b) == (ripe, ready_a, ready_b)
        assert x.effort == DOCUMENTED[(ripe, int(ready_a) + int(ready_b))]
        # the reasoning always states ripeness first, then each party's readiness
        assert x.reasons[0].startswith("Ripe:" if ripe else "Not ripe:")
        assert x.reasons[-2].startswith("Party A is " + ("ready" if ready_a else "not ready"))
        assert x.reasons[-1].startswith("Party B is " + ("ready" if ready_b else "not ready"))
        for party, r in (("a", a), ("b", b)):
            assert len(x.missing[party]) == sum(not getattr(r, k) for k in INGREDIENTS)
        seen.add((ripe, int(ready_a) + int(ready_b)))
    assert seen == set(DOCUMENTED)  # every row of the table is reachable


def test_shared_stalemate_without_a_way_out_names_the_missing_ingredient():
    x = assess({"stalemate": "high"}, {"stalemate": "high"})
    assert not x.ripe
    assert any("missing ingredient is a way out" in r for r in x.reasons)


def test_one_party_lacking_a_way_out_is_not_ripe():
    full = dict.fromkeys(INGREDIENTS, "high")
    x = assess(full, {**full, "way_out": "low"})
    assert not x.ripe and x.effort == "readiness"
    assert "Party B does not perceive a way out" in x.reasons[0]


def test_ratings_accept_words_and_booleans_and_reject_the_rest():
    assert rating({"stalemate": "HIGH", "optimism": True}) == PartyRating(stalemate=True, optimism=True)
    assert rating(None) == PartyRating()
    with pytest.raises(ModelError, match="unknown ingredient"):
        rating({"hope": "high"}, party="Party A")
    with pytest.raises(ModelError, match=r"Party A, motivation: 'medium' is not a rating"):
        rating({"motivation": "medium"}, party="Party A")
    with pytest.raises(ModelError):
        effort_for(True, 3)


def test_static_states_cover_every_row_and_agree_with_assess():
    states = static_states()
    assert len(states) == 16
    rows = set()
    for s in states:
        x = assess_static(s)
        assert x.ripe == (s["a_ripe_side"] and s["b_ripe_side"])
        assert (x.ready_a, x.ready_b) == (s["a_ready"], s["b_ready"])
        rows.add((x.ripe, x.n_ready))
    assert rows == set(DOCUMENTED)


def test_explorer_figure_precomputes_every_state_and_is_described():
    book = load_scenarios()
    fig = explorer_figure(book.efforts)
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == 16
    texts = [b.args[1]["annotations[0].text"] for b in buttons]
    for s, text in zip(static_states(), texts):
        assert book.efforts[assess_static(s).effort]["label"] in text
    assert len(set(texts)) == 16
    alt = text_alternative(fig)
    assert alt["summary"] and len(alt["rows"]) == 16
    assert {t.type for t in fig.data} <= {"scatter", "bar", "pie"}


def test_assessment_figure_shows_the_ratings_and_reasoning():
    book = load_scenarios()
    x = assess(dict.fromkeys(INGREDIENTS, "high"), dict.fromkeys(INGREDIENTS, "high"))
    fig = assessment_figure(x, book.efforts, names=("North", "South"))
    assert list(fig.layout.xaxis.ticktext) == ["North", "South"]
    assert "Exploratory talks toward a formula" in fig.layout.annotations[0].text
    assert text_alternative(fig)["columns"] == ["Ingredient or condition", "North", "South"]


def test_scenario_cards_load_and_cite_known_works():
    book = load_scenarios()
    assert len(book.scenarios) >= 4
    assert set(book.efforts) == set(EFFORTS)
    assert book.scenario("sac-eaos-2021").parties[1].startswith("Ethnic armed")
    with pytest.raises(ScenarioError, match="no scenario card with id 'nope'"):
        book.scenario("nope")


CARD = """
  - id: {id}
    title: T
    setting: S
    parties: [A, B]
    summary: Sum
    points: [p]
    questions: [q]
    sources: [{src}]
"""
EFFORTS_YAML = "keys:\n  scenarios[].reading?: self-check-key\nefforts:\n" + "".join(
    f"  {e}:\n    label: L\n    description: D\n    sources: [jones2021myanmar]\n" for e in EFFORTS
)


def _write(tmp_path: Path, cards: str, efforts: str = EFFORTS_YAML) -> Path:
    p = tmp_path / "cards.yaml"
    p.write_text(efforts + "scenarios:\n" + cards, encoding="utf-8")
    return p


def test_loader_errors_name_the_file_card_and_field(tmp_path):
    keys = ["jones2021myanmar"]
    good = "".join(CARD.format(id=f"c{i}", src="jones2021myanmar") for i in range(4))
    assert len(load_scenarios(_write(tmp_path, good), known_keys=keys).scenarios) == 4
    bad_src = good + CARD.format(id="c9", src="nobody2099")
    with pytest.raises(ScenarioError, match=r"cards.yaml: card 5 'c9', field 'sources': 'nobody2099' is not a key"):
        load_scenarios(_write(tmp_path, bad_src), known_keys=keys)
    dup = good + CARD.format(id="c0", src="jones2021myanmar")
    with pytest.raises(ScenarioError, match=r"card 5 'c0', field 'id': repeated"):
        load_scenarios(_write(tmp_path, dup), known_keys=keys)
    with pytest.raises(ScenarioError, match="at least 4 cards"):
        load_scenarios(_write(tmp_path, CARD.format(id="c0", src="jones2021myanmar")), known_keys=keys)
    missing = good.replace("    summary: Sum\n", "", 1)
    with pytest.raises(ScenarioError, match=r"card 1 'c0', field 'summary': missing"):
        load_scenarios(_write(tmp_path, missing), known_keys=keys)
    with pytest.raises(ScenarioError, match="'efforts': must describe exactly"):
        load_scenarios(_write(tmp_path, good, efforts="efforts: {}\n"), known_keys=keys)
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenarios(tmp_path / "absent.yaml", known_keys=keys)


def test_widget_calls_the_same_function():
    from tracktwo.ripeness.ripeness_explorer import ripeness_explorer

    book = load_scenarios()
    box = ripeness_explorer(book)
    picker, card, parties, out = box.children
    assert "Points to weigh" in card.value
    # set every ingredient high for both parties: the figure must say "formula"
    for col in parties.children:
        for t in col.children[1:]:
            t.value = True
    shown = out.outputs[0]["data"]["application/vnd.plotly.v1+json"]
    assert "Exploratory talks toward a formula" in shown["layout"]["annotations"][0]["text"]
    picker.value = book.scenarios[1].id
    assert book.scenarios[1].title in card.value


def test_scenario_schema_requires_exactly_the_models_efforts():
    from tracktwo.data.content import effort_ids

    assert set(effort_ids()) == set(EFFORTS)
