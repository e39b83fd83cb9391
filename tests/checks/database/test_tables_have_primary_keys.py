from tests.checks.tester import Case, CheckTester

T = CheckTester("database.tables_have_primary_keys")


def ddl(text):
    return {"database": {"ddl": text}}


def test_keyed_tables_pass():
    T.valid(
        Case(
            panels=ddl(
                "CREATE TABLE a (id INT PRIMARY KEY); CREATE TABLE b (x INT, y INT, PRIMARY KEY ((x), y))"
            )
        )
    )


def test_keyless_table_fails():
    T.invalid(
        Case(
            panels=ddl("CREATE TABLE a (id INT PRIMARY KEY); CREATE TABLE logs (at TIMESTAMP)"),
            findings=[("no_key", {"table": "logs"}, (("panel", "database.ddl"),))],
        )
    )


def test_no_ddl_is_not_assessable():
    T.invalid(Case(outcome="not_assessable"))
