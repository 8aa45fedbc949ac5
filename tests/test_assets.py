"""Vendored assets are the files the manifest names, and plotly.js matches plotly.py's version."""

import hashlib
import json
from pathlib import Path

from plotly.offline import get_plotlyjs_version

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = json.loads((ROOT / "assets" / "vendor" / "manifest.json").read_text())


def test_every_vendored_file_matches_its_recorded_hash_and_has_a_licence():
    for pkg in MANIFEST["packages"]:
        assert pkg["license"], pkg["npm"]
        assert any("LICENSE" in dest for dest in pkg["files"].values()), f"{pkg['npm']} ships no licence file"
        for dest, digest in pkg["sha256"].items():
            assert hashlib.sha256((ROOT / "assets" / dest).read_bytes()).hexdigest() == digest, dest


def test_plotly_js_matches_the_version_plotly_py_writes_for():
    plotly_pkg = next(p for p in MANIFEST["packages"] if p["npm"].startswith("plotly.js"))
    assert plotly_pkg["version"] == get_plotlyjs_version()


def test_no_vendored_folder_is_called__static():
    # Jupyter Book 1 globs every .js/.css under a root _static/ into every page.
    assert not (ROOT / "_static").exists()
