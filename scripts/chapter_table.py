"""Print (or with --write, update in README.md) the chapter table: part, title, file, minutes, questions.

Computed from _toc.yml and each chapter's front matter and {questions} block, the same way
tests/test_chapters.py checks it. Run after adding or changing a chapter:

    .venv/bin/python scripts/chapter_table.py --write
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import chapter_table_rows  # noqa: E402

START, END = "<!-- chapter-table:start -->", "<!-- chapter-table:end -->"


def table_markdown() -> str:
    lines = ["| Part | Title | File | Minutes (reading + exercises) | Questions it answers |", "| --- | --- | --- | --- | --- |"]
    for part, title, file, minutes, questions in chapter_table_rows():
        cells = [part, title, f"`{file}`", minutes, questions]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    table = table_markdown()
    if "--write" not in argv:
        print(table)
        return 0
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"README.md has no {START} ... {END} markers", file=sys.stderr)
        return 1
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")
    print("README.md: chapter table updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
