"""The participant card sets, the knowledge check, the simulations' public brief and observer sheet
and the evaluation form in Burmese (tracktwo.i18n; cards.po, check.po, simulation.po and the
evaluation's entries in kit.po).

* each sheet is built in Burmese: ``<html lang="my">``, every wired string translated (no English
  fallback), and the draft line printed;
* no confidential or key string (role briefs, script, injects, card keys, answer feedback:
  :func:`tracktwo.confidential.marked_strings`) is in any catalog, where a translator would see it;
* a catalog entry made for an older English source falls back to English, visibly.
"""

from __future__ import annotations

import functools
import re
import shutil

import pytest

from tracktwo.confidential import MIN_PIECE, marked_strings, normalise
from tracktwo.i18n.catalog import LOCALE_DIR, read_po, translator, using
from tracktwo.workshop import check_sheets, simulation_sheets
from tracktwo.workshop.cards import all_card_sets
from tracktwo.workshop.sheets import build_sheet, cards_sheet, evaluation_sheet
from tracktwo.workshop.simulation import SCENARIOS

DRAFT = "tt-i18n-draft"
FALLBACK = 'class="tt-fallback"'


def _builders() -> dict[str, object]:
    out = {f"cards-{cs.id}": functools.partial(cards_sheet, cs) for cs in all_card_sets()}
    out["knowledge-check"] = check_sheets.knowledge_check_sheet
    out["evaluation"] = evaluation_sheet
    for sc in SCENARIOS:
        out[f"{sc.prefix}-public"] = functools.partial(simulation_sheets.public_sheet, sc)
        out[f"{sc.prefix}-observer"] = functools.partial(simulation_sheets.observer_sheet, sc)
    return out


BUILDERS = _builders()


def _build(builder, root=None):
    with using(translator("my", root)):
        sheet = build_sheet(builder)
        return sheet, sheet.html()


@pytest.mark.parametrize("sheet_id", sorted(BUILDERS))
def test_burmese_sheet_is_translated_and_marked_draft(sheet_id):
    sheet, page = _build(BUILDERS[sheet_id])
    assert sheet.id == sheet_id
    assert '<html lang="my">' in page
    counts = dict(sheet.i18n)
    assert counts["fallback"] == 0, f"{sheet_id}: {counts['fallback']} string(s) shown in English"
    assert counts["draft"] + counts["reviewed"] > 0
    assert FALLBACK not in page and "tt-i18n-fallback" not in page
    assert DRAFT in page, f"{sheet_id}: no draft line"


def _catalog_texts(root) -> list[tuple[str, str]]:
    """(where, text) for every English source and translation in the Burmese course catalogs."""
    out = []
    for path in sorted((root / "my" / "course").glob("*.po")):
        for ident, e in read_po(path).items():
            out += [(f"{path.name}: {ident}", normalise(e.english)), (f"{path.name}: {ident} (msgstr)", normalise(e.text))]
    return out


def confidential_in_catalogs(root=LOCALE_DIR) -> list[str]:
    """Every marked (confidential or key) string found in a catalog, as 'catalog: id: kind from file'."""
    texts = _catalog_texts(root)
    found = []
    for m in marked_strings():
        piece = normalise(m.text)
        if len(piece) < MIN_PIECE:
            continue
        found += [f"{where}: {m.kind} from {m.file} ({m.path})" for where, text in texts if piece in text]
    return found


def test_no_confidential_or_key_string_in_any_catalog():
    assert confidential_in_catalogs() == []


def _copy_locale(tmp_path):
    root = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR / "my" / "course", root / "my" / "course")
    return root


def test_a_planted_role_brief_in_a_catalog_is_found(tmp_path):
    root = _copy_locale(tmp_path)
    secret = next(m for m in marked_strings(("simulation-brief",)) if len(normalise(m.text)) >= MIN_PIECE)
    po = root / "my" / "course" / "simulation.po"
    escaped = secret.text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    po.write_text(
        po.read_text(encoding="utf-8") + f'\nmsgctxt "sim:simulation:planted"\nmsgid "{escaped}"\nmsgstr ""\n',
        encoding="utf-8",
    )
    found = confidential_in_catalogs(root)
    assert found and "sim:simulation:planted" in found[0] and "simulation-brief" in found[0]


def test_an_entry_for_an_older_english_source_falls_back_to_english_visibly(tmp_path):
    root = _copy_locale(tmp_path)
    po = root / "my" / "course" / "cards.po"
    text = po.read_text(encoding="utf-8")
    entry = read_po(po)["cards:track-cases:t01:text"]
    # the English changed after the translation was made: the catalog holds the old source
    old = re.sub(r"foreign ministers", "prime ministers", f'msgid "{entry.english}"')
    assert f'msgid "{entry.english}"' in text and old != f'msgid "{entry.english}"'
    po.write_text(text.replace(f'msgid "{entry.english}"', old, 1), encoding="utf-8")
    cs = next(c for c in all_card_sets() if c.id == "track-cases")
    sheet, page = _build(functools.partial(cards_sheet, cs), root)
    assert dict(sheet.i18n)["fallback"] == 1
    assert f'<span lang="en" class="tt-fallback">{entry.english.replace(chr(39), "&#x27;")}</span>' in page
    assert "tt-i18n-fallback" in page and "(1 of " in page
    assert entry.text not in page  # the old translation is not shown for the new English
