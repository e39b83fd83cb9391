"""Require a summary and improvements at the end.

What it checks
    The summary is at least ``min_words`` words, and at least ``min_improvements`` improvements are
    listed.

Why it matters
    "Summarize; discuss improvements" is the last item of the success checklist: it shows the
    candidate can step back from the details.

Example
    A three-sentence summary and "End-to-end encryption" as an improvement pass.

Params
    ``min_words`` (default 15), ``min_improvements`` (default 1).

Known limits
    Whether the summary matches the design is the interviewer's call.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, Partial, SessionView, entry_lines, panel


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_words: int = Field(default=15, ge=1)
    min_improvements: int = Field(default=1, ge=0)


def run(view: SessionView, params: Params):
    words = len(view.panels["wrap_up"]["summary"].split())
    improvements = [
        i for entry in view.panels["wrap_up"]["improvements"] for i in entry_lines(entry) if i.strip()
    ]
    parts = 0
    if words >= params.min_words:
        parts += 1
    else:
        yield Finding("short_summary", {"words": words, "min": params.min_words}, (panel("wrap_up.summary"),))
    if len(improvements) >= params.min_improvements:
        parts += 1
    else:
        yield Finding(
            "no_improvements",
            {"count": len(improvements), "min": params.min_improvements},
            (panel("wrap_up.improvements"),),
        )
    if parts == 2:
        yield Finding("done", {"words": words, "count": len(improvements)}, (panel("wrap_up"),), passed=True)
    elif parts == 1:
        yield Partial(0.5)


CHECK = Check(
    id="wrap_up.summary_and_improvements",
    statement="The design is summed up, with improvements",
    summary="Require a summary and improvements at the end",
    messages={
        "done": "A {words}-word summary and {count} improvements.",
        "short_summary": "The summary has {words} words; sum the design up in at least {min}.",
        "no_improvements": "{count} improvements listed; name at least {min} thing you would do next.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Summarize; discuss improvements",
    doc=__doc__,
)
