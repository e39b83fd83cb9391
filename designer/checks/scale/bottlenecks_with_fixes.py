"""Require bottlenecks named with their fixes.

What it checks
    At least ``min`` bottleneck rows, each with both the problem and its fix filled in. A fix
    written in the problem's own field counts: after an arrow, "fix:", "solution -", "solved by",
    "mitigate with" or "addressed by", or starting with what is done ("shard", "use", "add",
    "precompute"…) after a dash, colon, semicolon, comma or parenthesis ("DB writes: shard by
    chat_id", "Cache stampede (use request coalescing)").

Why it matters
    Step 7 of the framework: find what breaks first as the load grows, and say how to fix it
    (replicas, sharding, caching, CDN, regions).

Example
    "Hot group chats" → "fan out on read for groups over 100" passes; a problem with no fix fails,
    pointing at its row.

Params
    ``min`` (default 2).

Known limits
    Whether the fix fixes the problem is the interviewer's call. A problem explained after a dash
    or in parentheses ("Hot spot (celebrity users)") is still only a problem.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, Partial, SessionView, panel


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int = Field(default=2, ge=1)


# What is done to fix a bottleneck, as a fix starts: "shard by chat_id", "use request coalescing".
_FIX_VERB = (
    r"shard(?:s|ed|ing)?|partition(?:ed|ing)?|add(?:s|ed|ing)?|use|using|cach(?:e|ing)|replicat(?:e|ed|ing)"
    r"|scale|scaling|split|batch(?:ing)?|queue|buffer|rate[- ]limit|throttle|coalesc(?:e|ing)|pre-?comput(?:e|ing)"
    r"|denormali[sz]e|index|compress|move|offload|introduce|switch|upgrade|autoscale|increase|archive|tier"
    r"|fan[- ]out|spread|distribute|pool|debounce|dedupe|deduplicate|put|run|read replicas?|replicas?|cdn"
    r"|consistent hashing"
)
# A fix written in the problem's own field: after an arrow; after "fix:", "solution -", "solved by",
# "mitigate with", "addressed by"; or starting with what is done after a dash, colon, semicolon,
# comma or parenthesis ("Hot chats → fan out on read"; "Stampede (use request coalescing)"; "DB
# writes: shard by chat_id").
_FIX_INSIDE = re.compile(
    r"(?:→|->|=>|\b(?:fix|fixed by|solution|mitigation|mitigated by|remedy|workaround)\s*(?:is\b)?\s*[:\-–—]?"
    r"|\b(?:solved?|fix(?:ed)?|mitigat(?:e|ed|ing)|address(?:ed)?|handled?|resolved?|avoided?|prevented?)"
    r"\s+(?:by|with|via|through|using)\b)\s*\w+\W+\w+"
    rf"|(?:[—–:;,(]|\s-)\s*(?:{_FIX_VERB})\b",
    re.I,
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
