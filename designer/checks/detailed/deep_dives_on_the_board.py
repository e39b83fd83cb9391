"""Require the deep dives to explore components that are on the board, in some depth.

What it checks
    Each deep dive (topic and notes) of at least ``min_words`` words names a box on the board: by its
    label, any word of four letters or more of its label ("counters" for "Redis cluster: counters"),
    its kind ("WebSocket server"), the last word of its kind ("server") or a product of its kind
    ("Kafka" for a stream labelled "Event bus"; the importers' words, less those with another
    meaning in prose: "bucket", "batch", "search"…), forgiving plurals. ``min`` such deep dives pass; fewer earn a part in proportion.
    No deep dive at all is an omission.

Why it matters
    The detailed-design step is a quarter of the interview: two or three components explained in
    depth — their data structures, ordering, deduplication, failure handling. A deep dive about no
    part of the design, or a one-line one, is talk, not design (framework: detailed design).

Example
    "Delivery to online and offline users: chat servers keep the WebSocket per user; presence in
    Redis maps user → server; fan-out workers deliver…" names ``Chat servers``, ``Redis`` and the
    workers: it counts. "Security: we will think about it" names nothing and has 6 words: it doesn't.

Params
    ``min`` (default 2): how many deep dives tied to the board pass. ``min_words`` (default 10).

Known limits
    Words, not depth: whether the deep dive is *right* is the interviewer's manual criterion
    (``deep_dive``), which stays beside this one.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, NotAssessable, Partial, SessionView, node, panel
from designer.checks.text import PhraseIndex, normalize, tokenize


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int = Field(default=2, ge=1)
    min_words: int = Field(default=10, ge=1)


_COMMON = frozenset({"with", "from", "into", "service", "server", "servers", "data", "store", "layer", "the"})


def names_in_prose(view: SessionView, box: str) -> list[str]:
    """A box's names, and each word of its label long enough to mean something on its own."""
    words = [w for w in normalize(view.label(box)).split() if len(w) >= 4 and w not in _COMMON]
    return [*view.names_of(box), *words]


def run(view: SessionView, params: Params):
    dives = [
        (i, d)
        for i, d in enumerate(view.panels["detailed"])
        if (d.get("topic") or d.get("notes") or "").strip()
    ]
    if not dives:
        yield NotAssessable("none")
        return
    boxes = PhraseIndex(
        [(box, names_in_prose(view, box)) for box in view.graph.nodes if view.kind(box) != "client"]
    )
    tied = 0
    for index, dive in dives:
        title = (dive.get("topic") or "").strip() or f"deep dive {index + 1}"
        text = f"{dive.get('topic') or ''}. {dive.get('notes') or ''}"
        words = len(text.split())
        said = tokenize(text)
        named = boxes.mentioned(said)
        where = (panel(f"detailed[{index}]"),)
        if words < params.min_words:
            yield Finding("thin", {"topic": title, "words": words, "min_words": params.min_words}, where)
        elif not named:
            yield Finding("off_board", {"topic": title}, where)
        else:
            tied += 1
            labels = ", ".join(view.label(b) for b in named[:3])
            yield Finding(
                "tied", {"topic": title, "boxes": labels}, (*where, *(node(b) for b in named)), passed=True
            )
    if tied >= params.min:
        return
    yield Finding("too_few", {"count": tied, "min": params.min}, (panel("detailed"),))
    if tied:
        yield Partial(tied / params.min)


CHECK = Check(
    id="detailed.deep_dives_on_the_board",
    statement="The deep dives explore components on the board",
    summary="Require the deep dives to explore components on the board, in some depth",
    messages={
        "tied": "“{topic}” explores {boxes}.",
        "thin": "“{topic}” has {words} words: explain the component's data, ordering or failure handling "
        "in at least {min_words}.",
        "off_board": "“{topic}” names no box on the board: say which component it is about.",
        "too_few": "{count} deep dives explore a component on the board; go deep on at least {min}.",
        "none": "There are no deep dives yet: pick the components that matter most and explain how they work.",
    },
    run=run,
    params=Params,
    points=3,
    serves="Detailed component design",
    doc=__doc__,
)
