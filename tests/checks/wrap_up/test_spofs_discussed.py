import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("wrap_up.spofs_discussed")
LONE_DB = "c:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database"


def said(*failure_cases, tradeoffs=()):
    return {
        "wrap_up": {"failure_cases": list(failure_cases)},
        "scale": {"tradeoffs": list(tradeoffs), "bottlenecks": []},
    }


@pytest.mark.parametrize(
    "case",
    [
        Case("c:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database*2"),  # none to discuss
        Case(LONE_DB, panels=said("If the database fails we restore from the hourly backup.")),
        Case(LONE_DB, panels=said("Losing DB means minutes of downtime.")),  # its label
    ],
)
def test_each_spof_named_in_failure_cases_or_tradeoffs_passes(case):
    T.valid(case)


@pytest.mark.parametrize(
    "panels",
    [
        said("A chat server dies: clients reconnect."),
        said(tradeoffs=["use MySQL", "one SQL database: simple"]),  # naming it is not discussing its failure
    ],
)
def test_an_undiscussed_spof_fails_at_its_box(panels):
    T.invalid(Case(LONE_DB, panels=panels, findings=[("undiscussed", {"name": "db"}, (("node", "db"),))]))


def test_discussing_some_of_them_earns_a_part():
    T.invalid(
        Case(
            "c:client -> lb:load_balancer -> api:service*3 -> db:sql_database",
            panels=said("If the database fails we fail over by hand."),
            findings=[("undiscussed", {"name": "lb"}, (("node", "lb"),))],
            outcome=0.5,
        )
    )


def test_without_a_client_not_assessable():
    T.invalid(Case("api:service -> db:sql_database", outcome="not_assessable"))


@pytest.mark.parametrize(
    "failure_case",
    ["If the DB dies we fail over to the standby", "If our SQL server crashes we lose writes for a minute"],
)
def test_a_single_point_named_by_its_usual_abbreviation_is_discussed(failure_case):
    """ "The DB" is how people say "the database": it names a database box as the kind's name does."""
    T.valid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*3 -> pg:sql_database",
            panels={"wrap_up": {"failure_cases": [failure_case]}},
        )
    )


def test_an_abbreviation_of_another_kind_does_not_discuss_the_box():
    T.invalid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*3 -> pg:sql_database",
            panels={"wrap_up": {"failure_cases": ["If the LB dies the other one takes over"]}},
            findings=[("undiscussed", {"name": "pg"}, None)],
        )
    )


def test_a_failure_case_naming_the_product_of_a_single_box_discusses_it():
    board = "c:client -> lb:load_balancer*2 -> api:service*3 -> s:cache -> db:sql_database*2"
    T.valid(
        Case(
            board,
            labels={"s": "KV tier"},
            panels={"wrap_up": {"failure_cases": ["Redis goes down: logins are rebuilt from the database"]}},
        )
    )


@pytest.mark.parametrize(
    ("label", "failure_case"),
    [
        ("PostgreSQL", "If PG goes down, promote the standby"),
        ("Postgres primary", "When the primary fails, a replica is promoted"),
        ("Orders MySQL master", "Master loss: promote a replica, lose at most 1 s of writes"),
        ("PostgreSQL", "data store unavailable: serve cached reads"),
        ("PostgreSQL", "Datastore outage → read-only mode"),
    ],
)
def test_a_single_point_named_as_people_name_it_is_discussed(label, failure_case):
    """By its product's short name ("PG"), its role, the last word of its label ("the primary"), or
    as a data store: each was "no failure case mentions it"."""
    T.valid(Case(LONE_DB, labels={"db": label}, panels=said(failure_case)))


@pytest.mark.parametrize("label", ["Auth service", "Media layer", "Presence: users"])
def test_a_last_word_that_is_no_role_does_not_name_the_box(label):
    """ "PostgreSQL: users" is not discussed by "users reconnect", nor "Auth service" by "the billing
    service"."""
    board = "c:client -> lb:load_balancer*2 -> s:websocket_server -> db:sql_database*2"
    T.invalid(
        Case(
            board,
            labels={"s": label},
            panels=said("The billing service or the CDN layer may fail: users retry"),
            findings=[("undiscussed", {"name": label}, None)],
        )
    )
