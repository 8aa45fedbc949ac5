"""Citations as text: short author-year citations from the references table, and a data row's sources."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd


def _surname(name: str) -> str:
    """'Jones, Peter' -> 'Jones'; 'Min Zaw Oo' (no comma: a Myanmar name or an organisation) stays whole."""
    name = name.strip().strip("{}")
    return name.split(",", 1)[0].strip() if "," in name else name


def short_citation(authors: list[str], year: str | int | None, title: str = "") -> str:
    """'Jones et al. (2021)', 'Pring and Palmiano Federer (2020)', 'Burton (1969)'."""
    names = [_surname(a) for a in (authors or []) if a and a.strip()]
    if "others" in names:  # BibTeX's "and others"
        names = [n for n in names if n != "others"] + ["", ""]
    if not names:
        words = (title or "Untitled").split()
        names = [" ".join(words[:5]) + ("..." if len(words) > 5 else "")]
    if len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    missing = year is None or (not isinstance(year, (list, tuple)) and pd.isna(year)) or str(year).strip() == ""
    if missing and title and authors:
        # Undated web sources (several from one outlet) are told apart by their title. A title in
        # square brackets is the bibliography's description, not the page's title: it is shown as a
        # description, without quotation marks; "[title not returned ...]" (the page gave no title)
        # is shown as an untitled web page, never as the placeholder.
        if title.startswith("[title not returned"):
            return f"{who}, untitled web page (n.d.)"
        if title.startswith("[") and title.endswith("]"):
            words = title[1:-1].split()
            return f"{who}, {' '.join(words[:8])}{'...' if len(words) > 8 else ''} (n.d.)"
        words = title.split()
        return f"{who}, \"{' '.join(words[:8])}{'...' if len(words) > 8 else ''}\" (n.d.)"
    return f"{who} ({'n.d.' if missing else str(year).strip()})"


def short_citations(references: pd.DataFrame) -> Mapping[str, str]:
    """Map every bibliography key to its short citation."""
    return {
        row["key"]: short_citation(list(row["authors"]) or list(row.get("editors") or []), row["year"], row["title"])
        for _, row in references.iterrows()
    }


def cite(row: Mapping | pd.Series, citations: Mapping[str, str] | None = None) -> str:
    """A row's sources as text: 'Jones et al. (2021), Sec. 2; also: BBC News (2004)'."""
    key = row["source"]
    text = (citations or {}).get(key, key)
    locator = row.get("locator") if hasattr(row, "get") else None
    if isinstance(locator, str) and locator:
        text = f"{text}, {locator}"
    others = row.get("other_sources") if hasattr(row, "get") else None
    if isinstance(others, str):
        others = [o for o in others.split(";") if o]
    others = [o for o in (others or []) if isinstance(o, str) and o]
    if others:
        text += "; also " + "; ".join((citations or {}).get(o, o) for o in others)
    return text


def resolve_keys(text: str, citations: Mapping[str, str] | None = None) -> str:
    """Replace bibliography keys written in a data note (e.g. 'epfl-8888') by their short citations."""
    if not citations or not text:
        return text
    keys = sorted((k for k in citations if k in text), key=len, reverse=True)
    if not keys:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")
    return pattern.sub(lambda m: citations[m.group(1)], text)
