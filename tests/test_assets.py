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


def test_served_scripts_lose_comment_lines_only():
    """The build serves the course's scripts without comment-only lines (light pages); code, a comment
    beside code, a licence comment and strings that look like comments stay, and each script still parses."""
    import shutil
    import subprocess

    from tracktwo.sphinxext.page_assets import without_comment_lines

    src = ('/* header\n * more\n */\nvar a = 1; // keep me\n  // drop me\n/*! licence */\n'
           '/* one line */\nvar b = "/* not a comment */";\n/* opens\n closes */ var c = 2;\nvar d = 3; /* tail */\n')
    lean = without_comment_lines(src)
    assert lean == ('var a = 1; // keep me\n/*! licence */\nvar b = "/* not a comment */";\n var c = 2;\n'
                    'var d = 3; /* tail */\n'), lean
    import json

    node = shutil.which("node")
    leans = {}
    for path in sorted((ROOT / "assets" / "tracktwo").glob("*.js")) + [ROOT / "tracktwo/exercises/static/exercises.js",
                                                                        ROOT / "tracktwo/design/static/design.js"]:
        lean = without_comment_lines(path.read_text(encoding="utf-8"))
        assert "\n//" not in "\n" + "\n".join(ln.strip() for ln in lean.splitlines())
        leans[path.name] = lean
    assert len(leans) >= 10, sorted(leans)
    if node:  # one Node process compiles every script (as `node --check` does, without running it)
        check = ("const vm = require('vm'); const scripts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
                 "const bad = {}; for (const [name, src] of Object.entries(scripts)) {"
                 " try { new vm.Script(src, {filename: name}); } catch (e) { bad[name] = String(e); } }"
                 "process.stdout.write(JSON.stringify(bad));")
        proc = subprocess.run([node, "-e", check], input=json.dumps(leans), capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr[:500]
        assert json.loads(proc.stdout) == {}, proc.stdout[:1000]
