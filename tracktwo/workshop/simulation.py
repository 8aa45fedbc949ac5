"""The problem-solving workshop simulation (``data/workshop/simulation.yaml``): an invented conflict,
public and confidential role briefs, a facilitator's script by phase, timing variants and debrief
questions tied to the brief's sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..data.paths import ROOT
from .checked_yaml import WorkshopError, read_checked, shown

SIMULATION_PATH = ROOT / "data" / "workshop" / "simulation.yaml"
SCHEMA_PATH = ROOT / "data" / "workshop" / "simulation.schema.json"


def load_simulation(path: Path | str = SIMULATION_PATH, schema_path: Path | str = SCHEMA_PATH) -> dict[str, Any]:
    """The simulation, checked: schema, unique role ids, and each timing variant gives one length
    per script phase."""
    path = Path(path)
    data = read_checked(path, Path(schema_path))
    ids = [r["id"] for r in data["roles"]]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise WorkshopError(f"{shown(path)}: role '{dup[0]}', field 'id': the id is used twice")
    phases = len(data["script"])
    for v in data["variants"]:
        if len(v["minutes"]) != phases:
            raise WorkshopError(
                f"{shown(path)}: timing variant '{v['id']}', field 'minutes': give {phases} "
                f"lengths, one per script phase, not {len(v['minutes'])}"
            )
    return data


def sides(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for role in data["roles"]:
        out.setdefault(role["side"], []).append(role)
    return out
