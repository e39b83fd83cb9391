from tests.checks.tester import Case, CheckTester

T = CheckTester("requirements.non_functional_present")


def panels(*entries):
    return {"requirements": {"non_functional": list(entries)}}


def test_enough_entries_pass():
    T.valid(Case(panels=panels(*["an entry"] * 2)))


def test_none_fails_and_blank_entries_do_not_count():
    T.invalid(
        Case(
            panels=panels("  "),
            findings=[("too_few", {"count": 0, "min": 2}, (("panel", "requirements.non_functional"),))],
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
