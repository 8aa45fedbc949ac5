"""GIFT (Moodle's plain-text question format): a ``$CATEGORY:`` line per bank, then its items.

Every text is first made HTML (``[html]``: ``<``, ``>`` and ``&`` escaped), then GIFT-escaped:
a backslash and each of ``~ = # { } :`` get a backslash before them (:func:`gift_escape`), so
no text of a bank can open an answer, end a question or start a title. Matching answers are plain
text (Moodle reads them so), GIFT-escaped too. Mapping and limits: :mod:`.lms_items`.
"""

from __future__ import annotations

from collections import Counter

from ..exercises.bank import Item
from .lms_items import (
    ExportBank,
    LmsExport,
    choice_weights,
    clean,
    esc,
    general_feedback_html,
    matching_answers,
    matching_pairs,
    option_feedback,
    prompt_html,
    weight_text,
)

GIFT_SPECIAL = "~=#{}:"


def gift_escape(text: str) -> str:
    """Backslash-escape GIFT's special characters (and the backslash itself)."""
    out = text.replace("\\", "\\\\")
    for ch in GIFT_SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out


def category_line(bank: ExportBank) -> str:
    # A category line is read to its end, unescaped; a slash in a title is Moodle's "//".
    return f"$CATEGORY: $course$/top/{clean(bank.title).replace('/', '//')}"


def _general(item: Item) -> str:
    general = general_feedback_html(item)
    return f"\n####{gift_escape(general)}" if general else ""


def question(item: Item) -> str:
    """One item as a GIFT question (no trailing blank line)."""
    head = f"// {item.ref} ({item.type})\n::{gift_escape(clean(item.title))}::[html]{gift_escape(prompt_html(item))}"
    if item.type == "single":
        lines = []
        for opt_id, weight in choice_weights(item).items():
            mark = "=" if opt_id == item.answer else (f"~%{weight_text(weight)}%" if weight else "~")
            lines.append(
                f"\t{mark}{gift_escape(esc(item.option(opt_id).text))}#{gift_escape(esc(option_feedback(item, opt_id)))}"
            )
        return head + " {\n" + "\n".join(lines) + _general(item) + "\n}"
    if item.type == "multiple":
        lines = [
            f"\t~%{weight_text(w)}%{gift_escape(esc(item.option(o).text))}#{gift_escape(esc(option_feedback(item, o)))}"
            for o, w in choice_weights(item).items()
        ]
        return head + " {\n" + "\n".join(lines) + _general(item) + "\n}"
    if item.type in ("classification", "ordering"):
        pairs = matching_pairs(item)
        lines = [f"\t={gift_escape(esc(stem))} -> {gift_escape(answer)}" for stem, answer in pairs]
        # a category no item belongs in: an answer with no question (Moodle's distractor)
        used = {a for _, a in pairs}
        lines += [f"\t= -> {gift_escape(a)}" for a in matching_answers(item) if a not in used]
        return head + " {\n" + "\n".join(lines) + _general(item) + "\n}"
    if item.type == "open":
        return head + " {}"
    raise ValueError(f"{item.ref}: no GIFT mapping for type {item.type!r}")  # pragma: no cover


def gift_text(export: LmsExport) -> tuple[str, Counter]:
    """The whole export as one GIFT file, and the count of items written per course type."""
    blocks = ["// Track Two exercise banks (GIFT). Instructor material: holds the keys. Made by `make lms`."]
    written: Counter = Counter()
    for bank in export.banks:
        blocks.append(f"// bank {bank.id}: {len(bank.items)} items\n{category_line(bank)}")
        for item in bank.items:
            blocks.append(question(item))
            written[item.type] += 1
    return "\n\n".join(blocks) + "\n", written
