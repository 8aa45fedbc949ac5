"""Make the course's JupyterLab quiet: no news feed, no update check, so `make lab` calls no one.

Writes, inside the active environment (sys.prefix), so a local `make lab`, Binder (postBuild) and a
JupyterHub single-user image built from requirements.txt all get the same lab:

* share/jupyter/lab/settings/overrides.json: the front end never asks for news or updates (and
  never asks the learner whether it may);
* etc/jupyter/jupyter_server_config.d/tracktwo.json: the server cannot fetch them either, even if
  a learner turns the settings back on (no news URL; an update checker that never checks).
"""

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
SERVER_CONFIG = {
    "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate"},
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
    merge_json(prefix / "etc" / "jupyter" / "jupyter_server_config.d" / "tracktwo.json", SERVER_CONFIG)


if __name__ == "__main__":
    main()
