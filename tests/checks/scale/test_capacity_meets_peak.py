from designer.checks.base import SessionView
from tests.checks.tester import Case, CheckTester

T = CheckTester("scale.capacity_meets_peak")


def peak(**exprs):
    return {"estimates": [{"name": n, "expr": e, "unit": "1/s"} for n, e in exprs.items()]}


def test_a_design_sized_for_its_peak_passes_and_names_its_busiest_box():
    case = Case(
        "c:client -> lb:load_balancer*2 -> api:service*10 -> db:nosql_database*3", peak(peak_write_qps="5K")
    )
    T.valid(case)
    findings, _, _ = T.outcome(case)
    assert findings[0].message == "holds" and findings[0].data["name"] == "api"
    assert findings[0].data["utilisation"] == "50%" and findings[0].data["headroom"] == "2.0"


def test_an_under_provisioned_tier_fails_with_its_figures_and_the_rows_as_evidence():
    T.invalid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*2 -> db:nosql_database*3",
            peak(peak_write_qps="5K"),
            findings=[
                (
                    "over",
                    {"name": "api", "utilisation": "250%", "replicas": 2, "needed": 8},
                    (("node", "api"), ("panel", "estimates[0]")),
                )
            ],
        )
    )


def test_reads_absorbed_by_a_cache_do_not_load_the_database():
    board = "c:client -> api:service*40 -> cache:cache\napi -> db:sql_database"
    T.valid(Case(board, peak(peak_read_qps="20K")))  # 4K misses on a 10K/s database
    T.invalid(
        Case(
            "c:client -> api:service*40 -> db:sql_database",
            peak(peak_read_qps="20K"),
            findings=[("over", {"name": "db", "utilisation": "200%"}, None)],
        )
    )


def test_the_limit_and_the_figures_are_the_rubrics():
    case = Case("c:client -> api:service*10", peak(peak_qps="6K"))
    T.valid(case)
    T.invalid(
        Case(
            case.board,
            case.panels,
            params={"max_utilisation": 0.5},
            findings=[("over", {"name": "api"}, None)],
        )
    )
    T.invalid(
        Case(
            case.board,
            case.panels,
            params={"capacity": {"service": {"reads": 500}}},
            findings=[("over", {"name": "api", "utilisation": "120%"}, None)],
        )
    )


def test_a_box_can_say_its_own_capacity():
    case = Case("c:client -> api:service*2", peak(peak_qps="3K"))
    T.invalid(
        Case(case.board, case.panels, findings=[("over", {"name": "api", "utilisation": "150%"}, None)])
    )
    session = case.session()
    session["board"]["nodes"][1]["data"]["capacity"] = {"reads": 5_000}
    findings = list(T.check.run(SessionView(session), T.check.params()))
    assert [f.message for f in findings] == ["holds"] and findings[0].data["utilisation"] == "30%"


def test_without_a_peak_rate_or_a_client_it_cannot_judge():
    T.invalid(
        Case(
            "c:client -> api:service",
            {"estimates": [{"name": "storage", "expr": "1 TB"}]},
            outcome="not_assessable",
        )
    )
    T.invalid(Case("api:service -> db:sql_database", peak(peak_qps="1K"), outcome="not_assessable"))
    T.invalid(Case("", outcome="not_assessable"))


def test_a_design_whose_every_box_scales_with_its_load_holds_its_peak():
    # API Gateway → Lambda → DynamoDB, all managed: no box has a fixed capacity to exceed. It used to
    # find nothing to judge and earn nothing, the same as an empty board.
    case = Case(
        "c:client -> gw:api_gateway! -> fn:service! -> ddb:nosql_database!", peak(peak_write_qps="5K")
    )
    T.valid(case)
    findings, _, _ = T.outcome(case)
    assert findings[0].message == "scales" and findings[0].data["names"] == "gw, fn, ddb"


def test_a_board_with_no_box_that_takes_load_still_has_nothing_to_judge():
    from designer.grading import _collect

    view = SessionView(Case("c:client -> x:external", peak(peak_write_qps="5K")).session())
    findings, _, not_assessable = _collect(T.check, view, T.check.params())
    assert findings == [] and not_assessable is not None and not_assessable.message == "empty"


def test_a_peak_row_that_does_not_evaluate_leaves_the_load_unknown():
    # url-shortener's 1B-links answer without its read_qps row: peak_read_qps = read_qps * 3 no longer
    # evaluates, the load was the writes alone, and a redirect tier 145% loaded at the true peak "held"
    estimates = {
        "estimates": [
            {"name": "write_qps", "expr": "400", "unit": "1/s"},
            {"name": "peak_read_qps", "expr": "read_qps * 3", "unit": "1/s"},
        ]
    }
    case = Case(
        "c:client -> lb:load_balancer*2 -> api:service*2 -> db:nosql_database*3",
        estimates,
        outcome="not_assessable",
    )
    T.invalid(case)
    _, _, not_assessable = T.outcome(case)
    assert not_assessable.message == "peak_unreadable" and not_assessable.data == {"names": "peak_read_qps"}
    # a box over its capacity at the part of the load that is known is over at the whole of it
    estimates["estimates"][0]["expr"] = "5K"
    T.invalid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*2 -> db:nosql_database*3",
            estimates,
            findings=[("over", {"name": "api"}, None)],
        )
    )
