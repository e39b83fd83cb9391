"""Require clarifying questions before designing.

What it checks
    The panel field ``requirements.questions`` has at least ``min`` non-blank entries; a row that
    asks several ("Group chats? Media? How many users?") counts each.

Why it matters
    Asking before drawing is the first item of the success checklist; too few questions is a common mistake.

Example
    Three questions with answers ("Group chats?" "Yes, up to 100") pass with min 3.

Params
    ``min`` (default 3).

Known limits
    Entries are counted, not judged: their quality is the interviewer's call.
"""

from __future__ import annotations

from designer.checks.base import counting_check

CHECK = counting_check(
    "requirements.questions_asked",
    statement="Clarifying questions were asked",
    path="requirements.questions",
    what="clarifying questions",
    default_min=3,
    summary="Require clarifying questions before designing",
    serves="Listen; ask clarifying questions; too few clarifying questions",
    points=1,
    doc=__doc__,
)
