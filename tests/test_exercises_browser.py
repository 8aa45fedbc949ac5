"""The exercises in the built book, in real Chromium, driven by the keyboard alone.

Each type is answered wrongly and then rightly with Tab / Shift+Tab, Space / Enter and arrow keys;
the feedback and score the page shows must equal what tracktwo.exercises.scoring computes. Answers
must survive a reload and be gone after "Clear my answers on this page". The page engine's scoring
is also compared with Python's on many answers, and axe checks the exercises for WCAG 2.2 AA.

These run against book/practice.html; they skip (saying why) until it is in _toc.yml.
"""

from __future__ import annotations

import json
import re

import pytest

import tracktwo
from tracktwo.exercises import get_item, load_bank, score
from tracktwo.exercises.messages import STRINGS, fmt

from test_exercises import JS_RESULTS, _all_responses, python_results

pytestmark = pytest.mark.browser

PRACTICE = "book/practice.html"


@pytest.fixture(scope="module")
def practice_url(site, server):
    if not (site / PRACTICE).exists():
        pytest.skip(f"{PRACTICE} is not in the build: add 'book/practice' to _toc.yml to run the exercise browser tests")
    return f"{server}/{PRACTICE}"


@pytest.fixture()
def page(browser, practice_url):
    """A fresh browser context (empty localStorage) on the practice page; fails on console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(practice_url, wait_until="networkidle")
    pg.wait_for_function("() => window.TrackTwoExercises && window.TrackTwoExercises.page")
    yield pg
    base = practice_url.split("/book/")[0]
    off_server = [u for u in requests if not u.startswith(base) and not u.startswith(("data:", "blob:", "about:"))]
    context.close()
    assert problems == []
    assert off_server == []


# ---------------------------------------------------------------------------------------- helpers


def focused(pg, selector: str) -> bool:
    return pg.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(pg, selector: str, limit: int = 700) -> None:
    """Press Tab (and, if the target is behind, Shift+Tab) until the element matching selector has focus."""
    for key, n in (("Tab", limit), ("Shift+Tab", limit)):
        for _ in range(n):
            if focused(pg, selector):
                return
            pg.keyboard.press(key)
    raise AssertionError(f"could not reach {selector} with Tab / Shift+Tab")


def tab_back_to(pg, selector: str, limit: int = 100) -> None:
    for _ in range(limit):
        if focused(pg, selector):
            return
        pg.keyboard.press("Shift+Tab")
    raise AssertionError(f"could not reach {selector} with Shift+Tab")


def ex(item) -> str:
    return f"#tt-ex--{item.bank}--{item.id}"


def result_text(pg, item) -> str:
    return pg.locator(f"{ex(item)} .tt-ex-result").inner_text()


def feedback_text(pg, item, option_id: str) -> str:
    return pg.locator(f'{ex(item)} li[data-option="{option_id}"] .tt-ex-feedback').inner_text()


def expected_summary(item, response) -> str:
    result = score(item, response)
    return fmt_score(result)


def fmt_score(result) -> str:
    return f"Score: {result.points} of {result.max}."


def check(pg, item, key: str = "Enter") -> None:
    tab_to(pg, f"{ex(item)} .tt-ex-check")
    pg.keyboard.press(key)


def saved(pg) -> dict:
    return pg.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('tracktwo:')).map(k => [k, JSON.parse(localStorage.getItem(k))]))""")


# ---------------------------------------------------------------------------------------- each type


def test_single_choice_wrong_then_right_by_keyboard(page):
    item = get_item("demo/oslo-talks")
    radio = f"{ex(item)} input[type=radio]"
    tab_to(page, radio)                                   # lands on the first option of the group
    wrong = "three"
    for _ in range(item.option_ids.index(wrong)):
        page.keyboard.press("ArrowDown")                  # arrow keys move and select within the group
    assert page.locator(f"{radio}:checked").get_attribute("value") == wrong
    check(page, item)
    assert fmt_score(score(item, wrong)) in result_text(page, item)
    assert STRINGS["none_right"] in result_text(page, item)
    text = feedback_text(page, item, wrong)
    assert STRINGS["mark_wrong"] in text and item.option(wrong).feedback in text
    assert feedback_text(page, item, item.answer) == ""   # the right answer is not given away

    tab_back_to(page, f"{radio}:checked")                  # Shift+Tab back into the group
    page.keyboard.press("ArrowUp")
    assert page.locator(f"{radio}:checked").get_attribute("value") == item.answer
    assert feedback_text(page, item, wrong) == ""         # changing the answer clears stale marks
    check(page, item, key="Space")
    assert "Score: 1 of 1." in result_text(page, item) and STRINGS["all_right"] in result_text(page, item)
    text = feedback_text(page, item, item.answer)
    assert STRINGS["mark_right"] in text and item.option(item.answer).feedback in text
    assert page.locator(f'{ex(item)} li[data-option="{item.answer}"]').get_attribute("class").count("tt-ex-option--right") == 1


def test_multiple_choice_wrong_then_right_by_keyboard(page):
    item = get_item("demo/track-15-features")
    box = lambda oid: f'{ex(item)} input[value="{oid}"]'  # noqa: E731
    first_wrong = next(o for o in item.option_ids if o not in item.answer)
    first_right = item.answer[0]
    for oid in (first_right, first_wrong):
        tab_to(page, box(oid))
        page.keyboard.press("Space")
    check(page, item)
    expected = score(item, [first_right, first_wrong])
    assert (expected.points, expected.max) == (0, 3)      # 1 right - 1 wrong
    assert fmt_score(expected) in result_text(page, item)
    assert STRINGS["mark_right"] in feedback_text(page, item, first_right)
    assert STRINGS["mark_wrong"] in feedback_text(page, item, first_wrong)
    assert item.option(first_wrong).feedback in feedback_text(page, item, first_wrong)

    tab_back_to(page, box(first_wrong))
    page.keyboard.press("Space")                          # untick the wrong one
    for oid in item.answer[1:]:
        tab_to(page, box(oid))
        page.keyboard.press("Space")
    check(page, item)
    assert "Score: 3 of 3." in result_text(page, item)
    for oid in item.answer:
        assert STRINGS["mark_right"] in feedback_text(page, item, oid)


def test_classification_empty_then_wrong_then_right_by_keyboard(page):
    item = get_item("demo/which-track")
    cats = item.category_ids
    select = lambda oid: f'{ex(item)} li[data-option="{oid}"] select'  # noqa: E731
    check(page, item)                                     # nothing sorted yet: a message, not a crash
    assert STRINGS["empty_classification"] in result_text(page, item)

    first = item.option_ids[0]
    wrong_cat = next(c for c in cats if c != item.answer[first])
    tab_back_to(page, select(item.option_ids[-1]))
    tab_back_to(page, select(first))
    for _ in range(cats.index(wrong_cat) + 1):            # +1: the first entry is "Choose a category"
        page.keyboard.press("ArrowDown")
    assert page.locator(select(first)).input_value() == wrong_cat
    check(page, item)
    expected = score(item, {first: wrong_cat})
    assert fmt_score(expected) in result_text(page, item)
    assert feedback_text(page, item, first) == STRINGS["mark_wrong_category"]
    assert feedback_text(page, item, item.option_ids[1]) == STRINGS["mark_blank"]

    for oid in item.option_ids:
        tab_to(page, select(oid))
        current = page.locator(select(oid)).input_value()
        now = cats.index(current) + 1 if current else 0
        target = cats.index(item.answer[oid]) + 1
        for _ in range(abs(target - now)):
            page.keyboard.press("ArrowDown" if target > now else "ArrowUp")
        assert page.locator(select(oid)).input_value() == item.answer[oid]
    check(page, item)
    assert f"Score: {len(item.options)} of {len(item.options)}." in result_text(page, item)
    for oid in item.option_ids:
        text = feedback_text(page, item, oid)
        assert STRINGS["mark_right_category"] in text and item.option(oid).feedback in text


def order_of(page, item) -> list[str]:
    return page.eval_on_selector_all(f"{ex(item)} li.tt-ex-option", "els => els.map(e => e.dataset.option)")


def test_ordering_wrong_then_right_with_move_buttons_by_keyboard(page):
    item = get_item("demo/myanmar-turning-points")
    up = lambda oid: f'{ex(item)} li[data-option="{oid}"] .tt-ex-up'  # noqa: E731
    down = lambda oid: f'{ex(item)} li[data-option="{oid}"] .tt-ex-down'  # noqa: E731
    start = order_of(page, item)
    assert start == item.option_ids

    tab_to(page, down(start[0]))
    page.keyboard.press("Enter")                          # one move down
    moved = order_of(page, item)
    assert moved[1] == start[0]
    assert focused(page, down(start[0]))                  # focus follows the moved item
    assert f"Moved to position 2 of {len(start)}" in result_text(page, item)
    check(page, item)
    assert fmt_score(score(item, moved)) in result_text(page, item)
    marks = score(item, moved).marks
    for oid, mark in marks.items():
        assert STRINGS["mark_right_place" if mark == "right" else "mark_wrong_place"] in feedback_text(page, item, oid)

    for target, oid in enumerate(item.answer):           # a selection sort, one Move up at a time
        tab_to(page, up(oid))
        while order_of(page, item).index(oid) > target:
            page.keyboard.press("Space")
            assert focused(page, up(oid))
    assert order_of(page, item) == list(item.answer)
    tab_to(page, up(item.answer[0]))
    page.keyboard.press("Enter")                          # the first item cannot go higher: said, not done
    assert "Already first" in result_text(page, item)
    check(page, item)
    assert f"Score: {len(item.answer)} of {len(item.answer)}." in result_text(page, item)
    for oid in item.answer:
        assert item.option(oid).feedback in feedback_text(page, item, oid)


def test_hint_and_solution_and_retry_by_keyboard(page):
    item = get_item("demo/readiness")
    tab_to(page, f"{ex(item)} .tt-ex-hint-toggle")
    page.keyboard.press("Enter")
    assert page.locator(f"{ex(item)} .tt-ex-hint-toggle").get_attribute("aria-expanded") == "true"
    assert item.hint in page.locator(f"{ex(item)} .tt-ex-hint").inner_text()
    tab_to(page, f"{ex(item)} .tt-ex-solution")
    page.keyboard.press("Enter")
    assert STRINGS["solution_shown"] in result_text(page, item)
    assert STRINGS["solution_correct_option"] in feedback_text(page, item, item.answer)
    for oid in item.option_ids:
        assert item.option(oid).feedback in feedback_text(page, item, oid)
    tab_to(page, f"{ex(item)} .tt-ex-retry")
    page.keyboard.press("Enter")
    assert STRINGS["retry_done"] in result_text(page, item)
    assert feedback_text(page, item, item.answer) == ""
    assert focused(page, f"{ex(item)} input[type=radio]")  # back to the first control


# ---------------------------------------------------------------------------------------- saving


def test_answers_survive_a_reload_and_are_gone_after_clear(page):
    item = get_item("demo/oslo-talks")
    other = get_item("demo/which-track")
    radio = f'{ex(item)} input[value="{item.answer}"]'
    tab_to(page, f"{ex(item)} input[type=radio]")
    for _ in range(item.option_ids.index(item.answer)):
        page.keyboard.press("ArrowDown")
    check(page, item)
    tab_to(page, f'{ex(other)} li[data-option="jicm"] select')
    page.keyboard.press("ArrowDown")
    keys = saved(page)
    key = f"tracktwo:{tracktwo.COURSE_VERSION}:exercise:{item.ref}"
    assert key in keys and keys[key]["response"] == item.answer and keys[key]["checked"] is True
    assert page.locator(ex(item)).get_attribute("data-tt-course-version") == tracktwo.COURSE_VERSION

    page.reload(wait_until="networkidle")
    page.wait_for_function("() => window.TrackTwoExercises && window.TrackTwoExercises.page")
    assert page.locator(radio).is_checked()
    assert "Score: 1 of 1." in result_text(page, item)
    assert page.locator(f'{ex(other)} li[data-option="jicm"] select').input_value() == other.category_ids[0]
    assert fmt("page_score", checked=1, count=8, points=1, max=1) in page.locator(".tt-ex-page-score").inner_text()

    tab_to(page, ".tt-ex-clear")
    page.keyboard.press("Enter")
    assert fmt("cleared", count=8) in page.locator(".tt-ex-page-status").inner_text()
    assert saved(page) == {}
    assert not page.locator(radio).is_checked() and result_text(page, item) == ""
    page.reload(wait_until="networkidle")
    page.wait_for_function("() => window.TrackTwoExercises && window.TrackTwoExercises.page")
    assert not page.locator(radio).is_checked()
    assert page.locator(f'{ex(other)} li[data-option="jicm"] select').input_value() == ""


def test_an_unreadable_saved_answer_is_set_aside_with_a_message(page):
    item = get_item("demo/track-15-features")
    key = f"tracktwo:{tracktwo.COURSE_VERSION}:exercise:{item.ref}"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps({"v": 1, "response": ["zzz"], "checked": True})])
    page.reload(wait_until="networkidle")
    page.wait_for_function("() => window.TrackTwoExercises && window.TrackTwoExercises.page")
    assert STRINGS["saved_unreadable"] in result_text(page, item)
    assert key not in saved(page)


# ---------------------------------------------------------------------------------------- agreement


def test_the_page_and_python_use_the_same_strings(page):
    assert page.evaluate("() => window.TrackTwoExercises.STRINGS") == STRINGS


def test_the_page_engine_scores_like_python(page):
    compared = 0
    for item in load_bank("demo").items.values():
        responses = _all_responses(item)[:80]
        js = page.evaluate("([data, responses]) => { " + JS_RESULTS + " return jsResults(window.TrackTwoExercises, data, responses); }",
                           [item.to_data(), responses])
        assert js == python_results(item, responses), item.ref
        compared += len(responses)
    assert compared > 400


def test_the_exercises_pass_axe_wcag_22_aa(page):
    from axe_playwright_python.sync_playwright import Axe

    item = get_item("demo/which-track")
    check(page, item)                                      # include a result and an error message
    results = Axe().run(page, context={"include": [[".tt-exercise"], [".tt-ex-page-tools"]]},
                        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
                                 "resultTypes": ["violations"], "preload": False})  # no CSSOM fetches by axe
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]
    assert violations == []


def test_every_control_is_at_least_24px_and_has_a_label(page):
    sizes = page.eval_on_selector_all(
        ".tt-exercise input, .tt-exercise select, .tt-exercise button, .tt-ex-page-tools button",
        """els => els.filter(e => e.offsetParent !== null).map(e => {
            const r = e.getBoundingClientRect();
            const named = (e.labels && e.labels.length) || e.getAttribute('aria-label') || e.textContent.trim();
            return [e.outerHTML.slice(0, 80), r.width, r.height, !!named];
        })""")
    assert sizes
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    unnamed = [s for s in sizes if not s[3]]
    assert small == [] and unnamed == []
    live = page.eval_on_selector_all(".tt-ex-result", "els => els.map(e => e.getAttribute('aria-live'))")
    assert set(live) == {"polite"}
    assert not re.search(r"\son[a-z]+=", page.content().split('<div class="tt-ex-page-tools"')[-1])
