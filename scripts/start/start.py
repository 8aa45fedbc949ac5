"""Start the course's notebooks in JupyterLab, on Linux, macOS or Windows, with no make or bash.

    python3 start.py        (Windows: py start.py, or double-click start.bat; macOS/Linux: ./start.sh)

The first run makes a virtual environment in .venv beside this file, installs the course's pinned
requirements into it (requirements.txt; a few minutes, from PyPI, or with no network
from a wheelhouse/ folder of wheels placed beside this file), makes JupyterLab quiet (no news or
update checks: scripts/configure_lab.py) and opens JupyterLab on notebooks/. Later runs start at
once. Options: --install-only (set up, do not open JupyterLab), --port N. Ctrl+C stops JupyterLab.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
STAMP = VENV / ".installed"
WHEELHOUSE = HERE / "wheelhouse"
LOWEST = (3, 11)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()


def run(cmd: list[str], what: str) -> None:
    print(f"start.py: {what}...", flush=True)
    code = subprocess.call(cmd, cwd=HERE)
    if code != 0:
        sys.exit(f"start.py: {what} failed (exit status {code}); the messages above say why.")


def install() -> Path:
    python = venv_python()
    if not python.exists():
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as exc:  # one message, not a traceback
            sys.exit(f"start.py: could not make {VENV} ({exc}). On Debian/Ubuntu: apt-get install python3-venv")
    if not STAMP.exists() or STAMP.read_text(encoding="utf-8") != inputs_digest():
        offline = ["--no-index", "--find-links", str(WHEELHOUSE)] if any(WHEELHOUSE.glob("*.whl")) else []
        run([str(python), "-m", "pip", "install", *offline, "-r", "requirements.txt"], "installing the course's requirements")
        run([str(python), str(HERE / "scripts" / "configure_lab.py")], "making JupyterLab quiet (no news or update checks)")
        STAMP.write_text(inputs_digest(), encoding="utf-8")
    return python


def main(argv: list[str]) -> int:
    if sys.version_info < LOWEST:
        print(f"start.py: the course needs Python {LOWEST[0]}.{LOWEST[1]} or newer; this is {sys.version.split()[0]}.")
        return 1
    python = install()
    if "--install-only" in argv:
        print(f"start.py: ready. Start JupyterLab with: {sys.executable} start.py")
        return 0
    port = argv[argv.index("--port") + 1] if "--port" in argv[:-1] else "8888"
    lab = [
        str(python),
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={HERE / 'notebooks'}",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
    ]
    if hasattr(os, "getuid") and os.getuid() == 0:
        lab.append("--allow-root")
    print("start.py: JupyterLab opens on the notebooks (Ctrl+C to stop).", flush=True)
    try:
        return subprocess.call(lab, cwd=HERE / "notebooks")
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
