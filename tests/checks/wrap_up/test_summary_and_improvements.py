from tests.checks.tester import Case, CheckTester

T = CheckTester("wrap_up.summary_and_improvements")
SUMMARY = (
    "WebSocket servers behind a load balancer publish to Kafka; workers store messages and push them out."
)


def test_summary_and_improvements_pass():
    T.valid(Case(panels={"wrap_up": {"summary": SUMMARY, "improvements": ["E2E encryption"]}}))


def test_half_done_is_half_the_points():
    T.invalid(
        Case(
            panels={"wrap_up": {"summary": SUMMARY}}, findings=[("no_improvements", None, None)], outcome=0.5
        )
    )
    T.invalid(
        Case(
            panels={"wrap_up": {"summary": "", "improvements": []}},
            findings=[("short_summary", {"words": 0}, None), ("no_improvements", None, None)],
        )
    )
