"""Require an estimate's value to fall within the range the problem implies, for the candidate's
own assumptions.

What it checks
    The row named by the earliest of ``names`` (the first such row, with the unit's dimension) has a value,
    in ``unit``, between ``min`` and ``max``. The range is written for the rubric's reference
    assumptions (``assume``: 50M daily users, say); when the row is worked out from a row that
    makes one of those assumptions (a row it uses, directly or through others, named like
    ``dau``), the range scales with it: 500M daily users make 10× the messages. An assumption
    itself outside what answers to this prompt assume (``min``–``max`` of the ``assume`` entry)
    fails with a message saying so — the arithmetic is judged by ``estimates.stated_figures_agree``
    and ``estimates.rows_evaluate``, the assumption here, and neither is blamed for the other.

Why it matters
    Magnitudes have to be plausible for the problem: a chat app for 500M users writes thousands of
    messages a second, not ten or ten million (checklist: estimate numbers and validate).

Example
    ``names: [write_qps, qps], unit: 1/s, min: 5000, max: 50000`` passes for 11.6K /s and fails for
    116K /s (a 10× error).

Params
    ``names``, ``unit`` (a unit the estimates understand: ``1/s``, ``byte``, ``TB``…), ``min``,
    ``max``, ``what`` (how the message names it), ``assume``: a list of ``{names, reference, min,
    max, what}`` — the assumption the range was written for and the range answers take for it.

Known limits
    Only one row is judged: ``names`` are tried in the order written (``[peak_qps,
    requests_per_second]`` judges the peak when there is one, whatever order the rows are in).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from designer.checks.base import Check, Finding, NotAssessable, SessionView, panel
from designer.checks.estimates._quantities import find_rows
from designer.estimates import EstimateError, evaluate_expr, format_quantity, is_plain_unit, time_of


def _unit(text: str):
    # Strict: a word the estimates don't know is an error here, not a count label (a word for what is
    # counted, after the number, is one, as in any expression).
    return evaluate_expr(_as_expression(text))


def _as_expression(text: str) -> str:
    # "1 GB/day" is one GB a day; "1 million/day" already starts with its number
    return text if text[:1].isdigit() else f"1 {text}"


def _check_unit(text: str) -> None:
    """Raise EstimateError if the estimates can't read ``text`` as a unit (pint only when unsure)."""
    if not is_plain_unit(_as_expression(text)):
        _unit(text)


class Assumption(BaseModel):
    """A base input the range was written for: its value there, and the range answers take."""

    model_config = ConfigDict(extra="forbid")
    names: list[str] = Field(min_length=1)
    unit: str = ""  # "1/month" for "new URLs per month"; a plain count when empty
    reference: float = Field(gt=0)
    min: float = Field(gt=0)
    max: float = Field(gt=0)
    what: str = ""

    @model_validator(mode="after")
    def _sane(self) -> Assumption:
        if not self.min <= self.reference <= self.max:
            raise ValueError(f"reference {self.reference:g} is outside {self.min:g}–{self.max:g}")
        if self.unit:
            try:
                _check_unit(self.unit)
            except EstimateError as exc:
                raise ValueError(f"unit {self.unit!r} is not one the estimates understand: {exc}") from None
        return self


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: list[str] = Field(min_length=1)
    unit: str
    min: float
    max: float
    what: str = ""
    assume: list[Assumption] = []

    @model_validator(mode="after")
    def _sane(self) -> Params:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        try:
            _check_unit(self.unit)
        except EstimateError as exc:
            raise ValueError(f"unit {self.unit!r} is not one the estimates understand: {exc}") from None
        return self


def run(view: SessionView, params: Params):
    what = params.what or params.names[0]
    named = [
        (i, quantity)
        for name in params.names
        for i in find_rows(view.estimates, [name])
        if (quantity := view.estimates[i].quantity) is not None
    ]
    # the unit only once there is a row to measure: with no estimates, a grade never loads pint
    unit = _unit(params.unit) if named else None
    candidates = [(i, q) for i, q in named if unit is not None and q.dimensionality == unit.dimensionality]
    if unit is None or not candidates:
        yield NotAssessable("no_row", {"what": what})
        return
    index, quantity = candidates[0]
    row = view.estimates[index]
    value = float((quantity / unit).to("").magnitude)
    scale, basis = 1.0, []
    for assumption in params.assume:
        found = [i for i in find_rows(view.estimates, assumption.names) if i in row.inputs]
        assumed = view.estimates[found[0]] if found else None
        measure = _unit(assumption.unit) if assumption.unit else _count(1.0)
        assumed_quantity = _as_measured(assumed.quantity, measure) if assumed is not None else None
        if assumed is None or assumed_quantity is None:
            continue  # the figure doesn't rest on this assumption: the range stands as written
        amount = float((assumed_quantity / measure).to("").magnitude)
        where = (panel(f"estimates[{found[0]}]"), panel(f"estimates[{index}]"))
        if not assumption.min <= amount <= assumption.max:
            yield Finding(
                "assumption_high" if amount > assumption.max else "assumption_low",
                {
                    "what": what,
                    "assumption": assumption.what or assumption.names[0],
                    "row": assumed.name,
                    "value": assumed.display,
                    "low": format_quantity(measure * assumption.min, per=time_of(measure)),
                    "high": format_quantity(measure * assumption.max, per=time_of(measure)),
                },
                where,
            )
            return
        scale *= amount / assumption.reference
        basis.append(f"{assumed.name} = {assumed.display}")
    low = format_quantity(unit * params.min * scale)
    high = format_quantity(unit * params.max * scale)
    data = {
        "what": what,
        "row": row.name,
        "value": row.display or format_quantity(quantity),
        "low": low,
        "high": high,
        "basis": f" (the range for your {', '.join(basis)})" if basis and scale != 1.0 else "",
    }
    if params.min * scale <= value <= params.max * scale:
        yield Finding("within", data, (panel(f"estimates[{index}]"),), passed=True)
    else:
        low_edge, high_edge = params.min * scale, params.max * scale
        factor = low_edge / value if value < low_edge else value / high_edge
        data["factor"] = f"{factor:.0f}" if factor >= 10 else f"{factor:.1f}"
        yield Finding("low" if value < low_edge else "high", data, (panel(f"estimates[{index}]"),))


def _as_measured(value, measure):  # noqa: ANN001, ANN202 - pint's types, imported only when needed
    """``value`` in the assumption's terms, or None where it is another kind of figure: a plain
    count read as per the assumption's time where that is a rate ("20 messages a user" beside
    "messages a user a day"), as the estimates read an implicit "per day"."""
    if value is None:
        return None
    if value.dimensionality == measure.dimensionality:
        return value
    per = time_of(measure)
    if value.dimensionless and per is not None:
        return value / per
    return None


def _count(amount: float):
    return evaluate_expr(repr(float(amount)))


CHECK = Check(
    id="estimates.value_in_range",
    statement="The estimate is of the right magnitude for its assumptions",
    summary="Require an estimate's value to fall within the range the problem implies",
    messages={
        "within": "{what} ({row} = {value}) is within {low}–{high}{basis}.",
        "low": "{what} ({row} = {value}) is {factor}× below {low}–{high}{basis}: your assumptions don't "
        "explain it, so check how this row is worked out.",
        "high": "{what} ({row} = {value}) is {factor}× above {low}–{high}{basis}: your assumptions don't "
        "explain it, so check how this row is worked out.",
        "assumption_high": "{what} rests on {row} = {value}, above the {low}–{high} most answers assume "
        "for {assumption} in this problem: the arithmetic may be right — say why you assume it, or revisit it.",
        "assumption_low": "{what} rests on {row} = {value}, below the {low}–{high} most answers assume "
        "for {assumption} in this problem: the arithmetic may be right — say why you assume it, or revisit it.",
        "no_row": "No estimate row gives {what}, so its magnitude can't be checked: add a row for it.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Estimate numbers and validate",
    doc=__doc__,
)
