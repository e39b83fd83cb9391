"""Require the named quantities of a back-of-envelope estimate.

What it checks
    For each quantity (by default: daily active users, requests per second, peak — by any of the
    words the capacity check reads a peak by: ``peak``, ``max``, ``busy hour``, ``burst``… —
    storage, bandwidth) some row's name mentions one of its names and its value has the right dimension
    (a count, a rate per time, bytes, bytes per time).

Why it matters
    The framework's step 2 lists exactly these: they size every later choice.

Example
    Rows ``dau`` (users), ``write_qps`` (1/s), ``peak_qps`` (1/s), ``storage_5y`` (TB) and
    ``bandwidth_in`` (MB/s) pass.

Params
    ``quantities``: a list of ``{name, names, dimension, by_value}``; ``dimension`` is ``count``,
    ``rate``, ``bytes``, ``bytes_rate`` or null for any; ``by_value`` (default false) lets a row of
    that dimension under a name no quantity lists count for it.

    A row that no quantity's names claim counts for a quantity of its dimension marked ``by_value``
    (the rate, the storage and the bandwidth: ``msgs/s``, ``5-year footprint``): names can't list
    every way of naming a figure, and its value says what it is.

Known limits
    A count is found by its name only: ``total users`` is not the daily active users, and a row
    named ``x`` is not found. A peak row is not also the average rate.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from designer.capacity import PEAK_WORDS
from designer.checks.base import Check, Finding, Partial, SessionView, panel
from designer.checks.estimates._quantities import dimension_of, find_rows


class Quantity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    names: list[str]
    dimension: Literal["count", "rate", "bytes", "bytes_rate"] | None = None
    #: Whether a row of this dimension that no quantity's names claim counts for it: true for the
    #: rate, the storage and the bandwidth, never for a peak (a peak is one by its name).
    by_value: bool = False

    @model_validator(mode="after")
    def _by_value_needs_a_dimension(self) -> Quantity:
        if self.by_value and self.dimension is None:
            raise ValueError("by_value needs a dimension: the row's value is what says it is this quantity")
        return self


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quantities: list[Quantity] = Field(
        default=[
            Quantity(
                name="daily active users",
                names=["dau", "daily active", "active users", "daily users", "users daily", "users per day"],
                dimension="count",
            ),
            Quantity(
                name="requests per second",
                names=[
                    "qps",
                    "rps",
                    "tps",
                    "per second",
                    "per sec",
                    "throughput",
                    "writes",
                    "reads",
                    "rate",
                    "requests",
                    "ops",
                ],
                dimension="rate",
                by_value=True,
            ),
            Quantity(name="peak load", names=list(PEAK_WORDS), dimension="rate"),
            Quantity(
                name="storage",
                names=["storage", "disk", "data", "size", "bytes", "space"],
                dimension="bytes",
                by_value=True,
            ),
            Quantity(
                name="bandwidth",
                names=[
                    "bandwidth",
                    "bw",
                    "ingress",
                    "egress",
                    "throughput",
                    "traffic",
                    "network",
                    "transfer",
                ],
                dimension="bytes_rate",
                by_value=True,
            ),
        ],
        min_length=1,
    )


def run(view: SessionView, params: Params):
    found = 0
    by_name = [find_rows(view.estimates, q.names) for q in params.quantities]
    named = {i for hits in by_name for i in hits}
    unclaimed = [i for i in range(len(view.estimates)) if i not in named]
    for quantity, named_rows in zip(params.quantities, by_name, strict=True):
        hits = [
            i
            for i in named_rows
            if quantity.dimension is None or dimension_of(view.estimates[i]) == quantity.dimension
        ]
        if not hits and quantity.by_value:
            hits = [i for i in unclaimed if dimension_of(view.estimates[i]) == quantity.dimension]
        if hits:
            found += 1
            yield Finding(
                "present",
                {"quantity": quantity.name, "row": view.estimates[hits[0]].name},
                (panel(f"estimates[{hits[0]}]"),),
                passed=True,
            )
        else:
            yield Finding("missing", {"quantity": quantity.name}, (panel("estimates"),))
    if 0 < found < len(params.quantities):
        yield Partial(found / len(params.quantities))


CHECK = Check(
    id="estimates.quantities_present",
    statement="The estimates cover users, rates, storage and bandwidth",
    summary="Require the named quantities of a back-of-envelope estimate",
    messages={
        "present": "The estimates include {quantity} ({row}).",
        "missing": "The estimates have no {quantity}: add a row for it.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Estimate scale",
    doc=__doc__,
)
