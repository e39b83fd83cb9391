"""Require the figures the candidate wrote down to match their own formulas.

What it checks
    For every estimate row with a stated figure, the figure is within ``max_factor`` of what the
    row's formula gives. A figure is read as people write it: "12K/s", "~12.7 GB per month", "4
    paste writes per second", "360 million shortlinks", "~450 GB in 3 years", a range "10–20K/s"
    (agrees when it holds the value), or spelled out ("about twelve thousand per second", "half a
    billion users", "three to five thousand a day"); a time with its unit ("200ms", "about 1.3 min"
    beside a row of 80 s); the estimates panel shows beside each row how it was read. Interview
    rounding (86,400 s ≈ 10^5 s, 2–3× peaks) passes; a factor of 10 is an error.

Why it matters
    A 10× slip in a back-of-envelope estimate changes the design: one database or a sharded fleet
    (checklist: estimate numbers and validate).

Example
    ``msgs_per_day / 86400 s`` gives 11.6K /s: stated "12K/s" passes, "120K/s" fails, pointing at
    the row.

Params
    ``max_factor`` (default 3): the largest ratio still taken for rounding.

Known limits
    Rows without a stated figure are not judged here; ``estimates.value_in_range`` judges values.
    An answer that states no figure at all has left the figures out: that is a fail, not a pass.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, NotAssessable, Partial, SessionView, panel


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_factor: float = Field(default=3.0, gt=1)


def run(view: SessionView, params: Params):
    stated = [(i, r, r.stated_ratio) for i, r in enumerate(view.estimates) if r.stated_ratio is not None]
    if not stated:
        yield NotAssessable("none_stated")
        return
    bad = 0
    for index, row, ratio in stated:
        factor = max(ratio, 1 / ratio) if ratio > 0 else float("inf")
        if factor > params.max_factor:
            bad += 1
            yield Finding(
                "disagrees",
                {
                    "name": row.name,
                    "stated": (row.stated_display or "")
                    + (f" (read as {row.stated_understood})" if row.stated_understood else ""),
                    "value": row.display,
                    "factor": f"{factor:.0f}",
                },
                (panel(f"estimates[{index}]"),),
            )
    if not bad:
        yield Finding("agree", {"count": len(stated)}, (panel("estimates"),), passed=True)
    elif bad < len(stated):
        yield Partial(1 - bad / len(stated))


CHECK = Check(
    id="estimates.stated_figures_agree",
    statement="The figures stated match their formulas",
    summary="Require stated figures to match the formulas they came from",
    messages={
        "agree": "All {count} stated figures match their formulas within interview rounding.",
        "disagrees": "{name}: you wrote {stated}, but the formula gives {value} — off by {factor}×; check the "
        "arithmetic and the units.",
        "none_stated": "No estimate states a figure to compare with its formula: write the figure you worked out in "
        "“You said” (e.g. “12K/s”).",
    },
    run=run,
    params=Params,
    points=2,
    serves="Estimate numbers and validate",
    doc=__doc__,
)
