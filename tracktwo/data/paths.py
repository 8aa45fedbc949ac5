"""Where the course's files live: the repository root and its data folder, computed once.

Every module that needs a path to a file in the repository imports it from here, so moving the
package or the data folder means changing one line.
"""

from __future__ import annotations

from pathlib import Path

#: The repository root (the folder holding ``_config.yml``, ``data/`` and ``tracktwo/``).
ROOT = Path(__file__).resolve().parents[2]
#: The course data folder, ``data/``.
DATA_DIR = ROOT / "data"
#: The exercise banks, ``data/exercises/``.
BANK_DIR = DATA_DIR / "exercises"
