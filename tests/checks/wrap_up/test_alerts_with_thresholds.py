from tests.checks.tester import Case, CheckTester

T = CheckTester("wrap_up.alerts_with_thresholds")


def test_metrics_and_alerts_with_thresholds_pass():
    T.valid(
        Case(
            panels={
                "wrap_up": {"metrics": ["p99 latency", "error rate"], "alerts": ["p99 > 500 ms for 5 min"]}
            }
        )
    )


def test_alert_without_threshold_fails():
    T.invalid(
        Case(
            panels={"wrap_up": {"metrics": ["p99 latency", "errors"], "alerts": ["latency is high"]}},
            findings=[
                ("no_threshold", {"alert": "latency is high"}, (("panel", "wrap_up.alerts[0]"),)),
                ("few_alerts", {"count": 0}, None),
            ],
        )
    )


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "alert",
    [
        "Alert when consumer lag is greater than 10k messages",
        "Disk usage reaches 80%",
        "Queue depth hits 100K",
        "Alert on p99 latency of 300ms+",
        "If replication lag goes beyond 30 s",
        "Page when the error rate crosses 2%",
        "At least 5 failed logins a minute from one IP",
    ],
)
def test_a_threshold_in_other_words_is_a_threshold(alert):
    T.valid(Case(panels={"wrap_up": {"metrics": ["p99 latency", "error rate"], "alerts": [alert]}}))


@pytest.mark.parametrize(
    "alert",
    [
        "Alert when disk usage is 80% or more",
        "Replication lag 5 s or higher",
        "error rate 1% and above",
        "Disk usage at 85%: page on-call",
        "No heartbeat for 60 s",
        "Kafka consumer lag growing for 10 minutes",
        "p99 latency SLO of 200 ms breached",
        "Page if error rate doubles in 10 min",
        "Connections drop by 20% in 5 min",
        "Error rate 2x the weekly baseline",
    ],
)
def test_a_threshold_in_other_peoples_words_is_a_threshold(alert):
    """Found by writing alerts as on-call runbooks do: "80% or more", "at 85%", an absence or a
    trend for a time, an SLO's figure, a factor ("doubles", "2x the baseline"), a drop by a share."""
    T.valid(Case(panels={"wrap_up": {"metrics": ["p99 latency", "error rate"], "alerts": [alert]}}))


@pytest.mark.parametrize(
    "alert",
    [
        "Page when the error rate is above five percent",
        "p99 latency over three hundred milliseconds",
        "Disk usage exceeds ninety percent",
        "No heartbeat for thirty seconds",
        "Consumer lag greater than ten thousand messages",
    ],
)
def test_a_threshold_spelled_out_in_words_is_a_threshold(alert):
    """The figure of an alert said aloud: "above five percent" fires as surely as "above 5%"."""
    T.valid(Case(panels={"wrap_up": {"metrics": ["p99 latency", "error rate"], "alerts": [alert]}}))


@pytest.mark.parametrize(
    "alert",
    [
        "Latency is high",
        "Disk full",
        "5xx spike",
        "Latency is high for a while",
        "Page if any one node is down",
    ],
)
def test_an_alert_that_never_says_when_it_fires_has_no_threshold(alert):
    T.invalid(
        Case(
            panels={"wrap_up": {"metrics": ["p99 latency", "error rate"], "alerts": [alert]}},
            findings=[("no_threshold", None, None), ("few_alerts", {"count": 0}, None)],
        )
    )


@pytest.mark.parametrize(
    "metrics",
    [
        ["p99 latency, error rate, QPS"],
        ["p99 latency; error rate"],
        ["• p99 latency • error rate (5xx, per minute)"],
    ],
)
def test_metrics_listed_on_one_line_count_each(metrics):
    """A line listing metrics (by commas, semicolons or bullets) counts each; before, it was one
    metric and "name at least 2"."""
    T.valid(Case(panels={"wrap_up": {"metrics": metrics, "alerts": ["p99 > 1 s"]}}))


def test_a_metric_with_its_detail_in_parentheses_is_one():
    T.invalid(
        Case(
            panels={"wrap_up": {"metrics": ["error rate (5xx, per minute)"], "alerts": ["p99 > 1 s"]}},
            findings=[("few_metrics", {"count": 1, "min": 2}, None)],
        )
    )


def test_two_alerts_on_one_line_are_judged_each():
    T.invalid(
        Case(
            panels={"wrap_up": {"metrics": ["p99", "errors"], "alerts": ["p99 > 1 s; disk full"]}},
            findings=[("no_threshold", {"alert": "disk full"}, (("panel", "wrap_up.alerts[0]"),))],
        ),
    )
    T.valid(Case(panels={"wrap_up": {"metrics": ["p99", "errors"], "alerts": ["p99 > 1 s; errors > 1%"]}}))
