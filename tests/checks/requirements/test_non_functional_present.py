import pytest

from tests.checks.tester import Case, CheckTester, counting_tests

T = CheckTester("requirements.non_functional_present")

test_enough_entries_pass, test_none_fails_and_blank_entries_do_not_count, test_min_is_a_parameter = (
    counting_tests(
        "requirements.non_functional_present", "requirements.non_functional", 2, entry="an entry", blank="  "
    )
)


@pytest.mark.parametrize(
    "line",
    [
        "99.99% availability; p99 < 200 ms; eventual consistency for receipts",
        "1) highly available 2) p99 delivery under 200 ms 3) durable: no message lost",
        "• 99.99% uptime • p99 < 200 ms • messages never lost",
    ],
)
def test_several_requirements_on_one_line_count_each(line):
    # written on one line, separated as a list: they were one entry, "write at least 2"
    T.valid(Case(panels={"requirements": {"non_functional": [line]}}))


@pytest.mark.parametrize(
    "line", ["Low latency, high availability and strong consistency", "p99 < 200 ms (reads)"]
)
def test_one_sentence_is_one_requirement(line):
    T.invalid(
        Case(
            panels={"requirements": {"non_functional": [line]}},
            findings=[("too_few", {"count": 1}, None)],
            outcome=0.5,
        )
    )
