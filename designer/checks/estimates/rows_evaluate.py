"""Require every estimate row to evaluate.

What it checks
    Every estimate row with a formula evaluates: no unknown names, no unit mismatches, no syntax
    errors. There is at least one row.

Why it matters
    "Estimate numbers and validate" is on the success checklist; a formula that does not add up is
    an estimate nobody can check.

Example
    ``dau * 20`` after a row named ``dau`` passes; ``daus * 20`` fails on that row ("unknown name").

Params
    none.

Known limits
    A row that evaluates can still be wrong: ``estimates.value_in_range`` and
    ``estimates.stated_figures_agree`` judge the values.
"""

from __future__ import annotations

from designer.checks.base import Check, Finding, Partial, SessionView, panel


def run(view: SessionView, params):
    rows = [
        (i, r)
        for i, r in enumerate(view.estimates)
        if (view.panels["estimates"][i].get("expr") or "").strip()
    ]
    if not rows:
        yield Finding("none", {}, (panel("estimates"),))
        return
    broken = [(i, r) for i, r in rows if r.error]
    for index, row in broken:
        yield Finding("broken", {"name": row.name, "error": row.error}, (panel(f"estimates[{index}]"),))
    if not broken:
        yield Finding("all", {"count": len(rows)}, (panel("estimates"),), passed=True)
    elif len(broken) < len(rows):
        yield Partial(1 - len(broken) / len(rows))


CHECK = Check(
    id="estimates.rows_evaluate",
    statement="Every estimate row works out",
    summary="Require every estimate row to evaluate",
    messages={
        "all": "All {count} estimate rows evaluate.",
        "none": "There are no estimates: write DAU, QPS, storage and bandwidth as formulas.",
        "broken": "The estimate {name} does not evaluate: {error}.",
    },
    run=run,
    points=1,
    serves="Estimate numbers and validate",
    doc=__doc__,
)
