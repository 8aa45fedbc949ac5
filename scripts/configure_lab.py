"""Make the course's JupyterLab quiet: no news feed, no update check, so `make lab` calls no one.

Writes share/jupyter/lab/settings/overrides.json inside the active environment (sys.prefix), so a
local `make lab`, Binder (postBuild) and a JupyterHub single-user image built from requirements.txt
all get the same lab: the front end never asks for news or updates, and never asks the learner
whether it may. (JupyterLab's server fetches them only when the front end asks; tests/test_lab.py
checks that it never does.)
"""

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def merge_json(target: Path, values: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        current = json.loads(target.read_text()) if target.exists() else {}
    except json.JSONDecodeError:
        print(f"{target}: not valid JSON; replacing it with the course's settings", file=sys.stderr)
        current = {}
    for key, value in values.items():
        current[key] = {**current.get(key, {}), **value} if isinstance(value, dict) else value
    target.write_text(json.dumps(current, indent=2) + "\n")


def main(prefix: Path = Path(sys.prefix)) -> None:
    merge_json(prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json", OVERRIDES)


if __name__ == "__main__":
    main()
