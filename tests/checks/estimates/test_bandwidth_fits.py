from tests.checks.tester import Case, CheckTester

T = CheckTester("estimates.bandwidth_fits")


def rows(**exprs):
    return {"estimates": [{"name": n, "expr": e, "unit": "MB/s"} for n, e in exprs.items()]}


def test_a_bandwidth_the_edge_carries_passes():
    T.valid(Case("c:client -> lb:load_balancer*2 -> api:service", rows(bandwidth_out="1 GB/s")))


def test_a_bandwidth_over_the_edge_fails_with_its_figures():
    T.invalid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service",
            rows(bandwidth_in="10 MB/s", egress="20 GB/s"),
            findings=[
                (
                    "over",
                    {"row": "egress", "figure": "20 GB /s", "capacity": "2.5 GB /s", "utilisation": "800%"},
                    (("panel", "estimates[1]"), ("node", "lb")),
                )
            ],
        )
    )


def test_a_cdn_at_the_edge_carries_the_heavy_content():
    board = "c:client -> lb:load_balancer*2 -> api:service"
    T.invalid(Case(board, rows(egress="8 GB/s"), findings=[("over", {"names": "lb"}, None)]))
    T.valid(Case(board + "\nc -> cdn:cdn", rows(egress="8 GB/s")))


def test_a_peak_row_is_preferred_and_per_day_figures_are_rates():
    T.valid(Case("c:client -> lb:load_balancer", rows(peak_bandwidth="500 MB/s", bandwidth_monthly="1 PB/s")))
    day = {"estimates": [{"name": "bandwidth", "expr": "86400 GB", "unit": "GB/day"}]}
    T.invalid(Case("c:client -> lb:load_balancer", day, findings=[("over", {"figure": "1 GB /s"}, None)]))


def test_storage_per_day_is_not_bandwidth_and_without_either_it_cannot_judge():
    storage = {"estimates": [{"name": "storage_per_day", "expr": "100 GB", "unit": "GB/day"}]}
    T.invalid(Case("c:client -> lb:load_balancer", storage, outcome="not_assessable"))
    T.invalid(Case("c:client", rows(bandwidth="1 MB/s"), outcome="not_assessable"))


def test_the_figures_are_the_rubrics():
    case = Case("c:client -> lb:load_balancer", rows(bandwidth="100 MB/s"))
    T.valid(case)
    T.invalid(
        Case(
            case.board,
            case.panels,
            params={"capacity": {"load_balancer": {"bandwidth_bytes": 1e8}}},
            findings=[("over", {"utilisation": "100%"}, None)],
        )
    )


def test_an_edge_that_grows_with_the_traffic_carries_it():
    # a managed load balancer or gateway (ALB, API Gateway) was one instance's 1.25 GB/s, though the
    # capacity check reads the same box as growing with its load
    for edge in ["lb:load_balancer!", "gw:api_gateway!"]:
        case = Case(f"c:client -> {edge} -> api:service*10", rows(egress="20 GB/s"))
        T.valid(case)
        findings, _, _ = T.outcome(case)
        assert findings[0].message == "scales"
    T.invalid(
        Case(
            "c:client -> lb:load_balancer*2 -> api:service*10",
            rows(egress="20 GB/s"),
            findings=[("over", None, None)],
        )
    )
