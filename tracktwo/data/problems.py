"""Problems in the course data, and the one error that reports them (file, line, field, value)."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable

from .limits import SHOWN_CHARS

#: The most problems one DataError lists (the rest are counted, not listed).
MAX_LISTED = 20

# ------------------------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------------------------


def shorten(value: object, limit: int = SHOWN_CHARS) -> str:
    """``value`` as one line of at most ``limit`` characters: line breaks, NUL and other control
    characters shown as escapes, the middle of a long value replaced by "...". Never builds the
    whole text of a huge value."""
    text = value if isinstance(value, str) else _bounded_repr(value, limit)
    if len(text) > 4 * limit + 8:
        text = text[: 2 * limit] + text[-limit:]
        cut = True
    else:
        cut = False
    text = "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)
    if cut or len(text) > limit:
        head = max(limit - 3 - limit // 4, 1)
        tail = limit - 3 - head
        text = text[:head] + "..." + (text[-tail:] if tail > 0 else "")
    return text


def _bounded_repr(value: object, limit: int) -> str:
    """repr() of a value, without ever building the repr of a huge list, mapping or array."""
    if isinstance(value, (list, tuple, set, frozenset, dict)) and len(value) > limit:
        return f"<{type(value).__name__} of {len(value):,} items>"
    if isinstance(value, (bytes, bytearray)) and len(value) > 4 * limit:
        value = bytes(value[: 2 * limit])
    try:
        return reprlib_repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails is still described
        return f"<{type(value).__name__}>"


def reprlib_repr(value: object) -> str:
    import reprlib

    r = reprlib.Repr()
    r.maxstring, r.maxother, r.maxlist, r.maxdict, r.maxlevel = 200, 200, 12, 12, 3
    return r.repr(value)


def _show(value: str) -> str:
    return shorten(value)


@dataclass(frozen=True)
class Problem:
    """One problem in the data: where it is (file, line, field), the bad value, and what is wrong."""

    file: str
    row: int | None
    field: str | None
    value: str | None
    message: str

    @property
    def line(self) -> int | None:
        return self.row

    def __str__(self) -> str:
        where = [shorten(self.file, 120)]
        if self.row is not None:
            where.append(f"line {self.row}")
        if self.field is not None:
            where.append(f'field "{shorten(self.field, 120)}"')
        head = ", ".join(where)
        if self.value is None:
            return f"{head}: {self.message}"
        return f'{head}: "{_show(self.value)}" {self.message}'


class DataError(ValueError):
    """The course data is invalid. ``problems`` lists every problem found (at least one).

    ``file``, ``row`` (= ``line``, the line number in the file; the header is line 1), ``field`` and
    ``value`` describe the first problem; the message lists them all in plain English.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        if not self.problems:
            raise ValueError("DataError needs at least one problem")
        first = self.problems[0]
        self.file, self.row, self.field, self.value = first.file, first.row, first.field, first.value
        if len(self.problems) == 1:
            message = str(first)
        else:
            listed = "\n".join(f"  {i}. {p}" for i, p in enumerate(self.problems[:MAX_LISTED], 1))
            more = len(self.problems) - MAX_LISTED
            if more > 0:
                listed += f"\n  ... and {more:,} more (fix these first; they are often the same mistake)"
            message = f"{len(self.problems)} problems in the course data:\n{listed}"
        super().__init__(message)

    @property
    def line(self) -> int | None:
        return self.row


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)
