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
    # the handouts participants read in the block, each "id" or "id:1/3" when each person or group
    # reads only that share of it (reading time is checked: :func:`reading_problems`)
    reading: tuple[str, ...] = ()
    mapping: str | None = None  # the mapping stage: "practice", "table-1" or "own-context" (in that order)
    interpreted: int | None = None  # minutes with consecutive interpretation (0: cut); None: as planned

    @property
    def cards_sorted(self) -> bool:
        """A card sort: a block that hands out a card set."""
        return bool(self.cards)

    @property
    def reading_parts(self) -> list[tuple[str, float]]:
        """(handout id, share read) for each entry of ``reading``: "timeline" is (timeline, 1.0),
        "timeline:1/2" is (timeline, 0.5)."""
        out = []
        for entry in self.reading:
            hid, _, share = entry.partition(":")
            num, _, den = share.partition("/")
            out.append((hid, int(num) / int(den) if share else 1.0))
        return out

    @property
    def interpreted_minutes(self) -> int:
        return self.minutes if self.interpreted is None else self.interpreted


#: The order in which a plan maps: the invented practice case, then Table 1, then the
#: participants' own context with code names (the course's method; book/mapping/build-a-map).
MAPPING_STAGES = ("practice", "table-1", "own-context")
#: At most this many card sorts in one day of a plan (issue 27: five in a day was too many).
MAX_CARD_SORTS_A_DAY = 3
#: Card sets in the kit that no plan uses, with the reason (the guide says how to use them).
SPARE_CARD_SETS = {
    "architecture-functions": "left out of the two-day plan to keep to three card sorts a day; use it in place "
    "of another sort, or in a follow-up session on the peace architectures",
}
#: Reading speed assumed for participants reading in a second language (words a minute), and the
#: share of a block that reading may take (the rest is for talk).
READING_WORDS_A_MINUTE = 100
READING_SHARE = 0.5


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
    interpretation: str = ""  # the variant with consecutive interpretation: what changes and why

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
    tup = {k: tuple(raw.get(k, ())) for k in ("steps", "chapters", "exercises", "cards", "handouts", "maps", "reading")}
    return Block(
        minutes=raw["minutes"],
        kind=raw["kind"],
        title=raw["title"],
        grouping=raw["grouping"],
        day=raw.get("day", 1),
        mapping=raw.get("mapping"),
        interpreted=raw.get("interpreted"),
        **tup,
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
    problems += interpretation_problems(plan)
    return problems


def interpretation_problems(plan: Plan) -> list[str]:
    """The variant with consecutive interpretation must fill the same day: its minutes (each
    block's ``interpreted``, or its minutes when it has none) add up like the plan's own."""
    if not plan.interpretation and all(b.interpreted is None for b in plan.blocks):
        return []
    problems = []
    if not plan.interpretation:
        problems.append(f"plan '{plan.id}': blocks give 'interpreted' minutes but the plan has no 'interpretation' note")
    total = sum(b.interpreted_minutes for b in plan.blocks)
    if total != plan.length_minutes:
        problems.append(
            f"plan '{plan.id}', field 'interpreted': with interpretation the blocks add up to {total} minutes, "
            f"but length_minutes is {plan.length_minutes}"
        )
    if plan.day_minutes is not None:
        for day in plan.days:
            got = sum(b.interpreted_minutes for b in plan.blocks if b.day == day)
            if got != plan.day_minutes:
                problems.append(
                    f"plan '{plan.id}', day {day}, field 'interpreted': with interpretation the blocks add up to "
                    f"{got} minutes, but day_minutes is {plan.day_minutes}"
                )
    return problems


def interpretation_changes(plan: Plan) -> list[tuple[Block, str]]:
    """The blocks the interpretation variant changes, each with what happens to it ("cut" or
    "25 -> 40 min")."""
    return [
        (b, "cut" if b.interpreted == 0 else f"{b.minutes} -> {b.interpreted} min")
        for b in plan.blocks
        if b.interpreted is not None and b.interpreted != b.minutes
    ]


def card_sort_problems(plan: Plan, limit: int = MAX_CARD_SORTS_A_DAY) -> list[str]:
    """Days with more than ``limit`` card sorts."""
    out = []
    for day in plan.days:
        sorts = [b.title for b in plan.blocks if b.day == day and b.cards_sorted]
        if len(sorts) > limit:
            where = f", day {day}" if plan.day_minutes else ""
            out.append(f"plan '{plan.id}'{where}: {len(sorts)} card sorts ({'; '.join(sorts)}); at most {limit} a day")
    return out


def mapping_problems(plan: Plan) -> list[str]:
    """A plan that maps goes practice case -> Table 1 -> own context, each stage once, in order."""
    stages = [b.mapping for b in plan.blocks if b.mapping]
    if not stages or stages == list(MAPPING_STAGES):
        return []
    return [f"plan '{plan.id}': mapping stages are {stages}; a plan that maps takes {list(MAPPING_STAGES)} in that order"]


#: The facilitator's page of the simulation: a block that names it is part of the simulation's run.
SIMULATION_PAGE = "book/facilitate/simulation"


def simulation_blocks(plan: Plan) -> tuple[list[int], list[Block]]:
    """The positions and blocks of the plan's simulation (blocks that name the simulation page)."""
    idx = [n for n, b in enumerate(plan.blocks) if SIMULATION_PAGE in b.chapters]
    return idx, [plan.blocks[n] for n in idx]


def simulation_problems(plan: Plan) -> list[str]:
    """The simulation runs from reading the briefs to the debrief with nothing between (no break,
    no lunch), and ends with stepping out of role, then the debrief."""
    idx, blocks = simulation_blocks(plan)
    if not idx:
        return []
    out = []
    if idx != list(range(idx[0], idx[-1] + 1)):
        between = [plan.blocks[n].title for n in range(idx[0], idx[-1] + 1) if n not in idx]
        out.append(f"plan '{plan.id}': the simulation is broken by {between}")
    if len(blocks) < 2 or "out of role" not in blocks[-2].title or "debrief" not in blocks[-1].title.lower():
        out.append(f"plan '{plan.id}': the simulation must end with stepping out of role, then the debrief")
    return out


def reading_problems(plan: Plan, words_of) -> list[str]:
    """Blocks whose reading cannot be done by second-language readers in the time: the words of the
    handouts read (``words_of(handout_id)``) at READING_WORDS_A_MINUTE may take at most
    READING_SHARE of the block."""
    out = []
    for b in plan.blocks:
        if not b.reading:
            continue
        words = round(sum(words_of(h) * share for h, share in b.reading_parts))
        need = words / READING_WORDS_A_MINUTE
        if need > b.minutes * READING_SHARE:
            out.append(
                f"plan '{plan.id}', block '{b.title}': reading {words} words takes about {need:.0f} minutes at "
                f"{READING_WORDS_A_MINUTE} words a minute, more than {READING_SHARE:.0%} of its {b.minutes} minutes"
            )
    return out


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
            interpretation=raw.get("interpretation", ""),
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
            problems += [
                f"{where}, field 'reading': '{h}' is read but not among the block's handouts"
                for h, _ in block.reading_parts
                if h not in block.handouts
            ]
    return problems
