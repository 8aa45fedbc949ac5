"""Cut the theme's stylesheets down to the rules the built book can use (at build-finished).

pydata-sphinx-theme's stylesheet (397 KB raw, 66 KB compressed, on every first visit) carries all
of Bootstrap and a rule for every FontAwesome icon; the book uses a small share of them. When the
build finishes, every stylesheet the theme and the extensions copied into ``_static/`` is rewritten
keeping only the rules whose selectors can match something in the book:

* the *vocabulary* is every word (``[A-Za-z0-9_-]+``) in every built page and in every script a
  page loads (the theme's, the extensions', the course's; not Bootstrap's, which no page loads any
  more): class names, ids, tag and attribute names that exist in the HTML or that a script can add
  (``show``, ``data-theme``, ``dark``...);
* a selector is kept when each class, id, tag and attribute name it needs is in the vocabulary
  (arguments of ``:not()``, ``:is()``, ``:where()``, ``:has()`` and ``:nth-*()`` are not required,
  which keeps a rule whenever in doubt); a rule is kept when one of its selectors is;
* ``@media`` (so print and dark mode), ``@supports``, ``@layer`` and ``@container`` blocks are purged
  inside and dropped when empty; ``@font-face``, ``@keyframes``, ``@import`` and every other at-rule
  are kept whole, as are custom properties (the theme's colours live in ``:root`` and
  ``html[data-theme=dark]``).

The original of each file is kept beside the site (``_build/css-unpurged/``), so the purge can run
again on a rebuild and tests/test_css_purge.py can compare every element's computed style under the
purged and the original stylesheets (light, dark, print, narrow, menus and dialogs open).
The course's own stylesheets (``_static/tracktwo/``) and vendored bundles are left as they are.

A rebuild that changes one chapter would parse the theme's 400 KB again for the same answer, so each
purged stylesheet is cached beside the originals (``css-unpurged/.cache/``) under a digest of the
original stylesheet and this module's source, with every word the purge asked the vocabulary about and
the answer it got. The purge depends on nothing else, so when each of those words is still in (or
still absent from) the new vocabulary the cached result is the purge's result; any other answer, a
changed stylesheet or a changed module means a fresh purge. Nothing stale is served.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from collections.abc import Callable, Iterable

MARKER = "/* rules unused by this book removed by tracktwo.sphinxext.css_purge */\n"
#: Folders of the static output whose stylesheets are the course's own (left as they are).
OWN = ("tracktwo", "vendor")
#: Scripts whose words are not class names a page can use (data, or code that styles itself).
NOT_VOCABULARY = ("searchindex.js", "plotly-tracktwo.min.js")

_WORD = re.compile(r"[A-Za-z0-9_-]+")
_FUNCTIONAL = re.compile(
    r":(?:not|is|where|has|nth-child|nth-last-child|nth-of-type|nth-last-of-type|host|host-context|slotted|lang|dir)\("
)
_CLASS = re.compile(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)")
_ID = re.compile(r"#(-?[A-Za-z_][A-Za-z0-9_-]*)")
_ATTR = re.compile(r"\[\s*([A-Za-z_][A-Za-z0-9_:-]*)")
_TAG = re.compile(r"(?:^|[\s>+~(,])([a-zA-Z][a-zA-Z0-9-]*)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_BLOCK_AT = ("@media", "@supports", "@layer", "@container", "@document", "@-moz-document")
#: Purged stylesheets by the digest of their inputs, inside the originals' store (beside the site).
CACHE = ".cache"


def vocabulary(texts: Iterable[str]) -> set[str]:
    """Every word of the given HTML and script texts (case kept, and lower-cased for tags)."""
    words: set[str] = set()
    for text in texts:
        words.update(_WORD.findall(text))
    return words | {w.lower() for w in words}


def _strip_functional(selector: str) -> str:
    """The selector with the arguments of functional pseudo-classes removed (they are not required)."""
    out, i = [], 0
    for match in _FUNCTIONAL.finditer(selector):
        if match.start() < i:
            continue
        out.append(selector[i : match.start()])
        depth, j = 1, match.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    out.append(selector[i:])
    return "".join(out)


def selector_can_match(selector: str, words: set[str]) -> bool:
    """True if every class, id, attribute and tag name the selector requires is in ``words``."""
    if "\\" in selector:  # escaped characters: do not guess
        return True
    sel = _strip_functional(selector)
    sel = re.sub(r"\[[^\]]*\]", lambda m: "[" + _ATTR.match(m.group(0)).group(1) + "]" if _ATTR.match(m.group(0)) else "", sel)
    sel = re.sub(r"::?[A-Za-z-]+(\([^)]*\))?", "", sel)  # pseudo-classes and pseudo-elements
    for name in _CLASS.findall(sel) + _ID.findall(sel):
        if name not in words:
            return False
    for name in _ATTR.findall(sel):
        if name not in words and name.lower() not in words:
            return False
    without = re.sub(r"[.#]-?[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\]", " ", sel)
    for tag in _TAG.findall(without):
        if tag.lower() not in words:
            return False
    return True


def _split_selectors(prelude: list) -> list[str]:
    """The selectors of a rule's prelude (tinycss2 tokens), split at its top-level commas."""
    import tinycss2

    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [text for text in (tinycss2.serialize(part).strip() for part in parts) if text]


def purge_css(css: str, keep: Callable[[str], bool]) -> str:
    """The stylesheet with every rule whose selectors all fail ``keep`` removed (pure). Parsed with
    tinycss2 (CSS Syntax Level 3); what it cannot parse (a stray brace) is dropped, as a browser would."""
    import tinycss2

    out: list[str] = []
    for node in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if node.type == "qualified-rule":
            selectors = [s for s in _split_selectors(node.prelude) if keep(s)]
            if selectors:
                out.append(f"{','.join(selectors)}{{{tinycss2.serialize(node.content).strip()}}}")
        elif node.type == "at-rule":
            prelude = f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}".strip()
            if node.content is None:
                out.append(prelude + ";")
            elif f"@{node.lower_at_keyword}" in _BLOCK_AT:
                inner = purge_css(tinycss2.serialize(node.content), keep)
                if inner.strip():
                    out.append(f"{prelude}{{{inner.strip()}}}")
            else:
                out.append(f"{prelude}{{{tinycss2.serialize(node.content)}}}")
    return _ascii("\n".join(out) + ("\n" if out else ""))


def _ascii(css: str) -> str:
    """tinycss2 writes a string's escapes (an icon's ``"\\f0c9"``) as the characters themselves; write
    every non-ASCII character as a CSS escape again, so the stylesheet means the same in any encoding."""
    return _NON_ASCII.sub(lambda m: f"\\{ord(m.group(0)):x} ", css)


def theme_stylesheets(static: Path) -> list[Path]:
    """The stylesheets the theme and the extensions copied into ``_static/`` (not the course's own)."""
    return sorted(p for p in static.rglob("*.css") if not set(p.relative_to(static).parts[:-1]) & set(OWN))


_SCRIPT_SRC = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']([^"'?#]+)""", re.I)


def site_texts(outdir: Path) -> list[str]:
    """Every built page, and every script a page loads (its words are classes it may add)."""
    pages = [p for p in outdir.rglob("*.html") if not {"_sources", "_static"} & set(p.relative_to(outdir).parts)]
    texts, scripts = [], set()
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        texts.append(text)
        for src in _SCRIPT_SRC.findall(text):
            path = (page.parent / src).resolve()
            if path.name not in NOT_VOCABULARY and path.is_file():
                scripts.add(path)
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(scripts)]
    return texts


def purge_site(outdir: Path, store: Path) -> list[tuple[str, int, int]]:
    """Purge every theme stylesheet of a built site in place; keep originals in ``store``.

    Returns (path, bytes before, bytes after) per stylesheet.
    """
    static = outdir / "_static"
    words = vocabulary(site_texts(outdir))
    code = hashlib.sha256(Path(__file__).read_bytes())
    cache = store / CACHE
    used: set[Path] = set()
    report = []
    for path in theme_stylesheets(static):
        rel = path.relative_to(outdir)
        original = store / rel
        text = path.read_text(encoding="utf-8")
        if text.startswith(MARKER):  # purged by an earlier build and not copied again
            if not original.exists():
                continue
            text = original.read_text(encoding="utf-8")
        else:
            original.parent.mkdir(parents=True, exist_ok=True)
            original.write_text(text, encoding="utf-8")
        key = code.copy()
        key.update(b"\0" + text.encode("utf-8"))
        cached = cache / f"{key.hexdigest()}.json"
        used.add(cached)
        purged = _cached_purge(cached, words)
        if purged is None:
            asked = _Asked(words)
            purged = MARKER + purge_css(text, lambda selector: selector_can_match(selector, asked))  # noqa: B023
            cache.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps({"asked": asked.answers, "css": purged}), encoding="utf-8")
        path.write_text(purged, encoding="utf-8")
        report.append((rel.as_posix(), len(text.encode()), len(purged.encode())))
    for old in set(cache.glob("*.json")) - used:  # purges for inputs that are gone: the cache stays small
        old.unlink(missing_ok=True)
    return report


class _Asked:
    """The vocabulary, noting each word the purge asks about and the answer (see the module's docstring)."""

    def __init__(self, words: set[str]):
        self.words, self.answers = words, {}

    def __contains__(self, word: str) -> bool:
        found = self.answers[word] = word in self.words
        return found


def _cached_purge(cached: Path, words: set[str]) -> str | None:
    """The cached purge when every word it asked about has the same answer in ``words``, else None."""
    try:
        entry = json.loads(cached.read_text(encoding="utf-8"))
        if all((word in words) == answer for word, answer in entry["asked"].items()):
            return entry["css"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def store_for(outdir: Path) -> Path:
    """Where the originals are kept: beside the site, never inside it."""
    return outdir.parent / "css-unpurged"


def _on_build_finished(app, exception) -> None:
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    from sphinx.util import logging

    outdir = Path(app.builder.outdir)
    report = purge_site(outdir, store_for(outdir))
    before, after = sum(r[1] for r in report), sum(r[2] for r in report)
    logging.getLogger(__name__).info("css_purge: %d stylesheets, %d -> %d bytes", len(report), before, after)


def setup(app) -> None:
    """Register the purge (called from tracktwo.sphinxext.setup)."""
    # After myst-nb (500), which writes its stylesheet when the build finishes.
    app.connect("build-finished", _on_build_finished, priority=900)
