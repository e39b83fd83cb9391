"""Require every stated access pattern to be served by a key or an index.

What it checks
    For each access pattern, the tables it may read are those whose names share a word with it
    ("messages of a chat" → ``messages``), and the columns it filters on are those whose names it
    mentions (``chat`` → ``chat_id``). The pattern is served when, in one of those tables, the
    primary key or an index starts with one of those columns.

Why it matters
    Every query the design relies on must be a key lookup or an index scan, or the database scans
    the table at interview scale (framework: database design).

Example
    Pattern "last 50 messages of a chat" with ``PRIMARY KEY ((chat_id), id)`` passes; "user by
    phone" with no index on ``phone`` fails, pointing at the pattern.

Params
    none.

Known limits
    Matching is by words: a pattern that names neither a table nor a column it filters on is
    reported as not understood rather than failed.
"""

from __future__ import annotations

from designer.checks.base import Check, Finding, NotAssessable, Partial, SessionView, panel
from designer.checks.text import mentions, shared_words, singular


def _column_words(column: str) -> list[str]:
    words = [column.replace("_", " ")]
    if column.endswith("_id"):
        words.append(column[:-3].replace("_", " "))
    return words


def _overlap(pattern: str, table: str) -> int:
    return shared_words(pattern, table.replace("_", " "))


def _served_by(view: SessionView, pattern: str, table) -> tuple[bool, list[str], str]:
    """Whether ``table`` serves ``pattern``: the columns it filters on, and what serves them."""
    columns = [c for c in table.columns if any(mentions(pattern, w) for w in _column_words(c))]
    # "of a chat" filters on chat_id; a table named after the thing itself is looked up by its key.
    columns = [c for c in columns if singular(c) != singular(table.name)]
    if not columns:
        return bool(table.primary_key), ["its key"], ", ".join(table.primary_key)
    leading = {cols[0] for cols in view.schema.key_prefixes(table.name) if cols}
    hit = sorted(leading & set(columns))
    return bool(hit), columns, ", ".join(hit)


def run(view: SessionView, params):
    patterns = [(i, p) for i, p in enumerate(view.panels["database"]["access_patterns"]) if p.strip()]
    tables = view.schema.tables
    if not patterns or not tables:
        yield NotAssessable("nothing")
        return
    served = judged = 0
    for index, pattern in patterns:
        where = (panel(f"database.access_patterns[{index}]"),)
        # The tables the pattern may read: those sharing a word with it, most words first.
        candidates = sorted(
            (t for t in tables.values() if _overlap(pattern, t.name)),
            key=lambda t: -_overlap(pattern, t.name),
        )
        if not candidates:
            yield Finding("unknown_table", {"pattern": pattern}, where)
            continue
        judged += 1
        outcomes = [(t, *_served_by(view, pattern, t)) for t in candidates]
        good = next((o for o in outcomes if o[1]), None)
        if good:
            served += 1
            yield Finding(
                "served", {"pattern": pattern, "table": good[0].name, "by": good[3]}, where, passed=True
            )
        else:
            table, _, columns, _ = outcomes[0]
            yield Finding(
                "unserved", {"pattern": pattern, "table": table.name, "columns": ", ".join(columns)}, where
            )
    if judged and 0 < served < judged:
        yield Partial(served / judged)


CHECK = Check(
    id="database.access_patterns_indexed",
    statement="Every access pattern is served by a key or an index",
    summary="Require every access pattern to be served by a key or an index",
    messages={
        "served": "“{pattern}” is served by {table} ({by}).",
        "unserved": "“{pattern}” reads {table} by {columns}, but no key or index starts with it: add an index.",
        "unknown_table": "“{pattern}” names no table of the schema: say which table it reads.",
        "nothing": "There are no access patterns and tables to compare: list the queries the design runs most and "
        "write the tables they read.",
    },
    run=run,
    points=2,
    serves="Database design",
    doc=__doc__,
)
