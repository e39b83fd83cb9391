from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.async_through_queue")


def test_async_through_a_buffer_passes():
    T.valid(Case("api:service ~> q:queue ~> w:worker -> db:sql_database"))


def test_nothing_async_earns_no_free_point():
    T.invalid(Case("api:service -> db:sql_database", outcome="does_not_apply"))


def test_unbuffered_async_arrow_fails():
    T.invalid(
        Case(
            "api:service ~> db:sql_database",
            findings=[("unbuffered", {"source": "api", "target": "db"}, (("edge", "e1"),))],
        )
    )


def test_require_async():
    T.invalid(
        Case("api:service -> db:sql_database", params={"require": True}, findings=[("none", None, None)])
    )
