"""Every string the learner sees, in one table shared by the page engine and the JupyterLab widget.

This is the only copy (a translated edition reads each string's translation through :func:`msg`,
tracktwo/i18n). The book build writes the messages the page engine asks for into
``_static/tracktwo/exercises-messages.js`` (:func:`tracktwo.exercises.static.messages_script`),
which the page loads before the engine, so the page engine (``static/exercises.js``) holds no
strings of its own; a test fails if the script uses a key this table lacks. Placeholders are ``{name}``; :func:`fmt` fills them the same way as the
JavaScript does. Messages never show internal ids: an exercise is named by its title.
"""

from __future__ import annotations

import re

STRINGS: dict[str, str] = {
    # Types and instructions
    "type_single": "Single choice",
    "type_multiple": "Multiple choice",
    "type_classification": "Classification",
    "type_ordering": "Ordering",
    "type_open": "Open response",
    "instr_single": "Choose one answer.",
    "instr_multiple": "Choose all the answers that apply.",
    "instr_classification": "Choose a category for each item.",
    "instr_ordering": "Put the items in order with the Move up and Move down buttons.",
    "instr_ordering_form": "Write each item's position in the box next to it (1 = first).",
    "instr_open": "Write your answer, then show the checklist and tick the points your answer covers.",
    "instr_open_form": "Write your answer in the box or on paper.",
    "answer_label": "Your answer",
    "checklist_legend": "What a strong answer includes. Tick the points your answer covers:",
    "model_heading": "Model answer",
    "model_note": "One strong answer. Yours can be as strong in other words, or with other examples.",
    "model_why": "Why it is strong:",
    "model_shown": "A model answer is below the checklist: open it when you are ready to compare.",
    "map_text": "Text version of the map:",
    "map_elsewhere": "This exercise comes with a conflict map: see it in the book or on the printed sheet.",
    "objective": "Checks: {objective}",
    "hint_label": "Hint:",
    # Controls
    "check": "Check",
    "hint_show": "Show hint",
    "hint_hide": "Hide hint",
    "solution": "Show solution",
    "retry": "Retry",
    "reveal": "Show checklist",
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
    "mark_in_order": "\u2713 In the right order relative to the others; it will reach its place when the items marked \u2717 move.",
    "mark_wrong_place": "\u2717 Out of order: this one needs to move.",
    "mark_accepted": "\u2713 Defensible: counted as correct, though the key chose otherwise.",
    "mark_accepted_category": "\u2713 Defensible category: counted as correct, though the key puts it elsewhere.",
    "clue": "Clue: {clue}",
    "solution_correct_option": "\u2713 A correct answer.",
    "solution_wrong_option": "\u2717 Not a correct answer.",
    "solution_accepted_option": "\u2713 Also accepted as defensible:",
    "solution_also_accepted": "\u2713 Also accepted as defensible: {category}.",
    "solution_category": "Belongs in: {category}.",
    "solution_position": "Belongs at position {position}.",
    # Results
    "score": "Score: {points} of {max}.",
    "pairs_in_order": "{points} of the {max} pairs of items are in the right order relative to each other.",
    # Overall feedback by score band (scoring.BANDS)
    "band_full": "All correct. Well done.",
    "band_high": "Nearly all correct. Look again at the items marked \u2717, then check again.",
    "band_mid": "Partly correct. Read the explanations and clues, change your answer and check again.",
    "band_low": "A few parts are correct. Read the clues, change your answer and check again, or show the hint.",
    "band_none": "Not correct yet. Change your answer and check again, or show the hint or the solution.",
    "accepted_note": "Your answer differs from the key in a way the course accepts as defensible: the explanation says why, and why the key chose otherwise.",
    "self_check": "Self-check: your answer covers {points} of the {max} points on the checklist, by your own reckoning.",
    "open_full": "Your answer covers every point. Well done.",
    "open_some": "Revise your answer to add what it missed, if you agree those points belong in it.",
    "open_none": "Revise your answer with the checklist beside you, or note why you disagree with it.",
    "checklist_shown": "Checklist shown below your answer. Tick the points your answer covers.",
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
    "empty_open": "Write your answer before showing the checklist.",
    "unknown_option": "Unknown option '{option}' in the answer to \u201c{exercise}\u201d.",
    "unknown_category": "Unknown category '{category}' for item '{option}' in the answer to \u201c{exercise}\u201d.",
    "duplicate_option": "Option '{option}' appears more than once in the answer to \u201c{exercise}\u201d.",
    "bad_ordering": "The order given for \u201c{exercise}\u201d must list each of its {total} items exactly once.",
    "bad_tick": "Checklist point {tick} does not exist in \u201c{exercise}\u201d.",
    "bad_response": "The answer to \u201c{exercise}\u201d has the wrong form: expected {expected}.",
    "unknown_type": "The exercise \u201c{exercise}\u201d has an unknown type '{type}'.",
    "expected_single": "one option id",
    "expected_multiple": "a list of option ids",
    "expected_classification": "a mapping from item ids to category ids",
    "expected_ordering": "a list of all the item ids",
    "expected_open": "the answer text and the ticked checklist points",
    # Saving in the browser
    "saved_unreadable": "Your saved answer to this exercise could not be read (it may come from an older version of the course), so it was set aside in this browser and the exercise starts afresh.",
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
    "key_accepted": "Also accepted as defensible:",
    "key_accepted_category": "Also accepted as defensible: {category}.",
    "key_clue": "Clue for learners who get this one wrong:",
    "key_checklist": "What a strong answer includes (checklist):",
    "key_model": "Learners see this only after writing their own answer; never in the participant edition.",
    "key_ref": "Exercise id: {ref}",
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def msg(key: str) -> str:
    """``STRINGS[key]`` in the current language (tracktwo.i18n: ``ui:exercises:<key>`` in the
    language's ui catalog; English unless the build of a translated edition set another)."""
    from ..i18n.catalog import t

    return str(t(f"ui:exercises:{key}", STRINGS[key]))


def fmt(key: str, **values: object) -> str:
    """Fill ``{name}`` placeholders in :func:`msg` ``(key)``; unknown placeholders are left as they are."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), msg(key))
