"""Vendored assets are the files the manifest names, and plotly.js matches plotly.py's version; the
book's pages get their scripts and stylesheets from one table (tracktwo/sphinxext/page_assets.py)."""

import hashlib
import json
import os
import re
import textwrap
from pathlib import Path
from types import SimpleNamespace

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

    src = (
        '/* header\n * more\n */\nvar a = 1; // keep me\n  // drop me\n/*! licence */\n'
        '/* one line */\nvar b = "/* not a comment */";\n/* opens\n closes */ var c = 2;\nvar d = 3; /* tail */\n'
    )
    lean = without_comment_lines(src)
    assert lean == (
        'var a = 1; // keep me\n/*! licence */\nvar b = "/* not a comment */";\n var c = 2;\nvar d = 3; /* tail */\n'
    ), lean
    import json

    node = shutil.which("node")
    leans = {}
    for path in sorted((ROOT / "assets" / "tracktwo").glob("*.js")) + [
        ROOT / "tracktwo/exercises/static/exercises.js",
        ROOT / "tracktwo/design/static/design.js",
    ]:
        lean = without_comment_lines(path.read_text(encoding="utf-8"))
        assert "\n//" not in "\n" + "\n".join(ln.strip() for ln in lean.splitlines())
        leans[path.name] = lean
    assert len(leans) >= 10, sorted(leans)
    if node:  # one Node process compiles every script (as `node --check` does, without running it)
        check = (
            "const vm = require('vm'); const scripts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
            "const bad = {}; for (const [name, src] of Object.entries(scripts)) {"
            " try { new vm.Script(src, {filename: name}); } catch (e) { bad[name] = String(e); } }"
            "process.stdout.write(JSON.stringify(bad));"
        )
        proc = subprocess.run([node, "-e", check], input=json.dumps(leans), capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr[:500]
        assert json.loads(proc.stdout) == {}, proc.stdout[:1000]


# ---------------------------------------------------------------------------------------------
# The one asset path (tracktwo/sphinxext/page_assets.py): the table is the only place a page gets
# a script or stylesheet, every file it names exists, and a marker brings its files in table order.

PLUGIN = ROOT / "tracktwo"
#: Adding a script or stylesheet, or editing a page's list of them, in code (not in prose).
_ASSET_CALLS = re.compile(r"""\.add_(?:js|css)_file\s*\(|["'](?:script|css)_files["']|\bhtml_(?:js|css)_files\b""")
_CONNECT = re.compile(r"""\.connect\(\s*["'](html-page-context|builder-inited)["']\s*,\s*\w+\s*(?:,\s*priority\s*=\s*(\w+))?""")


def _plugin_sources() -> list[Path]:
    return sorted(p for p in PLUGIN.rglob("*.py") if "node_modules" not in p.parts)


def test_only_the_asset_table_adds_scripts_and_stylesheets():
    """No module of the package but page_assets.py adds a script or stylesheet or edits a page's
    list of them, and no feature connects a page or builder handler of its own: the page handlers
    left (a11y's body fix, the lighter chrome, the neutral edition's titles) add nothing and share the table's priority."""
    offenders = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in _plugin_sources()
        if p.name != "page_assets.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if _ASSET_CALLS.search(line)
    ]
    assert offenders == [], "add the files as a row of tracktwo/sphinxext/page_assets.py:ROWS instead:\n" + "\n".join(offenders)
    handlers = sorted(
        (p.relative_to(PLUGIN).as_posix(), event, priority or "")
        for p in _plugin_sources()
        for event, priority in _CONNECT.findall(p.read_text(encoding="utf-8"))
    )
    assert handlers == [
        ("sphinxext/a11y.py", "html-page-context", "PAGE_PRIORITY"),
        ("sphinxext/light_chrome.py", "html-page-context", "PAGE_PRIORITY"),
        ("sphinxext/neutral.py", "html-page-context", "PAGE_PRIORITY"),
        ("sphinxext/page_assets.py", "builder-inited", "BUILDER_PRIORITY"),
        ("sphinxext/page_assets.py", "html-page-context", "PAGE_PRIORITY"),
    ], handlers


def test_every_file_the_table_names_exists():
    """Each row's file is under assets/ (copied to _static/ by Sphinx) or written by the build
    (GENERATED, in the learner edition, which writes the most); each generated file is some row's."""
    from tracktwo.sphinxext.page_assets import GENERATED, ROWS

    config = SimpleNamespace(tracktwo_edition="learner")
    generated = {rel for _, files in GENERATED for rel in files(config)}
    named = [f.path for row in ROWS for f in row.files]
    missing = [p for p in named if not (ROOT / "assets" / p).is_file() and p not in generated]
    assert missing == []
    assert sorted(generated - set(named)) == []
    assert len(named) == len(set(named)), "a file is in two rows"
    assert all(f.path.endswith((".js", ".css")) for row in ROWS for f in row.files)


def test_the_table_order_is_the_page_order():
    """Sphinx sorts a page's files by priority, keeping the order they were added among equals (the
    every-page rows at the start of the build, the others page by page). So the table's order is the
    page's order only if that sort leaves each kind's files where the table puts them."""
    from tracktwo.sphinxext.page_assets import EVERY_PAGE, ROWS

    for script in (True, False):
        files = [(f.priority, row.marker is not EVERY_PAGE, f.path) for row in ROWS for f in row.files if f.is_script == script]
        assert files == sorted(files, key=lambda t: t[:2]), files


MARKED_PAGE = textwrap.dedent("""\
    # Marked

    ```{exercise} demo
    ```

    ```{raw} html
    <div class="tt-plotly"></div>
    <div class="tt-conflict-map tt-interactive-table1"></div>
    <div class="tt-design" data-tt-design="v1"></div>
    ```

    ```{facilitator}
    Ask the group what changed.
    ```
    """)
_TAG = re.compile(r"""<(?:script|link)\b[^>]*?\b(?:src|href)="(?:\.\./)*_static/([^"?]+)""")


def test_a_marker_brings_its_files_in_table_order(tmp_path):
    """A small book: a page with an exercise, a figure, a map, a design form and facilitator notes
    gets every-page files plus those rows' files, scripts and stylesheets each in table order; a
    plain page gets only the every-page files (and the search loader); the generated files are written."""
    import subprocess
    import sys

    from tracktwo.exercises.bank import BANK_DIR
    from tracktwo.sphinxext.page_assets import EVERY_PAGE, ROWS

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f'extensions = ["myst_parser", "tracktwo.sphinxext"]\nhtml_theme = "basic"\ntracktwo_exercise_dir = {str(BANK_DIR)!r}\n'
    )
    (src / "index.md").write_text("# Book\n\n```{toctree}\nmarked\nplain\n```\n")
    (src / "marked.md").write_text(MARKED_PAGE)
    (src / "plain.md").write_text("# Plain\n\nJust text.\n")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKTWO_")}
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", str(src), str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr

    ours = {f.path for row in ROWS for f in row.files}

    def loaded(page: str) -> list[str]:
        return [p for p in _TAG.findall((out / page).read_text(encoding="utf-8")) if p in ours]

    every = [row.feature for row in ROWS if row.marker is EVERY_PAGE]
    marked_rows = every + [
        "facilitator notes behind the instructor-view toggle (.lesson_blocks)",
        "exercises, any edition (.exercise_directive)",
        "interactive exercises (.exercise_directive)",
        "figures: the local plotly.js and the figure loader",
        "design a dialogue: the form or its worked examples (.design_dialogue)",
        "conflict maps (.conflict_map)",
        "keyboard access to plotly's controls (.a11y)",
        "design a dialogue: the form's script (.design_dialogue)",
        "search tools fetched when search opens",
    ]
    for page, features in (("marked.html", marked_rows), ("plain.html", every + ["search tools fetched when search opens"])):
        assert all(any(r.feature == f for r in ROWS) for f in features), features
        expected = [f.path for row in ROWS if row.feature in features for f in row.files]
        got = loaded(page)
        for kind in (".css", ".js"):
            assert [p for p in got if p.endswith(kind)] == [p for p in expected if p.endswith(kind)], (page, kind, got)
    got = loaded("marked.html")
    assert (
        got.index("tracktwo/storage.js")
        < got.index("tracktwo/exercises-messages.js")
        < got.index("tracktwo/exercises.js")
        < got.index("vendor/plotly/plotly-tracktwo.min.js")
        < got.index("tracktwo/figures.js")
        < got.index("tracktwo/a11y.js")
    )
    for rel in ("tracktwo/exercises.js", "tracktwo/exercises-messages.js", "tracktwo/design.js", "tracktwo/design.css"):
        assert (out / "_static" / rel).is_file(), rel


def test_served_pages_lose_comments_and_indentation_only():
    """lean_html: the theme's comments and indentation go; preformatted text, form fields, scripts,
    styles and the course's own markers stay byte for byte, and whitespace stays whitespace."""
    from tracktwo.sphinxext.page_assets import lean_html

    page = (
        "<div>\n    <p>a\n   b</p>\n  <!-- the theme's note -->\n<pre>  keep\n    this</pre>\n"
        "<textarea>\n  typed\n</textarea><script>\n  var a;\n</script><style>\n  p {}\n</style>"
        "<!-- tracktwo:myst {} --><a>x</a> <a>y</a></div>"
    )
    lean = lean_html(page)
    assert lean == (
        "<div>\n<p>a\nb</p>\n<pre>  keep\n    this</pre>\n"
        "<textarea>\n  typed\n</textarea><script>\n  var a;\n</script><style>\n  p {}\n</style>"
        "<!-- tracktwo:myst {} --><a>x</a> <a>y</a></div>"
    ), lean
    assert lean_html(lean) == lean
