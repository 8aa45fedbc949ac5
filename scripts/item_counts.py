"""Print the exercise banks' items by type (scored and open; single, multiple, classification,
ordering) and by cognitive level (recall, apply, analyse, evaluate), per bank and overall, with
the recall share of scored items and what the ordering items order (events in time, or the steps
of a process). Exits 1, saying why, when the banks break the limits tests/test_item_levels.py keeps.

    .venv/bin/python scripts/item_counts.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracktwo.exercises.bank import all_banks, load_bank  # noqa: E402
from tracktwo.exercises.errors import BankError  # noqa: E402
from tracktwo.exercises.levels import course_counts, limit_problems, table  # noqa: E402


def main() -> int:
    try:
        banks = [load_bank(p) for p in all_banks()]
    except BankError as exc:
        print(exc, file=sys.stderr)
        return 1
    per, total = course_counts(banks)
    print(table(per, total))
    problems = limit_problems(per, total)
    for problem in problems:
        print(f"over a limit: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
