from tests.checks.tester import Case, CheckTester

T = CheckTester("database.choice_justified")


def test_choice_with_reason_passes():
    T.valid(Case(panels={"database": {"choice": "Cassandra for messages: write-heavy, partitioned by chat"}}))


def test_bare_choice_fails():
    T.invalid(
        Case(
            panels={"database": {"choice": "Postgres"}}, findings=[("no_reason", {"store": "postgres"}, None)]
        )
    )
    T.invalid(Case(panels={"database": {"choice": ""}}, findings=[("missing", None, None)]))
    T.invalid(
        Case(
            panels={"database": {"choice": "whatever is fastest because speed matters a lot"}},
            findings=[("no_store", None, None)],
        )
    )
