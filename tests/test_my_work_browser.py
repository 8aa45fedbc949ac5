"""My work (book/my-work.md, assets/tracktwo/my-work.js; decision 0017) in Chromium, end to end:
answer an item (closed and open), build a map and a design, download all the work, open a FRESH
profile, restore the file (after a confirmation) and see the work again; a tampered file changes
nothing; then the downloaded file, a second learner's and a malformed one go through the
instructor's gradebook (tracktwo.teaching.gradebook)."""

from __future__ import annotations

import json
import os
import shutil

from support import ROOT
from test_storage import B, BUILDER, CHAPTER, DESIGN, ITEM, _work

from tracktwo.teaching.gradebook import Course, gradebook, load_folder, to_csv_text

PAGE = "book/my-work.html"
OPEN = "part1-levels/discuss-deniability"
ANSWER = "Deniability lets officials explore whether talks are possible; those left outside pay for it."
SHOTS = os.environ.get("TRACKTWO_SHOTS")  # a folder for the screenshots, when asked


def _context(browser, width=390):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    problems: list[str] = []
    context.on(
        "page",
        lambda pg: (
            pg.on("pageerror", lambda e: problems.append(str(e))),
            pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None),
        ),
    )
    return context, problems


def _open_answer(page, server):
    page.goto(f"{server}/{CHAPTER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    root = page.locator(f'[data-tt-exercise="{OPEN}"]')
    root.scroll_into_view_if_needed()
    root.locator("textarea.tt-ex-answer").fill(ANSWER)
    root.locator("button.tt-ex-check, button.tt-ex-reveal").first.click()
    root.locator(".tt-ex-checklist input[type=checkbox]").first.check()


def test_download_restore_on_a_fresh_profile_then_grade(site, server, browser, tmp_path):
    context, problems = _context(browser, 1100)
    page = context.new_page()
    _work(page, server)  # a closed item answered and checked, a map with one actor, a design's track
    _open_answer(page, server)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{server}/{PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    box = page.locator(".tt-mywork")
    page.wait_for_function("() => /keeps: \\d+ item/.test(document.querySelector('.tt-mywork-status').textContent)")
    # No pseudonym, no file.
    box.locator(".tt-mywork-download").click()
    assert "Type a pseudonym first" in box.locator(".tt-mywork-message").inner_text()
    box.get_by_label("A name for this file: a pseudonym you choose (not your real name)").fill("Kestrel")
    summary = box.locator(".tt-mywork-summary")
    assert box.locator(".tt-mywork-message").inner_text() == "", "the reminder goes once a pseudonym is typed"
    assert "Pseudonym: Kestrel." in summary.inner_text()
    assert "14 words; checklist points ticked: 1" in summary.inner_text(), summary.inner_text()
    assert "Maps, worksheets and map exercises: 1" in summary.inner_text() and "Designs: 1" in summary.inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling at 390 px"
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "my-work-390.png"), full_page=True)
        box.locator(".tt-mywork-controls").scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(SHOTS, "my-work-390-controls.png"))
        summary.locator("h3").first.scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(SHOTS, "my-work-390-summary.png"))
    with page.expect_download() as got:
        box.locator(".tt-mywork-download").click()
    download = got.value
    assert download.suggested_filename.startswith("work-") and download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["pseudonym"] == "Kestrel" and data["from"] == "book"
    keys = {e["key"]: e["family"] for e in data["entries"]}
    assert keys[f"tracktwo:2026.1:exercise:{ITEM}"] == "exercise"
    assert keys["tracktwo:maps:v1:map-builder:builder"] == "maps" and keys["tracktwo:design:v1:main"] == "design"
    assert [a["words"] for a in data["summary"]["answers"]] == [14]
    context.close()
    assert problems == []

    # A fresh profile (another device): nothing there; a tampered file changes nothing; the real one restores.
    context, problems = _context(browser)
    page = context.new_page()
    page.goto(f"{server}/{PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    box = page.locator(".tt-mywork")
    assert "keeps: 0 items" in box.locator(".tt-mywork-status").inner_text()
    tampered = tmp_path / "work-tampered.json"
    bad = json.loads(saved.read_text(encoding="utf-8"))
    bad["entries"][0]["key"] = "elsewhere:" + bad["entries"][0]["key"]
    tampered.write_text(json.dumps(bad), encoding="utf-8")
    box.locator(".tt-mywork-file").set_input_files(str(tampered))
    page.wait_for_function("() => document.querySelector('.tt-mywork-message').textContent.includes('Nothing was changed')")
    message = box.locator(".tt-mywork-message").inner_text()
    assert message.startswith("work-tampered.json: entry 1 (elsewhere:") and 'field "key": outside' in message, message
    assert "keeps: 0 items" in box.locator(".tt-mywork-status").inner_text()
    # A design already on this device: restoring names it and sets it aside.
    page.goto(f"{server}/{DESIGN}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.wait_for_selector("div.tt-design[data-ready]")
    page.locator("div.tt-design").get_by_label("Track 2 (influential non-officials)", exact=True).check()
    page.goto(f"{server}/{PAGE}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    box.locator(".tt-mywork-file").set_input_files(str(saved))
    confirm = box.locator(".tt-mywork-confirm")
    confirm.wait_for(state="visible")
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "my-work-390-restore-confirm.png"))
    assert "1 to replace" in confirm.inner_text() and "Designs (main)" in confirm.inner_text(), confirm.inner_text()
    confirm.locator(".tt-mywork-restore").click()
    page.wait_for_function("() => document.querySelector('.tt-mywork-message').textContent.startsWith('Restored')")
    assert "1 set aside" in box.locator(".tt-mywork-message").inner_text()
    kept = page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('tracktwo:design:v1:main'))")
    assert len(kept) == 2 and any(":set-aside:" in k for k in kept), kept
    # The work is back where the learner made it.
    page.goto(f"{server}/{CHAPTER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    assert page.locator(f'[data-tt-exercise="{ITEM}"] input[value="formula"]').is_checked()
    assert page.locator(f'[data-tt-exercise="{OPEN}"] textarea.tt-ex-answer').input_value() == ANSWER
    page.goto(f"{server}/{BUILDER}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.wait_for_selector(f"{B}[data-ready]")
    assert page.locator(f"{B} .tt-interactive-view").get_attribute("data-actors") == "1"
    page.goto(f"{server}/{DESIGN}")
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.wait_for_selector("div.tt-design[data-ready]")
    assert (
        page.locator("div.tt-design")
        .get_by_label("Track 1.5 (officials in a private capacity, deniable)", exact=True)
        .is_checked()
    )
    context.close()
    assert problems == []

    # The instructor's folder: this file, a second learner's, and a malformed one.
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(saved, folder / "kestrel.json")
    shutil.copy(ROOT / "notebooks/grading-sample/work-2026-12-06.json", folder / "heron.json")
    (folder / "broken.json").write_text(saved.read_text(encoding="utf-8")[:300], encoding="utf-8")
    course = Course.from_banks()
    loaded, problems = load_folder(folder, course)
    assert [x.file for x in loaded] == ["heron.json", "kestrel.json"]
    assert len(problems) == 1 and problems[0].startswith("broken.json: not valid JSON"), problems
    rows = {r["pseudonym"]: r for r in gradebook(loaded, course)}
    assert set(rows) == {"Heron", "Kestrel"}
    k = rows["Kestrel"]
    assert (k["part1-levels points"], k["part1-levels of"]) == (1, 1), "the checked answer, scored by the bank"
    assert k[f"{OPEN} words"] == 14 and k[f"{OPEN} ticked"] == "1 of 4"
    assert k["open answered"] == 1 and k["notes"] == ""
    assert rows["Heron"]["part1-levels points"] == 0 and "saved score 1 of 1, the bank gives 0 of 1" in rows["Heron"]["notes"]
    csv_text = to_csv_text(list(rows.values()), course)
    assert csv_text.count("\r\n") == 3 and "\r\nKestrel,kestrel.json,book," in csv_text


def test_from_file_urls_keeping_nothing_a_restore_lasts_for_the_tab_only(site, browser, tmp_path):
    """Opened from the folder (file://), keeping nothing: a file restores into this tab, nothing of the
    course reaches localStorage, and the download still works."""
    work = tmp_path / "work-2026-12-07.json"
    work.write_text((ROOT / "notebooks/grading-sample/work-2026-12-07.json").read_text(encoding="utf-8"), encoding="utf-8")
    context, problems = _context(browser)
    page = context.new_page()
    page.goto((site / PAGE).as_uri())
    page.mouse.move(3, 3)  # the learner is there: map tools load (issue 32)
    page.locator(".tt-keep-button").click()
    page.wait_for_function("() => document.querySelector('.tt-keep').dataset.mode === 'nothing'")
    box = page.locator(".tt-mywork")
    box.locator(".tt-mywork-file").set_input_files(str(work))
    confirm = box.locator(".tt-mywork-confirm")
    confirm.wait_for(state="visible")
    assert "10 new items to add, 0 to replace" in confirm.inner_text(), confirm.inner_text()
    confirm.locator(".tt-mywork-restore").click()
    page.wait_for_function("() => document.querySelector('.tt-mywork-message').textContent.startsWith('Restored 10 items')")
    assert "This tab keeps (and forgets when closed): 10 items" in box.locator(".tt-mywork-status").inner_text()
    kept = page.evaluate(
        "() => [Object.keys(localStorage).filter((k) => k.startsWith('tracktwo:')), "
        "Object.keys(sessionStorage).filter((k) => k.startsWith('tracktwo:')).length]"
    )
    assert kept[0] == [] and kept[1] == 11, kept  # the ten items and this tab's choice to keep nothing
    box.get_by_label("A name for this file: a pseudonym you choose (not your real name)").fill("Kestrel")
    with page.expect_download() as got:
        box.locator(".tt-mywork-download").click()
    assert got.value.suggested_filename.startswith("work-")
    context.close()
    assert problems == []
