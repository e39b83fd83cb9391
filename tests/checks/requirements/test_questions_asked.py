from tests.checks.tester import Case, CheckTester, counting_tests

test_enough_entries_pass, test_none_fails_and_blank_entries_do_not_count, test_min_is_a_parameter = (
    counting_tests(
        "requirements.questions_asked",
        "requirements.questions",
        3,
        entry={"question": "Q?", "answer": "A"},
        blank={"question": "", "answer": ""},
    )
)


T = CheckTester("requirements.questions_asked")


def test_each_question_asked_in_one_row_counts():
    """Asked in one breath — "Group chats? Media? How many users?" — three questions counted as one."""
    rows = [{"question": "Group chats? Media? How many users?", "answer": "Up to 100; images only; 500M"}]
    T.valid(Case(panels={"requirements": {"questions": rows}}))


def test_a_row_without_a_question_mark_is_still_one_question():
    rows = [{"question": "Ask about group size", "answer": "100"}, {"question": "Scale", "answer": "500M"}]
    T.invalid(
        Case(
            panels={"requirements": {"questions": rows}},
            findings=[("too_few", {"count": 2}, None)],
            outcome=2 / 3,
        )
    )
