"""Require the requirements to mention the concepts the problem expects.

What it checks
    Each concept (a name and its synonyms) appears in the requirements panel: functional and
    non-functional requirements, questions and answers, out of scope. Matching forgives case,
    punctuation and plurals; synonyms are listed by the rubric.

Why it matters
    A problem rubric names what a good clarification covers ("group chat", "read receipts",
    "latency" for a chat app); a missing one is a requirement the design never considers.

Example
    Concept ``{name: read receipts, synonyms: [seen, delivered]}`` passes for "Delivery and read
    receipts" and for "show when a message was seen"; without "seen" among the synonyms the second
    would fail.

Params
    ``concepts``: a list of ``{name, synonyms}``; ``fields``: the panel fields to search
    (default the whole requirements panel).

Known limits
    Words, not meaning: "no group chats" mentions group chats.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, Partial, SessionView, panel
from designer.checks.text import mentions_any


class Concept(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    synonyms: list[str] = []


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    concepts: list[Concept] = Field(min_length=1)
    fields: list[str] = ["requirements"]


def run(view: SessionView, params: Params):
    words = view.text(*params.fields)
    found = 0
    for concept in params.concepts:
        hit = mentions_any(words, [concept.name, *concept.synonyms])
        if hit:
            found += 1
            yield Finding(
                "mentioned", {"concept": concept.name, "as": hit}, (panel(params.fields[0]),), passed=True
            )
        else:
            yield Finding("missing", {"concept": concept.name}, (panel(params.fields[0]),))
    if 0 < found < len(params.concepts):
        yield Partial(found / len(params.concepts))


CHECK = Check(
    id="requirements.mentions_concepts",
    statement="The requirements cover what the problem is about",
    summary="Require the requirements to mention the concepts the problem expects",
    messages={
        "mentioned": "The requirements cover {concept} (as “{as}”).",
        "missing": "The requirements never mention {concept}: ask about it, or say it is out of scope.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Clarify requirements",
    doc=__doc__,
)
