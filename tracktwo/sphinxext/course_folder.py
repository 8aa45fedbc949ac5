"""The ``{course-folder}`` directive: the course folder's download link and the repository's address.

The course folder (:mod:`tracktwo.release`) is written into the site by the one asset table
(``page_assets.DOWNLOADS``, at ``builder-inited``, before any page is read), in the learner edition
only. This directive links it from the page that explains it (book/how-to-study.md), with its size and
SHA-256 checksum, and names the repository when ``CITATION.cff`` gives its address (``repository-code``;
the course invents none). A plain ``<a href download>``: no page loads the zip, so it counts in no
page's weight, and the offline copy leaves it out. Other editions say where the folder is given.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tracktwo import release
from tracktwo.data.paths import ROOT

from ..i18n.catalog import escape, t
from .page_assets import DOWNLOAD_DIR

logger = logging.getLogger(__name__)

#: The class of the directive's box (tests find the link by it).
FOLDER_CLASS = "tt-course-folder"


def repository_url(citation: Path = ROOT / "CITATION.cff") -> str:
    """The repository's address as ``CITATION.cff`` declares it (``repository-code``), or "" when it
    gives none. A file that cannot be read, or an address that is not https, raises ValueError with
    one message naming the file and field."""
    from tracktwo.data.yamlfile import read_yaml

    data = read_yaml(citation, ValueError)
    url = data.get("repository-code", "") if isinstance(data, dict) else ""
    if url and not (isinstance(url, str) and url.startswith("https://")):
        raise ValueError(f"{citation.name}: field 'repository-code' is {url!r}: give the repository's https:// address")
    return url or ""


#: The box's strings, by id (``locale/<lang>/course/ui.po``; scripts/i18n_update.py lists them).
STRINGS = {
    "ui:course-folder:download": "Download the course folder",
    "ui:course-folder:details": "{name}, {size}; its SHA-256 checksum is {sha256}",
    "ui:course-folder:elsewhere": "The course folder comes with the self-study edition of this book.",
    "ui:course-folder:repository": "The course's repository:",
    "ui:course-folder:no-repository": (
        "The course's repository (the book's sources, the workshop kit and the tests) has no public address in this edition."
    ),
}


def _t(ident: str) -> str:
    return escape(t(ident, STRINGS[ident]))


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} KB"


def folder_html(href: str | None, zip_path: Path | None, repo: str) -> str:
    """The box's HTML (pure over its arguments and the translator in use)."""
    parts = [f'<div class="{FOLDER_CLASS}">']
    if href and zip_path is not None and zip_path.is_file():
        details = (
            _t("ui:course-folder:details")
            .replace("{name}", escape(zip_path.name))
            .replace("{size}", escape(_size(zip_path.stat().st_size)))
            .replace("{sha256}", f"<code>{release.sha256(zip_path)}</code>")
        )
        link = _t("ui:course-folder:download")
        parts.append(f'<p><a class="tt-course-folder-link" href="{escape(href)}" download>{link}</a> ({details})</p>')
    else:
        parts.append(f"<p>{_t('ui:course-folder:elsewhere')}</p>")
    if repo:
        parts.append(f'<p>{_t("ui:course-folder:repository")} <a href="{escape(repo)}">{escape(repo)}</a></p>')
    else:
        parts.append(f"<p>{_t('ui:course-folder:no-repository')}</p>")
    parts.append("</div>")
    return "".join(parts)


class CourseFolder(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = f"{release.bundle_name()}.zip"
        rel = f"_static/{DOWNLOAD_DIR}/{name}"
        outdir = Path(self.env.app.outdir)
        zip_path = outdir / rel if (outdir / rel).is_file() else None
        href = posixpath.relpath(rel, posixpath.dirname(self.env.docname) or ".")
        try:
            repo = repository_url()
        except ValueError as exc:
            logger.warning("%s", exc, location=self.get_location())
            repo = ""
        return [nodes.raw("", folder_html(href, zip_path, repo), format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("course-folder", CourseFolder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
