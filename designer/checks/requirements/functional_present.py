"""Require functional requirements.

What it checks
    The panel field ``requirements.functional`` has at least ``min`` non-blank entries; a line
    listing several (split by ``;``, bullets, line breaks or ``1) … 2) …``) counts each. A line that says
    what is out of scope ("Out of scope: video calls", "Won't support stories") is not a
    requirement: ``requirements.out_of_scope_stated`` counts it.

Why it matters
    What the system must do: a design without them has nothing to be judged against.

Example
    The candidate writes "Send a 1:1 message", "See online status", "Read history"; with min 3 that passes.

Params
    ``min`` (default 3).

Known limits
    Entries are counted, not judged: their quality is the interviewer's call.
"""

from __future__ import annotations

from designer.checks.base import counting_check

CHECK = counting_check(
    "requirements.functional_present",
    statement="The functional requirements are written down",
    path="requirements.functional",
    what="functional requirements",
    default_min=3,
    summary="Require functional requirements",
    serves="Clarify requirements: functional requirements",
    points=1,
    doc=__doc__,
    scoping="requirements",
)
