"""The translation layer (tracktwo/i18n; docs/decisions/0021-translations.md): catalogs read with one
clear message for a broken file, the translator's statuses and visible English fallbacks, the checks a
translation must pass, the catalogs kept current with the English, and the sheets' draft line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracktwo.editions import EditionError, check, marked_words_in, settings
from tracktwo.i18n import checks, extract, status
from tracktwo.i18n.catalog import CatalogError, Translator, escape, read_po, translator, using

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: my\\n"\n\n'


def po(tmp_path: Path, body: str, name: str = "kit.po", lang: str = "my") -> Path:
    folder = tmp_path / lang / "course"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


DRAFT = '#, fuzzy\nmsgctxt "sheet:x:title"\nmsgid "Evaluation form"\nmsgstr "အကဲဖြတ် ပုံစံ"\n\n'
REVIEWED = '# reviewed: 2026-12-07\nmsgctxt "sheet:x:lead"\nmsgid "The pace was right."\nmsgstr "အမြန်နှုန်း သင့်တော်သည်။"\n\n'


# --- the edition's language -------------------------------------------------------------------


def test_tt_lang_is_checked_once_with_a_clear_message():
    assert settings({"TT_LANG": "my"}).lang == "my"
    assert settings({}).lang == "en"
    with pytest.raises(EditionError, match=r"TT_LANG is 'xx': use one of en, my"):
        settings({"TT_LANG": "xx"})
    with pytest.raises(EditionError, match="tracktwo_lang"):
        check("learner", None, "device", lang="fr", source={"lang": "the config value tracktwo_lang"})


def test_a_neutral_title_may_not_say_the_subject_in_burmese_either():
    assert marked_words_in("မြန်မာ သင်ခန်းစာ") == ["မြန်မာ"]
    with pytest.raises(EditionError, match="မြန်မာ"):
        check("learner", "မြန်မာ မှတ်စု", "device")


# --- reading catalogs -----------------------------------------------------------------------------


def test_statuses_are_read_from_the_flags_and_the_reviewed_comment(tmp_path):
    path = po(tmp_path, DRAFT + REVIEWED + 'msgctxt "sheet:x:empty"\nmsgid "Statement"\nmsgstr ""\n')
    entries = read_po(path)
    assert {k: e.status for k, e in entries.items()} == {
        "sheet:x:title": "draft",
        "sheet:x:lead": "reviewed",
        "sheet:x:empty": "untranslated",
    }
    assert entries["sheet:x:lead"].reviewed_on == "2026-12-07"


@pytest.mark.parametrize(
    "body, message",
    [
        ('msgid "Statement"\nmsgstr "x"\n', r"line \d+: entry 'Statement' has no id \(msgctxt\)"),
        (DRAFT + DRAFT, r"line \d+: id 'sheet:x:title' is given twice \(first at line \d+\)"),
        ('msgctxt "Bad Id"\nmsgid "A"\nmsgstr ""\n', r"id 'Bad Id' is malformed"),
        ('msgctxt "sheet:x:y"\nmsgid "A"\nmsgstr B\n', r"line 8: not a PO line: 'msgstr B'"),
        ('msgctxt "sheet:x:y"\nmsgid "A"\n\n', r"not a valid PO file: missing msgstr"),
        ('msgctxt "sheet:x:y"\nmsgid "A"\nmsgid_plural "As"\nmsgstr[0] "B"\n', r"plural forms"),
    ],
    ids=["no-id", "duplicate", "malformed-id", "broken-line", "no-msgstr", "plural"],
)
def test_a_broken_catalog_gets_one_message_naming_file_and_line(tmp_path, body, message):
    path = po(tmp_path, body)
    with pytest.raises(CatalogError, match=message) as err:
        read_po(path)
    assert str(path) in str(err.value)


def test_a_catalog_that_is_not_utf8_is_named_with_its_line(tmp_path):
    path = po(tmp_path, DRAFT)
    path.write_bytes(path.read_bytes() + b'msgctxt "sheet:x:z"\nmsgid "A"\nmsgstr "\xa0\xfe"\n')
    with pytest.raises(CatalogError, match=r"kit.po, line \d+: not UTF-8"):
        read_po(path)


# --- the translator -------------------------------------------------------------------------------


def test_the_translator_gives_drafts_reviewed_and_visible_english_fallbacks(tmp_path):
    po(tmp_path, DRAFT + REVIEWED)
    tr = translator("my", root=tmp_path)
    with tr.collect() as uses:
        draft = tr("sheet:x:title", "Evaluation form")
        reviewed = tr("sheet:x:lead", "The pace was right.")
        stale = tr("sheet:x:title", "Evaluation sheet")  # the English changed since it was translated
        missing = tr("sheet:x:other", "What should change")
    assert (draft, draft.status) == ("အကဲဖြတ် ပုံစံ", "draft")
    assert reviewed.status == "reviewed"
    assert (stale, stale.status) == ("Evaluation sheet", "fallback")
    assert missing.status == "fallback"
    assert [u.status for u in uses] == ["draft", "reviewed", "fallback", "fallback"]
    assert escape(missing) == '<span lang="en" class="tt-fallback">What should change</span>'
    assert escape(draft) == "အကဲဖြတ် ပုံစံ"
    notice = tr.notice_html(uses)
    assert "Draft translation: check with a translator before use." in notice
    assert "(2 of 4)" in notice
    assert Translator().notice_html(uses) == ""  # English: nothing to say


def test_english_is_the_source_and_records_what_is_asked():
    tr = Translator()
    with tr.collect() as uses:
        out = tr("sheet:x:title", "Evaluation form")
    assert (out, out.status) == ("Evaluation form", "source")
    assert uses[0].id == "sheet:x:title"
    with pytest.raises(CatalogError, match="malformed"):
        tr("Not an id", "x")


# --- the checks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "english, text, reason",
    [
        ("The NCA was signed in 2015.", "NCA ကို ၂၀၁၄ တွင် လက်မှတ်ထိုးခဲ့သည်။", "2015"),
        ("Eight EAOs signed the NCA.", "EAO ရှစ်ဖွဲ့ လက်မှတ်ထိုးခဲ့သည်။", "acronym(s) NCA"),
        ("Hello {name}", "မင်္ဂလာပါ", "placeholders"),
        ("<strong>Note</strong>", "မှတ်ချက်", "HTML tags"),
        ("The pace", "ေမြန်နှုန်း", "Zawgyi"),
        ("The pace", "The pace, roughly", "no Myanmar script"),
    ],
    ids=["figure", "acronym", "placeholder", "tags", "zawgyi", "script"],
)
def test_a_translation_that_loses_what_it_must_keep_is_refused(english, text, reason):
    assert any(reason in r for r in checks.check_text(english, text, "my"))


def test_a_translation_that_keeps_everything_passes():
    assert checks.check_text("The NCA was signed by 8 EAOs in 2015.", "NCA ကို ၂၀၁၅ တွင် EAO ၈ ဖွဲ့ လက်မှတ်ထိုးခဲ့သည်။", "my") == []


def test_an_unmarked_translation_is_refused(tmp_path):
    po(tmp_path, 'msgctxt "sheet:x:y"\nmsgid "The pace was right."\nmsgstr "အမြန်နှုန်း သင့်တော်သည်။"\n')
    problems = checks.check_language("my", root=tmp_path)
    assert len(problems) == 1 and "neither a draft nor marked reviewed" in problems[0] and "sheet:x:y" in problems[0]


def test_every_catalog_of_the_course_passes_the_checks():
    assert checks.check_language("my") == []


# --- keeping the catalogs current -----------------------------------------------------------------


def test_the_catalogs_hold_every_string_the_course_shows():
    """Fails when a sheet, a carry mark, an exercise message or the glossary shows English that no
    catalog holds: run make i18n-update."""
    from i18n_update import main

    assert main(["--check"]) == 0


def test_a_changed_english_source_turns_its_translation_back_into_a_draft(tmp_path):
    po(tmp_path, REVIEWED + DRAFT)
    strings = {"sheet:x:lead": ("The pace was too fast.", "sheet x"), "sheet:x:new": ("New text", "sheet x")}
    report = extract.merge("my", strings, root=tmp_path)
    assert report == {"added": ["sheet:x:new"], "changed": ["sheet:x:lead"], "obsolete": ["sheet:x:title"]}
    text = (tmp_path / "my" / "course" / "kit.po").read_text(encoding="utf-8")
    assert "#| msgid \"The pace was right.\"" in text and "# reviewed: 2026" not in text
    entries = read_po(tmp_path / "my" / "course" / "kit.po")
    assert entries["sheet:x:lead"].status == "draft" and entries["sheet:x:lead"].text == "အမြန်နှုန်း သင့်တော်သည်။"
    assert '#~ msgctxt "sheet:x:title"' in text  # kept for a translator, out of use
    assert extract.merge("my", strings, root=tmp_path) == {"added": [], "changed": [], "obsolete": []}


def test_the_previous_english_of_a_long_draft_survives_every_update_unbroken(tmp_path):
    """Babel reads ``#| msgid`` lines back as "| ..." user comments; kept as comments they were written
    again as "# | ..." and wrapped into bare "# and" lines (seen in cards.po). The previous English
    must come back as one ``#| msgid`` after any number of updates, and the file must stop changing."""
    old = "The military authorities declared a ceasefire from 2 to 22 April, later extended to 31 May. " * 2
    new = old.replace("later extended to 31 May", "extended to 30 April and then to 31 May")
    po(tmp_path, f'#, fuzzy\nmsgctxt "sheet:x:lead"\nmsgid "{old}"\nmsgstr "စစ်အာဏာပိုင်များ"\n')
    extract.merge("my", {"sheet:x:lead": (new, "sheet x")}, root=tmp_path)
    path = tmp_path / "my" / "course" / "kit.po"
    first = path.read_text(encoding="utf-8")
    for _ in range(2):
        assert extract.merge("my", {"sheet:x:lead": (new, "sheet x")}, root=tmp_path)["changed"] == []
    text = path.read_text(encoding="utf-8")
    assert text == first and "# |" not in text and "\n# and\n" not in text
    assert extract.split_previous([ln[1:] for ln in text.splitlines() if ln.startswith("#|")])[1] == old
    # a reviewed (no longer fuzzy) entry drops the old English
    path.write_text(text.replace("#, fuzzy\n", "# reviewed: 2026-12-07\n"), encoding="utf-8")
    extract.merge("my", {"sheet:x:lead": (new, "sheet x")}, root=tmp_path)
    assert "#|" not in path.read_text(encoding="utf-8")


def test_status_counts_strings_translated_and_reviewed(tmp_path):
    po(tmp_path, DRAFT + REVIEWED + 'msgctxt "sheet:x:empty"\nmsgid "Statement"\nmsgstr ""\n')
    kit = next(c for c in status.counts("my", root=tmp_path) if c.catalog == "course/kit")
    assert (kit.strings, kit.translated, kit.reviewed, kit.drafts) == (3, 2, 1, 1)


# --- the sheets -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sheets_my():
    from tracktwo.workshop.sheets import write_sheets

    return {s.id: s for s, _ in write_sheets(Path("/tmp") / "tt-i18n-sheets", lang="my")}


def test_a_burmese_sheet_says_its_language_and_marks_its_drafts(sheets_my):
    levels = sheets_my["levels"]
    page = levels.html()
    assert '<html lang="my">' in page
    # The carry mark is about safety: translated, and a draft says so.
    assert "ယူဆောင်သွားနိုင်သည်" in page
    assert "Draft translation: check with a translator before use." in page


def test_every_sheet_in_a_translated_kit_says_what_is_still_english(sheets_my):
    for sheet in sheets_my.values():
        counts = dict(sheet.i18n)
        if counts.get("fallback"):
            assert "tt-i18n-fallback" in sheet.body, sheet.id


def test_english_sheets_carry_no_translation_marks():
    from tracktwo.workshop.sheets import all_sheets

    with using(Translator()):
        for sheet in all_sheets():
            if sheet.id == "glossary-bilingual":
                # Shows Burmese in every kit, so it carries the draft line while any field is a draft
                # (glossary_bilingual_sheet), and only then.
                from tracktwo.i18n.bilingual import counts, rows

                assert ("tt-i18n-draft" in sheet.body) == bool(counts(rows("my"))["draft"]), sheet.id
                assert "tt-fallback" not in sheet.body, sheet.id
            else:
                assert "tt-i18n" not in sheet.body and "tt-fallback" not in sheet.body, sheet.id
            assert '<html lang="en">' in sheet.html()


def test_the_kit_names_a_translated_kit_by_its_language():
    from tracktwo.workshop.kit import zip_names

    assert zip_names(lang="my") == {"participant": "track-two-participant-my.zip", "facilitator": "track-two-facilitator-my.zip"}
    assert zip_names("Course notes", "my")["participant"] == "course-notes-participant-my.zip"


def test_a_translated_kit_says_so_and_a_neutral_one_names_no_subject_word():
    from tracktwo.workshop.kit import index_html

    page = index_html([], None, "my")
    assert "workshop kit (Burmese)" in page and "draft translations" in page
    neutral = index_html([], "Course notes", "my")
    assert marked_words_in(neutral) == [] and "language 'my'" in neutral


def test_every_burmese_string_can_be_drawn_by_the_course_font():
    """Every translated string of every catalog (course and book pages) shapes with the vendored Myanmar
    font: no .notdef, no dotted circle for a broken cluster (tracktwo.i18n.fonts). A symbol the English
    source has too (✓, ✗, ⚠) is drawn by the same font as on the English page, so it is not counted."""
    from tracktwo.i18n.catalog import load
    from tracktwo.i18n.checks import page_entries
    from tracktwo.i18n.fonts import check_texts

    def own(english: str, text: str) -> str:
        return "".join(ch for ch in text if "\u1000" <= ch <= "\u109f" or ch not in english)

    pairs = [(e.id, own(e.english, e.text)) for e in load("my").values() if e.text]
    pairs += [
        (f"{path.relative_to(path.parents[2])}:{line}", own(english, text))
        for path, line, english, text, _, _ in page_entries("my")
    ]
    assert len(pairs) > 600
    assert check_texts(pairs) == []
    assert check_texts([("planted", own("Check", "စစ်ဆေး 中"))])  # a character the font lacks is named
