"""Require trade-offs written as "X over Y because Z".

What it checks
    At least ``min`` trade-offs name what was chosen, what it was chosen over, and why: the text
    has "over" (or "instead of", "rather than", "vs") and "because" (or "since", "so that",
    "as", "to").

Why it matters
    "Consider trade-offs and alternatives" is on the success checklist, and "no trade-offs" is a
    common mistake: a choice without its alternative and reason is a guess.

Example
    "Eventual over strong consistency for read receipts, because a late receipt costs nothing"
    passes; "Use Cassandra" does not count.

Params
    ``min`` (default 2).

Known limits
    The shape is checked, not the depth: that is the interviewer's call. The reason words are
    "because", "since", "so that", "given", "due to", "as it…", "which", "to avoid/keep/reduce…",
    "for lower/faster…", or a clause after a colon, dash, arrow or parenthesis ("Kafka rather than
    RabbitMQ: replayable log"); "trade X for Y", "at the cost of" and "in exchange for" name what
    was given up as "over" does.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, Partial, SessionView, panel

# What was given up: the alternative ("over", "rather than") or the cost ("trade X for Y", "at the
# cost of", "in exchange for", "sacrifice").
_ALTERNATIVE = re.compile(
    r"\b(over|instead of|rather than|vs\.?|versus|not|in exchange for|at the (?:cost|expense) of"
    r"|trad(?:e|es|ed|ing) \w+(?: \w+)? for|sacrific(?:e|es|ed|ing)|giv(?:e|es|ing) up)\b",
    re.I,
)
# Why: a reason word, a gain ("for lower latency"), or a clause of two words or more after a colon,
# a dash, an arrow or a parenthesis ("Kafka rather than RabbitMQ: replayable log").
_REASON = re.compile(
    r"\b(because|since|so that|given|due to|as (it|they|we|the)|which|to (avoid|keep|save|reduce|allow|get|cut)"
    r"|for (?:lower|higher|faster|better|less|more|fewer|cheaper|simpler|stronger))\b"
    r"|(?:[:—–→(]|->|=>|\s-\s)\s*\w+\W+\w+",
    re.I,
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int = Field(default=2, ge=1)


def run(view: SessionView, params: Params):
    rows = [t for t in view.panels["scale"]["tradeoffs"] if t.strip()]
    complete = [i for i, t in enumerate(rows) if _ALTERNATIVE.search(t) and _REASON.search(t)]
    for index, text in enumerate(rows):
        if index not in complete:
            yield Finding("incomplete", {"text": text[:80]}, (panel(f"scale.tradeoffs[{index}]"),))
    if len(complete) >= params.min:
        yield Finding("enough", {"count": len(complete)}, (panel("scale.tradeoffs"),), passed=True)
        return
    yield Finding("too_few", {"count": len(complete), "min": params.min}, (panel("scale.tradeoffs"),))
    if complete:
        yield Partial(len(complete) / params.min)


CHECK = Check(
    id="scale.tradeoffs_stated",
    statement="Trade-offs are stated as X over Y because Z",
    summary="Require trade-offs written as X over Y because Z",
    messages={
        "enough": "{count} trade-offs say what was chosen, over what, and why.",
        "too_few": "{count} complete trade-offs; write at least {min} as “X over Y because Z”.",
        "incomplete": "“{text}” is not a full trade-off: say what it was chosen over and why.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Consider trade-offs and alternatives",
    doc=__doc__,
)
