"""An instructor edits a rubric in the browser: an error shows at its line, fixed, tests run, saved, regraded."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

PASSWORD = "instructor password"
#: The rubric's CodeMirror editor, for the questions a user answers by looking (focus, selection).
CM = "document.querySelector('[data-problems] .CodeMirror').CodeMirror"


def graded_session(live_server, rubric_id: str) -> str:
    """A submitted session graded with version 1 of the new rubric, as a submit leaves it."""
    from designer.grading import grade, points_by_criterion
    from designer.rubric_library import RubricLibrary

    store = live_server.app.extensions["designer.store"]
    row = store.create("chat-app", mode="interview", candidate="Dee", rubric_id=rubric_id)
    store.submit(row.id)
    report = grade(store.to_file(store.get(row.id)), RubricLibrary(store.engine).load(rubric_id))
    store.record_grade(row.id, rubric_id, 1, report["score"], points_by_criterion(report))
    return row.id


def test_edit_a_rubric_from_error_to_saved_version(
    page: Page, live_server, store, browser_problems, job_worker
):
    email = f"ines-{uuid.uuid4().hex[:6]}@example.com"
    live_server.app.extensions["designer.accounts"].add(email, PASSWORD, "instructor", "Ines")
    page.goto("/rubrics")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/rubrics")
    page.get_by_role("link", name="Open").first.click()  # a built-in rubric: read-only
    expect(page.locator("#rubric-text")).to_have_attribute("readonly", "")
    expect(page.locator("[data-problems] .CodeMirror")).to_be_visible()
    assert page.evaluate(f"() => {CM}.getOption('readOnly')") is True
    new_id = f"mine-{uuid.uuid4().hex[:6]}"
    page.locator("input[name=new_id]").fill(new_id)
    page.get_by_role("button", name="Duplicate").click()
    page.wait_for_url(f"**/rubrics/{new_id}")
    expect(page.locator("#rubric-issues")).to_contain_text("A valid rubric")
    session_id = graded_session(live_server, new_id)
    page.reload()  # the session graded with the new rubric is now one the instructor may preview

    # The YAML is highlighted and numbered: keys are atoms, each line has its number.
    editor = page.locator("[data-problems] .CodeMirror")
    expect(editor.locator(".cm-atom", has_text="title").first).to_be_visible()
    lines = page.locator("#rubric-text").input_value().split("\n")
    title_line = next(i for i, line in enumerate(lines) if line.startswith("title:")) + 1
    expect(editor.locator(".CodeMirror-linenumber", has_text=re.compile(f"^{title_line}$"))).to_be_visible()

    # Typed as an instructor would: the title replaced, and an unknown key on the line below it.
    editor.locator(".CodeMirror-line", has_text=re.compile("^title:")).click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")
    page.keyboard.type("title: <script>window.__xss=1</script> Strict")
    page.keyboard.press("Enter")
    page.keyboard.type("colour: red")
    issues = page.locator("#rubric-issues")
    expect(issues).to_contain_text(f"line {title_line + 1}, column")
    expect(issues).to_contain_text("unknown key 'colour'")
    expect(editor.locator(f".problem-marker[data-line='{title_line + 1}']")).to_be_visible()
    expect(page.locator(".code-editor.has-errors")).to_have_count(1)
    issues.locator(f"[data-goto-line='{title_line + 1}']").click()
    assert page.evaluate(f"() => [{CM}.hasFocus(), {CM}.getCursor().line, {CM}.getSelection()]") == [
        True,
        title_line,  # zero-based: the line after the title
        "colour: red",
    ]

    page.keyboard.press("Backspace")  # the fix: the selected line's text, then the line itself
    page.keyboard.press("Backspace")
    expect(issues).to_contain_text("A valid rubric")
    expect(editor.locator(".problem-marker")).to_have_count(0)
    lines[title_line - 1] = "title: <script>window.__xss=1</script> Strict"
    assert page.locator("#rubric-text").input_value() == "\n".join(lines)  # what the forms send

    # Tab indents inside the editor, so a keyboard leaves it with Esc, then Tab: no trap.
    editor.click()
    page.keyboard.press("Tab")
    assert page.locator("#rubric-text").input_value() != "\n".join(lines)  # two spaces went in
    page.keyboard.press("Control+Z")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => [{CM}.hasFocus(), !!document.activeElement.closest('[data-problems]')]") == [
        False,
        False,
    ]
    assert page.locator("#rubric-text").input_value() == "\n".join(lines)
    # Dee's session, previewed with the draft, becomes a test case of the rubric.
    page.locator("select[name=session_id]").select_option(session_id)
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#rubric-preview")).to_contain_text("With this draft, Dee")
    page.get_by_role("button", name="Add as a test case").click()
    expect(page.locator("[data-add-case]")).to_have_text("Added to the tests")
    assert f"session_id: {session_id}" in page.locator("#rubric-tests-text").input_value()
    expect(page.locator("[data-editor]:not([data-problems]) .CodeMirror")).to_contain_text(session_id)
    page.get_by_role("button", name="Run the tests").click()
    cases = len(re.findall(r"^  - name:", page.locator("#rubric-tests-text").input_value(), re.M))
    expect(page.locator("#rubric-tests")).to_contain_text(f"{cases} of {cases} cases pass")
    page.get_by_role("button", name="Save as v2").click()
    page.wait_for_url(f"**/rubrics/{new_id}")
    expect(page.locator("h1")).to_contain_text("v2")
    expect(page.locator(".versions")).to_contain_text("v1")
    from designer.rubric_library import RubricLibrary

    assert f"session_id: {session_id}" in RubricLibrary(store.engine).source(new_id)[1]  # saved with it
    page.get_by_role("link", name="Sessions graded with it · regrade").click()
    expect(page.locator("h1")).to_contain_text(new_id)
    expect(page.locator("table.regrade")).to_contain_text("v1")  # graded with v1, before the save
    page.get_by_role("button", name="Regrade all 1 with the latest version (v2)").click()
    page.wait_for_url("**/jobs/*")  # a background job, run by the worker; its page polls its progress
    expect(page.locator("[role=status]")).to_contain_text("Done: regraded 1 session with v2.", timeout=30_000)
    assert store.get(session_id).rubric_version == 2
    page.goto("/rubrics")
    expect(page.locator("table")).to_contain_text("<script>window.__xss=1</script> Strict")
    assert page.evaluate("() => window.__xss === undefined")
    assert not any(browser_problems.values()), browser_problems


def test_a_case_added_to_empty_tests_gets_a_tests_header(page: Page, live_server, store, browser_problems):
    email = f"ian-{uuid.uuid4().hex[:6]}@example.com"
    live_server.app.extensions["designer.accounts"].add(email, PASSWORD, "instructor", "Ian")
    new_id = f"bare-{uuid.uuid4().hex[:6]}"
    from designer.rubric_library import RubricLibrary

    owner = live_server.app.extensions["designer.accounts"].by_email(email)
    RubricLibrary(store.engine).duplicate("chat-app", new_id, owner.id)
    session_id = graded_session(live_server, new_id)
    page.goto(f"/rubrics/{new_id}")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/rubrics/{new_id}")

    tests_editor = page.locator("[data-editor]:not([data-problems]) .CodeMirror")
    tests_editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    assert page.locator("#rubric-tests-text").input_value() == ""
    page.locator("select[name=session_id]").select_option(session_id)
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Add as a test case").click()
    tests = page.locator("#rubric-tests-text").input_value()
    assert tests.startswith(f"rubric: {new_id}\ncases:\n  - name: 'Dee: ")
    page.get_by_role("button", name="Run the tests").click()
    expect(page.locator("#rubric-tests")).to_contain_text("1 of 1 cases pass")
    assert not any(browser_problems.values()), browser_problems
