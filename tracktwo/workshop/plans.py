"""Session plans as data: ``data/workshop/plans.yaml``, checked against ``plans.schema.json``.

>>> plans = load_plans()
>>> [p.id for p in plans]
['intro-90', 'half-day', 'two-day', 'since-45']

Beyond the schema, :func:`load_plans` checks that each plan's blocks add up to its length (and each
day to ``day_minutes``), and :func:`reference_problems` that every chapter, exercise, card set,
handout and map named exists. Pages another part of the project is still building may be listed in
:data:`PLANNED_PAGES`; they count as present (marked "planned") until they exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..data.paths import ROOT
from .checked_yaml import WorkshopError, read_checked, shown

PLANS_PATH = ROOT / "data" / "workshop" / "plans.yaml"
SCHEMA_PATH = ROOT / "data" / "workshop" / "plans.schema.json"

#: Pages a plan may name before they exist (built by another part of the project).
PLANNED_PAGES = frozenset({"notebooks/mapping"})

KIND_LABELS = {
    "opening": "Opening",
    "input": "Input",
    "activity": "Activity",
    "check": "Knowledge check",
    "break": "Break",
    "synthesis": "Synthesis",
    "closing": "Closing",
    "evaluation": "Evaluation",
}


@dataclass(frozen=True)
class Block:
    minutes: int
    kind: str
    title: str
    grouping: str
    day: int = 1
    steps: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()
    cards: tuple[str, ...] = ()
    handouts: tuple[str, ...] = ()
    maps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    length_minutes: int
    audience: str
    objectives: tuple[str, ...]
    materials: tuple[str, ...]
    evaluation: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    day_minutes: int | None = None

    @property
    def days(self) -> list[int]:
        return sorted({b.day for b in self.blocks})

    def minutes_of_day(self, day: int) -> int:
        return sum(b.minutes for b in self.blocks if b.day == day)

    def timed_blocks(self, start: int = 9 * 60) -> list[tuple[str, Block]]:
        """Each block with its clock time ("09:30"), restarting at ``start`` each day."""
        out, clock, day = [], start, None
        for b in self.blocks:
            if b.day != day:
                clock, day = start, b.day
            out.append((f"{clock // 60:02d}:{clock % 60:02d}", b))
            clock += b.minutes
        return out


def _block(raw: dict) -> Block:
    tup = {k: tuple(raw.get(k, ())) for k in ("steps", "chapters", "exercises", "cards", "handouts", "maps")}
    return Block(
        minutes=raw["minutes"], kind=raw["kind"], title=raw["title"], grouping=raw["grouping"], day=raw.get("day", 1), **tup
    )


def minute_problems(plan: Plan) -> list[str]:
    """What is wrong with a plan's arithmetic (empty when the minutes add up)."""
    problems = []
    total = sum(b.minutes for b in plan.blocks)
    if total != plan.length_minutes:
        problems.append(f"plan '{plan.id}': the blocks add up to {total} minutes, but length_minutes is {plan.length_minutes}")
    if plan.day_minutes is not None:
        for day in plan.days:
            got = plan.minutes_of_day(day)
            if got != plan.day_minutes:
                problems.append(
                    f"plan '{plan.id}', day {day}: the blocks add up to {got} minutes, but day_minutes is {plan.day_minutes}"
                )
        if plan.day_minutes * len(plan.days) != plan.length_minutes:
            problems.append(
                f"plan '{plan.id}': {len(plan.days)} days of {plan.day_minutes} minutes is not length_minutes {plan.length_minutes}"
            )
    elif len(plan.days) > 1:
        problems.append(f"plan '{plan.id}': blocks on several days need day_minutes")
    days = [b.day for b in plan.blocks]
    if days != sorted(days):
        problems.append(f"plan '{plan.id}': blocks must be in day order")
    return problems


def load_plans(path: Path | str = PLANS_PATH, schema_path: Path | str = SCHEMA_PATH) -> list[Plan]:
    """The plans, in file order. A schema problem, a duplicate id or minutes that do not add up
    raise :class:`WorkshopError` naming the file, the plan and the field."""
    path = Path(path)
    data = read_checked(path, Path(schema_path))
    plans, seen = [], set()
    for raw in data["plans"]:
        if raw["id"] in seen:
            raise WorkshopError(f"{shown(path)}: plan '{raw['id']}', field 'id': the id is used twice")
        seen.add(raw["id"])
        plan = Plan(
            id=raw["id"],
            title=raw["title"],
            length_minutes=raw["length_minutes"],
            audience=raw["audience"],
            objectives=tuple(raw["objectives"]),
            materials=tuple(raw["materials"]),
            evaluation=raw["evaluation"],
            blocks=tuple(_block(b) for b in raw["blocks"]),
            day_minutes=raw.get("day_minutes"),
        )
        problems = minute_problems(plan)
        if problems:
            raise WorkshopError(f"{shown(path)}: " + "; ".join(problems))
        plans.append(plan)
    return plans


def page_exists(docname: str, root: Path = ROOT) -> bool:
    return any((root / f"{docname}{suffix}").exists() for suffix in (".md", ".ipynb"))


def page_status(docname: str, root: Path = ROOT) -> str:
    """'present', 'planned' (allowed to be absent for now) or 'missing'."""
    if page_exists(docname, root):
        return "present"
    return "planned" if docname in PLANNED_PAGES else "missing"


def reference_problems(plans: list[Plan], root: Path = ROOT, bank_dir: Path | None = None) -> list[str]:
    """Every chapter, map, exercise, card set and handout a plan names that does not exist."""
    from ..exercises.bank import get_item
    from ..exercises.errors import ExerciseError
    from .cards import CARD_SETS
    from .sheets import HANDOUTS

    problems = []
    for plan in plans:
        for n, block in enumerate(plan.blocks, 1):
            where = f"plan '{plan.id}', block {n} ({block.title})"
            for doc in block.chapters + block.maps:
                if page_status(doc, root) == "missing":
                    problems.append(f"{where}: no page {doc}.md or {doc}.ipynb")
            for ref in block.exercises:
                try:
                    get_item(ref, bank_dir)
                except ExerciseError as exc:
                    problems.append(f"{where}: exercise {ref}: {str(exc).splitlines()[0]}")
            problems += [
                f"{where}: no card set '{c}' (there are: {', '.join(CARD_SETS)})" for c in block.cards if c not in CARD_SETS
            ]
            problems += [
                f"{where}: no handout '{h}' (there are: {', '.join(HANDOUTS)})" for h in block.handouts if h not in HANDOUTS
            ]
    return problems
