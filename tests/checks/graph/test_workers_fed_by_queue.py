from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.workers_fed_by_queue")


def test_workers_fed_through_a_queue_or_stream_pass():
    T.valid(Case("c:client -> chat:websocket_server ~> kafka:stream ~> fanout:worker*3 -> db:nosql_database"))
    T.valid(
        Case("api:service -> q:queue -> w:worker\nw -> mail:notification_service")
    )  # a worker may call out


def test_a_queue_replaced_by_a_synchronous_call_is_caught_with_the_arrow_as_evidence():
    T.invalid(
        Case(
            "c:client -> chat:websocket_server -> fanout:worker*3 -> db:nosql_database",
            findings=[("sync_to_worker", {"source": "chat", "target": "fanout"}, (("edge", "e2"),))],
        )
    )


def test_an_async_arrow_straight_to_a_worker_is_not_this_check_s_business():
    # async_through_queue accepts an async arrow into a worker; what this check forbids is waiting for it.
    T.valid(Case("api:service ~> w:worker"))


def test_a_synchronous_fan_out_to_background_services_fails():
    T.invalid(
        Case(
            "api:service -> push:notification_service\napi -> sms:notification_service",
            findings=[
                ("sync_fan_out", {"source": "api", "targets": "push, sms"}, (("edge", "e1"), ("edge", "e2")))
            ],
        )
    )


def test_no_worker_and_no_fan_out_does_not_apply_and_no_arrows_is_an_omission():
    T.invalid(Case("c:client -> api:service -> db:sql_database", outcome="does_not_apply"))
    T.invalid(Case("api:service\nw:worker", outcome="not_assessable"))
