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
