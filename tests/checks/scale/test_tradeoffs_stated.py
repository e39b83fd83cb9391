from tests.checks.tester import Case, CheckTester

T = CheckTester("scale.tradeoffs_stated")
GOOD = [
    "Eventual over strong consistency because receipts can be late",
    "Fan-out on write rather than on read, since reads dominate",
]


def test_full_tradeoffs_pass():
    T.valid(Case(panels={"scale": {"tradeoffs": GOOD}}))


def test_bare_choices_do_not_count():
    T.invalid(
        Case(
            panels={"scale": {"tradeoffs": [GOOD[0], "Use Kafka"]}},
            findings=[
                ("incomplete", {"text": "Use Kafka"}, (("panel", "scale.tradeoffs[1]"),)),
                ("too_few", {"count": 1, "min": 2}, None),
            ],
            outcome=0.5,
        )
    )


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "text",
    [
        "Chose Cassandra over MySQL: writes dominate and we need horizontal scale",
        "Cassandra instead of Postgres — write-heavy workload, no joins needed",
        "Kafka rather than RabbitMQ: replayable log, higher throughput",
        "WebSockets vs long polling → lower latency and fewer requests",
        "Trade consistency for availability: a stale read receipt is harmless",
        "Sacrifice strong consistency in exchange for lower latency",
        "Denormalize the feed table (faster reads, at the cost of storage)",
        "Push fan-out, at the expense of write amplification for celebrities, to keep reads fast",
    ],
)
def test_a_tradeoff_in_other_words_is_a_tradeoff(text):
    """The choice, what it costs or was chosen over, and why, however it is punctuated: a colon or
    a dash before the reason, "trade X for Y", "at the cost of", "in exchange for"."""
    T.valid(Case(panels={"scale": {"tradeoffs": [GOOD[0], text]}}))


@pytest.mark.parametrize(
    "text",
    ["Redis vs Memcached", "Redis vs Memcached: Redis", "Use Cassandra: it scales", "Cost: $200/month"],
)
def test_a_choice_or_a_comparison_without_both_parts_is_not(text):
    T.invalid(
        Case(
            panels={"scale": {"tradeoffs": [GOOD[0], text]}},
            findings=[("incomplete", None, None), ("too_few", {"count": 1, "min": 2}, None)],
            outcome=0.5,
        )
    )


@pytest.mark.parametrize(
    "text",
    [
        # What it was chosen over, in other words
        "Prefer eventual consistency to strong consistency because a late receipt costs nothing",
        "Cassandra as opposed to MySQL, because writes dominate",
        "Chose Cassandra; the alternative was MySQL, which is harder to shard",
        "WebSockets win against long polling because traffic goes both ways",
        "Cassandra (compared with Postgres) because writes dominate",
        "Kafka in place of SQS because we need replay",
        "Postgres is better than Mongo here since we need transactions",
        # What it costs, in other words
        "Redis cache speeds up reads but risks stale data",
        "Denormalised feed table: faster reads, at the price of more storage",
        "Eventual consistency. Pro: low latency. Con: stale reads for a few seconds",
        "Pros: cheap, simple. Cons: single region only",
        # Why, in other words
        "Picked Kafka, not RabbitMQ, for its replayable log",
        "Kafka over SQS to support replay",
        "Kafka over SQS, so consumers can replay",
        "Kafka over SQS thanks to its replayable log",
        "Kafka over SQS in order to replay events",
        "Cassandra over MySQL for write throughput",
        "WebSockets rather than polling for real-time delivery",
        "Cassandra over MySQL as writes dominate",
        "Cassandra over MySQL, as our workload is write-heavy",
        "Cassandra instead of MySQL; it handles 1M writes/s",
    ],
)
def test_a_tradeoff_in_other_peoples_words_is_a_tradeoff(text):
    """Found by writing trade-offs as people do: "prefer X to Y", "as opposed to", pros and cons,
    "but it risks…", and reasons given by "to support", "so", "for its…", "for throughput"."""
    T.valid(Case(panels={"scale": {"tradeoffs": [GOOD[0], text]}}))


@pytest.mark.parametrize(
    "text",
    [
        "Chose availability over consistency",
        "Cassandra for messages",
        "Use Redis because it is fast",
        "Cache profiles in Redis to reduce latency",
        "Redis cache to speed up reads",
        "Prefer WebSockets",
        "Kafka over SQS for messages",
        "Cost: $200/month",
    ],
)
def test_a_reason_without_an_alternative_or_an_alternative_without_a_reason_is_not(text):
    T.invalid(
        Case(
            panels={"scale": {"tradeoffs": [GOOD[0], text]}},
            findings=[("incomplete", None, None), ("too_few", {"count": 1, "min": 2}, None)],
            outcome=0.5,
        )
    )
