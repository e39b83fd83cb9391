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
