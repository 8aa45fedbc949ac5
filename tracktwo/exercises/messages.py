"""Every string the learner sees, in one table shared by the page engine and the JupyterLab widget.

``assets/tracktwo/exercises.js`` carries an identical copy (it must work with no server), and a
browser test asserts the two tables are equal, so the two renderings cannot drift apart.
Placeholders are ``{name}``; :func:`fmt` fills them the same way as the JavaScript does.
"""

from __future__ import annotations

import re

STRINGS: dict[str, str] = {
    # Types and instructions
    "type_single": "Single choice",
    "type_multiple": "Multiple choice",
    "type_classification": "Classification",
    "type_ordering": "Ordering",
    "instr_single": "Choose one answer.",
    "instr_multiple": "Choose all the answers that apply.",
    "instr_classification": "Choose a category for each item.",
    "instr_ordering": "Put the items in order with the Move up and Move down buttons.",
    "instr_ordering_form": "Write each item's position in the box next to it (1 = first).",
    "objective": "Checks: {objective}",
    "hint_label": "Hint:",
    # Controls
    "check": "Check",
    "hint_show": "Show hint",
    "hint_hide": "Hide hint",
    "solution": "Show solution",
    "retry": "Retry",
    "move_up": "Move up",
    "move_down": "Move down",
    "choose_category": "Choose a category",
    "position_label": "Position",
    # Marks (always a symbol and words, never colour alone)
    "mark_right": "\u2713 Correct.",
    "mark_wrong": "\u2717 Not correct.",
    "mark_right_category": "\u2713 Right category.",
    "mark_wrong_category": "\u2717 Not this category.",
    "mark_blank": "\u2717 Not sorted yet.",
    "mark_right_place": "\u2713 In the right place.",
    "mark_wrong_place": "\u2717 Not in the right place.",
    "solution_correct_option": "\u2713 A correct answer.",
    "solution_wrong_option": "\u2717 Not a correct answer.",
    "solution_category": "Belongs in: {category}.",
    "solution_position": "Belongs at position {position}.",
    # Results
    "score": "Score: {points} of {max}.",
    "all_right": "All correct. Well done.",
    "some_right": "Partly correct. Change your answer and check again, or show the solution.",
    "none_right": "Not correct yet. Change your answer and check again, or show the hint or the solution.",
    "solution_shown": "Solution shown next to each item.",
    "retry_done": "Cleared. Answer again.",
    "moved": "Moved to position {position} of {total}: {item}",
    "at_top": "Already first: {item}",
    "at_bottom": "Already last: {item}",
    "error_prefix": "\u26a0 ",
    # Bad submissions (the learner's answer is kept)
    "empty_single": "Choose an answer before checking.",
    "empty_multiple": "Choose at least one answer before checking.",
    "empty_classification": "Choose a category for at least one item before checking.",
    "empty_ordering": "Put the items in order before checking.",
    "unknown_option": "Unknown option '{option}' in the answer to {exercise}.",
    "unknown_category": "Unknown category '{category}' for item '{option}' in the answer to {exercise}.",
    "duplicate_option": "Option '{option}' appears more than once in the answer to {exercise}.",
    "bad_ordering": "The order given for {exercise} must list each of its {total} items exactly once.",
    "bad_response": "The answer to {exercise} has the wrong form: expected {expected}.",
    "unknown_type": "Exercise {exercise} has an unknown type '{type}'.",
    "expected_single": "one option id",
    "expected_multiple": "a list of option ids",
    "expected_classification": "a mapping from item ids to category ids",
    "expected_ordering": "a list of all the item ids",
    # Saving in the browser
    "saved_unreadable": "Your saved answer to this exercise could not be read, so it was set aside.",
    "storage_unavailable": "This browser does not allow saving, so your answers will be lost when you leave the page.",
    "page_tools_intro": "Exercises on this page: {count}. Your answers are saved in this browser only and are never sent anywhere.",
    "clear": "Clear my answers on this page",
    "cleared": "Cleared the answers this browser had saved for the exercises on this page ({count}). Answers on other pages are kept.",
    "page_score": "Exercises checked on this page: {checked} of {count}. Points: {points} of {max}.",
    "bank_score": "Exercises checked in this bank: {checked} of {count}. Points: {points} of {max}.",
    "noscript": "Checking answers needs JavaScript, which is off in this browser. You can still read the exercise and answer it on paper.",
    # Other editions
    "form_note": "Workshop form: answer on paper or on screen; your facilitator has the answer key.",
    "key_note": "Answer key (instructor edition).",
    "key_hint": "Hint for learners:",
    "key_positions": "Positions, in the order the learner sees the items: {positions}.",
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fmt(key: str, **values: object) -> str:
    """Fill ``{name}`` placeholders in ``STRINGS[key]``; unknown placeholders are left as they are."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), STRINGS[key])
