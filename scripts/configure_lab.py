"""Make the course's JupyterLab quiet: no news feed, no update check, so `make lab` calls no one.

Writes share/jupyter/lab/settings/overrides.json inside the active environment (sys.prefix).
"""

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}

target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
target.parent.mkdir(parents=True, exist_ok=True)
current = json.loads(target.read_text()) if target.exists() else {}
current.update(OVERRIDES)
target.write_text(json.dumps(current, indent=2) + "\n")
