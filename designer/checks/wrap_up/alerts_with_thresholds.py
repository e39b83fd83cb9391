"""Require metrics, and alerts with thresholds.

What it checks
    At least ``min_metrics`` metrics, and at least ``min_alerts`` alerts that state a threshold: a
    number with a comparison (">", "above", "greater than", "reaches", "hits", "beyond", "at least",
    "80% or more", "at 85%", a plus: "300ms+"), an SLO's figure ("SLO of 200 ms breached"), an
    absence or a trend for a time ("no heartbeat for 60 s", "lag growing for 10 min"), a factor
    ("doubles", "2x the baseline") or a change by an amount ("drops by 20%"); a number may be spelled out ("above five percent",
    "for thirty seconds"). A line listing several
    metrics (by commas, semicolons or bullets) counts each, and each alert a line lists is judged
    alone.

Why it matters
    Step 8 of the framework: a system nobody watches fails silently; an alert without a threshold
    can't fire.

Example
    Metric "delivery latency p99" and alert "p99 > 500 ms for 5 min" pass; alert "latency is high"
    fails, pointing at its row.

Params
    ``min_metrics`` (default 2), ``min_alerts`` (default 1).

Known limits
    Whether the threshold is sensible is the interviewer's call. "Latency is high", "disk full"
    and "5xx spike" say no threshold; a comma inside parentheses ("error rate (5xx, per minute)")
    does not split a metric.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, SessionView, item_pieces, panel
from designer.numbers import spelled_as_digits

# A threshold: a comparison then a number ("> 500 ms", "greater than 10k", "reaches 80%", "hits
# 100K"), a number then a comparison ("80% or more", "5 s and above"), an SLO's figure, an absence or
# a trend for a time ("no heartbeat for 60 s", "lag growing for 10 min"), or one of _STANDING.
_COMPARISON = re.compile(
    r"[><≥≤=]|\b(?:above|below|over|under|exceeds?|exceeding|more than|less than|greater than|higher than"
    r"|lower than|fewer than|at least|at most|beyond|reach(?:es|ed)?|hits?|cross(?:es|ed)?|surpass(?:es)?"
    r"|tops?)\b",
    re.I,
)
_NUMBER = re.compile(r"\d")
_AFTER_A_NUMBER = re.compile(
    r"[><]|\b(?:or|and) (?:more|higher|above|greater|over|less|lower|below|fewer|under|worse)\b", re.I
)
_TARGET = re.compile(r"\b(?:slos?|slas?|target|budget|limit|threshold)\b", re.I)
_SLO = re.compile(r"\b(?:slos?|slas?)\b", re.I)
_STILL_OR_MOVING = re.compile(
    r"\b(?:no|zero|without|missing|grow(?:s|ing)?|ris(?:es|ing)|increasing|climbing|falling|dropping"
    r"|decreasing|declining)\b",
    re.I,
)
_FOR_A_TIME = re.compile(r"\bfor\s+\d", re.I)
# A number with a plus ("300ms+"), "at 85%", a factor ("doubles", "2x the baseline") or a change by
# an amount ("drops by 20%").
_STANDING = re.compile(
    r"\d\s*[a-z%]*\+|\bat\s*~?\d|\b(?:doubl(?:es?|ing)|tripl(?:es?|ing)|halv(?:es|ing))\b|\d\s*(?:x|×|times)\b"
    r"|\b(?:drop(?:s|ped)?|falls?|fell|rises?|rose|jump(?:s|ed)?|spik(?:es?|ed)|grows?|grew"
    r"|increas(?:es?|ed)|decreas(?:es?|ed)|climb(?:s|ed)?)\s+(?:by\s+)?~?\d",
    re.I,
)


def _in_order(first: re.Pattern, then: re.Pattern, text: str) -> bool:
    """Whether ``then`` matches after ``first`` does: what ``first.*then`` asks, in one pass of each
    (that pattern tries ``.*`` from every place ``first`` matches: seconds on a hostile 20 KB line)."""
    found = first.search(text)
    return found is not None and then.search(text, found.end()) is not None


def has_threshold(alert: str) -> bool:
    """Whether an alert says when it fires.

    Examples
    --------
    >>> has_threshold("p99 > 500 ms for 5 min"), has_threshold("disk at 85%"), has_threshold("latency is high")
    (True, True, False)
    """
    alert = spelled_as_digits(alert)  # "above five percent" fires as "above 5%" does
    return bool(
        _in_order(_COMPARISON, _NUMBER, alert)
        or _in_order(_NUMBER, _AFTER_A_NUMBER, alert)
        or _in_order(_TARGET, _NUMBER, alert)
        or _in_order(_NUMBER, _SLO, alert)
        or _in_order(_STILL_OR_MOVING, _FOR_A_TIME, alert)
        or _STANDING.search(alert)
    )


# Metrics listed on one line: by semicolons, bullets, numbers, or commas outside parentheses
# ("QPS, p99 latency, error rate" is three; "error rate (5xx, per minute)" one).
_BRACKETED = re.compile(r"\([^()]*\)")


def _metric_count(line: str) -> int:
    return sum(
        1 for piece in item_pieces(line) for m in _BRACKETED.sub("", piece).split(",") if re.search(r"\w", m)
    )


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_metrics: int = Field(default=2, ge=0)
    min_alerts: int = Field(default=1, ge=0)


def run(view: SessionView, params: Params):
    metrics = sum(_metric_count(line) for line in view.panels["wrap_up"]["metrics"])
    # Each alert a line lists is judged alone, at its line.
    alerts = [
        (index, a) for index, line in enumerate(view.panels["wrap_up"]["alerts"]) for a in item_pieces(line)
    ]
    with_threshold = [a for _, a in alerts if has_threshold(a)]
    ok = True
    if metrics < params.min_metrics:
        ok = False
        yield Finding(
            "few_metrics", {"count": metrics, "min": params.min_metrics}, (panel("wrap_up.metrics"),)
        )
    for index, alert in alerts:
        if not has_threshold(alert):
            yield Finding("no_threshold", {"alert": alert[:80]}, (panel(f"wrap_up.alerts[{index}]"),))
    if len(with_threshold) < params.min_alerts:
        ok = False
        yield Finding(
            "few_alerts", {"count": len(with_threshold), "min": params.min_alerts}, (panel("wrap_up.alerts"),)
        )
    if ok and len(with_threshold) == len(alerts):
        yield Finding(
            "watched", {"metrics": metrics, "alerts": len(alerts)}, (panel("wrap_up"),), passed=True
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
