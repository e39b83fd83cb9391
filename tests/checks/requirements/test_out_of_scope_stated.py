import pytest

from tests.checks.tester import Case, CheckTester, counting_tests

T = CheckTester("requirements.out_of_scope_stated")

test_enough_entries_pass, test_none_fails_and_blank_entries_do_not_count, test_min_is_a_parameter = (
    counting_tests(
        "requirements.out_of_scope_stated", "requirements.out_of_scope", 1, entry="an entry", blank="  "
    )
)


def test_out_of_scope_items_written_among_the_requirements_count():
    # the candidate said it, in the list beside: it was "0 out-of-scope items"
    written = {
        "functional": ["Send a message", "Out of scope: video calls"],
        "non_functional": ["Not needed: analytics"],
    }
    findings, _, _ = T.outcome(Case(panels={"requirements": written}))
    assert [(f.message, f.data["count"]) for f in findings] == [("enough", 2)]


def test_a_requirement_put_off_to_later_is_out_of_scope_for_now():
    findings, _, _ = T.outcome(
        Case(panels={"requirements": {"functional": ["Send a message", "Later: video calls"]}})
    )
    assert [(f.message, f.data["count"]) for f in findings] == [("enough", 1)]


@pytest.mark.parametrize(
    "said",
    [
        "Not covering: voice/video calls",
        "Deferred to v2: payments",
        "We won't build stories",
        "Video calls are a later phase",
        "Skip: analytics",
        "Out-of-scope - payments",
        "Future work: search across chats",
        "Not supporting message editing",
    ],
)
def test_what_is_left_out_in_other_words_is_out_of_scope(said):
    """Each was written among the requirements and counted as none out of scope (and as a
    requirement)."""
    findings, _, _ = T.outcome(Case(panels={"requirements": {"functional": ["Send a message", said]}}))
    assert [(f.message, f.data["count"]) for f in findings] == [("enough", 1)]


@pytest.mark.parametrize(
    "requirement", ["Users can skip ads", "Skip to the latest message", "Support for future-dated messages"]
)
def test_requirements_with_those_words_are_still_requirements(requirement):
    findings, _, _ = T.outcome(Case(panels={"requirements": {"functional": [requirement]}}))
    assert [(f.message, f.data["count"]) for f in findings] == [("too_few", 0)]


def test_an_out_of_scope_line_in_a_list_kept_as_one_entry_is_out_of_scope():
    """A Markdown list pasted as one entry: its "- Out of scope: …" line was neither out of scope nor
    left out of the requirements (the bullet hid the cue)."""
    pasted = "- Send a message\n- Out of scope: video calls\n* [ ] Later: stories"
    findings, _, _ = T.outcome(Case(panels={"requirements": {"functional": [pasted]}}))
    assert [(f.message, f.data["count"]) for f in findings] == [("enough", 2)]
    functional = CheckTester("requirements.functional_present")
    findings, _, _ = functional.outcome(Case(panels={"requirements": {"functional": [pasted]}}))
    assert [(f.message, f.data["count"]) for f in findings] == [("too_few", 1)]
