"""The neutral edition (``TRACKTWO_TITLE`` / ``make book TITLE="Course notes"``, or the config value
``tracktwo_title``; read through :func:`tracktwo.editions.settings`).

When a neutral title is set, nothing an onlooker sees outside the page body names the course's
subject (:data:`tracktwo.editions.MARKED_WORDS`):

* the site title, the navbar text and the author line are the neutral title;
* every page's ``<title>`` (the browser tab, the history, bookmarks) is a neutral label derived from
  the table of contents, followed by the title as the theme does: ``"Page 12 — Course notes"`` for
  the twelfth page in reading order, ``"Search - Course notes"``; a page's own meta tags go;
* after the build, :func:`neutralise_site` renames every file and folder of the site whose name
  says a marked word (in ``book/part2/``, ``junta.html`` -> ``j.html``; ``_static/tracktwo/`` ->
  ``_static/cn/``) and rewrites every reference to it in every text file (HTML, JS, JSON, CSS, the
  search index, the offline manifest), before the offline copy's manifest is written.

The renaming is a pure function of one path segment (:func:`neutral_segment`), so a reference is
rewritten the same way whatever folder it is relative to; a reference is rewritten only where it
looks like a path (a quoted string, an attribute value, a CSS ``url()`` or a refresh target with a
``/`` or a file extension) and only in the segments that name a renamed file or folder, so body text
("the junta") is never touched. The default edition (no title) is untouched.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..editions import MARKED, EditionError, settings

#: What each marked word becomes in a file or folder name (the storage prefix's "cn" for the
#: course's own name; a letter for the others).
_TOKENS = {"dialogue": "d", "myanmar": "m", "burma": "b", "peace": "p", "junta": "j"}
#: Text files whose references are rewritten (page sources under ``_sources`` are content).
TEXT_SUFFIXES = {".html", ".htm", ".js", ".mjs", ".json", ".css", ".svg", ".xml", ".webmanifest", ".map", ".txt"}


class NeutralError(RuntimeError):
    """The neutral edition could not be made (two names would collide, a marked name remains)."""


def _token(match: re.Match) -> str:
    word = match.group(0).lower()
    return _TOKENS.get(word, "cn")


def neutral_segment(name: str) -> str:
    """One file or folder name with every marked word replaced: ``design-a-dialogue.html`` ->
    ``design-a-d.html``, ``plotly-tracktwo.min.js`` -> ``plotly-cn.min.js``."""
    return MARKED.sub(_token, name)


def marked_paths(root: Path) -> list[str]:
    """Every file and folder under ``root`` (relative, POSIX) whose own name says a marked word."""
    root = Path(root)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if MARKED.search(p.name))


def rename_plan(root: Path) -> dict[str, str]:
    """``{old: new}`` (relative POSIX paths) for every file and folder whose name is marked;
    :class:`NeutralError` if a new name would collide with an existing one."""
    root = Path(root)
    plan = {}
    taken: dict[str, str] = {}
    for rel in marked_paths(root):
        parent, _, name = rel.rpartition("/")
        new_parent = "/".join(neutral_segment(s) for s in parent.split("/")) if parent else ""
        new = f"{new_parent}/{neutral_segment(name)}" if new_parent else neutral_segment(name)
        plan[rel] = new
    for old, new in plan.items():
        new_name = new.rpartition("/")[2]
        sibling = (root / old).parent / new_name
        if sibling.exists() and sibling.name != (root / old).name and sibling.relative_to(root).as_posix() not in plan:
            raise NeutralError(f"cannot rename {old}: {sibling.relative_to(root).as_posix()} already exists")
        if new in taken:
            raise NeutralError(f"cannot rename both {taken[new]} and {old} to {new}")
        taken[new] = old
    return plan


def renamed_names(plan: dict[str, str]) -> set[str]:
    """The old names a reference may use for a renamed file or folder: its name and, for a page,
    its name without the suffix (a docname in the search index, a link without ``.html``)."""
    names = set()
    for old in plan:
        name = old.rpartition("/")[2]
        names.add(name)
        names.add(name.split(".", 1)[0])
    return {n for n in names if MARKED.search(n)}


_PATHISH = re.compile(r"^[\w.~%+@/-]*$")
_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,9}$")


def rewrite_reference(ref: str, names: set[str]) -> str:
    """A reference with each segment that names a renamed file or folder renamed; anything that
    does not look like a path (no ``/`` and no file suffix, or spaces) is returned as it is."""
    cut = min([i for i in (ref.find("?"), ref.find("#")) if i >= 0], default=len(ref))
    path, rest = ref[:cut], ref[cut:]
    if not path or not _PATHISH.match(path) or not ("/" in path or _SUFFIX.search(path)):
        return ref
    segments = path.split("/")
    out = [neutral_segment(s) if s in names else s for s in segments]
    return "/".join(out) + rest


_QUOTED = re.compile(r"""(?P<q>["'])(?P<v>[^"'\s<>()\\{}]*)(?P=q)""")
_CSS_URL = re.compile(r"""url\(\s*(?P<v>[^"'()\s]+)\s*\)""")
_REFRESH = re.compile(r"""(?P<p>url=)(?P<v>[^"'\s>;]+)""", re.I)


def rewrite_text(text: str, names: set[str]) -> str:
    """Every path-like reference in a text file (quoted strings and attribute values, CSS ``url()``,
    a refresh page's ``url=``) rewritten with :func:`rewrite_reference`."""
    if not names or not MARKED.search(text):
        return text
    text = _QUOTED.sub(lambda m: m.group("q") + rewrite_reference(m.group("v"), names) + m.group("q"), text)
    text = _CSS_URL.sub(lambda m: "url(" + rewrite_reference(m.group("v"), names) + ")", text)
    return _REFRESH.sub(lambda m: m.group("p") + rewrite_reference(m.group("v"), names), text)


def neutralise_site(root: Path) -> dict[str, str]:
    """Rename every marked file and folder of a built site and rewrite every reference to them.
    Returns the plan ``{old: new}``; raises :class:`NeutralError` if a marked name is left."""
    root = Path(root)
    plan = rename_plan(root)
    if not plan:
        return plan
    names = renamed_names(plan)
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES and "_sources" not in path.relative_to(root).parts:
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            new = rewrite_text(text, names)
            if new != text:
                path.write_text(new, encoding="utf-8", errors="surrogateescape")
    # Deepest first, so a folder is renamed after everything inside it.
    for old in sorted(plan, key=lambda p: p.count("/"), reverse=True):
        src = root / old
        os.replace(src, src.with_name(neutral_segment(src.name)))
    left = marked_paths(root)
    if left:
        raise NeutralError("names still marked after renaming: " + ", ".join(left[:5]))
    return plan


# ---------------------------------------------------------------------------------------------
# Sphinx


def page_labels(app) -> dict[str, str]:
    """docname -> neutral label, in the order of the table of contents (depth first from the root)."""
    from .lesson_blocks import reading_order

    title = app.config.tracktwo_title_resolved
    labels = {doc: f"Page {n}" for n, doc in enumerate(reading_order(app.env), 1)}
    # search.html writes "Search - <title>" itself.
    labels.update({"search": title, "genindex": "Index"})
    return labels


def _on_config_inited(app, config) -> None:
    try:
        edition = settings(config=config)
    except EditionError as exc:
        from sphinx.errors import ConfigError

        raise ConfigError(str(exc)) from None
    config.tracktwo_title_resolved = edition.title or ""
    if edition.neutral:
        config.html_title = edition.title
        config.project = edition.title
        config.author = ""
        config.copyright = ""
        config.html_short_title = edition.title


def _on_page_context(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    title = app.config.tracktwo_title_resolved
    if not title:
        return
    labels = getattr(app, "_tracktwo_neutral_labels", None)
    if labels is None:
        labels = app._tracktwo_neutral_labels = page_labels(app)
    label = labels.get(pagename, title)
    # The theme writes <title>{{ title }} &#8212; {{ docstitle }}</title>.
    context["title"] = label
    context["pagetitle"] = label
    context["docstitle"] = title
    context["project"] = title
    context["author"] = ""
    context["metatags"] = ""


def _on_build_finished(app, exception) -> None:
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    if not app.config.tracktwo_title_resolved:
        return
    from sphinx.util import logging

    plan = neutralise_site(Path(app.builder.outdir))
    logging.getLogger(__name__).info("neutral edition: %d files and folders renamed", len(plan))


def setup(app) -> None:
    """Register ``tracktwo_title`` and the neutral edition's hooks (from tracktwo.sphinxext.setup)."""
    app.add_config_value("tracktwo_title", "", "html", types=[str])
    app.add_config_value("tracktwo_title_resolved", "", "html", types=[str])
    app.connect("config-inited", _on_config_inited, priority=800)
    from .page_assets import PAGE_PRIORITY

    app.connect("html-page-context", _on_page_context, priority=PAGE_PRIORITY)
    # After the redirects (500) and the purged stylesheets (900), before the offline copy (950)
    # writes its manifest and digest over the files as renamed.
    app.connect("build-finished", _on_build_finished, priority=940)
