from tests.checks.tester import Case, CheckTester

T = CheckTester("process.time_per_step")


def test_within_budget_passes():
    T.valid(
        Case(
            steps=[{"step": "requirements", "at": 0}, {"step": "estimates", "at": 300}], history=[{"at": 400}]
        )
    )


def test_over_budget_step_fails():
    # 45 minutes: requirements' budget is 4:30; with tolerance 1.5, 6:45. Ten minutes is over.
    T.invalid(
        Case(
            steps=[{"step": "requirements", "at": 0}, {"step": "estimates", "at": 600}],
            history=[{"at": 700}],
            findings=[
                (
                    "over",
                    {"step": "Clarify requirements", "spent": "10:00", "budget": "4:30"},
                    (("panel", "requirements"),),
                )
            ],
            outcome=0.5,
        )
    )


def test_without_steps_does_not_apply():
    T.invalid(Case(outcome="does_not_apply"))
