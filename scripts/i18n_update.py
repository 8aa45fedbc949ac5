"""``make i18n-update``: every English string the course shows, into every language's catalogs.

    python scripts/i18n_update.py [--pot _build/gettext/_build/gettext] [--check]

* The course's own catalogs: :func:`course_strings` collects every string the kit's sheets ask for
  (each sheet built in English while a record is open, so what is printed is exactly what is
  extracted), the carry marks, the exercises' interface messages and the glossary's entries;
  :func:`tracktwo.i18n.extract.merge` brings each language's catalogs up to them (msgmerge's rules).
* The book's pages (``--pot``): the gettext builder's templates, merged by sphinx-intl into
  ``locale/<lang>/LC_MESSAGES/<page>.po``.

``--check`` changes nothing and exits 1 if a catalog lacks a string or holds an old English source.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracktwo.i18n.extract import glossary_strings, merge  # noqa: E402
from tracktwo.i18n.languages import LOCALE_DIR, SOURCE, known  # noqa: E402


def sheet_strings() -> dict[str, tuple[str, str]]:
    """Every string a sheet of the kit asks for, built in English: ``{id: (english, "sheet <id>")}``."""
    from tracktwo.workshop.sheets import sheet_builders
    from tracktwo.i18n.catalog import Translator, using

    out: dict[str, tuple[str, str]] = {}
    tr = Translator()
    with using(tr):
        for builder in sheet_builders():
            with tr.collect() as uses:
                sheet = builder()
                sheet.html()  # its footer
            _record(out, uses, f"sheet {sheet.id}")
        from tracktwo.workshop.carry import load_carry
        from tracktwo.workshop.sheets import carry_mark_html

        for mark in load_carry().values():  # the carry mark printed at the top of each sheet
            with tr.collect() as uses:
                carry_mark_html(mark)
            _record(out, uses, f"data/workshop/carry.yaml, sheet {mark.sheet}")
        import datetime as dt

        from tracktwo import __version__
        from tracktwo.workshop.sheets import course_stamp

        with tr.collect() as uses:  # the release's version and date, the last words of every sheet's footer
            course_stamp(__version__, dt.date(2026, 1, 1))
        _record(out, uses, "every sheet's footer (tracktwo/workshop/sheets.py, course_stamp)")
    return out


def _record(out: dict, uses, where: str) -> None:
    for u in uses:
        seen = out.get(u.id)
        if seen and seen[0] != u.english:
            raise SystemExit(f"{where}: id '{u.id}' is used for two different English strings: {seen[0]!r} and {u.english!r}")
        out.setdefault(u.id, (u.english, where))


def ui_strings() -> dict[str, tuple[str, str]]:
    """The interface's strings: the exercises' messages (tracktwo/exercises/messages.py, the one table
    the page engine and the JupyterLab widget share) and the glossary page's labels."""
    from tracktwo.exercises.messages import STRINGS

    out = {f"ui:exercises:{k}": (v, f"tracktwo/exercises/messages.py, {k}") for k, v in STRINGS.items()}
    out["ui:glossary:note"] = ("Note", "the glossary page (tracktwo/sphinxext/glossary_terms.py)")
    out["ui:glossary:source"] = ("Source", "the glossary page (tracktwo/sphinxext/glossary_terms.py)")
    from tracktwo.sphinxext import course_folder
    from tracktwo.sphinxext.footer import PROMISE, VERSION

    out["ui:footer:promise"] = (PROMISE, "every page's footer (tracktwo/sphinxext/footer.py)")
    out["ui:footer:version"] = (VERSION, "every page's footer (tracktwo/sphinxext/footer.py)")
    for ident, english in course_folder.STRINGS.items():
        out[ident] = (english, "the course folder's box (tracktwo/sphinxext/course_folder.py)")
    return out


def course_strings() -> dict[str, tuple[str, str]]:
    """Every string of the course's own catalogs, by id: ``(english, where it is used)``."""
    out = glossary_strings() | ui_strings()
    for ident, value in sheet_strings().items():
        if ident in out and out[ident][0] != value[0]:
            raise SystemExit(f"id '{ident}': the sheets show {value[0]!r} but the glossary says {out[ident][0]!r}")
        out.setdefault(ident, value)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pot", type=Path, help="the gettext builder's templates (the book's pages)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a catalog is out of date")
    args = parser.parse_args(argv)
    langs = [c for c in known() if c != SOURCE]
    strings = course_strings()
    stale = False
    for lang in langs:
        rep = merge(lang, strings, write=not args.check)
        counts = ", ".join(f"{k} {len(v)}" for k, v in rep.items())
        print(f"{lang}: course catalogs: {len(strings)} strings ({counts})")
        if args.check and (rep["added"] or rep["changed"]):
            stale = True
            print(f"  out of date: {', '.join((rep['added'] + rep['changed'])[:8])}: run make i18n-update", file=sys.stderr)
    if args.pot and not args.check:
        from sphinx_intl import basic

        basic.update(str(LOCALE_DIR), str(args.pot), langs, line_width=100, jobs=1)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
