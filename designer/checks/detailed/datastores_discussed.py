"""Require every datastore the clients' requests reach to be discussed in the detailed design.

What it checks
    Each datastore on the hot path — reached from a client by synchronous arrows (SQL, NoSQL, object
    storage, search index; a read replica goes with its primary; a store fed through a queue is off
    the hot path) — is named in the written design: a deep dive, the database choice, notes or
    access patterns, a bottleneck or a trade-off. Named by its label, a word of four letters or more
    of its label ("media" for "S3: media"), its kind ("NoSQL database"), the last word of its kind
    ("database") or a product of its kind ("Cassandra" for a NoSQL box labelled "Primary store"),
    forgiving plurals. Each one discussed earns its share. An answer with no deep dive
    has discussed nothing in detail (the database choice alone doesn't count), and a board where no
    client reaches a datastore has nothing to discuss yet: both earn nothing.

Why it matters
    The data is where a design succeeds or falls over: how it is partitioned, what the hot keys
    are, how it is read at peak. An interviewer asks about the store on every hot path; an answer
    that explores the web tier and never says how the message store holds up has skipped the hard
    part (framework: detailed design, scale the design).

Example
    ``client → api → db:nosql_database`` with the deep dive "Message storage: the NoSQL store
    partitions by chat id…" passes. The same board whose deep dives only cover the API fails,
    pointing at ``db``.

Params
    none.

Known limits
    Words, not depth: "the database" counts for any database box. Whether what was said about it
    is right stays the interviewer's manual criterion (``deep_dive``).
"""

from __future__ import annotations

from designer.checks.base import Check, NotAssessable, SessionView, each_discussed, panel
from designer.checks.detailed.deep_dives_on_the_board import names_in_prose
from designer.checks.text import tokenize

# Where a store is discussed: the deep dives, the database step's choice, notes and access
# patterns, and the scale step's bottlenecks and trade-offs. Not the DDL: a table is not a discussion.
_WHERE = (
    "detailed",
    "database.choice",
    "database.notes",
    "database.access_patterns",
    "scale.bottlenecks",
    "scale.tradeoffs",
)


def _on_request_paths(view: SessionView) -> set[str]:
    """The boxes a client's synchronous calls reach: the hot path. Work handed to a queue is not
    on it (an analytics store fed by a stream can wait)."""
    calls: dict[str, list[str]] = {}
    for arrow in view.arrows:
        if arrow.get("mode", "sync") == "sync":
            calls.setdefault(arrow["source"], []).append(arrow["target"])
    seen = set(view.clients)
    frontier = list(seen)
    while frontier:
        for target in calls.get(frontier.pop(), ()):
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def run(view: SessionView, params):
    reached = _on_request_paths(view)
    stores = [s for s in view.datastores if s in reached and view.kind(s) != "read_replica"]
    if not stores:
        yield NotAssessable("no_stores")
        return
    said = tokenize(view.text(*_WHERE))  # once, for every store
    yield from each_discussed(
        view, stores, said, lambda store: names_in_prose(view, store), panel("detailed")
    )


CHECK = Check(
    id="detailed.datastores_discussed",
    statement="Each datastore on the hot path is discussed",
    summary="Require each datastore on the hot path to be discussed in the written design",
    messages={
        "discussed": "{name} is discussed in the detailed design.",
        "undiscussed": "{name} is on the clients' request path, but the design never discusses it: "
        "say in a deep dive or a bottleneck how it holds up at peak (partitioning, hot keys, replicas).",
        "unjudged": "There are no deep dives yet, so no datastore has been discussed in detail: pick the "
        "stores on the request path and explain how each holds up at peak.",
        "no_stores": "No client reaches a datastore yet, so there is none to discuss: draw where the "
        "requests' data lives first.",
    },
    run=run,
    points=2,
    depends_on="detailed.deep_dives_on_the_board",
    serves="Detailed component design",
    doc=__doc__,
)
