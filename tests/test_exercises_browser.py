"""The exercises in real Chromium, driven by the keyboard alone.

Each type is answered wrongly and then rightly with Tab / Shift+Tab, Space / Enter and arrow keys;
the feedback and score the page shows must equal what tracktwo.exercises.scoring computes. A
defensible (accepted) answer is counted and explained, an ordering with one slip gets partial
credit, an open answer and its self-check ticks survive a reload. Answers must survive a reload
and be gone after "Clear my answers on this page"; a saved answer from the older format is read,
a damaged one set aside with a message. The page engine's scoring is also compared with Python's
on many answers, and axe checks the exercises for WCAG 2.2 AA.

Most tests run on a test-only page that places the whole demonstration bank (data/exercises/
demo.yaml, the format's fixture), built here with the course's Sphinx extension; the book's own
table of contents does not carry it. One test checks the engine on the built book's practice page.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import socketserver
import subprocess
import sys
import textwrap
import threading

import pytest

import tracktwo
from tracktwo.exercises import get_item, load_bank, score
from tracktwo.exercises.bank import BANK_DIR
from tracktwo.exercises.messages import STRINGS, fmt
from tracktwo.exercises.static import config

from test_exercises import JS_RESULTS, _all_responses, python_results

pytestmark = pytest.mark.browser

PRACTICE = "book/practice.html"
FIXTURE_PAGE = "exercises.html"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """A small Sphinx build (the course's extension, learner edition) of one page with the demo bank."""
    src = tmp_path_factory.mktemp("exercise-src")
    out = src.parent / (src.name + "-html")
    (src / "conf.py").write_text(
        textwrap.dedent(f"""
        extensions = ["myst_parser", "tracktwo.sphinxext"]
        tracktwo_exercise_dir = {str(BANK_DIR)!r}
        html_theme = "basic"
        html_static_path = [{str(BANK_DIR.parents[1] / "assets")!r}]   # the course's CSS, as in the book
        html_favicon = {str(BANK_DIR.parents[1] / "assets" / "tracktwo" / "favicon.svg")!r}
    """)
    )
    (src / "index.md").write_text("# Fixture\n\n```{toctree}\nexercises\n```\n")
    (src / "exercises.md").write_text("# Every kind of exercise\n\n```{exercise} demo\n```\n")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "-E", str(src), str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def practice_url(fixture_site):
    handler = functools.partial(_Quiet, directory=str(fixture_site))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{FIXTURE_PAGE}"
    httpd.shutdown()
    httpd.server_close()


def open_page(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(url, wait_until="load")
    pg.wait_for_function("() => window.TrackTwoExercises && window.TrackTwoExercises.page")
    return context, pg, problems, requests


@pytest.fixture()
def page(browser, practice_url):
    """A fresh browser context (empty localStorage) on the fixture page; fails on console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    pg.goto(practice_url, wait_until="networkidle")
    pg.wait_for_function("() => window.TrackTwoExercises && window.TrackTwoExercises.page")
    yield pg
    base = practice_url.rsplit("/", 1)[0]
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
    """The saved answers (parsed) and set-aside values (raw) in this browser."""
    return pg.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('tracktwo:')).map(k => [k, k.includes(':exercise:')
            ? JSON.parse(localStorage.getItem(k)) : localStorage.getItem(k)]))""")


def reload(pg) -> None:
    pg.reload(wait_until="load")
    pg.wait_for_function("() => window.TrackTwoExercises && window.TrackTwoExercises.page")


def choose_category(pg, select: str, cats: list[str], target: str) -> None:
    """With the keyboard on a focused <select>: arrow to the target category."""
    tab_to(pg, select)
    current = pg.locator(select).input_value()
    now = cats.index(current) + 1 if current else 0
    goal = cats.index(target) + 1
    for _ in range(abs(goal - now)):
        pg.keyboard.press("ArrowDown" if goal > now else "ArrowUp")
    assert pg.locator(select).input_value() == target


N_DEMO = len(load_bank("demo").items)


# ---------------------------------------------------------------------------------------- each type


def test_single_choice_wrong_then_right_by_keyboard(page):
    item = get_item("demo/oslo-talks")
    radio = f"{ex(item)} input[type=radio]"
    tab_to(page, radio)  # lands on the first option of the group
    wrong = "three"
    for _ in range(item.option_ids.index(wrong)):
        page.keyboard.press("ArrowDown")  # arrow keys move and select within the group
    assert page.locator(f"{radio}:checked").get_attribute("value") == wrong
    check(page, item)
    assert fmt_score(score(item, wrong)) in result_text(page, item)
    assert STRINGS["band_none"] in result_text(page, item)
    text = feedback_text(page, item, wrong)
    assert STRINGS["mark_wrong"] in text and item.option(wrong).feedback in text
    assert feedback_text(page, item, item.answer) == ""  # the right answer is not given away

    tab_back_to(page, f"{radio}:checked")  # Shift+Tab back into the group
    page.keyboard.press("ArrowUp")
    assert page.locator(f"{radio}:checked").get_attribute("value") == item.answer
    assert feedback_text(page, item, wrong) == ""  # changing the answer clears stale marks
    check(page, item, key="Space")
    assert "Score: 1 of 1." in result_text(page, item) and STRINGS["band_full"] in result_text(page, item)
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
    assert (expected.points, expected.max) == (0, 3)  # 1 right - 1 wrong
    assert fmt_score(expected) in result_text(page, item)
    assert STRINGS["mark_right"] in feedback_text(page, item, first_right)
    assert STRINGS["mark_wrong"] in feedback_text(page, item, first_wrong)
    assert item.option(first_wrong).feedback in feedback_text(page, item, first_wrong)

    tab_back_to(page, box(first_wrong))
    page.keyboard.press("Space")  # untick the wrong one
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
    check(page, item)  # nothing sorted yet: a message, not a crash
    assert STRINGS["empty_classification"] in result_text(page, item)

    first = item.option_ids[0]
    wrong_cat = next(c for c in cats if c != item.answer[first])
    tab_back_to(page, select(item.option_ids[-1]))
    tab_back_to(page, select(first))
    for _ in range(cats.index(wrong_cat) + 1):  # +1: the first entry is "Choose a category"
        page.keyboard.press("ArrowDown")
    assert page.locator(select(first)).input_value() == wrong_cat
    check(page, item)
    expected = score(item, {first: wrong_cat})
    assert fmt_score(expected) in result_text(page, item)
    clue = item.option(first).clue
    lines = [line.strip() for line in feedback_text(page, item, first).splitlines() if line.strip()]
    assert lines == [STRINGS["mark_wrong_category"]] + ([fmt("clue", clue=clue)] if clue else [])
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
    page.keyboard.press("Enter")  # one move down
    moved = order_of(page, item)
    assert moved[1] == start[0]
    assert focused(page, down(start[0]))  # focus follows the moved item
    assert f"Moved to position 2 of {len(start)}" in result_text(page, item)
    check(page, item)
    assert fmt_score(score(item, moved)) in result_text(page, item)
    marks = score(item, moved).marks
    expected = {"right": "mark_right_place", "shifted": "mark_in_order", "wrong": "mark_wrong_place"}
    for oid, mark in marks.items():
        assert STRINGS[expected[mark]] in feedback_text(page, item, oid)

    for target, oid in enumerate(item.answer):  # a selection sort, one Move up at a time
        tab_to(page, up(oid))
        while order_of(page, item).index(oid) > target:
            page.keyboard.press("Space")
            assert focused(page, up(oid))
    assert order_of(page, item) == list(item.answer)
    tab_to(page, up(item.answer[0]))
    page.keyboard.press("Enter")  # the first item cannot go higher: said, not done
    assert "Already first" in result_text(page, item)
    check(page, item)
    pairs = len(item.answer) * (len(item.answer) - 1) // 2
    assert f"Score: {pairs} of {pairs}." in result_text(page, item)
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

    reload(page)
    assert page.locator(radio).is_checked()
    assert "Score: 1 of 1." in result_text(page, item)
    assert page.locator(f'{ex(other)} li[data-option="jicm"] select').input_value() == other.category_ids[0]
    assert fmt("page_score", checked=1, count=N_DEMO, points=1, max=1) in page.locator(".tt-ex-page-score").inner_text()

    tab_to(page, ".tt-ex-clear")
    page.keyboard.press("Enter")
    assert fmt("cleared", count=N_DEMO) in page.locator(".tt-ex-page-status").inner_text()
    assert saved(page) == {}
    assert not page.locator(radio).is_checked() and result_text(page, item) == ""
    reload(page)
    assert not page.locator(radio).is_checked()
    assert page.locator(f'{ex(other)} li[data-option="jicm"] select').input_value() == ""


def key_of(item) -> str:
    return f"tracktwo:{tracktwo.COURSE_VERSION}:exercise:{item.ref}"


def test_old_format_answers_are_read_and_damaged_ones_set_aside_with_a_message(page):
    old = get_item("demo/myanmar-turning-points")  # format 1, as the earlier engine wrote it
    slip = [old.answer[-1]] + list(old.answer[:-1])
    unusable = get_item("demo/track-15-features")  # format 1, naming an option that no longer exists
    damaged = get_item("demo/which-track")  # not JSON at all
    future = get_item("demo/oslo-talks")  # a format this engine does not know
    values = {
        key_of(old): json.dumps({"v": 1, "response": slip, "checked": True, "solution": False, "points": 0, "max": 6}),
        key_of(unusable): json.dumps({"v": 1, "response": ["zzz"], "checked": True}),
        key_of(damaged): '{"v":1,"response":{"jicm":',
        key_of(future): json.dumps({"v": 9, "answer": "three"}),
    }
    for k, v in values.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [k, v])
    reload(page)
    # The old answer is read and rescored by the new rules (one slip: partial credit).
    assert order_of(page, old) == slip
    assert fmt_score(score(old, slip)) in result_text(page, old) and "Score: 10 of 15." in result_text(page, old)
    # The others are set aside, visibly, and kept in the browser rather than lost.
    stored = saved(page)
    for item in (unusable, damaged, future):
        assert STRINGS["saved_unreadable"] in result_text(page, item), item.ref
        assert key_of(item) not in stored
        assert stored[key_of(item).replace(":exercise:", ":set-aside:")] == values[key_of(item)]
    # ... and the page still works: answer one of them.
    radio = f"{ex(future)} input[type=radio]"
    tab_to(page, radio)
    for _ in range(future.option_ids.index(future.answer)):
        page.keyboard.press("ArrowDown")
    check(page, future)
    assert "Score: 1 of 1." in result_text(page, future)
    assert saved(page)[key_of(future)]["v"] == 2
    # "Clear my answers" removes the set-aside values too.
    tab_to(page, ".tt-ex-clear")
    page.keyboard.press("Enter")
    assert saved(page) == {}


# ---------------------------------------------------------------------------------------- format v2


def test_a_defensible_classification_is_counted_and_explained_by_keyboard(page):
    item = get_item("demo/which-track-contested")
    cats = item.category_ids
    select = lambda oid: f'{ex(item)} li[data-option="{oid}"] select'  # noqa: E731
    alternative = item.accept[0]
    response = dict(item.answer)
    response[alternative.option] = alternative.category
    for oid in item.option_ids:
        choose_category(page, select(oid), cats, response[oid])
    check(page, item)
    text = result_text(page, item)
    assert f"Score: {len(cats)} of {len(cats)}." in text and STRINGS["band_full"] in text
    assert STRINGS["accepted_note"] in text
    fb = feedback_text(page, item, alternative.option)
    assert STRINGS["mark_accepted_category"] in fb and alternative.rationale in fb
    assert "tt-ex-option--accepted" in page.locator(f'{ex(item)} li[data-option="{alternative.option}"]').get_attribute("class")
    # A wrong category shows the clue, not the answer.
    choose_category(page, select("jicm"), cats, "track-2")
    check(page, item)
    fb = feedback_text(page, item, "jicm")
    assert STRINGS["mark_wrong_category"] in fb and item.option("jicm").clue in fb and item.option("jicm").feedback not in fb


def test_an_ordering_with_one_slip_gets_partial_credit_by_keyboard(page):
    item = get_item("demo/governments-in-order")
    up = lambda oid: f'{ex(item)} li[data-option="{oid}"] .tt-ex-up'  # noqa: E731
    for target, oid in enumerate(item.answer):  # sort it with Move up ...
        tab_to(page, up(oid))
        while order_of(page, item).index(oid) > target:
            page.keyboard.press("Enter")
    last = item.answer[-1]
    tab_to(page, up(last))  # ... then one slip: the last item one place up
    page.keyboard.press("Enter")
    slipped = order_of(page, item)
    check(page, item)
    expected = score(item, slipped)
    assert (expected.points, expected.max) == (5, 6)
    text = result_text(page, item)
    assert "Score: 5 of 6." in text and fmt("pairs_in_order", points=5, max=6) in text and STRINGS["band_high"] in text
    wrong = [oid for oid, m in expected.marks.items() if m == "wrong"]
    assert len(wrong) == 1
    assert item.option(wrong[0]).clue in feedback_text(page, item, wrong[0])


def test_an_open_answer_and_its_ticks_survive_a_reload(page):
    item = get_item("demo/weigh-first-recommendation")
    box = f"{ex(item)} textarea"
    reveal = f"{ex(item)} .tt-ex-reveal"
    assert page.locator(f"{ex(item)} label[for]").first.inner_text() == STRINGS["answer_label"]
    tab_to(page, reveal)
    page.keyboard.press("Enter")  # nothing written yet: told so, focus to the box
    assert STRINGS["empty_open"] in result_text(page, item)
    assert focused(page, box) and page.locator(f"{ex(item)} .tt-ex-checklist").is_hidden()
    answer = "Support could help keep the ceasefires alive and the conflict managed."
    page.keyboard.type(answer)
    tab_to(page, reveal)
    page.keyboard.press("Enter")
    assert page.locator(f"{ex(item)} .tt-ex-checklist").is_visible()
    assert focused(page, f"{ex(item)} input.tt-ex-tick")  # focus moves to the first point
    assert STRINGS["checklist_shown"] in result_text(page, item)
    assert page.locator(f"{ex(item)} .tt-ex-result").get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")  # second point
    page.keyboard.press("Space")
    assert fmt("self_check", points=1, max=len(item.checklist)) in result_text(page, item)
    stored = saved(page)[key_of(item)]
    assert stored["response"] == {"text": answer, "ticks": [1]} and stored["checked"] is True

    reload(page)
    assert page.locator(box).input_value() == answer
    assert page.locator(f"{ex(item)} .tt-ex-checklist").is_visible()
    assert [
        page.locator(f"#tt-ex--demo--weigh-first-recommendation--point--{n}").is_checked() for n in range(len(item.checklist))
    ] == [False, True, False]
    assert fmt("self_check", points=1, max=len(item.checklist)) in result_text(page, item)


def test_the_model_answer_is_hidden_before_writing_and_shown_after_by_keyboard(page):
    """Issue 30: the model answer appears only once an answer is written and the checklist shown; it
    is a closed disclosure (a heading holding a button) that opens and closes by keyboard, moves
    nothing above it, hides again when the answer is emptied, survives a reload and goes with Clear."""
    item = get_item("demo/weigh-first-recommendation")
    box, reveal = f"{ex(item)} textarea", f"{ex(item)} .tt-ex-reveal"
    model, toggle, body = f"{ex(item)} .tt-ex-model", f"{ex(item)} .tt-ex-model-toggle", f"{ex(item)} .tt-ex-model-body"
    text = item.model_answer.text
    assert page.locator(model).is_hidden() and text not in page.locator("main, body").first.inner_text()
    tab_to(page, reveal)
    page.keyboard.press("Enter")  # nothing written: refused, still hidden
    assert STRINGS["empty_open"] in result_text(page, item) and page.locator(model).is_hidden()
    page.keyboard.type("Quiet support could help prevent large-scale fighting; it would manage the conflict.")
    assert page.locator(model).is_hidden()  # written, but not yet submitted
    tab_to(page, reveal)
    page.keyboard.press("Enter")
    assert page.locator(model).is_visible() and page.locator(body).is_hidden()
    assert STRINGS["model_shown"] in result_text(page, item)
    heading = page.locator(ex(item)).get_by_role("heading", name=STRINGS["model_heading"])
    assert heading.count() == 1 and heading.evaluate("h => h.tagName") in ("H2", "H3", "H4", "H5", "H6")
    assert page.locator(toggle).get_attribute("aria-expanded") == "false"
    above = page.locator(f"{ex(item)} .tt-ex-checklist").bounding_box()
    tab_to(page, toggle)
    page.keyboard.press("Enter")  # opens
    assert page.locator(toggle).get_attribute("aria-expanded") == "true" and page.locator(body).is_visible()
    assert text in page.locator(body).inner_text() and item.model_answer.why in page.locator(body).inner_text()
    assert page.locator(f"{ex(item)} .tt-ex-checklist").bounding_box() == above  # nothing above it moved
    assert focused(page, toggle)
    page.keyboard.press("Space")  # closes
    assert page.locator(toggle).get_attribute("aria-expanded") == "false" and page.locator(body).is_hidden()
    page.keyboard.press("Enter")
    page.fill(box, "")  # the answer emptied: hidden again, and closed
    assert page.locator(model).is_hidden()
    page.fill(box, "Written again.")
    assert page.locator(model).is_visible() and page.locator(toggle).get_attribute("aria-expanded") == "false"
    reload(page)  # a checked answer comes back with its model answer available, closed
    assert page.locator(model).is_visible() and page.locator(body).is_hidden()
    tab_to(page, ".tt-ex-clear")
    page.keyboard.press("Enter")
    assert page.locator(model).is_hidden() and page.locator(box).input_value() == ""


def test_the_engine_reads_back_from_the_page_what_its_json_leaves_out(page):
    """The page's JSON does not repeat the title, the options' texts or the checklist's points
    (render.page_data); the engine reads them back from the page and works on the full data."""
    got = page.evaluate("() => Object.fromEntries(TrackTwoExercises.page.exercises.map(e => [e.id, e.data]))")
    for item in load_bank("demo").items.values():
        data = dict(got[item.ref])
        model = data.pop("model", None)
        assert data == json.loads(json.dumps(item.to_data())), item.ref
        if item.type == "open":
            assert model["text"] == item.model_answer.text and model["why"] == item.model_answer.why


def test_the_engine_works_from_file_urls(browser, fixture_site):
    context, pg, problems, requests = open_page(browser, (fixture_site / FIXTURE_PAGE).as_uri())
    item = get_item("demo/oslo-talks")
    pg.check(f'{ex(item)} input[value="{item.answer}"]')
    pg.click(f"{ex(item)} .tt-ex-check")
    assert "Score: 1 of 1." in result_text(pg, item)
    assert all(r.startswith("file://") for r in requests)
    context.close()
    assert problems == []


def test_the_built_books_practice_page_runs_the_engine(browser, site, server):
    """The real book: the engine and its generated messages load on the practice page and work."""
    if not (site / PRACTICE).exists():
        pytest.skip(f"{PRACTICE} is not in this build's table of contents")
    assert (site / "_static" / "tracktwo" / "exercises-messages.js").exists()
    old = site / "notebooks" / "exercises-demo.html"  # the demo left the book; its old URL redirects
    assert not old.exists() or "This page has moved" in old.read_text(encoding="utf-8")
    context, pg, problems, requests = open_page(browser, f"{server}/{PRACTICE}")
    assert pg.evaluate("() => window.TrackTwoExercises.STRINGS") == config()["strings"]
    first = pg.locator(".tt-exercise[data-tt-exercise]").first
    ref = first.get_attribute("data-tt-exercise")
    item = get_item(ref)
    assert ref not in pg.locator("main").inner_text()  # no internal id on the page
    if item.type == "single":
        pg.check(f'{ex(item)} input[value="{item.answer}"]')
        pg.click(f"{ex(item)} .tt-ex-check")
        assert "Score: 1 of 1." in result_text(pg, item)
    context.close()
    assert problems == [] and all(r.startswith(server) or r.startswith("data:") for r in requests)


# ---------------------------------------------------------------------------------------- agreement


def test_the_page_and_python_use_the_same_strings(page):
    assert page.evaluate("() => window.TrackTwoExercises.STRINGS") == config()["strings"]
    assert page.evaluate("() => window.TrackTwoExercises.BANDS") == [
        list(b) for b in __import__("tracktwo.exercises.scoring", fromlist=["BANDS"]).BANDS
    ]


def test_the_page_engine_scores_like_python(page):
    compared = 0
    for item in load_bank("demo").items.values():
        responses = _all_responses(item)[:80]
        js = page.evaluate(
            "([data, responses]) => { " + JS_RESULTS + " return jsResults(window.TrackTwoExercises, data, responses); }",
            [item.to_data(), responses],
        )
        assert js == python_results(item, responses), item.ref
        compared += len(responses)
    print(f"\nbrowser parity: {compared} answers compared")
    assert compared > 600


def test_the_exercises_pass_axe_wcag_22_aa(page):
    from axe_playwright_python.sync_playwright import Axe

    item = get_item("demo/which-track")
    check(page, item)  # include a result and an error message
    essay = get_item("demo/weigh-first-recommendation")  # and an open item with its checklist shown
    page.fill(f"{ex(essay)} textarea", "An answer.")
    page.click(f"{ex(essay)} .tt-ex-reveal")
    assert page.locator(f"{ex(essay)} .tt-ex-checklist").is_visible()
    page.click(f"{ex(essay)} .tt-ex-model-toggle")  # and its model answer open
    assert page.locator(f"{ex(essay)} .tt-ex-model-body").is_visible()
    results = Axe().run(
        page,
        context={"include": [[".tt-exercise"], [".tt-ex-page-tools"]]},
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
            "resultTypes": ["violations"],
            "preload": False,
        },
    )  # no CSSOM fetches by axe
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]
    assert violations == []


def test_every_control_is_at_least_24px_and_has_a_label(page):
    sizes = page.eval_on_selector_all(
        ".tt-exercise input, .tt-exercise select, .tt-exercise button, .tt-ex-page-tools button",
        """els => els.filter(e => e.offsetParent !== null).map(e => {
            const r = e.getBoundingClientRect();
            const named = (e.labels && e.labels.length) || e.getAttribute('aria-label') || e.textContent.trim();
            return [e.outerHTML.slice(0, 80), r.width, r.height, !!named];
        })""",
    )
    assert sizes
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    unnamed = [s for s in sizes if not s[3]]
    assert small == [] and unnamed == []
    live = page.eval_on_selector_all(".tt-ex-result", "els => els.map(e => e.getAttribute('aria-live'))")
    assert set(live) == {"polite"}
    assert not re.search(r"\son[a-z]+=", page.content().split('<div class="tt-ex-page-tools"')[-1])
