"""Errors of the exercise engine: every message names the file, the item and the field at fault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ExerciseError(Exception):
    """Base class: anything wrong with a bank, a reference or a learner's submission."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank file."""

    item: str | None
    field: str | None
    message: str

    def describe(self) -> str:
        where = []
        if self.item:
            where.append(f"item '{self.item}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return (", ".join(where) + ": " if where else "") + self.message


def display_path(path: str | Path) -> str:
    """The path as a learner or author would write it: relative to the course folder if inside it."""
    path = Path(path)
    from ..data.paths import ROOT

    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


class BankError(ExerciseError):
    """A bank file is malformed, or a reference names a bank or item that does not exist.

    ``file``, ``item`` and ``field`` describe the first problem; ``problems`` lists them all.
    """

    def __init__(
        self,
        file: str | Path,
        problems: list[Problem] | None = None,
        *,
        item: str | None = None,
        field: str | None = None,
        message: str | None = None,
    ):
        if problems is None:
            problems = [Problem(item, field, message or "invalid")]
        self.file = display_path(file)
        self.problems = list(problems)
        first = self.problems[0]
        self.item, self.field = first.item, first.field
        lines = [f"{self.file}: {p.describe()}" for p in self.problems]
        super().__init__("\n".join(lines))


class SubmissionError(ExerciseError):
    """A learner's answer cannot be scored (empty, or naming an option the item does not have).

    The message is written for the learner; the widget and the page show it and keep the answer.
    """

    def __init__(self, message: str, *, exercise: str | None = None, field: str = "answer"):
        self.exercise = exercise
        self.field = field
        super().__init__(message)
