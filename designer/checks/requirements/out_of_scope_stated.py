"""Require what is out of scope to be stated.

What it checks
    The panel field ``requirements.out_of_scope`` has at least ``min`` non-blank entries; a line
    listing several (split by ``;``, bullets, line breaks or ``1) … 2) …``) counts each. Out-of-scope
    lines written among the functional or non-functional requirements ("Out of scope: video calls",
    "Not needed: analytics", "Not covering: voice calls", "Deferred to v2: payments", "We won't
    build stories", "Video calls are a later phase", "Skip: analytics") count too.

Why it matters
    Saying what you will not build keeps the interview on the core and shows judgement.

Example
    "Voice calls" under out of scope passes.

Params
    ``min`` (default 1).

Known limits
    Entries are counted, not judged: their quality is the interviewer's call.
"""

from __future__ import annotations

from designer.checks.base import counting_check

CHECK = counting_check(
    "requirements.out_of_scope_stated",
    statement="What is out of scope is stated",
    path="requirements.out_of_scope",
    what="out-of-scope items",
    default_min=1,
    summary="Require what is out of scope to be stated",
    serves="Agree on scope",
    points=1,
    doc=__doc__,
    scoping="out_of_scope",
)
