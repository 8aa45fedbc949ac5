"""Which printed sheets may leave the workshop room: ``data/workshop/carry.yaml``, checked against
``carry.schema.json`` beside it.

Every sheet the kit prints has one mark, "safe to carry" or "stays in the room", and a one-line
reason. :func:`load_carry` refuses, with one message naming the file, the sheet and the field, a
mark it does not know, a missing or multi-line reason, a sheet the kit does not print, a sheet
marked twice, and a printed sheet with no mark. The mark prints at the top of every sheet
(:func:`tracktwo.workshop.sheets.with_carry_mark`) and the safety protocol lists them all
(``{carry-marks}``, :mod:`tracktwo.sphinxext.carry_marks`), from this one file.

>>> marks = load_carry()
>>> marks["table-1"].label
'Stays in the room'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data.paths import ROOT
from .checked_yaml import WorkshopError, read_checked, shown

CARRY_PATH = ROOT / "data" / "workshop" / "carry.yaml"
SCHEMA_PATH = ROOT / "data" / "workshop" / "carry.schema.json"

SAFE = "safe to carry"
STAYS = "stays in the room"
LABELS = {SAFE: "Safe to carry", STAYS: "Stays in the room"}

#: The kit's facilitator sheets that are not keys (keys are the ``key-*`` sheets).
FACILITATOR_SHEETS = (
    "simulation-confidential",
    "simulation-script",
    "simulation-injects",
    "simulation2-confidential",
    "simulation2-script",
    "simulation2-injects",
    "session-plans",
    "referral-contacts",
    "after-contacts",
    "risk-assessment",
    "safety-protocol",
    "practice-case-key",
    "interpreter-briefing",
)


@dataclass(frozen=True)
class CarryMark:
    sheet: str
    mark: str  # SAFE or STAYS
    reason: str

    @property
    def label(self) -> str:
        return LABELS[self.mark]

    @property
    def stays(self) -> bool:
        return self.mark == STAYS


def kit_sheet_ids() -> list[tuple[str, str]]:
    """Every sheet the kit prints, as (id, folder), in the kit's order, without building a sheet
    (``tests/test_carry.py`` checks that this is exactly what ``sheets.all_sheets()`` prints)."""
    from .cards import CARD_SETS
    from .sheets import HANDOUTS

    participant = [h for h in HANDOUTS] + [f"cards-{c}" for c in CARD_SETS]
    facilitator = [f"key-{c}" for c in CARD_SETS] + ["key-knowledge-check", *FACILITATOR_SHEETS]
    return [(i, "participant") for i in participant] + [(i, "facilitator") for i in facilitator]


def load_carry(
    path: Path | str = CARRY_PATH, schema_path: Path | str = SCHEMA_PATH, sheet_ids: list[str] | None = None
) -> dict[str, CarryMark]:
    """The marks by sheet id, in file order. ``sheet_ids``: the sheets the kit prints (by default,
    :func:`kit_sheet_ids`); each must have exactly one mark, and no mark may name another sheet."""
    path = Path(path)
    known = [i for i, _ in kit_sheet_ids()] if sheet_ids is None else list(sheet_ids)
    data = read_checked(path, Path(schema_path))
    marks: dict[str, CarryMark] = {}
    for raw in data["sheets"]:
        sid = raw["id"]
        if sid in marks:
            raise WorkshopError(f"{shown(path)}: sheet '{sid}', field 'id': the sheet is marked twice")
        if sid not in known:
            raise WorkshopError(
                f"{shown(path)}: sheet '{sid}', field 'id': the kit prints no sheet '{sid}' (it prints: {', '.join(known)})"
            )
        marks[sid] = CarryMark(sid, raw["mark"], raw["reason"].strip())
    missing = [i for i in known if i not in marks]
    if missing:
        raise WorkshopError(
            f"{shown(path)}: sheet '{missing[0]}' has no mark"
            + (f" (nor {', '.join(missing[1:])})" if missing[1:] else "")
            + f": add it with mark '{SAFE}' or '{STAYS}' and a one-line reason"
        )
    return marks
