"""Find anything in a page that would make a browser fetch from another host.

Used three ways: by the Sphinx plugin on each page's resources while it builds (a warning, so
``-W`` fails the build), by the plugin on every written HTML file when the build finishes (it sees
the theme's templates too), and by the tests on the built site.
"""

from __future__ import annotations

import re

_REMOTE = r"""(?:https?:)?//[^"'\s>]+"""

# Elements whose URL the browser fetches by itself when the page loads.
_PATTERNS = [
    ("script", re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']?(""" + _REMOTE + ")", re.I)),
    (
        "stylesheet or preload",
        re.compile(
            r"""<link\b(?=[^>]*\brel\s*=\s*["']?[^"'>]*(?:stylesheet|preload|prefetch|preconnect|dns-prefetch|modulepreload|icon|manifest))[^>]*\bhref\s*=\s*["']?("""
            + _REMOTE
            + ")",
            re.I,
        ),
    ),
    ("image", re.compile(r"""<(?:img|source|video|audio|track|embed)\b[^>]*\bsrcs?e?t?\s*=\s*["']?(""" + _REMOTE + ")", re.I)),
    ("frame", re.compile(r"""<(?:iframe|frame|object)\b[^>]*\b(?:src|data)\s*=\s*["']?(""" + _REMOTE + ")", re.I)),
    ("css import or url()", re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*["']?(""" + _REMOTE + ")", re.I)),
]


def is_remote(url: str) -> bool:
    """True for an absolute http(s) or protocol-relative URL."""
    return bool(re.match(r"^(?:https?:)?//", url.strip(), re.I))


def find_remote_resources(text: str) -> list[tuple[str, str]]:
    """Return (kind, url) for every resource in HTML or CSS text that loads from another host."""
    found: list[tuple[str, str]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found.append((kind, match.group(1)))
    return found
