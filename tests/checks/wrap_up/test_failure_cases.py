from tests.checks.tester import counting_tests

test_enough_entries_pass, test_none_fails_and_blank_entries_do_not_count, test_min_is_a_parameter = (
    counting_tests(
        "wrap_up.failure_cases",
        "wrap_up.failure_cases",
        2,
        entry="a server dies: clients reconnect",
        blank=" ",
    )
)
