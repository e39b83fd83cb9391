"""Require bottlenecks named with their fixes.

What it checks
    At least ``min`` bottleneck rows, each with both the problem and its fix filled in (a fix
    written in the problem's own field after an arrow or "fix:", "solution:", "mitigation:"
    counts).

Why it matters
    Step 7 of the framework: find what breaks first as the load grows, and say how to fix it
    (replicas, sharding, caching, CDN, regions).

Example
    "Hot group chats" → "fan out on read for groups over 100" passes; a problem with no fix fails,
    pointing at its row.

Params
    ``min`` (default 2).

Known limits
    Whether the fix fixes the problem is the interviewer's call.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, Partial, SessionView, panel


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int = Field(default=2, ge=1)


# A fix written in the problem's own field: after an arrow, or after "fix:", "solution:" or
# "mitigation:" ("Hot chats → fan out on read"; "Stampede (solution: request coalescing)").
_FIX_INSIDE = re.compile(
    r"(?:→|->|=>|\b(?:fix|fixed by|solution|mitigation|mitigated by)\s*:?)\s*\w+\W+\w+", re.I
)


def run(view: SessionView, params: Params):
    rows = view.panels["scale"]["bottlenecks"]
    complete = 0
    for index, row in enumerate(rows):
        problem = row.get("problem", "").strip()
        if problem and (row.get("fix", "").strip() or _FIX_INSIDE.search(problem)):
            complete += 1
        elif row.get("problem", "").strip():
            yield Finding("no_fix", {"problem": row["problem"][:80]}, (panel(f"scale.bottlenecks[{index}]"),))
    if complete >= params.min:
        yield Finding("enough", {"count": complete}, (panel("scale.bottlenecks"),), passed=True)
        return
    yield Finding("too_few", {"count": complete, "min": params.min}, (panel("scale.bottlenecks"),))
    if complete:
        yield Partial(complete / params.min)


CHECK = Check(
    id="scale.bottlenecks_with_fixes",
    statement="Bottlenecks are named with their fixes",
    summary="Require bottlenecks named with their fixes",
    messages={
        "enough": "{count} bottlenecks come with their fixes.",
        "too_few": "{count} bottlenecks with fixes; name at least {min} and how to fix each.",
        "no_fix": "The bottleneck “{problem}” has no fix yet.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Scale the design",
    doc=__doc__,
)
