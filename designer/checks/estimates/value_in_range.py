"""Require an estimate's value to fall within the range the problem implies.

What it checks
    The first row whose name mentions one of ``names`` (and has the unit's dimension) has a value,
    in ``unit``, between ``min`` and ``max``.

Why it matters
    Magnitudes have to be plausible for the problem: a chat app for 500M users writes thousands of
    messages a second, not ten or ten million (checklist: estimate numbers and validate).

Example
    ``names: [write_qps, qps], unit: 1/s, min: 5000, max: 50000`` passes for 11.6K /s and fails for
    116K /s (a 10× error).

Params
    ``names``, ``unit`` (a unit the estimates understand: ``1/s``, ``byte``, ``TB``…), ``min``,
    ``max``, ``what`` (how the message names it).

Known limits
    Only the first matching row is judged.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from designer.checks.base import Check, Finding, NotAssessable, SessionView, panel
from designer.checks.estimates._quantities import find_rows
from designer.estimates import EstimateError, evaluate_expr, format_quantity


def _unit(text: str):
    # Strict: a word the estimates don't know is an error here, not a count label.
    return evaluate_expr(text if text.startswith("1/") else f"1 {text}")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: list[str] = Field(min_length=1)
    unit: str
    min: float
    max: float
    what: str = ""

    @model_validator(mode="after")
    def _sane(self) -> Params:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        try:
            _unit(self.unit)
        except EstimateError as exc:
            raise ValueError(f"unit {self.unit!r} is not one the estimates understand: {exc}") from None
        return self


def run(view: SessionView, params: Params):
    unit = _unit(params.unit)
    what = params.what or params.names[0]
    candidates = [
        (i, quantity)
        for i in find_rows(view.estimates, params.names)
        if (quantity := view.estimates[i].quantity) is not None
        and quantity.dimensionality == unit.dimensionality
    ]
    if not candidates:
        yield NotAssessable("no_row", {"what": what})
        return
    index, quantity = candidates[0]
    row = view.estimates[index]
    value = float((quantity / unit).to("").magnitude)
    low = format_quantity(unit * params.min)
    high = format_quantity(unit * params.max)
    data = {
        "what": what,
        "row": row.name,
        "value": row.display or format_quantity(quantity),
        "low": low,
        "high": high,
    }
    if params.min <= value <= params.max:
        yield Finding("within", data, (panel(f"estimates[{index}]"),), passed=True)
    else:
        factor = params.min / value if value < params.min else value / params.max
        data["factor"] = f"{factor:.0f}" if factor >= 10 else f"{factor:.1f}"
        yield Finding("low" if value < params.min else "high", data, (panel(f"estimates[{index}]"),))


CHECK = Check(
    id="estimates.value_in_range",
    summary="Require an estimate's value to fall within the range the problem implies",
    messages={
        "within": "{what} ({row} = {value}) is within {low}–{high}.",
        "low": "{what} ({row} = {value}) is {factor}× below the plausible range {low}–{high}: check the formula.",
        "high": "{what} ({row} = {value}) is {factor}× above the plausible range {low}–{high}: check the formula.",
        "no_row": "No estimate row gives {what}, so its magnitude can't be checked.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Estimate numbers and validate",
    doc=__doc__,
)
