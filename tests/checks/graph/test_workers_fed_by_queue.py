import pytest

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


# A consumer is often drawn pulling: its arrow goes to the queue it polls (Kafka consumers poll).
# Read as drawn, the workers had nothing feeding them: "unused", and this check had no worker fed.
PULLED = "c:client -> api:service*2 -> db:sql_database*2\napi ~> q:queue\nw:worker*2 -[{label}]-> q\nw -> db"


@pytest.mark.parametrize("label", ["poll jobs", "consume", "subscribes", "pull", ""])
def test_a_consumer_drawn_pulling_from_its_queue_is_fed_by_it(label):
    case = Case(PULLED.replace("-[{label}]->", f"-[{label}]->" if label else "->"))
    T.valid(case)
    CheckTester("graph.no_unused_components").valid(case)
    findings, _, _ = T.outcome(case)
    assert findings[0].message == "fed"


def test_a_producer_drawn_to_its_queue_stays_a_producer():
    # a scheduler that puts jobs on the queue the workers take (nothing feeds it, and the queue has
    # its consumers), and workers publishing results: both push, and stay as drawn
    from designer.board import as_requests

    drawn = Case(
        "cron:worker -> q:queue -> w:worker*2 -> db:sql_database\nw -[publish results]-> out:queue"
    ).session()
    ends = [(e["data"]["source"], e["data"]["target"]) for e in drawn["board"]["edges"]]
    assert [(e["data"]["source"], e["data"]["target"]) for e in as_requests(drawn["board"])["edges"]] == ends


@pytest.mark.parametrize(
    "board, labels",
    [
        (
            "c:client -> api:service*2 -> db:sql_database\ncron:service -> w:worker -> db",
            {"cron": "Cron scheduler"},
        ),
        ("c:client -> api:service*2 -> db:sql_database\ndb -[CDC binlog]-> w:worker -> es:search_index", {}),
        ("c:client -> api:service*2 -> s3:object_storage\ns3 -[object created event]-> w:worker", {}),
    ],
    ids=["scheduler", "change-data-capture", "storage-event"],
)
def test_work_no_request_waits_for_is_not_called_synchronously(board, labels):
    """A scheduler starting a nightly job, a database's change feed (CDC) and a bucket's "object
    created" event feed a worker with no user waiting: each was "called synchronously"."""
    T.valid(Case(board, labels=labels))
