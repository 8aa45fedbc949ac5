"""Marking guides for open tasks (``data/workshop/guides.yaml``): confidential, so only the
instructor edition and the kit's facilitator folder hold them (tracktwo/confidential.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..data.paths import ROOT
from .checked_yaml import WorkshopError, read_checked, shown

GUIDES_PATH = ROOT / "data" / "workshop" / "guides.yaml"
SCHEMA_PATH = ROOT / "data" / "workshop" / "guides.schema.json"


def load_guides(path: Path | str = GUIDES_PATH, schema_path: Path | str = SCHEMA_PATH) -> dict[str, dict[str, Any]]:
    """The guides by id, checked: schema, unique ids, and each exercise a guide names exists (a guide
    for an assessment of data/assessment.yaml names none)."""
    from ..exercises.bank import get_item
    from ..exercises.errors import BankError, ExerciseError

    path = Path(path)
    data = read_checked(path, Path(schema_path))
    out: dict[str, dict[str, Any]] = {}
    for g in data["guides"]:
        if g["id"] in out:
            raise WorkshopError(f"{shown(path)}: guide '{g['id']}', field 'id': the id is used twice")
        if "exercise" not in g:
            out[g["id"]] = g
            continue
        try:
            get_item(g["exercise"])
        except (BankError, ExerciseError) as exc:
            raise WorkshopError(f"{shown(path)}: guide '{g['id']}', field 'exercise': {exc}") from None
        out[g["id"]] = g
    return out
