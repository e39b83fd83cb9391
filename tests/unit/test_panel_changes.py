"""The conflict dialog's words: what differs between two versions of a panel."""

from __future__ import annotations

from designer.panel_changes import describe_changes, readable


def test_rows_are_matched_by_their_name_and_edits_named_field_by_field():
    mine = [{"name": "dau", "expr": "50M", "unit": "users"}, {"name": "qps", "expr": "dau / 86400 s"}]
    theirs = [{"name": "dau", "expr": "500M", "unit": "users"}, {"name": "peak", "expr": "qps * 3"}]
    assert describe_changes("estimates", mine, theirs) == [
        "Estimates, row “dau”: expr is “50M” in yours, “500M” in the saved version.",
        "Estimates: yours has the row “qps”; the saved version doesn’t.",
        "Estimates: the saved version has the row “peak”; yours doesn’t.",
    ]


def test_fields_of_a_panel_are_named_as_the_form_names_them():
    mine = {"choice": "Cassandra", "questions": [{"question": "Media?", "answer": "Out of scope"}]}
    theirs = {"choice": "PostgreSQL", "questions": []}
    assert describe_changes("database", mine, theirs) == [
        "Database choice: “Cassandra” in yours, “PostgreSQL” in the saved version.",
        "Clarifying questions: yours has the row “Media?”; the saved version doesn’t.",
    ]


def test_an_endpoint_is_named_by_its_method_and_path():
    mine = [{"method": "POST", "path": "/v1/messages", "purpose": "send"}]
    assert describe_changes("api", mine, []) == [
        "API: yours has the endpoint “POST /v1/messages”; the saved version doesn’t."
    ]


def test_the_same_versions_say_so():
    panel = {"functional": ["Send"]}
    assert describe_changes("requirements", panel, dict(panel)) == [
        "The two versions say the same; keeping either loses nothing."
    ]


def test_long_text_is_cut_short_in_the_sentence():
    text = "x" * 200
    (line,) = describe_changes("wrap_up", {"summary": text}, {"summary": ""})
    assert line.startswith("Summary: “" + "x" * 59 + "…” in yours")


def test_a_panel_reads_as_titles_and_lines():
    panel = {
        "functional": ["Send", "Read"],
        "non_functional": [],
        "questions": [{"question": "Groups?", "answer": "Yes"}],
    }
    assert (
        readable("requirements", panel)
        == "Functional requirements\n  Send\n  Read\nClarifying questions\n  Groups?: Yes"
    )
    assert readable("estimates", []) == "(empty)"
