"""Old page URLs keep working: a small page at each old address sends the reader to the new one.

``_config.yml``::

    sphinx:
      config:
        tracktwo_redirects:
          notebooks/exercises-demo: book/practice

After an HTML build, each old docname gets ``<old>.html``: a page with a ``<meta http-equiv=
"refresh">`` and a plain link (for readers whose browser does not follow it), both relative, so the
redirect works from a web server and from ``file://``. A redirect whose old page is still built, or
whose target is not a page of the book, is a warning (so ``-W`` fails the build).
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def redirect_html(old: str, new: str) -> str:
    """The page written at ``old``.html: relative links to ``new``.html (both docnames)."""
    href = posixpath.relpath(new + ".html", posixpath.dirname(old) or ".")
    safe = html.escape(href, quote=True)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>This page has moved</title><meta http-equiv=\"refresh\" content=\"0; url={safe}\">"
        f"<link rel=\"canonical\" href=\"{safe}\"></head>\n"
        f"<body><p>This page has moved: <a href=\"{safe}\">continue to the new page</a>.</p></body></html>\n"
    )


def _write_redirects(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    outdir = Path(app.builder.outdir)
    docs = set(app.env.found_docs)
    for old, new in (app.config.tracktwo_redirects or {}).items():
        if old in docs:
            logger.warning(
                "redirect from %r: that page is still in the book (remove the redirect or the page)",
                old,
                type="tracktwo",
                subtype="redirect",
            )
            continue
        if new not in docs:
            logger.warning("redirect from %r to %r: no such page in the book", old, new, type="tracktwo", subtype="redirect")
            continue
        target = outdir / (old + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_html(old, new), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("tracktwo_redirects", {}, "html", types=[dict])
    app.connect("build-finished", _write_redirects)
