"""What an edition leaves out reaches its notebooks too (docs/decisions/0013-confidential-material.md).

The directives and renderers ask :func:`tracktwo.editions.withholds` before they build marked
material. Two paths bypass a directive, and this module closes them:

* **a notebook's outputs.** myst-nb runs the notebooks in a kernel, where the widgets' static
  markup (e.g. the placing exercise's) reads the edition from ``TRACKTWO_EDITION``. When the
  edition comes from ``_config.yml`` rather than the environment, the build sets the variable for
  its kernels, and puts it back when the build ends.
* **the downloadable notebook** (``_sources/<page>.ipynb``, the page's download button) is, by
  default, the committed file, whose outputs were made by the learner edition. When the build ends
  it is replaced by the notebook this build ran (myst-nb's ``jupyter_execute/<page>.ipynb``), so it
  holds this edition's outputs, never another's key; without the widgets' saved state
  (``metadata.widgets``), a snapshot of every live widget's model (the placing widget's holds its
  key) that the committed notebooks do not carry either.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..editions import EDITION_ENV

_SAVED = "_tracktwo_saved_edition_env"


def _kernels_follow_the_edition(app: Sphinx, config) -> None:
    edition = getattr(config, "tracktwo_edition", "learner") or "learner"
    if os.environ.get(EDITION_ENV, "").strip() != edition:
        setattr(app, _SAVED, os.environ.get(EDITION_ENV))
        os.environ[EDITION_ENV] = edition


def executed_notebooks(app: Sphinx) -> list[tuple[Path, Path]]:
    """(``_sources`` copy, notebook this build ran) for every notebook page."""
    outdir = Path(app.outdir)
    executed = outdir.parent / "jupyter_execute"
    out = []
    for source in sorted((outdir / "_sources").rglob("*.ipynb")):
        ran = executed / source.relative_to(outdir / "_sources")
        if ran.exists():
            out.append((source, ran))
    return out


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if hasattr(app, _SAVED):
        saved = getattr(app, _SAVED)
        if saved is None:
            os.environ.pop(EDITION_ENV, None)
        else:
            os.environ[EDITION_ENV] = saved
        delattr(app, _SAVED)
    if exception is None and app.builder is not None and app.builder.format == "html":
        for source, ran in executed_notebooks(app):
            notebook = json.loads(ran.read_text(encoding="utf-8"))
            notebook.get("metadata", {}).pop("widgets", None)
            source.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    # After tracktwo.sphinxext.exercise_directive has settled the edition (priority 500).
    app.connect("config-inited", _kernels_follow_the_edition, priority=800)
    # Before the offline manifest (priority 950) digests the downloads.
    app.connect("build-finished", _on_build_finished, priority=500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
