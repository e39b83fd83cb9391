"""Require metrics, and alerts with thresholds.

What it checks
    At least ``min_metrics`` metrics, and at least ``min_alerts`` alerts that state a threshold (a
    number, with a comparison such as ">", "above", "greater than", "reaches", "hits", "beyond" or
    "at least", or a plus: "300ms+").

Why it matters
    Step 8 of the framework: a system nobody watches fails silently; an alert without a threshold
    can't fire.

Example
    Metric "delivery latency p99" and alert "p99 > 500 ms for 5 min" pass; alert "latency is high"
    fails, pointing at its row.

Params
    ``min_metrics`` (default 2), ``min_alerts`` (default 1).

Known limits
    Whether the threshold is sensible is the interviewer's call.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, SessionView, panel

# A comparison then a number ("> 500 ms", "greater than 10k", "reaches 80%", "hits 100K"), a number
# then a comparison, or a number with a plus ("300ms+").
_THRESHOLD = re.compile(
    r"(>|<|≥|≤|=|\b(above|below|over|under|exceeds?|exceeding|more than|less than|greater than|higher than"
    r"|lower than|fewer than|at least|at most|beyond|reach(?:es|ed)?|hits?|cross(?:es|ed)?|surpass(?:es)?"
    r"|tops?)\b).*\d|\d.*(>|<)|\d\s*[a-z%]*\+",
    re.I,
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_metrics: int = Field(default=2, ge=0)
    min_alerts: int = Field(default=1, ge=0)


def run(view: SessionView, params: Params):
    metrics = [m for m in view.panels["wrap_up"]["metrics"] if m.strip()]
    alerts = [a for a in view.panels["wrap_up"]["alerts"] if a.strip()]
    with_threshold = [a for a in alerts if _THRESHOLD.search(a)]
    ok = True
    if len(metrics) < params.min_metrics:
        ok = False
        yield Finding(
            "few_metrics", {"count": len(metrics), "min": params.min_metrics}, (panel("wrap_up.metrics"),)
        )
    for index, alert in enumerate(alerts):
        if alert not in with_threshold:
            yield Finding("no_threshold", {"alert": alert[:80]}, (panel(f"wrap_up.alerts[{index}]"),))
    if len(with_threshold) < params.min_alerts:
        ok = False
        yield Finding(
            "few_alerts", {"count": len(with_threshold), "min": params.min_alerts}, (panel("wrap_up.alerts"),)
        )
    if ok and len(with_threshold) == len(alerts):
        yield Finding(
            "watched", {"metrics": len(metrics), "alerts": len(alerts)}, (panel("wrap_up"),), passed=True
        )


CHECK = Check(
    id="wrap_up.alerts_with_thresholds",
    statement="Metrics are named, with alerts and thresholds",
    summary="Require metrics, and alerts with thresholds",
    messages={
        "watched": "{metrics} metrics and {alerts} alerts with thresholds.",
        "few_metrics": "{count} metrics; name at least {min} that show the system is healthy.",
        "few_alerts": "{count} alerts with a threshold; write at least {min}, e.g. “p99 > 500 ms for 5 min”.",
        "no_threshold": "The alert “{alert}” has no threshold: say when it fires.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Monitor and wrap up",
    doc=__doc__,
)
