"""Design a dialogue in the book: the page script and stylesheet, added only where a form is.

The lesson's notebook shows :class:`tracktwo.design.lab_form.DesignForm`, whose output carries
``text/html`` (the host element of :mod:`tracktwo.design.markup`, with the rules embedded as JSON)
beside the ipywidgets view; the book prefers ``text/html`` (see :mod:`.conflict_map`), so it draws
the static form run by ``tracktwo/design/static/design.js`` while JupyterLab keeps the live form.
The ``{design-dialogue}`` directive places the same form in a Markdown page.

When an HTML build starts, the script and the stylesheet are written to ``_static/tracktwo/``;
the page hook adds them (deferred, relative URLs: the book works from ``file://``) only to pages
whose body has a form or a worked example.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tracktwo.design.markup import DESIGN_CLASS, DESIGN_CSS, DESIGN_JS, STATIC_DIR, design_form_html

logger = logging.getLogger(__name__)


class DesignDialogueDirective(SphinxDirective):
    """``{design-dialogue}`` [id]: the design form (id keys the saved design; default ``main``)."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(Path(self.env.srcdir) / "data" / "design_rules.yaml"))
        try:
            html = design_form_html(self.arguments[0] if self.arguments else "main")
        except Exception as exc:  # a bad rules file names itself, never a traceback
            logger.warning("design-dialogue: %s", exc, location=self.get_location(), type="tracktwo", subtype="design")
            return []
        return [nodes.raw("", html, format="html")]


def _write_static(app: Sphinx) -> None:
    if app.builder is None or app.builder.format != "html":
        return
    out = Path(app.outdir) / "_static"
    for name, rel in (("design.js", DESIGN_JS), ("design.css", DESIGN_CSS)):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (STATIC_DIR / name).read_text(encoding="utf-8")
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def uses_design(body: str) -> bool:
    return f'class="{DESIGN_CLASS}"' in body or 'class="tt-design-examples"' in body


def _add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body") or ""
    if uses_design(body):
        app.add_css_file(DESIGN_CSS, priority=600)
        if f'class="{DESIGN_CLASS}"' in body:
            app.add_js_file(DESIGN_JS, priority=603, loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("design-dialogue", DesignDialogueDirective)
    app.connect("builder-inited", _write_static)
    app.connect("html-page-context", _add_assets, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
