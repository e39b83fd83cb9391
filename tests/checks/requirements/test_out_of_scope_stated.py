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
