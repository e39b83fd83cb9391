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
