"""The workshop simulations: two invented scenarios, each a data file in one format
(``data/workshop/simulation.schema.json``): Meranth (``simulation.yaml``), a problem-solving
workshop in the manner of Burton and Kelman, and Talvane (``simulation-talvane.yaml``), where a
Track 1.5, a Track Two and a Track Three channel compete for the same people and the same money.

Each has a public brief, role briefs (confidential), observer tasks, injects and a built-in walk-out
(confidential), a script by phase (confidential steps), timing variants and debrief questions tied
to the brief's sections."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.paths import ROOT
from .checked_yaml import WorkshopError, read_checked, shown

SIMULATION_PATH = ROOT / "data" / "workshop" / "simulation.yaml"
TALVANE_PATH = ROOT / "data" / "workshop" / "simulation-talvane.yaml"
SCHEMA_PATH = ROOT / "data" / "workshop" / "simulation.schema.json"

#: A timing variant's label starts with its length: "105 minutes: ...".
LABEL_MINUTES = re.compile(r"^(\d+) minutes\b")


@dataclass(frozen=True)
class Scenario:
    """One simulation: its key (the ``{simulation}`` directive's ``:scenario:``), its data file, the
    prefix of its sheets' ids and the first words of their titles."""

    key: str
    path: Path
    prefix: str
    label: str


SCENARIOS = (
    Scenario("meranth", SIMULATION_PATH, "simulation", "Simulation"),
    Scenario("talvane", TALVANE_PATH, "simulation2", "Second simulation"),
)


def scenario(key: str) -> Scenario:
    for sc in SCENARIOS:
        if sc.key == key:
            return sc
    raise WorkshopError(f"no simulation scenario '{key}' (there are: {', '.join(s.key for s in SCENARIOS)})")


def load_simulation(path: Path | str = SIMULATION_PATH, schema_path: Path | str = SCHEMA_PATH) -> dict[str, Any]:
    """A simulation, checked: schema; unique role, phase and inject ids; each timing variant gives one
    length per script phase and its label states their sum; each inject names a phase, and the
    walk-out a role, that exist."""
    path = Path(path)
    data = read_checked(path, Path(schema_path))
    where = shown(path)
    for field, noun in (("roles", "role"), ("script", "phase"), ("injects", "inject"), ("variants", "timing variant")):
        ids = [entry["id"] for entry in data[field]]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise WorkshopError(f"{where}: {noun} '{dup[0]}', field 'id': the id is used twice")
    phases = [p["id"] for p in data["script"]]
    for v in data["variants"]:
        if len(v["minutes"]) != len(phases):
            raise WorkshopError(
                f"{where}: timing variant '{v['id']}', field 'minutes': give {len(phases)} "
                f"lengths, one per script phase, not {len(v['minutes'])}"
            )
        stated, total = int(LABEL_MINUTES.match(v["label"]).group(1)), sum(v["minutes"])
        if stated != total:
            raise WorkshopError(
                f"{where}: timing variant '{v['id']}', field 'label': it says {stated} minutes, "
                f"but its parts ({' + '.join(map(str, v['minutes']))}) add up to {total}"
            )
    for inj in data["injects"]:
        if inj["phase"] not in phases:
            raise WorkshopError(
                f"{where}: inject '{inj['id']}', field 'phase': no script phase '{inj['phase']}' (there are: {', '.join(phases)})"
            )
    for n, row in enumerate(data.get("glance", {}).get("rows", []), 1):
        if len(row) != len(data["glance"]["columns"]):
            raise WorkshopError(
                f"{where}: glance, row {n}: give {len(data['glance']['columns'])} cells, one per column, not {len(row)}"
            )
    roles = [r["id"] for r in data["roles"]]
    if data["walkout"]["role"] not in roles:
        raise WorkshopError(
            f"{where}: walkout, field 'role': no role '{data['walkout']['role']}' (there are: {', '.join(roles)})"
        )
    return data


def sides(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for role in data["roles"]:
        out.setdefault(role["side"], []).append(role)
    return out


def role_name(data: dict[str, Any], role_id: str) -> str:
    return next(r["name"] for r in data["roles"] if r["id"] == role_id)
