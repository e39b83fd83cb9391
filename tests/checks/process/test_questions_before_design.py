from tests.checks.tester import Case, CheckTester

T = CheckTester("process.questions_before_design")
BOARD = {"nodes": [{"data": {"id": "c", "kind": "client"}}], "edges": []}
EMPTY = {"nodes": [], "edges": []}


def asked(*questions):
    return {
        "requirements": {
            "functional": [],
            "non_functional": [],
            "questions": [{"question": q, "answer": ""} for q in questions],
            "out_of_scope": [],
        }
    }


def test_questions_first_passes():
    T.valid(
        Case(
            history=[
                {"at": 60, "board": EMPTY, "panels": asked("How many users?", "Group chats?")},
                {"at": 300, "board": BOARD, "panels": asked("How many users?", "Group chats?")},
            ]
        )
    )


def test_board_first_fails_even_with_questions_later():
    T.invalid(
        Case(
            history=[
                {"at": 95, "board": BOARD, "panels": asked()},
                {"at": 600, "board": BOARD, "panels": asked("How many users?")},
            ],
            findings=[("drew_first", {"count": 0, "at": "1:35"}, None)],
        )
    )


def test_blank_questions_do_not_count_and_min_is_a_parameter():
    T.invalid(
        Case(
            history=[{"at": 120, "board": BOARD, "panels": asked("", "  ", "Read-heavy?")}],
            params={"min": 2},
            findings=[("drew_first", {"count": 1, "at": "2:00"}, None)],
        )
    )


def test_without_history_does_not_apply_and_without_a_board_is_an_omission():
    T.invalid(Case(outcome="does_not_apply"))
    T.invalid(Case(history=[{"at": 10, "board": EMPTY, "panels": asked("Why?")}], outcome="not_assessable"))
