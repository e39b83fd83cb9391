"""Require the time spent on each step to stay within its budget.

What it checks
    From the step transitions, the time spent in each visited step is at most its budget (the
    framework's share of the session's length) times ``tolerance``.

Why it matters
    "Poor time management" is a common mistake: 20 minutes of requirements leave no time to scale
    the design.

Example
    A 45-minute session gives requirements 4:30; with tolerance 1.5, 6:45 passes and 10:00 fails.

Params
    ``tolerance`` (default 1.5); ``steps``: the steps to judge (default all).

Known limits
    Needs ``steps``; without them, not assessable. The last step runs until the last revision (or
    the submission).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, DoesNotApply, Finding, Partial, SessionView, panel
from designer.framework import STEP_IDS, STEPS, budgets, clock, time_per_step


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tolerance: float = Field(default=1.5, gt=0)
    steps: list[str] = list(STEP_IDS)


def run(view: SessionView, params: Params):
    if not view.steps:
        yield DoesNotApply("no_steps")
        return
    meta = view.session.get("meta") or {}
    end = max(
        [s["at"] for s in view.steps]
        + [h["at"] for h in view.history]
        + [meta.get("submitted_at_seconds") or 0]
    )
    spent = time_per_step(view.steps, end)
    budget = budgets(view.duration_minutes)
    titles = {s.id: s.title for s in STEPS}
    judged = [s for s in params.steps if spent.get(s)]
    over = [s for s in judged if spent[s] > budget[s] * params.tolerance]
    for step in over:
        yield Finding(
            "over",
            {"step": titles[step], "spent": clock(spent[step]), "budget": clock(budget[step])},
            (panel(step),),
        )
    if judged and not over:
        yield Finding("within", {"count": len(judged)}, passed=True)
    elif over and len(over) < len(judged):
        yield Partial(1 - len(over) / len(judged))


CHECK = Check(
    id="process.time_per_step",
    statement="Each step kept to its time budget",
    summary="Require the time spent on each step to stay within its budget",
    messages={
        "within": "All {count} steps taken stayed within their time budgets.",
        "over": "{step} took {spent}, well over its budget of {budget}: move on sooner.",
        "no_steps": "The session recorded no step changes, so time per step can't be judged.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Common mistakes: poor time management",
    doc=__doc__,
    reads_history=True,
)
