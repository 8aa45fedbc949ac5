"""Design a dialogue in the built book (no kernel): clicks and keys change the findings, which equal
Python's for the same design; the design survives a reload on this device only, a corrupted saved
design is set aside with a message, Start again clears it, Print summary gives a clean printable
view, and the form fits 390 px with no request to another host."""

from __future__ import annotations

import json

import pytest

from tracktwo.design.rules import evaluate, load_rules

pytestmark = pytest.mark.browser

PAGE = "notebooks/design-a-dialogue.html"
KEY = "tracktwo:design:v1:main"


def _open(browser, server, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "request", lambda r: outside.append(r.url) if not r.url.startswith(server) and not r.url.startswith("data:") else None
    )
    page.goto(f"{server}/{PAGE}", wait_until="networkidle")
    page.wait_for_selector("div.tt-design[data-ready]")
    return context, page, problems, outside


def _findings(page) -> list[str]:
    return (page.locator("div.tt-design").get_attribute("data-findings") or "").split()


def _python(design) -> list[str]:
    return [f["id"] for f in evaluate(design, load_rules())]


def test_clicks_show_the_same_findings_as_python_and_survive_a_reload(site, server, browser):
    context, page, problems, outside = _open(browser, server)
    host = page.locator("div.tt-design")
    assert host.locator("fieldset").count() == 6
    assert host.locator("fieldset > legend").count() == 6
    assert host.locator(".tt-design-noscript").is_hidden()
    assert _findings(page) == []
    host.get_by_label("Track 1.5 (officials in a private capacity, deniable)", exact=True).check()
    host.get_by_label("State Administration Council (SAC) representatives", exact=True).check()
    host.get_by_label("EAO leaders: NCA signatories", exact=True).check()
    host.get_by_label("Youth representatives", exact=True).check()
    host.get_by_label("Outsiders (an external convenor)", exact=True).check()
    host.get_by_label("Transform the conflict", exact=True).check()
    host.get_by_label('Called a "dialogue"', exact=True).check()
    design = {
        "track": "1.5",
        "participants": ["sac", "eao-nca", "youth"],
        "convenor": "outside",
        "aim": "transform",
        "funding": None,
        "label": "dialogue",
    }
    expected = _python(design)
    assert {"track-15-aim", "label-dialogue", "track-15-step-back", "track-15-sac-eao", "sac-with-civil-society"} <= set(expected)
    assert _findings(page) == expected
    items = host.locator(".tt-design-results li[data-rule]")
    assert items.count() == len(expected)
    # a short summary first; the findings in full on demand
    assert host.locator(".tt-design-short").inner_text().startswith(f"{len(expected)} findings")
    host.locator("details.tt-design-details summary").click()
    caution = host.locator('.tt-design-caution li[data-rule="track-15-aim"]')
    assert "Sec. 4, way 1" in caution.inner_text()
    tension = host.locator('.tt-design-tension li[data-rule="sac-with-civil-society"]')
    assert "pulls against Track 3" in tension.inner_text() and "Sec. 2" in tension.inner_text()
    # the counts come once, in the short summary inside the results' live region
    assert host.locator(".tt-design-results").get_attribute("aria-live") == "polite"
    assert f"{len(expected)} findings" in host.locator(".tt-design-short").inner_text()
    assert host.locator(".tt-design-status").inner_text() == ""
    saved = json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(KEY)})"))
    assert saved == design

    page.reload(wait_until="networkidle")
    page.wait_for_selector("div.tt-design[data-ready]")
    assert _findings(page) == expected
    assert page.locator("div.tt-design").get_by_label("EAO leaders: NCA signatories", exact=True).is_checked()

    # the keyboard: arrow keys move through a fieldset's radios, and the findings follow
    radio = page.locator("div.tt-design").get_by_label("Track 1.5 (officials in a private capacity, deniable)", exact=True)
    radio.focus()
    page.keyboard.press("ArrowDown")
    design["track"] = "2"
    assert page.locator("div.tt-design").get_by_label("Track 2 (influential non-officials)", exact=True).is_checked()
    assert _findings(page) == _python(design)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first participant's checkbox
    assert _findings(page) == _python(dict(design, participants=["eao-nca", "youth"]))  # SAC unticked

    page.locator("div.tt-design button", has_text="Start again").click()
    assert _findings(page) == []
    assert page.evaluate(f"() => localStorage.getItem({json.dumps(KEY)})") is None
    assert page.locator("div.tt-design input:checked").count() == 0
    context.close()
    assert not problems, problems
    assert not outside, outside


def test_corrupted_saved_design_is_set_aside_with_a_message(site, server, browser):
    context, page, problems, _ = _open(browser, server)
    page.evaluate(f"() => localStorage.setItem({json.dumps(KEY)}, JSON.stringify({{track: '9', participants: 'all'}}))")
    page.reload(wait_until="networkidle")
    page.wait_for_selector("div.tt-design[data-ready]")
    status = page.locator("div.tt-design .tt-design-status").inner_text()
    assert "could not be read" in status and "choice 'track'" in status and "set aside" in status
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert KEY not in keys and any(k.startswith(KEY + ":set-aside:") for k in keys)
    assert _findings(page) == []
    # the form still works
    page.locator("div.tt-design").get_by_label("Track 1 (official negotiation)", exact=True).check()
    assert _findings(page) == ["track-one-formal"]
    page.evaluate("() => localStorage.clear()")
    context.close()
    assert not problems, problems


def test_print_summary_gives_a_clean_printable_view(site, server, browser):
    context, page, problems, _ = _open(browser, server)
    host = page.locator("div.tt-design")
    host.get_by_label("Track 3 (civil society, grassroots)", exact=True).check()
    host.get_by_label("Women's representatives", exact=True).check()
    host.get_by_label("Direct foreign funding", exact=True).check()
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    host.locator("button", has_text="Print summary").click()
    assert page.evaluate("() => window.__printed") == 1
    text = host.locator(".tt-design-print").inner_text()
    design = {"track": "3", "participants": ["women"], "convenor": None, "aim": None, "funding": "direct-foreign", "label": None}
    found = evaluate(design, load_rules())
    assert "Track: Track 3 (civil society, grassroots)" in text and "Convenor: not chosen yet" in text
    for f in found:
        assert f["title"] in text and f["citation"]["locator"] in text
    # in print media, with the print class on, only the summary is visible
    page.evaluate("() => document.body.classList.add('tt-design-printing')")
    page.emulate_media(media="print")
    assert host.locator(".tt-design-print").is_visible()
    assert not host.locator("form.tt-design-form").is_visible()
    page.evaluate("() => localStorage.clear()")
    context.close()
    assert not problems, problems


def test_form_fits_390_px_and_the_examples_are_static(site, server, browser):
    context, page, problems, _ = _open(browser, server, width=390)
    overflow = page.evaluate("""() => { const h = document.querySelector('div.tt-design');
        return [h.scrollWidth, h.clientWidth, document.documentElement.scrollWidth, window.innerWidth]; }""")
    assert overflow[0] <= overflow[1] + 1 and overflow[2] <= overflow[3] + 1, overflow
    examples = page.locator(".tt-design-example")
    assert examples.count() == 3
    assert examples.nth(0).locator('li[data-rule="track-15-sac-eao"]').count() == 1
    context.close()
    assert not problems, problems

    # without JavaScript: the notice shows, the examples still teach
    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{PAGE}")
    assert page.locator(".tt-design-noscript").is_visible()
    assert page.locator(".tt-design-example li[data-rule]").count() >= 15
    context.close()


def test_the_courses_clear_everything_control_removes_the_design(site, server, browser):
    context, page, problems, _ = _open(browser, server)
    page.locator("div.tt-design").get_by_label("Track 3 (civil society, grassroots)", exact=True).check()
    assert page.evaluate(f"() => localStorage.getItem({json.dumps(KEY)})") is not None
    page.goto(f"{server}/book/progress.html", wait_until="networkidle")
    page.on("dialog", lambda d: d.accept())
    clear = page.locator(".tt-progress-clear").first
    assert clear.is_enabled()
    clear.click()
    page.wait_for_function(f"() => localStorage.getItem({json.dumps(KEY)}) === null", timeout=5000)
    page.goto(f"{server}/{PAGE}", wait_until="networkidle")
    page.wait_for_selector("div.tt-design[data-ready]")
    assert _findings(page) == [] and page.locator("div.tt-design input:checked").count() == 0
    context.close()
    assert not problems, problems


def test_findings_are_answered_kept_after_a_reload_and_printed(site, server, browser):
    """A short summary first and the findings on demand; accept one finding, rebut another with a
    reason, reload: both are kept on this device and in the printable summary."""
    context, page, problems, _ = _open(browser, server, width=390)
    host = page.locator("div.tt-design")
    host.get_by_label("Track 1.5 (officials in a private capacity, deniable)", exact=True).check()
    host.get_by_label("State Administration Council (SAC) representatives", exact=True).check()
    host.get_by_label("EAO leaders: NCA signatories", exact=True).check()
    expected = _python({"track": "1.5", "participants": ["sac", "eao-nca"]})
    sac = host.get_by_label("State Administration Council (SAC) representatives", exact=True)
    newer = page.locator("#" + sac.get_attribute("aria-describedby"))
    assert newer.inner_text().startswith(
        "Successor body: since 31 July 2025 the SAC has been dissolved and replaced by the State Security"
    )
    short = host.locator(".tt-design-short")
    assert short.inner_text().startswith(f"{len(expected)} findings") and "answered 0 of" in short.inner_text()
    details = host.locator("details.tt-design-details")
    assert details.get_attribute("open") is None
    details.locator("summary").click()
    first, second = expected[0], expected[1]
    li1, li2 = host.locator(f'li[data-rule="{first}"]'), host.locator(f'li[data-rule="{second}"]')
    assert "Successor body:" in host.locator('li[data-rule="track-15-sac-eao"]').inner_text()
    li1.get_by_label("Accept", exact=True).check()
    li2.get_by_label("Rebut", exact=True).check()
    assert "A rebuttal needs a reason" in li2.inner_text()
    li2.get_by_label("Your reason (needed to rebut)").fill("Our partners meet in public already")
    assert "(1 accepted, 1 rebutted)" in short.inner_text()
    saved = json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(KEY)})"))
    assert saved["responses"] == {
        first: {"answer": "accept", "reason": ""},
        second: {"answer": "rebut", "reason": "Our partners meet in public already"},
    }

    page.reload(wait_until="networkidle")
    page.wait_for_selector("div.tt-design[data-ready]")
    host = page.locator("div.tt-design")
    assert "(1 accepted, 1 rebutted)" in host.locator(".tt-design-short").inner_text()
    host.locator("details.tt-design-details summary").click()
    assert host.locator(f'li[data-rule="{first}"]').get_by_label("Accept", exact=True).is_checked()
    assert host.locator(f'li[data-rule="{second}"]').get_by_label("Rebut", exact=True).is_checked()
    assert host.locator(f'li[data-rule="{second}"] textarea').input_value() == "Our partners meet in public already"
    page.evaluate("() => { window.print = () => {}; }")
    host.locator("button", has_text="Print summary").click()
    text = host.locator(".tt-design-print").inner_text()
    assert "Your answer: rebutted, because: Our partners meet in public already" in text and "Your answer: accepted." in text
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert overflow[0] <= overflow[1] + 1, overflow
    page.evaluate("() => localStorage.clear()")
    context.close()
    assert not problems, problems
