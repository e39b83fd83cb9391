"""Require trade-offs written as "X over Y because Z".

What it checks
    At least ``min`` trade-offs name what was chosen, what it was chosen over or what it costs,
    and why: "over" (or "instead of", "rather than", "vs", "as opposed to", "prefer X to Y", "the
    alternative was", "but it risks…", "Cons: …") and "because" (or "since", "so", "as", "to
    support…", "for write throughput", a clause after a colon).

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
    "because", "since", "so", "given", "due to", "thanks to", "as it/our…", "which", "to
    avoid/support/reduce…", "for its…", "for lower/faster…", "for <a quality>" (throughput, latency,
    real-time…; "for messages" is not a reason), a gain ("speeds up", "reduces"), or a clause after
    a colon, semicolon, dash, arrow or parenthesis ("Kafka rather than RabbitMQ: replayable log").
    "trade X for Y", "at the cost/price of", "in exchange for", "but…", "Cons:" name what was given
    up as "over" does. A hybrid with no alternative named ("push for most users, pull for
    celebrities") does not count.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, Partial, SessionView, entry_lines, panel

# Verbs of purpose: "to support replay" is a reason, "prefer X to Y" names an alternative.
_PURPOSE = (
    r"avoid|keep|save|reduce|allow|get|cut|support|handle|scale|serve|ensure|guarantee|make|let|meet"
    r"|absorb|decouple|survive|tolerate|simplify|speed|lower|minimi[sz]e|maximi[sz]e|improve|enable"
    r"|prevent|limit|achieve|provide|preserve|protect|stay|spread|balance|replay|buffer|smooth|isolate"
    r"|sustain|stop|hide"
)
# What the choice is for: "for write throughput", "for real-time delivery" (not "for messages").
_QUALITY = (
    r"throughput|latency|availability|durability|consistency|simplicity|scalability|scale|speed|cost"
    r"|ordering|replays?|performance|reliability|resilience|fault tolerance|real-time|elasticity"
    r"|flexibility|correctness|isolation|security"
)
# What was given up: the alternative ("over", "rather than", "prefer X to Y", "the alternative was")
# or the cost ("trade X for Y", "at the cost of", "but it risks…", "Cons: …").
_ALTERNATIVE = re.compile(
    r"\b(over|instead of|rather than|vs\.?|versus|not|as opposed to|in place of|compared (?:to|with)"
    r"|better than|alternatives?|(?:wins?|won|chosen|picked|preferred) against"
    rf"|prefer(?:s|red|ring)?\b[^.;:]{{1,80}}?\bto\b(?! (?:{_PURPOSE})\b)"
    r"|in exchange for|at the (?:cost|expense|price) of|but|(?:al)?though|downsides?|drawbacks?"
    r"|trad(?:e|es|ed|ing) \w+(?: \w+)? for|sacrific(?:e|es|ed|ing)|giv(?:e|es|ing) up)\b"
    r"|\bcons?\s*:",
    re.I,
)
# Why: a reason word, a purpose ("to support replay", "for write throughput", "for its log"), a gain
# ("speeds up reads", "for lower latency"), or a clause of two words or more after a colon, a
# semicolon, a dash, an arrow or a parenthesis ("Kafka rather than RabbitMQ: replayable log").
_REASON = re.compile(
    r"\b(because|since|so|so that|given|due to|thanks to|owing to|in order to|which"
    r"|as (?:it|they|we|the|our|its|their|this|that|these|those|there|most|all|each|every|reads|writes)"
    rf"|to (?:{_PURPOSE})|for (?:its|their)|for (?:[\w]+[ -]){{0,2}}(?:{_QUALITY})"
    r"|for (?:lower|higher|faster|better|less|more|fewer|cheaper|simpler|stronger)"
    r"|(?:speeds?|sped) up|improves?|reduces?|cuts?|lowers?|avoids?|simplifies)\b"
    r"|(?:[:;—–→(]|->|=>|\s-\s)\s*\w+\W+\w+",
    re.I,
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int = Field(default=2, ge=1)


def run(view: SessionView, params: Params):
    # each line its own trade-off (a list kept as one entry), pointing at the entry it is in
    rows = [
        (index, line)
        for index, entry in enumerate(view.panels["scale"]["tradeoffs"])
        for line in entry_lines(entry)
        if line.strip()
    ]
    complete = [(i, t) for i, t in rows if _ALTERNATIVE.search(t) and _REASON.search(t)]
    for index, text in rows:
        if (index, text) not in complete:
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
