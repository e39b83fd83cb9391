"""A whole interview in two browsers: schedule → link → the candidate works while the interviewer
watches live → submit → review, replay, judge, export. Script typed anywhere never runs."""

from __future__ import annotations

import uuid
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

PASSWORD = "interviewer password"
XSS_LABEL = '<img src=x onerror="window.__xss=1">Redis'
XSS_PANEL = "<script>window.__xss=2</script>"
XSS_NOTES = '<img src=x onerror="window.__xss=3"> needs work'


def watch_for_scripts(page: Page, problems: list) -> None:
    # the app asks to confirm (submit); anything else (an alert) would be a script that ran
    page.on(
        "dialog", lambda d: d.accept() if d.type == "confirm" else (problems.append(d.message), d.dismiss())
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))


def no_script_ran(page: Page) -> None:
    assert page.evaluate("() => window.__xss === undefined")


def test_an_interview_from_link_to_review(browser: Browser, live_server, base_url, store):
    email = f"ivy-{uuid.uuid4().hex[:6]}@example.com"
    live_server.app.extensions["designer.accounts"].add(email, PASSWORD, "interviewer", "Ivy")
    problems: list[str] = []

    interviewer = browser.new_context(base_url=base_url).new_page()
    watch_for_scripts(interviewer, problems)
    interviewer.goto("/interviews")  # signed out: to the sign-in page, and back after
    interviewer.locator("input[name=email]").fill(email)
    interviewer.locator("input[name=password]").fill(PASSWORD)
    interviewer.get_by_role("button", name="Sign in").click()
    interviewer.wait_for_url("**/interviews")
    interviewer.locator("select[name=problem]").select_option("chat-app")
    interviewer.locator("input[name=candidate_name]").fill('Ada <img src=x onerror="window.__xss=4">')
    interviewer.get_by_role("button", name="Schedule").click()
    link = interviewer.locator("#candidate-link").input_value()
    assert link.startswith(base_url + "/join/")

    candidate = browser.new_context(base_url=base_url).new_page()
    watch_for_scripts(candidate, problems)
    candidate.goto(link)
    candidate.get_by_role("button", name="Start the interview").click()
    candidate.wait_for_url("**/s/*")
    session_id = candidate.url.rsplit("/", 1)[1].split("?")[0]
    candidate.wait_for_function("() => window.designerWhiteboard !== undefined")

    interviewer.goto(f"/s/{session_id}/review")
    interviewer.wait_for_function("() => window.reportCy !== undefined")
    expect(interviewer.locator("#replay-where")).to_contain_text("live")

    # The candidate works; the interviewer's page follows within two seconds.
    candidate.locator("textarea[name=functional]").fill(f"Send messages\n{XSS_PANEL}")
    expect(interviewer.locator("#replay-panels")).to_contain_text(XSS_PANEL, timeout=2_500)
    form = candidate.locator("form.add-node")
    form.locator("select[name=kind]").select_option("cache")
    form.locator("input[name=label]").fill(XSS_LABEL)
    form.get_by_role("button", name="Add component").click()
    interviewer.wait_for_function("() => reportCy.nodes().length === 1", timeout=2_500)
    assert interviewer.evaluate("() => reportCy.nodes()[0].data('label')") == XSS_LABEL
    expect(candidate.locator("#save-status")).to_have_text("Saved", timeout=10_000)

    # The score and results follow too, but never under the interviewer's hands: while an override
    # is open, the candidate's next change waits, and arrives once it is closed.
    lb = interviewer.locator(".result[data-criterion=load_balancer]")
    expect(lb).to_contain_text("No load balancer")
    questions = interviewer.locator(".result[data-criterion=questions]")
    questions.locator("details.override-form summary").click()
    questions.locator("input[name=reason]").fill("asked them out loud")
    form.locator("select[name=kind]").select_option("load_balancer")
    form.locator("input[name=label]").fill("Edge LB")
    form.get_by_role("button", name="Add component").click()
    interviewer.wait_for_function("() => reportCy.nodes().length === 2", timeout=2_500)
    interviewer.wait_for_timeout(1_500)  # another poll or two
    expect(lb).to_contain_text("No load balancer")
    assert questions.locator("input[name=reason]").input_value() == "asked them out loud"
    questions.locator("details.override-form summary").click()
    expect(lb).to_contain_text("Edge LB has no servers behind it", timeout=2_500)

    candidate.get_by_role("button", name="Submit").click()
    candidate.wait_for_url(f"**/s/{session_id}/report")
    expect(interviewer.locator("#live-status")).to_have_text("submitted", timeout=2_500)

    # Review: replay to the first revision (an empty board), then back to the end.
    interviewer.reload()
    interviewer.wait_for_function("() => window.reportCy !== undefined")
    slider = interviewer.locator("#replay")
    slider.evaluate("el => { el.value = '1'; el.dispatchEvent(new Event('input')); }")
    expect(interviewer.locator("#replay-where")).to_contain_text("Revision 1 of")
    interviewer.wait_for_function("() => reportCy.nodes().length === 0")
    expect(interviewer.locator("#replay-panels")).not_to_contain_text("Send messages")
    last = slider.get_attribute("max")
    slider.evaluate(f"el => {{ el.value = '{last}'; el.dispatchEvent(new Event('input')); }}")
    interviewer.wait_for_function("() => reportCy.nodes().length === 2")
    interviewer.locator("[data-replay-to]").first.click()  # the first step marker: the start
    expect(interviewer.locator("#replay-where")).to_contain_text("Revision 1 of")
    interviewer.wait_for_function("() => reportCy.nodes().length === 0")
    expect(interviewer.locator(".time-chart")).to_be_visible()

    # Judge: a manual criterion, an override, notes; each lands in the audit trail at once.
    audit = interviewer.locator(".audit")
    criterion = interviewer.locator(".manual-criterion").first
    criterion.locator("input[type=radio]").last.check()
    criterion.get_by_role("button").click()
    expect(audit).to_contain_text("changed manual:")
    result = interviewer.locator(".result.status-fail").first
    criterion_id = result.get_attribute("data-criterion")
    result = interviewer.locator(f".result[data-criterion={criterion_id}]")
    result.locator("details.override-form summary").click()
    result.locator("input[name=reason]").fill("explained it well out loud")
    result.get_by_role("button", name="Save override").click()
    expect(audit).to_contain_text(f"changed override:{criterion_id}")
    expect(result).to_have_class("result status-overridden")
    interviewer.locator("textarea[name=value]").fill(XSS_NOTES)
    interviewer.get_by_role("button", name="Save notes").click()
    expect(audit).to_contain_text(XSS_NOTES)

    with interviewer.expect_download() as info:
        interviewer.get_by_role("link", name="Report (HTML)").click()
    exported = Path(info.value.path()).read_text()
    assert "explained it well out loud" in exported and "&lt;img src=x onerror" in exported
    assert "<img src=x" not in exported

    for page in (interviewer, candidate):
        no_script_ran(page)
    assert problems == []
    assert store.get(session_id).score is not None
