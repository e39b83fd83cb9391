"""Require the estimates to be consistent with one another.

What it checks
    A peak rate is at least the average rate it goes with, and at most ``max_peak_factor`` times
    it. The peak row is one whose name mentions ``peak``, ``max``, ``maximum``, ``busiest``,
    ``busy hour``, ``rush hour``, ``spike``, ``burst``, ``surge`` or ``worst case`` (the words the
    capacity check reads a peak by); the average is the rate row whose name
    best matches the peak's without that word (``peak_read_qps`` goes with ``read_qps``), among
    those named as rates (``qps``, ``rate``, ``writes``…) or, where none is, among all the others
    (``msgs/s``, ``average load``).

Why it matters
    Peak = 2–3× average is a rule of thumb of the framework; a peak below the average, or 50× it,
    is an estimate that was never checked.

Example
    ``write_qps`` 11.6K /s and ``peak_qps = write_qps * 2`` pass; a peak of 5K /s fails.

Params
    ``max_peak_factor`` (default 10).

Known limits
    Per-day and per-second rows are consistent by construction when one is a formula over the
    other; figures written by hand are judged by ``estimates.stated_figures_agree``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.capacity import PEAK_TOKENS, PEAK_WORDS, per_box
from designer.checks.base import Check, Finding, NotAssessable, SessionView, panel
from designer.checks.estimates._quantities import dimension_of, find_rows
from designer.checks.text import shared_words


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_peak_factor: float = Field(default=10.0, gt=1)


def run(view: SessionView, params: Params):
    rows = view.estimates
    # a rate one box takes ("max_qps_per_server") is neither the system's peak nor its average
    peaks = [i for i in find_rows(rows, list(PEAK_WORDS), "rate") if not per_box(rows[i].name)]
    rates = [
        i
        for i, row in enumerate(rows)
        if dimension_of(row) == "rate" and i not in peaks and not per_box(row.name)
    ]
    named = set(find_rows(rows, ["qps", "rps", "per second", "rate", "write", "read", "request"]))
    # a rate under a name not listed ("msgs/s") is still the average, where none is listed
    averages = [i for i in rates if i in named] or rates
    if not peaks or not averages:
        yield NotAssessable("no_pair")
        return
    # The average a peak goes with: the rate whose name is the peak's without "peak" (peak_read_qps → read_qps).
    base = " ".join(w for w in rows[peaks[0]].name.lower().replace("_", " ").split() if w not in PEAK_TOKENS)
    averages.sort(key=lambda i: -shared_words(rows[i].name.replace("_", " "), base))
    peak, average = rows[peaks[0]], rows[averages[0]]
    if peak.quantity is None or average.quantity is None:  # never for a row found as a rate
        yield NotAssessable("no_pair")
        return
    ratio = (
        float((peak.quantity / average.quantity).to("").magnitude)
        if float(average.quantity.magnitude)
        else float("inf")
    )
    data = {"peak": peak.name, "average": average.name, "ratio": f"{ratio:.1f}"}
    where = (panel(f"estimates[{peaks[0]}]"), panel(f"estimates[{averages[0]}]"))
    if ratio < 1:
        yield Finding("peak_below", data, where)
    elif ratio > params.max_peak_factor:
        yield Finding("peak_far", {**data, "max": f"{params.max_peak_factor:g}"}, where)
    else:
        yield Finding("consistent", data, where, passed=True)


CHECK = Check(
    id="estimates.consistency",
    statement="The peak rate is a sane multiple of the average",
    summary="Require a peak rate between the average and a sane multiple of it",
    messages={
        "consistent": "{peak} is {ratio}× {average}: a plausible peak.",
        "peak_below": "{peak} is below the average {average} ({ratio}×): a peak is at least the average.",
        "peak_far": "{peak} is {ratio}× {average}, more than {max}×: check the peak factor (2–3× is usual).",
        "no_pair": "The estimates have no peak and average rate to compare: add a peak row (e.g. "
        "peak_qps = qps * 2) beside the average.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Estimate numbers and validate",
    doc=__doc__,
)
