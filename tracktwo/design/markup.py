"""The static book's markup for the design form: a host div with the rule book embedded as JSON.

``static/design.js`` finds each ``div.tt-design[data-tt-design]``, reads the JSON and builds the
form (fieldsets with legends, a live region for the findings, Print summary, Start again). Without
script the host shows only a short notice pointing to the worked examples, which are static HTML
(:func:`tracktwo.design.summary.examples_html`): a control that does nothing is never shown.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from .rules import RuleBook, load_rules

#: The page script and stylesheet, beside the Python they mirror.
STATIC_DIR = Path(__file__).parent / "static"
DESIGN_CLASS = "tt-design"
#: Output paths under the book's ``_static/``.
DESIGN_JS = "tracktwo/design.js"
DESIGN_CSS = "tracktwo/design.css"


def static_files() -> dict[str, str]:
    """The page script and stylesheet by output path under ``_static/``, with their text (the book
    build writes them: :data:`tracktwo.sphinxext.page_assets.GENERATED`)."""
    return {
        DESIGN_JS: (STATIC_DIR / "design.js").read_text(encoding="utf-8"),
        DESIGN_CSS: (STATIC_DIR / "design.css").read_text(encoding="utf-8"),
    }


def rules_json(book: RuleBook | None = None) -> str:
    """The rule book as compact JSON, safe inside a <script> element."""
    text = json.dumps((book or load_rules()).as_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def design_form_html(design_id: str = "main", book: RuleBook | None = None) -> str:
    """The host element for one design form (the script draws the form inside it)."""
    return (
        f'<div class="{DESIGN_CLASS}" data-tt-design="v1" data-design-id="{escape(design_id)}">'
        f'<script type="application/json">{rules_json(book)}</script>'
        '<p class="tt-design-noscript">The design form needs JavaScript, which is off or blocked in '
        'this browser. The worked examples below show the same rules applied to three designs.</p>'
        '</div>'
    )
