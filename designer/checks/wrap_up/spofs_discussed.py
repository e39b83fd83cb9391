"""Require every single point of failure left on the board to be discussed in the failure cases.

What it checks
    Each box that is a single point of failure (as ``graph.no_single_point_of_failure`` finds them:
    not redundant, and every path from the clients to some datastore runs through it) is named in
    the wrap-up's failure cases: by its label, the first word of its label, its role as its label's last
    word ("the primary" of "Postgres primary"), its kind ("SQL database"), the
    last word of its kind ("database") or the kind's usual abbreviation ("the DB", "the LB",
    "PG", "the data store"). A board shown to have none passes; a
    board where none could be looked for (no client, no path to the data) has nothing to discuss
    yet and earns nothing.

Why it matters
    The framework's common mistake is "failure cases not considered: single points of failure left on
    the board *and not discussed*". A lone database can be a fair choice at first; not saying what
    happens when it goes down is the mistake.

Example
    ``client → api (×3) → db`` with the failure case "If the database fails we restore from the
    hourly backup": passes (``db`` is a SQL database). The same board with no failure cases fails,
    pointing at ``db``.

Params
    none.

Known limits
    Matching is by words (plurals forgiven): "the database" counts for any database box, and a failure case that names
    the box without saying what happens still counts. Whether the answer is a good one is the
    interviewer's judgement. Partial credit for discussing some of them. The trade-offs don't count:
    naming a box there ("use MySQL") is rarely about its failure, so a single point accepted as a
    trade-off must be named in the failure cases too.
"""

from __future__ import annotations

from designer.checks.base import Check, Finding, NotAssessable, SessionView, each_discussed, panel
from designer.checks.text import tokenize

_WHERE = ("wrap_up.failure_cases",)


def run(view: SessionView, params):
    if not view.clients:
        yield NotAssessable("no_clients")
        return
    spofs = view.single_points_of_failure
    if not spofs:
        yield Finding("none", {}, passed=True)
        return
    said = tokenize(view.text(*_WHERE))  # once, for every box
    yield from each_discussed(view, spofs, said, view.names_of, panel("wrap_up.failure_cases"))


CHECK = Check(
    id="wrap_up.spofs_discussed",
    statement="Each single point of failure is discussed",
    summary="Require each single point of failure on the board to be discussed in the failure cases",
    messages={
        "none": "The board has no single point of failure to discuss.",
        "unjudged": "No single point of failure could be looked for yet (the board has no path from a "
        "client to the data), so there is none to discuss yet: draw that path first.",
        "discussed": "{name} is a single point of failure, and the failure cases say what happens when it fails.",
        "undiscussed": "{name} is a single point of failure that no failure case mentions: "
        "say what happens when it fails.",
        "no_clients": "There is no client on the board, so there are no paths to judge: draw who uses the system.",
    },
    run=run,
    points=2,
    serves="Common mistakes: failure cases not considered",
    doc=__doc__,
    depends_on="graph.no_single_point_of_failure",
)
