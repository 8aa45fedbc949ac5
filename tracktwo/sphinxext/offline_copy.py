"""Keep the whole course on the learner's device: the offline manifest and the service worker.

Nothing happens until the learner asks. Every page loads ``assets/tracktwo/offline.js``, which puts
a control in the page footer; only when the learner presses it does the browser register ``sw.js``
(at the site root, so that it covers every page), which stores every file listed in
``offline-manifest.json`` in a cache named after the course version and the files' digest. The
same control removes the copy and the learner's saved answers. Opened from ``file://`` (where a
service worker cannot run) the control explains the alternative: the folder itself is the copy.

A rebuild reads through only the pages and stylesheets that changed: the references found in each
are kept beside the site (``offline-refs.json``) under the digest of the file's bytes, so a changed
file is always read again and the list is the same as without the cache.

When the build finishes this module writes, at the root of the site:

* ``offline-manifest.json``: ``{"version", "digest", "bytes", "files"}``, every page of the book
  and every file a page refers to (scripts, stylesheets, fonts, images, downloads), plus the files
  the pages' scripts load on demand (the search tools and index); not the large downloads of
  ``page_assets.DOWNLOADS`` (the course folder), which a learner saves on purpose;
* ``sw.js``: ``assets/tracktwo/offline-sw.js`` with the version and the digest written in, so a
  new course version (or any changed file) makes the browser install the new worker, which fills
  a new cache and deletes the old one.

tests/test_offline_copy.py checks the manifest; tests/test_offline_browser.py turns the copy on,
goes offline, reads three pages, and turns it off.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tracktwo import COURSE_VERSION
from tracktwo.data.paths import ROOT
from tracktwo.editions import STORAGE_PREFIX

OFFLINE_JS = "tracktwo/offline.js"
SW_TEMPLATE = ROOT / "assets" / "tracktwo" / "offline-sw.js"
MANIFEST_NAME = "offline-manifest.json"
SW_NAME = "sw.js"
#: Files the pages' scripts load by themselves (assets/tracktwo/search-loader.js, search.html).
ON_DEMAND = ("searchindex.js", "_static/searchtools.js", "_static/language_data.js", "_static/sphinx_highlight.js")

_REFS = re.compile(r"""\b(?:src|href|data-src)\s*=\s*["']([^"'#]+)""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')#?]+)""", re.I)


def _local(base: Path, ref: str, root: Path, seen: dict | None = None) -> Path | None:
    """The file of the site that ``ref`` (in a file in ``base``) names, or None (another host, a data URL,
    a missing file, a file outside the site). ``seen`` remembers answers by the joined path: a hundred
    pages name the same stylesheets and pages, and resolving a path asks the disk for every folder."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("//", "data:", "mailto:", "javascript:")) or not parts.path:
        return None
    joined = base / unquote(parts.path)
    if seen is not None and joined in seen:
        return seen[joined]
    path = joined.resolve()
    if not path.is_file():
        path = None
    else:
        try:
            path.relative_to(root)
        except ValueError:
            path = None
    if seen is not None:
        seen[joined] = path
    return path


def _refs(path: Path, pattern: re.Pattern, cache: dict[str, list[str]], used: set[str]) -> list[str]:
    """Every reference ``pattern`` finds in the file, cached by the digest of the file's bytes: only a
    page or stylesheet that changed is read through again."""
    data = path.read_bytes()
    key = pattern.pattern[:12] + hashlib.sha256(data).hexdigest()
    used.add(key)
    if key not in cache:
        cache[key] = pattern.findall(data.decode("utf-8", errors="replace"))
    return cache[key]


def offline_files(outdir: Path, cache: dict[str, list[str]] | None = None) -> list[str]:
    """Every page of the built site and every local file the pages and their stylesheets refer to.

    ``cache`` (digest of a file's bytes -> the references in it) is read and brought up to date: entries
    for files that are gone are dropped. The list is the same with or without it."""
    cache = {} if cache is None else cache
    used: set[str] = set()
    seen: dict = {}
    root = outdir.resolve()
    pages = sorted(p.resolve() for p in root.rglob("*.html") if not {"_static", "_sources"} & set(p.relative_to(root).parts))
    found: set[Path] = set(pages)
    for page in pages:
        for ref in _refs(page, _REFS, cache, used):
            path = _local(page.parent, ref, root, seen)
            if path is not None:
                found.add(path)
    for name in ON_DEMAND:
        if (root / name).is_file():
            found.add(root / name)
    for css in [p for p in sorted(found) if p.suffix == ".css"]:
        for ref in _refs(css, _CSS_URL, cache, used):
            path = _local(css.parent, ref, root, seen)
            if path is not None:
                found.add(path)
    for key in set(cache) - used:
        del cache[key]
    found -= {root / SW_NAME, root / MANIFEST_NAME}
    # Downloads a page links to (the course folder's zip: page_assets.DOWNLOADS) are saved by the
    # learner who asks for one, not kept in every offline copy.
    from .page_assets import DOWNLOAD_DIR

    downloads = f"_static/{DOWNLOAD_DIR}/"
    return sorted(rel for rel in (p.relative_to(root).as_posix() for p in found) if not rel.startswith(downloads))


def build_manifest(outdir: Path, version: str = COURSE_VERSION, cache: dict[str, list[str]] | None = None) -> dict:
    """The offline manifest of a built site (pure over the files on disk; ``cache`` as offline_files)."""
    files = offline_files(outdir, cache)
    digest = hashlib.sha256()
    total = 0
    for rel in files:
        data = (outdir / rel).read_bytes()
        total += len(data)
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return {"version": version, "digest": digest.hexdigest()[:16], "bytes": total, "files": files}


def cache_for(outdir: Path) -> Path:
    """Where the references found in each page and stylesheet are kept between builds: beside the site."""
    return outdir.parent / "offline-refs.json"


def service_worker(manifest: dict, template: str, storage_prefix: str = STORAGE_PREFIX) -> str:
    """``sw.js``: the template with the course version, the files' digest and the edition's storage
    prefix (its caches are ``<prefix>-offline-...``, which storage.js clears) written in."""
    return (
        template.replace("__TRACKTWO_VERSION__", manifest["version"])
        .replace("__TRACKTWO_STORAGE_PREFIX__", storage_prefix)
        .replace("__TRACKTWO_DIGEST__", manifest["digest"])
        .replace("__TRACKTWO_MANIFEST__", MANIFEST_NAME)
    )


def write_offline_copy(outdir: Path, storage_prefix: str = STORAGE_PREFIX) -> dict:
    store = cache_for(outdir)
    try:
        cache = json.loads(store.read_text(encoding="utf-8"))
        cache = cache if isinstance(cache, dict) else {}
    except (OSError, ValueError):
        cache = {}
    manifest = build_manifest(outdir, cache=cache)
    store.write_text(json.dumps(cache), encoding="utf-8")
    (outdir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    (outdir / SW_NAME).write_text(
        service_worker(manifest, SW_TEMPLATE.read_text(encoding="utf-8"), storage_prefix), encoding="utf-8"
    )
    return manifest


def _on_build_finished(app, exception) -> None:
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    from sphinx.util import logging

    from tracktwo.editions import settings

    manifest = write_offline_copy(Path(app.builder.outdir), settings(config=app.config).storage_prefix)
    logging.getLogger(__name__).info(
        "offline copy: %d files, %d bytes, version %s-%s",
        len(manifest["files"]),
        manifest["bytes"],
        manifest["version"],
        manifest["digest"],
    )


def setup(app) -> None:
    """Register the offline copy (called from tracktwo.sphinxext.setup)."""
    # After the stylesheets are purged (900): the digest covers the files as served.
    app.connect("build-finished", _on_build_finished, priority=950)
