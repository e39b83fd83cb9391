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
