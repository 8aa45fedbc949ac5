"""Design a dialogue in the book: the page script and stylesheet, added only where a form is.

The lesson's notebook shows :class:`tracktwo.design.lab_form.DesignForm`, whose output carries
``text/html`` (the host element of :mod:`tracktwo.design.markup`, with the rules embedded as JSON)
beside the ipywidgets view; the book prefers ``text/html`` (see :mod:`.conflict_map`), so it draws
the static form run by ``tracktwo/design/static/design.js`` while JupyterLab keeps the live form.
The ``{design-dialogue}`` directive places the same form in a Markdown page.

When an HTML build starts, the asset table (:mod:`.page_assets`) writes the script and the
stylesheet to ``_static/tracktwo/`` and adds them (deferred, relative URLs: the book works from
``file://``) only to pages whose body has a form (the stylesheet also for a worked example).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tracktwo.design.markup import design_form_html

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


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("design-dialogue", DesignDialogueDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
