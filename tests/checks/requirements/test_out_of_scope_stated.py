from tests.checks.tester import Case, CheckTester

T = CheckTester("requirements.out_of_scope_stated")


def panels(*entries):
    return {"requirements": {"out_of_scope": list(entries)}}


def test_enough_entries_pass():
    T.valid(Case(panels=panels(*["an entry"] * 1)))


def test_none_fails_and_blank_entries_do_not_count():
    T.invalid(
        Case(
            panels=panels("  "),
            findings=[("too_few", {"count": 0, "min": 1}, (("panel", "requirements.out_of_scope"),))],
        )
    )


def test_min_is_a_parameter():
    T.invalid(
        Case(
            panels=panels("an entry"),
            params={"min": 4},
            findings=[("too_few", {"count": 1}, None)],
            outcome=0.25,
        )
    )
