"""The 8-step interview framework: steps, their share of the time, and the budget per step.

The source's shares add up to more than 100%, so they are used as relative weights: a step's budget is
``duration × share / sum of shares``, which keeps the budgets summing to the session's length.
"""

from __future__ import annotations

__all__ = ["Step", "STEPS", "STEP_IDS", "step_budget_seconds", "budgets", "time_per_step", "clock"]

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the framework as ``framework.md`` lists it."""

    number: int
    id: str
    title: str
    minutes: str
    share: int
    panel: str


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "requirements",
        "Clarify requirements",
        "5–7",
        12,
        "Functional and non-functional requirements, clarifying questions, out of scope",
    ),
    Step(
        2,
        "estimates",
        "Estimate scale",
        "3–5",
        8,
        "Named quantities with units, and formulas over them",
    ),
    Step(3, "api", "Define system interface", "5", 10, "Endpoints and real-time channels"),
    Step(
        4,
        "high_level",
        "High-level design",
        "10–15",
        25,
        "The whiteboard: components and the arrows between them",
    ),
    Step(
        5,
        "database",
        "Database design",
        "8–10",
        18,
        "Tables or documents, keys and indexes, the SQL-vs-NoSQL choice",
    ),
    Step(6, "detailed", "Detailed component design", "10–15", 25, "Deep dives into chosen components"),
    Step(7, "scale", "Scale the design", "5–10", 15, "Bottlenecks and their fixes, trade-offs"),
    Step(
        8,
        "wrap_up",
        "Monitor and wrap up",
        "2–5",
        7,
        "Metrics, alerts, failure cases, security, summary, improvements",
    ),
)
STEP_IDS: tuple[str, ...] = tuple(s.id for s in STEPS)
_TOTAL_SHARE = sum(s.share for s in STEPS)


def step_budget_seconds(step_id: str, duration_minutes: int) -> int:
    """Return the time budget of one step, in seconds, for a session of the given length.

    Examples
    --------
    >>> step_budget_seconds("high_level", 48)
    600
    """
    step = next(s for s in STEPS if s.id == step_id)
    return round(duration_minutes * 60 * step.share / _TOTAL_SHARE)


def budgets(duration_minutes: int) -> dict[str, int]:
    """Return every step's budget in seconds, in framework order."""
    return {s.id: step_budget_seconds(s.id, duration_minutes) for s in STEPS}


def clock(seconds: float | None) -> str:
    """Seconds as the session clock shows them, ``m:ss``.

    Examples
    --------
    >>> clock(95.7), clock(None)
    ('1:35', '0:00')
    """
    seconds = int(seconds or 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def time_per_step(steps: list[dict], now: float) -> dict[str, float]:
    """Add up the seconds spent in each step from the step transitions of a session.

    Time counts against the step that is open; revisiting a step adds to its total.

    Parameters
    ----------
    steps : list of dict
        ``{"step": id, "at": seconds}`` transitions, oldest first.
    now : float
        Seconds from the start to count the open step up to.

    Examples
    --------
    >>> time_per_step([{"step": "requirements", "at": 0}, {"step": "estimates", "at": 300},
    ...                {"step": "requirements", "at": 400}], now=460)["requirements"]
    360
    """
    spent: dict[str, float] = {step: 0 for step in STEP_IDS}
    for current, following in zip(steps, [*steps[1:], None], strict=True):
        end = following["at"] if following else max(now, current["at"])
        if current["step"] in spent:
            spent[current["step"]] += end - current["at"]
    return spent
