"""Problems in the course data, and the one error that reports them (file, line, field, value)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

_MAX_SHOWN = 120

# ------------------------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------------------------

def _show(value: str) -> str:
    text = value.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


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
        where = [self.file]
        if self.row is not None:
            where.append(f"line {self.row}")
        if self.field is not None:
            where.append(f'field "{self.field}"')
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
            listed = "\n".join(f"  {i}. {p}" for i, p in enumerate(self.problems, 1))
            message = f"{len(self.problems)} problems in the course data:\n{listed}"
        super().__init__(message)

    @property
    def line(self) -> int | None:
        return self.row


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)

