from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.cache_on_read_path")


def test_cache_aside_and_read_through_pass():
    T.valid(Case("api:service -> r:cache\napi -> db:sql_database"))
    T.valid(Case("api:service -> r:cache -> db:sql_database"))


def test_no_cache_or_cache_off_the_path_fails():
    T.invalid(Case("api:service -> db:sql_database", findings=[("no_cache", None, None)]))
    T.invalid(
        Case("api:service -> db:sql_database\nr:cache", findings=[("off_path", None, (("node", "r"),))])
    )
