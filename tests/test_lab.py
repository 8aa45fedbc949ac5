"""The live tier in a real JupyterLab: every notebook run from a fresh kernel, in Chromium.

One JupyterLab server per session (from this environment, on 127.0.0.1, a free port, no token),
serving a copy of notebooks/ converted by scripts/lab_markup.py (a no-op once the notebooks are
converted). Its settings turn windowing off, so every cell is drawn and can be counted (JupyterLab 4
draws only the cells in view otherwise). The news feed and the update check stay off through the
environment's own overrides.json (scripts/configure_lab.py), as for a learner's `make lab`.

For each notebook, in its own workspace: restart the kernel, run all cells, then no error output,
every widget view drawn, each explorer's output changes when a control changes, each exercise's
Check gives feedback, no raw MyST in the rendered Markdown, and no request off 127.0.0.1.
A second server with the widgets front end disabled proves the checks fail when it is missing.

With TRACKTWO_LAB_SCREENSHOTS=1, screenshots of every notebook (its first screen, then each widget
view with the text above it) go to _build/lab-screenshots/ for review; the run's timings go to
_build/lab-timings.json either way.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from support import OUT, ROOT

pytestmark = pytest.mark.lab

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
SCREENSHOTS = OUT / "_build" / "lab-screenshots"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
#: What a learner would see as markup rather than a lesson (inside code elements it is fine).
RAW_MYST = re.compile(r"\{[a-z][\w.-]*(:[\w-]+)?\}|^\s*(```|~~~|:::)|<!--", re.M)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyterlab(root_dir: Path, home: Path, disabled: tuple[str, ...] = ()):
    """A JupyterLab server on 127.0.0.1 serving root_dir; yields its base URL."""
    settings = home / "settings"
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True, exist_ok=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"})
    )
    config = home / "config"
    (config / "labconfig").mkdir(parents=True, exist_ok=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": {name: True for name in disabled}}))
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        PYTHONUNBUFFERED="1",
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [
        str(Path(sys.executable).parent / "jupyter-lab"),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(home / "jupyterlab.log", "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root_dir)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (home / "jupyterlab.log").read_text()[-3000:])
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def lab_notebooks(tmp_path_factory) -> Path:
    """notebooks/ converted for JupyterLab (scripts/lab_markup.py), in a folder of their own."""
    from lab_markup import convert

    folder = tmp_path_factory.mktemp("lab") / "notebooks"
    folder.mkdir()
    convert(sorted((ROOT / "notebooks").glob("*.ipynb")), out_dir=folder)
    return folder


@pytest.fixture(scope="session")
def lab(lab_notebooks, tmp_path_factory):
    with jupyterlab(lab_notebooks, tmp_path_factory.mktemp("lab-home")) as base:
        yield base


@pytest.fixture(scope="session")
def lab_runs(lab, browser):
    """Every notebook run once from a fresh kernel: name -> the findings (see run_notebook)."""
    shots = SCREENSHOTS if os.environ.get("TRACKTWO_LAB_SCREENSHOTS") == "1" else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    results, started = {}, time.perf_counter()
    context = lab_context(browser, lab)
    for name in NOTEBOOKS:
        results[name] = run_notebook(context, lab, name, screenshots=shots)
    context.close()
    timings = {name: {k: r.get(k) for k in ("open_seconds", "run_seconds", "try_seconds")} for name, r in results.items()}
    timings["all notebooks"] = round(time.perf_counter() - started, 1)
    (OUT / "_build").mkdir(exist_ok=True)
    (OUT / "_build" / "lab-timings.json").write_text(json.dumps(timings, indent=2))
    return results


# --- driving JupyterLab ------------------------------------------------------------------------------

_NOTEBOOK_JS = "() => window.jupyterapp.shell.currentWidget"
_WAIT_IDLE_JS = """() => {
  const nb = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!nb || !nb.content || !nb.sessionContext || !nb.sessionContext.session) return false;
  const kernel = nb.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""
_RESTART_AND_RUN_JS = """async () => {
  const app = window.jupyterapp, nb = app.shell.currentWidget;
  await nb.sessionContext.session.kernel.restart();
  await app.commands.execute('notebook:run-all-cells');
}"""
_ALL_RAN_JS = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  const cells = nb.content.widgets.filter(c => c.model.type === 'code');
  return nb.sessionContext.session.kernel.status === 'idle'
    && cells.every(c => c.model.executionCount !== null)
    && ![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
}"""
_MODEL_OUTPUTS_JS = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  return nb.content.widgets.filter(c => c.model.type === 'code').map(c => c.model.outputs.toJSON());
}"""
_MARKDOWN_TEXT_JS = """() => [...document.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown')].map(el => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('code, pre').forEach(c => c.remove());
  return copy.textContent;
})"""
#: Every widget output of the notebook's model, paired with the node JupyterLab drew for it. A widget
#: view (ipywidgets or anywidget) is drawn with no mime type on its node; without the widgets front
#: end the same output falls back to its text/plain repr (data-mime-type="text/plain").
WIDGET_VIEW = ".jp-OutputArea-output:not([data-mime-type])"
_WIDGET_OUTPUTS_JS = """() => {
  const nb = window.jupyterapp.shell.currentWidget, found = [];
  for (const cell of nb.content.widgets) {
    if (cell.model.type !== 'code') continue;
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const data = outputs.get(i).data || {};
      if (!data['%s']) continue;
      const holder = cell.outputArea.widgets[i];
      const el = holder && holder.node.querySelector('.jp-OutputArea-output');
      found.push({text: el ? el.innerText : '', mime: el ? (el.dataset.mimeType || '') : 'none',
                  drawn: !!el && !el.dataset.mimeType && el.getBoundingClientRect().height > 10
                         && el.innerText.trim().length > 0});
    }
  }
  return found;
}""".replace("%s", WIDGET_MIME)  # a JS body: f-string braces would need doubling
_ERROR_VIEWS_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
  .map(o => o.innerText).filter(t => t.includes('Error displaying widget'))"""


def lab_context(browser, base: str):
    """A browser context for one lab: anything not on the lab's own address is refused (and recorded)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    local = (base, base.replace("http://", "ws://"), "data:", "blob:")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(local) else r.abort())
    return context


def run_notebook(context, base: str, name: str, screenshots: Path | None = None, try_controls: bool = True) -> dict:
    """Open a notebook in its own workspace, restart its kernel, run all, and report what was seen.

    Notebooks share one browser context, so JupyterLab's own scripts come from the cache after the
    first notebook (as for a learner); each gets its own page and its own record of requests."""
    requests, sockets = [], []
    local = (base, base.replace("http://", "ws://"), "data:", "blob:")
    page = context.new_page()
    page.on("request", lambda req: requests.append(req.url))
    page.on("websocket", lambda ws: sockets.append(ws.url))
    workspace = re.sub(r"\W", "-", name)
    found: dict = {"name": name}
    try:
        started = time.perf_counter()
        page.goto(f"{base}/lab/workspaces/{workspace}/tree/{name}?reset", wait_until="domcontentloaded")
        page.wait_for_function(_WAIT_IDLE_JS, timeout=60_000, polling=250)
        found["open_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        page.evaluate(_RESTART_AND_RUN_JS)
        page.wait_for_timeout(500)
        page.wait_for_function(_ALL_RAN_JS, timeout=120_000, polling=250)
        page.wait_for_timeout(800)  # widget views are drawn just after the kernel goes idle
        found["run_seconds"] = round(time.perf_counter() - started, 1)

        outputs = [o for cell in page.evaluate(_MODEL_OUTPUTS_JS) for o in cell]
        found["errors"] = [f"{o.get('ename')}: {o.get('evalue')}" for o in outputs if o.get("output_type") == "error"]
        found["stderr"] = [
            o.get("text", "")[:300] for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr"
        ]
        found["widget_outputs"] = sum(1 for o in outputs if WIDGET_MIME in (o.get("data") or {}))
        views = page.evaluate(_WIDGET_OUTPUTS_JS)
        found["widget_views_drawn"] = sum(1 for v in views if v["drawn"] and "Error displaying widget" not in v["text"])
        found["widget_views_seen"] = len(views)
        found["widget_errors"] = [t[:200] for t in page.evaluate(_ERROR_VIEWS_JS)]
        found["raw_markup"] = [
            m.group(0) + ": ..." + text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
            for text in page.evaluate(_MARKDOWN_TEXT_JS)
            for m in RAW_MYST.finditer(text)
        ]
        if screenshots is not None:
            _screenshots(page, screenshots / Path(name).stem)
        t = time.perf_counter()
        found["explorers"] = _try_explorers(page) if try_controls else []
        found["exercises"] = _try_exercises(page) if try_controls else []
        found["try_seconds"] = round(time.perf_counter() - t, 1)
    finally:
        found["requests"] = requests
        found["sockets"] = sockets
        found["outside"] = [u for u in requests + sockets if not u.startswith(local)]
        try:  # free the kernel (the machine is shared); the server would keep it running otherwise
            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        except Exception:
            pass
        page.close()
    return found


def _screenshots(page, stem: Path) -> None:
    """The notebook's first screen, then each widget view with the text above it."""
    page.screenshot(path=f"{stem}-01.png")
    views = page.locator(WIDGET_VIEW)
    for n in range(min(views.count(), 8)):
        views.nth(n).evaluate("el => el.closest('.jp-Cell').previousElementSibling?.scrollIntoView()")
        page.wait_for_timeout(200)
        page.screenshot(path=f"{stem}-{n + 2:02d}.png")


def _widget_areas(page):
    return page.locator(WIDGET_VIEW)


def _try_explorers(page) -> list[dict]:
    """Each widget view with a menu or list and no Check button: change it, and see whether the output changes."""
    results = []
    areas = _widget_areas(page)
    for i in range(areas.count()):
        area = areas.nth(i)
        if area.get_by_role("button", name="Check").count() or not area.locator("select").count():
            continue
        # a mapping tool's form (builder, multi-track map, timeline): its menus fill a form, they drive no view
        if area.locator(".ttb-field select").count() == area.locator("select").count():
            continue
        control = area.locator("select").first
        control.scroll_into_view_if_needed()
        values = control.evaluate("s => [...s.options].map(o => o.value)")
        current = control.evaluate("s => [...s.selectedOptions].map(o => o.value)")
        choice = next((v for v in values if v not in current), None)
        before = area.inner_text()
        control.select_option(choice)
        changed = False
        for _ in range(40):
            page.wait_for_timeout(250)
            if area.inner_text() != before:
                changed = True
                break
        results.append({"index": i, "changed": changed, "label": before[:60].replace("\n", " ")})
    return results


def _try_exercises(page) -> list[dict]:
    """The notebook's first exercise: answer something (a first choice, a first category), press
    Check, read the feedback. (Every item's scoring is tested in tests/test_exercises.py; here the
    question is whether the widget answers at all in a real JupyterLab.)"""
    results = []
    checks = _widget_areas(page).get_by_role("button", name="Check", exact=True)
    for i in range(min(checks.count(), 1)):
        button = checks.nth(i)
        box = button.locator("xpath=ancestor::div[contains(@class,'widget-vbox')][1]")
        button.scroll_into_view_if_needed()
        choice = box.locator("input[type=radio], input[type=checkbox]").first
        if choice.count():
            choice.check()
        for select in box.locator("select").all():
            select.select_option(index=min(1, select.evaluate("s => s.options.length") - 1))
        status = box.locator("[class*='--result']").first
        before = status.inner_text() if status.count() else ""
        button.click()
        text = ""
        for _ in range(40):
            page.wait_for_timeout(250)
            text = status.inner_text() if status.count() else ""
            if text and text != before:
                break
        results.append({"index": i, "feedback": text.strip()[:200]})
    return results


# --- the tests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_cleanly_in_jupyterlab(lab_runs, name):
    run = lab_runs[name]
    assert not run["errors"], f"{name}: error output after Run All: {run['errors']}"
    assert not run["stderr"], f"{name}: stderr output after Run All: {run['stderr']}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_widget_view_is_drawn(lab_runs, name):
    run = lab_runs[name]
    assert run["widget_outputs"] == run["widget_views_seen"], f"{name}: widget outputs not paired with their views"
    assert run["widget_views_drawn"] == run["widget_outputs"], (
        f"{name}: {run['widget_outputs']} widget outputs, {run['widget_views_drawn']} drawn {run['widget_errors']}"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_raw_myst_in_the_rendered_lessons(lab_runs, name):
    assert not lab_runs[name]["raw_markup"], f"{name}: raw markup in JupyterLab: {lab_runs[name]['raw_markup']}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_request_leaves_127_0_0_1(lab_runs, name):
    run = lab_runs[name]
    assert run["requests"], "no request was recorded at all: the recorder is broken"
    assert not run["outside"], f"{name}: requests off 127.0.0.1: {run['outside']}"
    news = [u for u in run["requests"] if "/lab/api/news" in u or "/lab/api/update" in u]
    assert not news, f"{name}: the lab asked for news or updates (its server fetches them from the internet): {news}"


def _notebooks_calling(lab_notebooks: Path, pattern: str) -> set[str]:
    return {p.name for p in lab_notebooks.glob("*.ipynb") if re.search(pattern, p.read_text(encoding="utf-8"))}


def test_each_explorer_responds_to_its_controls(lab_runs, lab_notebooks):
    expected = _notebooks_calling(lab_notebooks, r"_explorer\(")
    explorers = {name: run["explorers"] for name, run in lab_runs.items() if run["explorers"]}
    assert expected and expected <= set(explorers), f"explorers expected in {expected}, found: {explorers}"
    dead = {name: [e for e in found if not e["changed"]] for name, found in explorers.items()}
    assert not any(dead.values()), f"explorers whose output did not change: {dead}"


def test_each_exercise_gives_feedback_on_check(lab_runs, lab_notebooks):
    expected = _notebooks_calling(lab_notebooks, r"exercise_widget\(")
    exercises = {name: run["exercises"] for name, run in lab_runs.items() if run["exercises"]}
    assert expected and expected <= set(exercises), f"exercises expected in {expected}, found in {set(exercises)}"
    silent = {name: [e for e in found if not e["feedback"]] for name, found in exercises.items()}
    assert not any(silent.values()), f"exercises that said nothing on Check: {silent}"
    # The feedback is the exercise engine's (a score or a message), not an empty echo.
    texts = [e["feedback"] for found in exercises.values() for e in found]
    assert all(re.search(r"\d+ (of|/) \d+|point|answer", t) for t in texts), texts


SMALL_WIDGET_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "w1",
            "metadata": {},
            "outputs": [],
            "source": ['from tracktwo.exercises import exercise_widget\n', 'exercise_widget("demo/oslo-talks")'],
        }
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def test_the_checks_fail_when_the_widgets_front_end_is_missing(browser, tmp_path):
    """A notebook with one exercise widget in a lab whose widget manager is disabled (a labconfig
    page_config.json): the check that passes above for every notebook must fail here."""
    root = tmp_path / "root"
    root.mkdir()
    (root / "one-widget.ipynb").write_text(json.dumps(SMALL_WIDGET_NOTEBOOK))
    with jupyterlab(root, tmp_path / "without", disabled=(WIDGETS_EXTENSION,)) as base:
        context = lab_context(browser, base)
        run = run_notebook(context, base, "one-widget.ipynb", try_controls=False)
        context.close()
    assert run["widget_outputs"] > 0, "the notebook produced no widget output to check"
    assert run["widget_views_drawn"] < run["widget_outputs"], (
        "widget views were counted as drawn although the widgets front end was disabled"
    )


def test_a_maps_saved_work_survives_a_kernel_restart(lab, browser, lab_notebooks):
    """Switch the Table 1 map to the dialogue encoding in JupyterLab; the widget writes it to the file
    beside the notebook; after a kernel restart and a fresh run of every cell the map comes back with
    the learner's choice (tracktwo.maps.map_widgets, save_to)."""
    saved = lab_notebooks / "mapping-table1.saved.json"
    saved.unlink(missing_ok=True)
    context = lab_context(browser, lab)
    page = context.new_page()
    try:
        page.goto(f"{lab}/lab/workspaces/restart-check/tree/mapping.ipynb?reset", wait_until="domcontentloaded")
        page.wait_for_function(_WAIT_IDLE_JS, timeout=60_000, polling=250)
        for attempt in (1, 2):
            page.evaluate(_RESTART_AND_RUN_JS)
            page.wait_for_timeout(500)
            page.wait_for_function(_ALL_RAN_JS, timeout=120_000, polling=250)
            radio = page.locator(f'{WIDGET_VIEW} input[type="radio"][value="dialogue"]').first
            radio.wait_for(state="attached", timeout=30_000)
            if attempt == 1:
                assert not radio.is_checked(), "a fresh map starts on the conflict encoding"
                radio.check()
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline and not (saved.exists() and '"dialogue"' in saved.read_text()):
                    time.sleep(0.2)
                assert saved.exists() and json.loads(saved.read_text())["encoding"] == "dialogue"
            else:
                assert radio.is_checked(), "the saved encoding came back after the kernel restart"
    finally:
        try:
            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        except Exception:
            pass
        context.close()
        saved.unlink(missing_ok=True)


def test_a_worksheets_saved_work_survives_a_kernel_restart(lab, browser, lab_notebooks):
    """Add a cause to the conflict tree worksheet in JupyterLab (map-builder.ipynb) with the keyboard;
    the widget writes it to the file beside the notebook; after a kernel restart and a fresh run of
    every cell the worksheet shows it again (tracktwo.maps.map_widgets.Worksheet, save_to). With
    TRACKTWO_LAB_SCREENSHOTS=1 the worksheet after the restart goes to _build/lab-screenshots/."""
    saved = lab_notebooks / "my-conflict-tree.saved.json"
    saved.unlink(missing_ok=True)
    context = lab_context(browser, lab)
    page = context.new_page()
    try:
        page.goto(f"{lab}/lab/workspaces/worksheet-restart/tree/map-builder.ipynb?reset", wait_until="domcontentloaded")
        page.wait_for_function(_WAIT_IDLE_JS, timeout=60_000, polling=250)
        for attempt in (1, 2):
            page.evaluate(_RESTART_AND_RUN_JS)
            page.wait_for_timeout(500)
            page.wait_for_function(_ALL_RAN_JS, timeout=120_000, polling=250)
            tree = page.locator(WIDGET_VIEW).get_by_role("region", name="Conflict tree", exact=True)
            tree.wait_for(state="attached", timeout=30_000)
            causes = tree.get_by_role("list", name="Causes (the roots)", exact=True)
            if attempt == 1:
                assert "Water rules" not in causes.inner_text(), "a fresh worksheet starts empty"
                field = tree.get_by_role("textbox", name="Add to Causes (the roots)", exact=True)
                field.focus()
                page.keyboard.type("Water rules")
                page.keyboard.press("Enter")
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline and not (saved.exists() and "Water rules" in saved.read_text()):
                    time.sleep(0.2)
                assert json.loads(saved.read_text())["sheet"]["parties"][0]["entries"]["causes"] == ["Water rules"]
            else:
                causes.get_by_text("Water rules").wait_for(timeout=30_000)
                assert "Water rules" in causes.inner_text(), "the saved worksheet came back after the kernel restart"
                assert "my-conflict-tree.saved.json beside this notebook" in tree.inner_text()
                if os.environ.get("TRACKTWO_LAB_SCREENSHOTS") == "1":
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    tree.scroll_into_view_if_needed()
                    page.screenshot(path=str(SCREENSHOTS / "worksheet-tree-after-restart.png"))
    finally:
        try:
            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        except Exception:
            pass
        context.close()
        saved.unlink(missing_ok=True)
