from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.load_balancer_in_front_of_pool")


def test_pool_by_replicas_or_by_boxes_passes():
    T.valid(Case("c:client -> lb:load_balancer -> api:service*3"))
    T.valid(Case("c:client -> lb:load_balancer -> a:web_server\nlb -> b:web_server"))


def test_single_server_fails():
    T.invalid(
        Case(
            "c:client -> lb:load_balancer -> api:service",
            findings=[("small_pool", {"size": 1, "min": 2}, (("node", "lb"),))],
        )
    )


def test_no_balancer_and_nothing_behind():
    T.invalid(Case("c:client -> api:service*3", findings=[("no_balancer", None, None)]))
    T.invalid(Case("c:client -> lb:load_balancer", findings=[("nothing_behind", None, (("node", "lb"),))]))


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "label",
    [
        "API servers",
        "API (auto-scaling group)",
        "Web server fleet",
        "API x N",
        "API cluster",
        "Stateless API pods",
        # the words a zone drawn around boxes is read by (board.zone_says_pool), written on one box
        "API (Auto Scaling group)",
        "Web VM scale set",
        "API managed instance group",
        "API (horizontally scalable)",
        "API, scales out behind the LB",
        # a negated pool word beside an affirmed one: still a pool
        "API servers (no autoscaling yet)",
        "API ×3",
    ],
)
def test_a_box_that_says_it_is_a_pool_is_a_pool(label):
    """One box for the pool is how a whiteboard draws it: "API servers" behind the load balancer was
    "fronts only 1 server", and the box a single point of failure."""
    board = "c:client -> lb:load_balancer*2 -> api:service -> db:sql_database*2"
    T.valid(Case(board, labels={"api": label}))
    CheckTester("graph.no_single_point_of_failure").valid(Case(board, labels={"api": label}))


@pytest.mark.parametrize(
    "label",
    [
        "API server",
        "API",
        "Single API server",
        "One API server for now",
        # a pool word negated says there is no pool
        "API (no autoscaling yet)",
        "API server, without an Auto Scaling group",
        "API (not horizontally scalable yet)",
    ],
)
def test_a_box_that_says_it_is_one_is_one(label):
    board = "c:client -> lb:load_balancer*2 -> api:service -> db:sql_database*2"
    T.invalid(Case(board, labels={"api": label}, findings=[("small_pool", {"size": 1}, None)]))
