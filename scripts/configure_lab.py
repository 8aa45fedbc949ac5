"""Make the course's JupyterLab quiet: no news feed, no update check, so `make lab` calls no one.

Writes share/jupyter/lab/settings/overrides.json inside the active environment (sys.prefix), so a
local `make lab`, Binder (postBuild) and a JupyterHub single-user image built from requirements.txt
all get the same lab: the front end never asks for news or updates, and never asks the learner
whether it may. (JupyterLab's server fetches them only when the front end asks; tests/test_lab.py
checks that it never does.)

It also spares every Python process of the environment a cost of about 2 s of CPU: jsonschema, which
Jupyter Book, nbformat and JupyterLab's server import at start, imports the optional
``rfc3987_syntax`` if it is there, and that package compiles 38 grammars on import (jsonschema issue
1392). It checks only the ``iri`` and ``iri-reference`` formats, which no schema of the course uses
(tests/test_style.py checks) and which jsonschema checks only when a caller asks for format checking.
A one-line ``.pth`` file in the environment marks the module as absent, so jsonschema skips it; delete
the file to undo. The one-chapter rebuild, every book build and every test process start faster
(docs/decisions/0008-test-tiers.md).

And deleting a file deletes it: JupyterLab's server sends a deleted file to the trash
(``~/.local/share/Trash``) by default, where it stays in the learner's home for anyone who can read
that home (a hub's admins, the server's operators; docs/jupyterhub.md). The course's notebooks tell
learners to delete exported maps they no longer need, so ``FileContentsManager.delete_to_trash`` is
set to false in ``etc/jupyter/jupyter_server_config.json`` inside the environment (read by every
Jupyter server the environment starts: ``make lab``, a repo2docker image's ``postBuild``, TLJH's
user environment). ``tests/test_style.py`` checks the setting is written and read.
"""

import json
import sys
import sysconfig
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
#: Jupyter server settings, written to <prefix>/etc/jupyter/jupyter_server_config.json.
SERVER_CONFIG = {"FileContentsManager": {"delete_to_trash": False}}


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


#: The .pth file's name and its one line (site runs a .pth line that starts with "import").
SKIP_PTH = "tracktwo-skip-rfc3987-syntax.pth"
SKIP_LINE = "import sys; sys.modules.setdefault('rfc3987_syntax', None)\n"


def skip_slow_optional_import(site_packages: Path) -> Path:
    target = site_packages / SKIP_PTH
    target.write_text(SKIP_LINE, encoding="utf-8")
    return target


def server_config_path(prefix: Path = Path(sys.prefix)) -> Path:
    """The environment's own Jupyter server config (on ``jupyter --paths``' config list)."""
    return prefix / "etc" / "jupyter" / "jupyter_server_config.json"


def main(prefix: Path = Path(sys.prefix)) -> None:
    merge_json(prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json", OVERRIDES)
    merge_json(server_config_path(prefix), SERVER_CONFIG)
    if prefix == Path(sys.prefix):
        skip_slow_optional_import(Path(sysconfig.get_paths()["purelib"]))


if __name__ == "__main__":
    main()
