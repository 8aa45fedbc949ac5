"""The LMS export (``make lms``, tracktwo/lms/): each file read back by a parser that is not the
writer's, and checked against the banks as the course's loader reads them.

* Moodle XML and the QTI package: :mod:`xml.etree.ElementTree` over the written bytes (no XSD check:
  no schema for either is available offline, and lxml, which validates against one, is not installed);
* GIFT: a small reader below (:class:`GiftReader`), written from Moodle's GIFT documentation and
  sharing no code with the writer (pygiftparser, the one GIFT parser on PyPI, is a 2017 sdist that
  pulls in Markdown extensions and yattag; not worth a test dependency);
* the chapter links: :mod:`html.parser` and a regular expression, against ``_toc.yml`` read with PyYAML.

Expectations come from the banks (tracktwo.exercises.load_bank), never from tracktwo.lms.
"""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from support import ROOT
from tracktwo.exercises.bank import all_banks, load_bank

SCRIPT = ROOT / "scripts" / "build_lms.py"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("lms")
    proc = run_script("--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out, proc.stdout


#: The format's fixture bank: the LMS gets only the items book/practice.md shows (read here on its own).
SHOWN_DEMO = set(re.findall(r"\{exercise\}\s+demo/([a-z0-9-]+)", (ROOT / "book/practice.md").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def banks():
    out = []
    for p in all_banks():
        bank = load_bank(p)
        if bank.id == "demo":
            bank = dataclasses.replace(bank, items={k: v for k, v in bank.items.items() if k in SHOWN_DEMO})
        out.append(bank)
    return out


def words(text: str) -> str:
    return " ".join(str(text).split())


def plain(fragment: str | None) -> str:
    """An HTML fragment's text: tags dropped, entities decoded, spaces collapsed."""
    return words(html.unescape(re.sub(r"<[^>]+>", " ", fragment or "")))


def position_of(item, option_id: str) -> int:
    return list(item.answer).index(option_id) + 1


# ---------------------------------------------------------------- the report


def test_make_lms_reports_every_item_per_format_and_type(built, banks):
    _, stdout = built
    expected = Counter(i.type for b in banks for i in b.items.values())
    for typ in ("single", "multiple", "classification", "ordering", "open"):
        row = re.search(rf"^\s+{typ}\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$", stdout, re.M)
        assert row, f"no row for {typ} in:\n{stdout}"
        assert [int(n) for n in row.groups()] == [expected[typ]] * 4, stdout
    assert re.search(r"^\s+skipped: none$", stdout, re.M), stdout
    assert f"{len(banks)} banks, {sum(expected.values())} items" in stdout


def test_left_out_items_are_counted_never_dropped_silently(tmp_path, banks):
    proc = run_script("--out", str(tmp_path), "--no-open")
    assert proc.returncode == 0, proc.stderr
    n_open = sum(i.type == "open" for b in banks for i in b.items.values())
    assert f"skipped: {n_open} open" in proc.stdout
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert f"{n_open} open" in readme
    from tracktwo import __version__

    assert f"version {__version__}" in readme.splitlines()[0]  # the release the banks came from (CHANGELOG.md)
    quiz = ET.parse(tmp_path / "moodle" / "track-two-questions.xml").getroot()
    assert not quiz.findall("question[@type='essay']")


def test_a_broken_bank_is_one_message_naming_file_item_and_field(tmp_path):
    bank_dir = tmp_path / "banks"
    bank_dir.mkdir()
    (bank_dir / "broken.yaml").write_text(SPECIAL_BANK.replace("answer: colon-one", "answer: nowhere"), encoding="utf-8")
    proc = run_script("--out", str(tmp_path / "out"), "--banks", str(bank_dir))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "broken.yaml" in proc.stderr and "'pick'" in proc.stderr and "'answer'" in proc.stderr, proc.stderr
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- Moodle XML


def moodle_by_bank(path: Path) -> dict[str, list[ET.Element]]:
    """Questions under each category, the category named by its last path segment."""
    out: dict[str, list[ET.Element]] = {}
    current = None
    for q in ET.parse(path).getroot().findall("question"):
        if q.get("type") == "category":
            current = q.findtext("category/text").rsplit("/", 1)[-1]
            assert q.findtext("category/text").startswith("$course$/")
            out[current] = []
        else:
            assert current is not None, "a question before any category"
            out[current].append(q)
    return out


def test_moodle_xml_has_one_category_per_bank_and_every_key(built, banks):
    out, _ = built
    by_bank = moodle_by_bank(out / "moodle" / "track-two-questions.xml")
    assert sorted(by_bank) == sorted(words(b.title) for b in banks)
    for bank in banks:
        questions = by_bank[words(bank.title)]
        assert [q.findtext("idnumber") for q in questions] == [i.ref for i in bank.items.values()]
        for q, item in zip(questions, bank.items.values(), strict=True):
            check_moodle_question(q, item)


def check_moodle_question(q: ET.Element, item) -> None:
    where = item.ref
    assert q.findtext("name/text") == words(item.title), where
    assert words(item.prompt) in plain(q.findtext("questiontext/text")), where
    accepted = {a.option for a in item.accept}
    if item.type in ("single", "multiple"):
        assert q.get("type") == "multichoice", where
        assert q.findtext("single") == ("true" if item.type == "single" else "false"), where
        answers = {
            plain(a.findtext("text")): (float(a.get("fraction")), plain(a.findtext("feedback/text"))) for a in q.findall("answer")
        }
        texts = {o.id: words(o.text) for o in item.options}
        assert set(answers) == set(texts.values()), where
        for o in item.options:
            assert words(o.feedback) in answers[texts[o.id]][1], f"{where}: feedback of {o.id}"
        full = {t for t, (f, _) in answers.items() if f == 100}
        if item.type == "single":
            assert full == {texts[item.answer]} | {texts[a] for a in accepted}, where
            assert all(f == 0 for t, (f, _) in answers.items() if t not in full), where
        else:
            gains = {t for t, (f, _) in answers.items() if f > 0}
            losses = {t for t, (f, _) in answers.items() if f < 0}
            assert gains == {texts[a] for a in item.answer if a not in accepted}, where
            assert losses == {texts[o.id] for o in item.options if o.id not in item.answer and o.id not in accepted}, where
            assert sum(f for f, _ in answers.values() if f > 0) == pytest.approx(100, abs=0.001), where
    elif item.type in ("classification", "ordering"):
        assert q.get("type") == "matching", where
        pairs = {
            plain(s.findtext("text")): s.findtext("answer/text") for s in q.findall("subquestion") if plain(s.findtext("text"))
        }
        general = plain(q.findtext("generalfeedback/text"))
        for o in item.options:
            want = item.category(item.answer[o.id]).text if item.type == "classification" else None
            got = pairs[words(o.text)]
            if want is not None:
                assert got == words(want), f"{where}: {o.id}"
            else:
                assert re.match(rf"Position {position_of(item, o.id)}\b", got), f"{where}: {o.id} -> {got}"
            assert words(o.feedback) in general, f"{where}: feedback of {o.id}"
        assert len(pairs) == len(item.options), where
        if item.type == "classification":  # every category is offered, even one no item is in
            offered = {s.findtext("answer/text") for s in q.findall("subquestion")}
            assert offered == {words(c.text) for c in item.categories}, where
    else:
        assert q.get("type") == "essay", where
        assert not q.findall("answer"), where
        grader = plain(q.findtext("graderinfo/text"))
        assert item.model_answer.text in grader and all(c in grader for c in item.checklist), where
        shown = plain(q.findtext("questiontext/text")) + plain(q.findtext("generalfeedback/text"))
        assert item.model_answer.text not in shown and not any(c in shown for c in item.checklist), where
    if item.hint:
        assert words(item.hint) in plain(q.findtext("hint/text")), where


# ---------------------------------------------------------------- GIFT


class GiftReader:
    """A minimal GIFT reader (Moodle's documented syntax), independent of the writer: questions
    separated by blank lines, ``//`` comments, ``$CATEGORY:`` lines, ``::title::``, an answer
    block in unescaped braces with ``=``/``~`` answers, ``%weight%``, ``#feedback``, ``->`` pairs and
    ``####`` general feedback; ``\\`` escapes the next character."""

    def __init__(self, text: str):
        self.questions: list[dict] = []
        category = None
        for block in re.split(r"\n\s*\n", text):
            lines = [ln for ln in block.splitlines() if not ln.lstrip().startswith("//")]
            if not lines:
                continue
            if lines[0].startswith("$CATEGORY:"):
                category = lines[0][len("$CATEGORY:") :].strip()
                lines = lines[1:]
            if lines:
                q = self.question("\n".join(lines))
                q["category"] = category
                self.questions.append(q)

    @staticmethod
    def split(text: str, seps: str) -> list[tuple[str, str]]:
        """Split at unescaped separator characters: [(separator before, raw piece)]."""
        out, cur, sep, k = [], "", "", 0
        while k < len(text):
            ch = text[k]
            if ch == "\\" and k + 1 < len(text):
                cur += text[k : k + 2]
                k += 2
                continue
            if ch in seps:
                out.append((sep, cur))
                cur, sep = "", ch
            else:
                cur += ch
            k += 1
        out.append((sep, cur))
        return out

    @staticmethod
    def unescape(text: str) -> str:
        return re.sub(r"\\(.)", r"\1", text)

    def question(self, text: str) -> dict:
        m = re.match(r"::((?:\\.|[^:\\])*)::", text)
        assert m, f"no title in {text[:80]!r}"
        title, rest = self.unescape(m.group(1)), text[m.end() :]
        parts = self.split(rest, "{}")
        assert [s for s, _ in parts] == ["", "{", "}"], f"unbalanced or extra braces in {title!r}"
        prompt, block = parts[0][1], parts[1][1]
        fmt = re.match(r"\[(\w+)\]", prompt)
        prompt = self.unescape(prompt[fmt.end() :] if fmt else prompt).strip()
        general = ""
        general_at = re.search(r"(?<!\\)####", block)
        if general_at:
            block, general = block[: general_at.start()], self.unescape(block[general_at.end() :])
        answers = []
        for sep, raw in self.split(block, "=~")[1:]:
            weight = None
            w = re.match(r"%(-?[\d.]+)%", raw)
            if w:
                weight, raw = float(w.group(1)), raw[w.end() :]
            body, *fb = [p for _, p in self.split(raw, "#")]
            pair = [self.unescape(p).strip() for p in body.split("->")] if "->" in body else None
            answers.append(
                {
                    "mark": sep,
                    "weight": weight,
                    "text": self.unescape(body).strip(),
                    "pair": pair,
                    "feedback": self.unescape("".join(fb)).strip(),
                }
            )
        return {"title": title, "prompt": prompt, "answers": answers, "general": general.strip(), "empty": not block.strip()}


def gift_expect(q: dict, item) -> None:
    where = item.ref
    assert q["title"] == words(item.title), where
    assert words(item.prompt) in plain(q["prompt"]), where
    accepted = {a.option for a in item.accept}
    texts = {o.id: words(o.text) for o in item.options}
    if item.type == "open":
        assert q["empty"] and not q["answers"], where
        return
    if item.type in ("single", "multiple"):
        got = {plain(a["text"]): a for a in q["answers"]}
        assert set(got) == set(texts.values()), where
        for o in item.options:
            assert words(o.feedback) in plain(got[texts[o.id]]["feedback"]), f"{where}: feedback of {o.id}"

        def share(a):  # '=' is full marks, '~' with no weight none
            return 100.0 if a["mark"] == "=" else (a["weight"] or 0.0)

        if item.type == "single":
            assert [plain(a["text"]) for a in q["answers"] if a["mark"] == "="] == [texts[item.answer]], where
            assert {t for t, a in got.items() if share(a) == 100} == {texts[item.answer]} | {texts[x] for x in accepted}, where
        else:
            assert not [a for a in q["answers"] if a["mark"] == "="], f"{where}: '=' would make it one-answer"
            assert {t for t, a in got.items() if share(a) > 0} == {texts[a] for a in item.answer if a not in accepted}, where
            wrong = {texts[o.id] for o in item.options if o.id not in item.answer and o.id not in accepted}
            assert {t for t, a in got.items() if share(a) < 0} == wrong, where
        return
    pairs = {plain(a["pair"][0]): a["pair"][1] for a in q["answers"] if a["pair"] and a["pair"][0]}
    assert len(pairs) == len(item.options), where
    for o in item.options:
        if item.type == "classification":
            assert pairs[texts[o.id]] == words(item.category(item.answer[o.id]).text), f"{where}: {o.id}"
        else:
            assert re.match(rf"Position {position_of(item, o.id)}\b", pairs[texts[o.id]]), f"{where}: {o.id}"
        assert words(o.feedback) in plain(q["general"]), f"{where}: feedback of {o.id}"


def test_gift_has_one_category_per_bank_and_every_key(built, banks):
    out, _ = built
    questions = GiftReader((out / "gift" / "track-two-questions.gift.txt").read_text(encoding="utf-8")).questions
    by_cat: dict[str, list[dict]] = {}
    for q in questions:
        by_cat.setdefault(q["category"].rsplit("/", 1)[-1], []).append(q)
    assert sorted(by_cat) == sorted(words(b.title) for b in banks)
    for bank in banks:
        got = by_cat[words(bank.title)]
        assert len(got) == len(bank.items), bank.id
        for q, item in zip(got, bank.items.values(), strict=True):
            gift_expect(q, item)


# A bank whose texts hold every GIFT special character, a backslash and HTML's own.
SPECIAL_BANK = textwrap.dedent(
    """\
    bank: broken
    title: "Specials: ~ = # { } and a \\\\ backslash"
    objectives:
      read: Read texts that hold special characters.
    items:
      - id: pick
        type: single
        skill: recall
        title: "Title: with a colon, {braces} and = ~ #"
        prompt: "Which one? 1 < 2 & 3 > 2; a {brace}, a ~tilde~, an = sign, a #hash and a colon: here."
        objective: read
        options:
          - {id: colon-one, text: "a: b = c", feedback: "Right: {it} ~ is #1 = the key."}
          - {id: other, text: "x ~ y # z", feedback: "No: \\\\ is a backslash, <b> is not bold."}
        answer: colon-one
      - id: sort
        type: classification
        skill: apply
        title: Sort specials
        prompt: "Sort: which go where?"
        objective: read
        categories:
          - {id: left, text: "Left {side}"}
          - {id: right, text: "Right = side"}
          - {id: none, text: "Nowhere: # none"}
        options:
          - {id: one, text: "One: ~first~", feedback: "Left {side}: always."}
          - {id: two, text: "Two = #2", feedback: "Right = side: here."}
        answer: {one: left, two: right}
      - id: order
        type: ordering
        skill: recall
        sequence: time
        title: Order specials
        prompt: "First to last: {1}, {2}, {3}?"
        objective: read
        options:
          - {id: b, text: "Second: = 2", feedback: "Second {b}."}
          - {id: a, text: "First: ~ 1", feedback: "First # a."}
          - {id: c, text: "Third: } 3", feedback: "Third: c."}
        answer: [a, b, c]
    """
)


def test_gift_and_xml_escape_special_characters(tmp_path):
    bank_dir = tmp_path / "banks"
    bank_dir.mkdir()
    (bank_dir / "broken.yaml").write_text(SPECIAL_BANK, encoding="utf-8")
    bank = load_bank(bank_dir / "broken.yaml")
    assert "\\" in bank.title and "{" in bank["pick"].title  # the fixture holds what it should
    proc = run_script("--out", str(tmp_path / "out"), "--banks", str(bank_dir))
    assert proc.returncode == 0, proc.stderr
    gift = (tmp_path / "out" / "gift" / "track-two-questions.gift.txt").read_text(encoding="utf-8")
    questions = GiftReader(gift).questions
    assert len(questions) == 3
    for q, item in zip(questions, bank.items.values(), strict=True):
        gift_expect(q, item)
    assert "<b> is not bold" not in gift and "&lt;b&gt; is not bold" in gift  # HTML in [html] text is escaped
    moodle = tmp_path / "out" / "moodle" / "track-two-questions.xml"
    for q, item in zip(moodle_by_bank(moodle)[words(bank.title)], bank.items.values(), strict=True):
        check_moodle_question(q, item)
    answer = ET.parse(moodle).getroot().find("question[@type='multichoice']/answer[2]/feedback/text").text
    assert "&lt;b&gt;" in answer  # HTML inside XML: the text's own "<b>" is HTML-escaped, then XML-escaped
    check_qti(tmp_path / "out" / "qti" / "track-two-qti.zip", [bank])


# ---------------------------------------------------------------- QTI


def check_qti(path: Path, banks) -> None:
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        resources = manifest.findall(f"{CP}resources/{CP}resource")
        assert [r.get("type") for r in resources] == ["imsqti_xmlv1p2"] * len(banks)
        hrefs = [r.find(f"{CP}file").get("href") for r in resources]
        assert set(hrefs) <= names
        by_title = {}
        for href in hrefs:
            test = ET.fromstring(zf.read(href)).find(f"{QTI}assessment")
            by_title[test.get("title")] = test.findall(f".//{QTI}item")
    assert sorted(by_title) == sorted(words(b.title) for b in banks)
    for bank in banks:
        items = by_title[words(bank.title)]
        assert len(items) == len(bank.items), bank.id
        for el, item in zip(items, bank.items.values(), strict=True):
            check_qti_item(el, item)


def _meta(el: ET.Element) -> dict[str, str]:
    return {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") for f in el.iter(f"{QTI}qtimetadatafield")}


def check_qti_item(el: ET.Element, item) -> None:
    where = item.ref
    kind = {
        "single": "multiple_choice_question",
        "multiple": "multiple_answers_question",
        "classification": "matching_question",
        "ordering": "matching_question",
        "open": "essay_question",
    }
    assert _meta(el)["question_type"] == kind[item.type], where
    assert el.get("title") == words(item.title), where
    pres = el.find(f"{QTI}presentation")
    assert words(item.prompt) in plain(pres.findtext(f"{QTI}material/{QTI}mattext")), where
    feedback = {f.get("ident"): plain(f.findtext(f".//{QTI}mattext")) for f in el.findall(f"{QTI}itemfeedback")}
    conditions = el.findall(f"{QTI}resprocessing/{QTI}respcondition")
    scoring = [c for c in conditions if c.find(f"{QTI}setvar") is not None]
    accepted = {a.option for a in item.accept}
    if item.type in ("single", "multiple"):
        labels = {lab.get("ident"): plain(lab.findtext(f".//{QTI}mattext")) for lab in pres.iter(f"{QTI}response_label")}
        texts = {o.id: words(o.text) for o in item.options}
        assert set(labels.values()) == set(texts.values()), where
        shown = " ".join(feedback.values())
        assert all(words(o.feedback) in shown for o in item.options), where
        if item.type == "single":
            full = {labels[c.findtext(f".//{QTI}varequal")] for c in scoring if c.findtext(f"{QTI}setvar") == "100"}
            assert full == {texts[item.answer]} | {texts[a] for a in accepted}, where
        else:
            (cond,) = scoring
            both = cond.find(f"{QTI}conditionvar/{QTI}and")
            chosen = {labels[v.text] for v in both.findall(f"{QTI}varequal")}
            refused = {labels[v.text] for v in both.findall(f"{QTI}not/{QTI}varequal")}
            assert chosen == {texts[a] for a in item.answer if a not in accepted}, where
            assert refused == {texts[o.id] for o in item.options if o.id not in item.answer and o.id not in accepted}, where
    elif item.type in ("classification", "ordering"):
        lids = pres.findall(f"{QTI}response_lid")
        assert len(lids) == len(item.options), where
        right = {c.find(f".//{QTI}varequal").get("respident"): c.findtext(f".//{QTI}varequal") for c in scoring}
        total = 0.0
        for lid in lids:
            stem = plain(lid.findtext(f"{QTI}material/{QTI}mattext"))
            option = next(o for o in item.options if words(o.text) == stem)
            labels = {lab.get("ident"): plain(lab.findtext(f".//{QTI}mattext")) for lab in lid.iter(f"{QTI}response_label")}
            got = labels[right[lid.get("ident")]]
            if item.type == "classification":
                assert got == words(item.category(item.answer[option.id]).text), f"{where}: {option.id}"
                assert set(labels.values()) == {words(c.text) for c in item.categories}, where
            else:
                assert re.match(rf"Position {position_of(item, option.id)}\b", got), f"{where}: {option.id}"
            assert words(option.feedback) in " ".join(feedback.values()), f"{where}: feedback of {option.id}"
        for c in scoring:
            assert c.find(f"{QTI}setvar").get("action") == "Add"
            total += float(c.findtext(f"{QTI}setvar"))
        assert total == pytest.approx(100, abs=0.05), where
    else:
        assert not scoring and pres.find(f".//{QTI}response_str") is not None, where
        everything = ET.tostring(el, encoding="unicode")
        assert item.model_answer.text not in plain(everything), f"{where}: the model answer is in the QTI file"


def test_qti_package_has_a_manifest_one_assessment_per_bank_and_every_key(built, banks):
    out, _ = built
    check_qti(out / "qti" / "track-two-qti.zip", banks)


# ---------------------------------------------------------------- chapter links


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return [re.sub(r"\.(md|ipynb)$", "", f) for f in files]


def read_links(folder: Path) -> tuple[list[str], list[str]]:
    parser = Links()
    parser.feed((folder / "chapters.html").read_text(encoding="utf-8"))
    md = re.findall(r"\]\(<([^>]+)>\)", (folder / "chapters.md").read_text(encoding="utf-8"))
    return parser.hrefs, md


def test_chapter_links_cover_every_page_in_the_toc_relative_by_default(built):
    out, _ = built
    want = [f"{f}.html" for f in toc_files()]
    hrefs, md = read_links(out / "links")
    assert hrefs == want and md == want
    for href in want:  # each one is a page the book builds
        stem = ROOT / href[: -len(".html")]
        assert stem.with_suffix(".md").exists() or stem.with_suffix(".ipynb").exists(), href


def test_chapter_links_take_a_base_url(tmp_path):
    proc = run_script("--out", str(tmp_path), "--base-url", "https://example.org/course/")
    assert proc.returncode == 0, proc.stderr
    hrefs, md = read_links(tmp_path / "links")
    want = [f"https://example.org/course/{f}.html" for f in toc_files()]
    assert hrefs == want and md == want


def test_chapter_links_carry_no_key(built, banks):
    out, _ = built
    text = words(
        (out / "links" / "chapters.html").read_text(encoding="utf-8")
        + (out / "links" / "chapters.md").read_text(encoding="utf-8")
    )
    secret = []
    for bank in banks:
        for item in bank.items.values():
            secret += [o.feedback for o in item.options] + [o.clue for o in item.options if o.clue]
            secret += [a.rationale for a in item.accept] + list(item.checklist)
            secret += [item.model_answer.text, item.model_answer.why] if item.model_answer else []
            secret += [item.prompt]
    leaked = [s for s in secret if words(s) in text]
    assert not leaked, leaked[:3]


def test_the_fixture_banks_other_items_are_not_exported_and_are_counted(built):
    """The format's fixture items that no page shows (tests only) never reach an LMS, and the report says how many."""
    _, stdout = built
    demo = load_bank(ROOT / "data/exercises/demo.yaml")
    hidden = [k for k in demo.items if k not in SHOWN_DEMO]
    assert hidden and SHOWN_DEMO, "the fixture bank has items the book shows and items it does not"
    assert f"not exported: {len(hidden)} items of the format's fixture bank" in stdout
    gift = (built[0] / "gift" / "track-two-questions.gift.txt").read_text(encoding="utf-8")
    for k in hidden:
        assert f"::{demo.items[k].title}::" not in gift.replace("\\", ""), k
