"""The grade report, ``designer.report/1``, as types: what grading returns and everything else reads.

The report is JSON (``designer grade --json``, ``/s/<id>/report.json``) and a dict at run time, so
these are ``TypedDict``\\ s: the type checker holds grading, reviews, the web layer and the CLI to the
same keys, and nothing changes on the wire. The README's *The report* section is this module in prose.
"""

# No "from __future__ import annotations": TypedDict reads NotRequired[...] from the annotations
# themselves, which must not be strings.

__all__ = [
    "REPORT_FORMAT",
    "Status",
    "Evidence",
    "FindingEntry",
    "Override",
    "Result",
    "Section",
    "ChecklistItem",
    "ManualCriterion",
    "HintUsed",
    "RubricRef",
    "Report",
    "no_evidence",
]

from typing import Any, Literal, NotRequired, TypedDict

REPORT_FORMAT = "designer.report/1"

#: A criterion's outcome: the grader's (pass, fail, partial, not_assessable, error) or, once an
#: interviewer has judged, ``overridden`` (an automatic result changed) or ``manual`` (scored by hand).
Status = Literal["pass", "fail", "partial", "not_assessable", "error", "overridden", "manual"]


class Evidence(TypedDict):
    """What a result points at: box ids, arrow ids and panel fields (``estimates[2]``)."""

    nodes: list[str]
    edges: list[str]
    panels: list[str]


class FindingEntry(TypedDict):
    """One finding of a check, formatted: its message id, its text, whether it is a good sign, where."""

    message: str
    text: str
    passed: bool
    where: list[list[str]]


class Override(TypedDict):
    """An interviewer's change of an automatic result: what it was and what it is now, and why."""

    from_points: float
    from_status: Status
    points: float
    reason: str


class Result(TypedDict):
    """One criterion's outcome."""

    criterion: str
    title: str
    check: str | None
    step: str
    checklist: str | None
    status: Status
    points: float
    max: float
    message: str
    feedback: str
    hint_used: str | None
    hint_cost: float
    evidence: Evidence
    findings: list[FindingEntry]
    override: NotRequired[Override]


class Section(TypedDict):
    """One step's points and score (``None`` when it has nothing to assess)."""

    step: str
    title: str
    weight: float
    earned: float
    max: float
    score: NotRequired[float | None]


class ChecklistItem(TypedDict):
    """The points of one item of the interview success checklist."""

    id: str
    title: str
    earned: float
    max: float


class ManualCriterion(TypedDict):
    """A criterion for the interviewer, with its level descriptors, and the score given if judged."""

    criterion: str
    title: str
    step: str
    levels: list[dict[str, Any]]
    points: float
    checklist: str | None
    scored: NotRequired[float]


class HintUsed(TypedDict):
    """A practice hint taken and what it cost."""

    criterion: str
    level: str
    cost: float


class RubricRef(TypedDict):
    """The rubric a report was made with."""

    id: str
    version: int
    title: str


class Report(TypedDict):
    """A session's grade with one rubric: ``designer.report/1``."""

    format: str
    rubric: RubricRef
    problem: str | None
    score: float
    max: int
    sections: list[Section]
    checklist: list[ChecklistItem]
    results: list[Result]
    manual: list[ManualCriterion]
    hints_used: list[HintUsed]


def no_evidence() -> Evidence:
    """Evidence pointing at nothing."""
    return {"nodes": [], "edges": [], "panels": []}
