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
