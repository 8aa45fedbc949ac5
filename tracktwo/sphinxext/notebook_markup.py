"""Notebook markup both hosts read: MyST for the book, plain Markdown and live widgets for JupyterLab.

JupyterLab's Markdown renderer shows MyST roles and directives as raw text. ``to_lab`` rewrites a
notebook's MyST markup (never its words) into forms plain JupyterLab, Notebook 7, GitHub and
VS Code render, and ``to_myst`` turns them back into exactly the original MyST, which the book's
plugin does on ``source-read`` before myst-nb parses the notebook. So the book renders a converted
notebook as it rendered the MyST one (``to_myst(to_lab(nb)) == nb``, a test checks).

=====================================  ===============================================================
MyST (the book)                        In JupyterLab
=====================================  ===============================================================
``{cite:p}`a,b```                      ``[(Jones et al., 2021; Zartman, 2000)](#cite:p=a,b)``: the
                                       citation as the book prints it; the keys ride in the link
other roles ``{term}`x```              ``[x](#role:term=x)``
```{questions}`` ... (lesson blocks,  a marker comment, then a quotation block with the box's bold
note, tip, warning, admonition ...)    title: ``> **Questions this chapter answers**``
```{facilitator}``                    a marker, then ``<details>`` closed under "For facilitators"
```{exercise} bank/item``             the live widget, in a code cell in the same place (the
                                       Markdown cell is split around it; the code is collapsed); or,
                                       when a code cell of the notebook already shows that exercise
                                       (or its whole bank), a marker and a line pointing to it
```{further-reading} docname``        a marker, then the list as a quotation block built from
                                       data/further_reading.yaml (dropped again on the way back)
book-only directives                   a marker comment only (JupyterLab shows nothing; a code cell
(``{events-table}`` ...)               nearby shows the same content)
=====================================  ===============================================================

A marker is an HTML comment, ``<!-- tracktwo:myst {...} -->``, holding the directive's opening
line, its option lines and its closing fence as JSON; the body stays visible and editable.
Directives this module does not know are left alone and listed by :func:`unconverted`.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Mapping
from urllib.parse import quote, unquote

MARKER = "tracktwo:myst"
#: Title of each lesson block, as the book prints it (lesson_blocks.py holds the same strings).
LESSON_TITLES = {
    "questions": "Questions this chapter answers",
    "objectives": "Learning objectives",
    "keypoints": "Key points",
    "discussion": "Discussion",
}
FOLDED = {"facilitator": "For facilitators"}
ADMONITIONS = {
    "note": "Note",
    "tip": "Tip",
    "hint": "Hint",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
    "attention": "Attention",
    "danger": "Danger",
    "error": "Error",
    "seealso": "See also",
    "admonition": None,
}
#: Directives whose content JupyterLab gets from a code cell nearby (hidden there).
BOOK_ONLY = {
    "events-table",
    "course-figure",
    "data-dictionary",
    "data-tables",
    "course-schedule",
    "bibliography",
    "tableofcontents",
    "glossary-table",
}


#: Directives JupyterLab shows as a quotation block built from course data: name -> a function of
#: the directive's argument returning (title, Markdown lines with MyST roles). The lines follow the
#: marker, which records how many there are, so :func:`cell_to_myst` drops them again.
def _further_reading_lines(arg: str) -> tuple[str, list[str]]:
    from ..data.readings import load_further_reading
    from .further_reading import INTRO, TITLE

    readings = load_further_reading().get(arg.strip().strip("/"), [])
    lines = [INTRO, ""]
    for r in readings:
        lines.append(f"- {{cite:t}}`{r.key}`. {r.adds} *Supports:* {r.supports}")
    return TITLE, lines


GENERATED = {"further-reading": _further_reading_lines}
#: Directives placed in JupyterLab as a live widget: name -> (import line, call template).
WIDGETS = {
    "exercise": ("from tracktwo.exercises import exercise_widget", 'exercise_widget("{arg}")'),
}
WIDGET_CALL = re.compile(r"""exercise_widget\(\s*["']([^"']+)["']""")

_FENCE = re.compile(r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|~{3,}|:{3,})\{(?P<name>[A-Za-z][\w:.-]*)\}[ \t]*(?P<arg>.*?)[ \t]*$")
_PLAIN_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_ROLE_NAME = re.compile(r"\{([A-Za-z][\w:.-]*)\}$")
_MARKER_LINE = re.compile(r"^<!-- " + re.escape(MARKER) + r" (\{.*\}) -->$")
_LINK_ROLE = re.compile(r"\[(?P<text>[^\]\n]*)\]\(#(?P<role>[A-Za-z][\w:.-]*)=(?P<content>[^)\s]*)\)")


# --- inline roles ---------------------------------------------------------------------------------


def _code_spans(text: str) -> Iterable[tuple[int, int, int]]:
    """(start, end, ticks) of every code span (CommonMark: a run of n backticks to the next run of n)."""
    i = 0
    while True:
        m = re.compile(r"`+").search(text, i)
        if not m:
            return
        n = len(m.group())
        close = re.compile(rf"(?<!`)`{{{n}}}(?!`)").search(text, m.end())
        if not close:
            i = m.end()
            continue
        yield m.start(), close.end(), n
        i = close.end()


def cite_text(role: str, content: str, citations: Mapping[str, str]) -> str:
    """The citation as the book prints it: cite:p '(Jones et al., 2021; Zartman, 2000)', cite:t 'Jones et al. (2021)'."""
    keys = [k.strip() for k in content.split(",") if k.strip()]
    shorts = [citations.get(k, k) for k in keys]
    if role in ("cite:t", "cite:ct", "cite:ts", "cite:cts"):
        return "; ".join(shorts)
    inner = [re.sub(r"^(.*) \(([^()]*)\)$", r"\1, \2", s) for s in shorts]
    return "(" + "; ".join(inner) + ")"


def _role_display(role: str, content: str, citations: Mapping[str, str]) -> str:
    if role == "cite" or role.startswith("cite:"):
        return cite_text(role, content, citations)
    shown = re.sub(r"\s*<[^<>]*>$", "", content).strip() or content  # {term}`text <target>`
    return shown.replace("[", "(").replace("]", ")")


def roles_to_lab(text: str, citations: Mapping[str, str]) -> str:
    """Every ``{role}`content``` outside code spans becomes a link that shows what the book shows."""
    out, last = [], 0
    for start, end, ticks in list(_code_spans(text)):
        before = text[last:start]
        m = _ROLE_NAME.search(before)
        if m and ticks == 1 and not text[start + 1 : end - 1].startswith(" "):
            role, content = m.group(1), text[start + 1 : end - 1]
            out.append(before[: m.start()])
            out.append(f"[{_role_display(role, content, citations)}](#{role}={quote(content, safe=',-_.:/@')})")
        else:
            out.append(text[last:end])
        last = end
    out.append(text[last:])
    return "".join(out)


def roles_to_myst(text: str) -> str:
    return _LINK_ROLE.sub(lambda m: f"{{{m.group('role')}}}`{unquote(m.group('content'))}`", text)


def refresh_roles(text: str, citations: Mapping[str, str]) -> str:
    return _LINK_ROLE.sub(
        lambda m: "[{}](#{}={})".format(
            _role_display(m.group("role"), unquote(m.group("content")), citations), m.group("role"), m.group("content")
        ),
        text,
    )


# --- directives -----------------------------------------------------------------------------------


def _marker(info: dict) -> str:
    return f"<!-- {MARKER} " + json.dumps(info, ensure_ascii=False).replace("--", "-\\u002d") + " -->"


def _find_directives(lines: list[str]) -> list[dict]:
    """Top-level directive fences: {start, end (exclusive), open, name, arg, options, body, close}."""
    found, i = [], 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            plain = _PLAIN_FENCE.match(lines[i])
            if plain:  # an ordinary code block: skip to its closing fence
                fence = plain.group(1)
                j = i + 1
                while j < len(lines) and not re.match(
                    r"^[ ]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", lines[j]
                ):
                    j += 1
                i = j + 1
                continue
            i += 1
            continue
        fence = m.group("fence")
        close_re = re.compile(r"^[ ]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close_re.match(lines[j]):
            j += 1
        body = lines[i + 1 : j]
        options = []
        if body and body[0].strip() == "---":
            k = next((n for n in range(1, len(body)) if body[n].strip() == "---"), None)
            if k is not None:
                options, body = body[: k + 1], body[k + 1 :]
        else:
            while body and re.match(r"^:[\w-]+:", body[0]):
                options.append(body.pop(0))
        found.append(
            {
                "start": i,
                "end": min(j + 1, len(lines)),
                "open": lines[i],
                "name": m.group("name"),
                "arg": m.group("arg"),
                "options": options,
                "body": body,
                "close": lines[j] if j < len(lines) else None,
            }
        )
        i = j + 1
    return found


def _info(d: dict) -> dict:
    info = {"open": d["open"]}
    if d["options"]:
        info["options"] = d["options"]
    if d["close"] is None:
        info["unclosed"] = True
    else:
        info["close"] = d["close"]
    return info


def _quoted(title: str, body: list[str]) -> list[str]:
    return [f"> **{title}**", ">"] + [(">" if not line else "> " + line) for line in body]


def _block_to_lab(d: dict) -> list[str] | None:
    name = d["name"]
    body = _blocks_to_lab(d["body"])
    if name in LESSON_TITLES or name in ADMONITIONS:
        title = LESSON_TITLES.get(name) or ADMONITIONS.get(name) or d["arg"] or name.title()
        return [_marker(_info(d))] + _quoted(title, body)
    if name in FOLDED:
        return [_marker(_info(d)), f"<details><summary><strong>{FOLDED[name]}</strong></summary>", ""] + body + ["", "</details>"]
    if name in BOOK_ONLY:
        info = _info(d)
        info["body"] = d["body"]
        return [_marker(info)]
    if name in GENERATED and d["arg"].strip():
        title, shown = GENERATED[name](d["arg"])
        quoted = _quoted(title, shown)
        info = _info(d)
        info["body"] = d["body"]
        info["shown"] = len(quoted)
        return [_marker(info)] + quoted
    return None


def _blocks_to_lab(lines: list[str]) -> list[str]:
    out, pos = [], 0
    for d in _find_directives(lines):
        out += lines[pos : d["start"]]
        lab = _block_to_lab(d)
        out += lines[d["start"] : d["end"]] if lab is None else lab
        pos = d["end"]
    return out + lines[pos:]


def _block_to_myst(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """If lines[i] is a marker, the MyST it stands for and the index after the lab form."""
    m = _MARKER_LINE.match(lines[i])
    if not m:
        return None
    info = json.loads(m.group(1))
    name = _FENCE.match(info["open"]).group("name")
    j = i + 1
    if "body" in info:
        body = info["body"]
        j += info.get("shown", 0)
    elif "pointer" in info:
        body = []
        j += 1 if j < len(lines) and lines[j] == info["pointer"] else 0
    elif name in FOLDED:
        j += 2  # <details><summary>...</summary>, blank line
        start = j
        while j < len(lines) and lines[j] != "</details>":
            j += 1
        body = lines[start : j - 1] if j - 1 >= start and lines[j - 1] == "" else lines[start:j]
        j += 1
    else:
        j += 2  # > **Title**, >
        body = []
        while j < len(lines) and (lines[j] == ">" or lines[j].startswith("> ")):
            body.append(lines[j][2:])
            j += 1
    out = [info["open"]] + info.get("options", []) + body
    if not info.get("unclosed"):
        out.append(info["close"])
    return out, j


def cell_to_lab(source: str, citations: Mapping[str, str]) -> str:
    """A Markdown cell's MyST blocks and roles in their JupyterLab form (widgets are placed by notebook_to_lab)."""
    text = "\n".join(_blocks_to_lab(source.split("\n")))
    return roles_to_lab(refresh_roles(text, citations), citations)


def cell_to_myst(source: str) -> str:
    lines = roles_to_myst(source).split("\n")
    out, i = [], 0
    while i < len(lines):
        found = _block_to_myst(lines, i)
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        block, i = found
        inner = cell_to_myst("\n".join(block[1:])).split("\n") if len(block) > 1 else []
        out += block[:1] + inner
    return "\n".join(out)


# --- notebooks ------------------------------------------------------------------------------------


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _set_source(cell: dict, text: str) -> dict:
    cell["source"] = text.splitlines(keepends=True)
    return cell


def _shown_by_code(cells: list[dict]) -> set[str]:
    shown = set()
    for cell in cells:
        if cell.get("cell_type") == "code" and "tracktwo" not in cell.get("metadata", {}):
            shown.update(WIDGET_CALL.findall(_source(cell)))
    return shown


def _widget_cell(d: dict, cell_id: str, meta: dict) -> dict:
    imp, call = WIDGETS[d["name"]]
    meta = {"tracktwo": {**meta, "myst": _info(d)}, "jupyter": {"source_hidden": True}, "tags": ["hide-input"]}
    cell = {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": meta, "outputs": []}
    return _set_source(cell, f"{imp}\n\n{call.format(arg=d['arg'])}")


def _split_for_widgets(cell: dict, shown: set[str], pointer: Callable[[str], str]) -> list[dict]:
    """A Markdown cell cut around each widget directive it holds; covered ones get a marker and a pointer.

    Every part carries ``metadata.tracktwo.split`` (the original cell's id and the part's number) and
    each widget cell the blank lines it took from its neighbours, so :func:`notebook_to_myst` can
    join the parts back into exactly the original cell.
    """
    lines = _source(cell).split("\n")
    texts: list[list[str]] = [[]]
    widgets: list[dict] = []
    pos = 0
    for d in (d for d in _find_directives(lines) if d["name"] in WIDGETS):
        if d["arg"] in shown or d["arg"].split("/")[0] in shown:
            info = _info(d)
            info["pointer"] = pointer(d["arg"])
            texts[-1] += lines[pos : d["start"]] + [_marker(info), info["pointer"]]
        else:
            texts[-1] += lines[pos : d["start"]]
            widgets.append(d)
            texts.append([])
        pos = d["end"]
    texts[-1] += lines[pos:]
    if not widgets:
        return [_set_source(cell, "\n".join(texts[0]))]

    base = cell.get("id", "cell")
    blanks = {}  # (piece, "lead"/"trail") -> blank lines taken off
    cores = []
    for k, piece in enumerate(texts):
        first, last = k == 0, k == len(texts) - 1
        a, b = 0, len(piece)
        if not first:
            while a < b and piece[a] == "":
                a += 1
        if not last:
            while b > a and piece[b - 1] == "":
                b -= 1
        core = piece[a:b]
        if not core or core == [""] and not (first and last):
            core, a, b = [], len(piece), len(piece)
        blanks[k] = (a, len(piece) - b)
        cores.append(core)
    out: list[dict] = []
    for k, core in enumerate(cores):
        if core:
            part = copy.deepcopy(cell) if k == 0 else {"cell_type": "markdown", "id": f"{base}-t{k}", "metadata": {}}
            part.setdefault("metadata", {})
            part["metadata"] = {**part["metadata"], "tracktwo": {"split": [base, len(out)]}}
            out.append(_set_source(part, "\n".join(core)))
        if k < len(widgets):
            # An all-blank piece's lines go to the widget before it (or, first of all, to this one).
            pre = blanks[k][1] if core else (len(texts[k]) if k == 0 else 0)
            nxt = texts[k + 1]
            post = blanks[k + 1][0] if cores[k + 1] else len(nxt)
            meta = {"split": [base, len(out)], "pre": pre, "post": post}
            if len(out) == 0:
                meta["cell"] = {"id": cell.get("id"), "metadata": cell.get("metadata", {})}
            out.append(_widget_cell(widgets[k], f"{base}-w{k + 1}", meta))
    return out


def notebook_to_myst(nb: dict) -> dict:
    """The notebook as the book reads it: every JupyterLab form turned back into the original MyST."""
    nb = copy.deepcopy(nb)
    out: list[dict] = []
    cells = nb.get("cells", [])
    i = 0
    while i < len(cells):
        cell = cells[i]
        split = cell.get("metadata", {}).get("tracktwo", {}).get("split")
        if not split:
            if cell.get("cell_type") == "markdown":
                cell = _set_source(cell, cell_to_myst(_source(cell)))
            out.append(cell)
            i += 1
            continue
        group = [cell]
        i += 1
        while i < len(cells) and (cells[i].get("metadata", {}).get("tracktwo", {}).get("split") or [None])[0] == split[0]:
            group.append(cells[i])
            i += 1
        lines: list[str] = []
        merged = None
        for part in group:
            meta = part["metadata"]["tracktwo"]
            if part.get("cell_type") == "markdown":
                if merged is None:
                    merged = copy.deepcopy(part)
                lines += cell_to_myst(_source(part)).split("\n")
            else:
                if merged is None:
                    kept = meta.get("cell", {})
                    merged = {"cell_type": "markdown", "id": kept.get("id"), "metadata": copy.deepcopy(kept.get("metadata", {}))}
                    if merged["id"] is None:
                        del merged["id"]
                info = meta["myst"]
                fence = [info["open"]] + info.get("options", []) + ([] if info.get("unclosed") else [info["close"]])
                lines += [""] * meta.get("pre", 0) + fence + [""] * meta.get("post", 0)
        merged["metadata"].pop("tracktwo", None)
        for key in ("outputs", "execution_count"):
            merged.pop(key, None)
        merged["cell_type"] = "markdown"
        out.append(_set_source(merged, "\n".join(lines)))
    nb["cells"] = out
    return nb


def notebook_to_lab(nb: dict, citations: Mapping[str, str], pointer: Callable[[str], str] | None = None) -> dict:
    """The notebook as JupyterLab shows it cleanly; idempotent (it starts from :func:`notebook_to_myst`)."""
    pointer = pointer or (lambda ref: f"*The exercise `{ref}` is in the live widget below.*")
    # Widget cells made by an earlier conversion keep their outputs (`make notebooks` stored them).
    earlier = {
        c.get("id"): c
        for c in nb.get("cells", [])
        if c.get("cell_type") == "code" and "myst" in c.get("metadata", {}).get("tracktwo", {})
    }
    nb = notebook_to_myst(nb)
    shown = _shown_by_code(nb["cells"])
    out: list[dict] = []
    for cell in nb["cells"]:
        if cell.get("cell_type") != "markdown":
            out.append(cell)
            continue
        for piece in _split_for_widgets(cell, shown, pointer):
            if piece["cell_type"] == "markdown":
                piece = _set_source(piece, cell_to_lab(_source(piece), citations))
            else:
                before = earlier.get(piece["id"])
                if before is not None and _source(before) == _source(piece):
                    piece["outputs"] = copy.deepcopy(before.get("outputs", []))
                    piece["execution_count"] = before.get("execution_count")
                    for key, value in before.get("metadata", {}).items():
                        piece["metadata"].setdefault(key, copy.deepcopy(value))
            out.append(piece)
    nb["cells"] = out
    return nb


def unconverted(nb: dict) -> list[str]:
    """MyST that JupyterLab would show raw: every directive or role left in a Markdown cell."""
    found = []
    for n, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "markdown":
            continue
        lines = _source(cell).split("\n")
        for d in _find_directives(lines):
            found.append(f"cell {n}: directive {{{d['name']}}}")
        text = _source(cell)
        for start, _end, ticks in _code_spans(text):
            m = _ROLE_NAME.search(text[:start])
            if m and ticks == 1 and m.end() == start:
                found.append(f"cell {n}: role {{{m.group(1)}}}")
    return found


def source_to_myst(text: str) -> str:
    """An .ipynb file's text as the book should read it (unchanged when it holds no JupyterLab forms)."""
    if MARKER not in text and "#cite" not in text and '"tracktwo"' not in text and "](#" not in text:
        return text
    nb = json.loads(text)
    return json.dumps(notebook_to_myst(nb), ensure_ascii=False, indent=1) + "\n"
