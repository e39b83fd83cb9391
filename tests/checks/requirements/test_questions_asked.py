from tests.checks.tester import Case, CheckTester

T = CheckTester("requirements.questions_asked")


def panels(*entries):
    return {"requirements": {"questions": list(entries)}}


def test_enough_entries_pass():
    T.valid(Case(panels=panels(*[{"question": "Q?", "answer": "A"}] * 3)))


def test_none_fails_and_blank_entries_do_not_count():
    T.invalid(
        Case(
            panels=panels({"question": "", "answer": ""}),
            findings=[("too_few", {"count": 0, "min": 3}, (("panel", "requirements.questions"),))],
        )
    )


def test_min_is_a_parameter():
    T.invalid(
        Case(
            panels=panels({"question": "Q?", "answer": "A"}),
            params={"min": 4},
            findings=[("too_few", {"count": 1}, None)],
            outcome=0.25,
        )
    )
