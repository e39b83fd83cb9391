from tests.checks.tester import Case, CheckTester

T = CheckTester("process.requirements_before_design")
REQ = {"requirements": {"functional": ["send"], "non_functional": [], "questions": [], "out_of_scope": []}}
BOARD = {"nodes": [{"data": {"id": "c", "kind": "client"}}], "edges": []}


def test_requirements_first_passes():
    T.valid(
        Case(
            history=[
                {"at": 60, "board": {"nodes": [], "edges": []}, "panels": REQ},
                {"at": 300, "board": BOARD, "panels": REQ},
            ]
        )
    )


def test_board_first_fails():
    T.invalid(
        Case(
            history=[{"at": 30, "board": BOARD, "panels": {}}, {"at": 300, "board": BOARD, "panels": REQ}],
            findings=[("jumped", {"count": 0, "at": "0:30"}, None)],
        )
    )


def test_without_history_does_not_apply():
    T.invalid(Case(outcome="does_not_apply"))
