from tests.checks.tester import Case, CheckTester

T = CheckTester("scale.survives_single_failure")


def peak(**exprs):
    return {"estimates": [{"name": n, "expr": e, "unit": "1/s"} for n, e in exprs.items()]}


def test_a_redundant_design_with_headroom_survives_any_one_failure():
    T.valid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*3 -> db:nosql_database*3",
            peak(peak_write_qps="1.5K"),
        )
    )


def test_a_lone_database_breaks_the_paths_through_it():
    T.invalid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*3 -[write order]-> db:sql_database",
            findings=[
                (
                    "breaks",
                    {"name": "db", "count": 1, "examples": "write order"},
                    (("node", "db"), ("edge", "e3")),
                )
            ],
        )
    )


def test_redundancy_without_headroom_degrades():
    # Three instances at 1K/s carry 2.5K/s; two can't.
    T.invalid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*3 -> db:nosql_database*3",
            peak(peak_write_qps="2.5K"),
            findings=[
                ("degrades", {"name": "api", "over": "api", "utilisation": "125%"}, (("node", "api"),))
            ],
        )
    )


def test_a_worker_whose_store_is_lost_stops_its_other_work_too():
    T.invalid(
        Case(
            "c:client -> api:service*2 ~> q:queue*3 ~> w:worker*2 -> db:sql_database\nw -[notify]-> n:notification_service*2",
            findings=[
                ("breaks", {"name": "db", "count": 2}, (("node", "db"), ("edge", "e4"), ("edge", "e5")))
            ],
        )
    )


def test_a_standby_or_a_managed_store_survives():
    T.valid(
        Case(
            "c:client -> api:service*2 -> db:sql_database\ndb => standby:sql_database\napi -> s3:object_storage!",
            peak(peak_qps="100"),
        )
    )


def test_without_a_peak_nothing_breaking_is_not_enough_to_pass():
    # Taking the peak row away must never turn a degraded design into a pass (a metamorphic case).
    board = "c:client -> lb:load_balancer*2 -> api:service*3 -> db:nosql_database*3"
    T.invalid(Case(board, outcome="not_assessable"))
    T.invalid(Case(board + "\napi -> x:sql_database", findings=[("breaks", {"name": "x"}, None)]))


def test_a_pool_drawn_as_two_boxes_survives_losing_one_when_the_other_has_room():
    board = "c:client -> lb:load_balancer*2 -> a:service -> db:nosql_database*3\nlb -> b:service -> db"
    T.valid(Case(board, peak(peak_write_qps="600")))
    T.invalid(
        Case(
            board,
            peak(peak_write_qps="1.5K"),
            findings=[
                (
                    "degrades",
                    {"name": "a", "over": "b", "utilisation": "150%"},
                    (("node", "a"), ("node", "b")),
                ),
                ("degrades", {"name": "b", "over": "a"}, None),
            ],
        )
    )


def test_no_client_or_no_paths_cannot_be_judged():
    T.invalid(Case("api:service -> db:sql_database", outcome="not_assessable"))
    T.invalid(Case("c:client", outcome="not_assessable"))
    T.invalid(Case("", outcome="not_assessable"))


def test_a_store_said_to_be_replicated_on_the_box_fails_over_like_one_with_a_standby():
    # the single-point-of-failure check and this drill read the box alike
    case = Case(
        "c:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database",
        {"estimates": [{"name": "peak_write_qps", "expr": "500", "unit": "1/s"}]},
        labels={"db": "Postgres (primary + hot standby)"},
    )
    T.valid(case)
