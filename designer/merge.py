"""Keep both: two versions of a board or a panel combined, so nothing either side wrote is lost.

The conflict dialog's third choice. Two tabs saved the same thing; rather than pick one, the
candidate keeps everything: boxes, arrows and rows that either version has, and where both
versions hold the same box, row or field differently, theirs is kept too — yours first, then the
saved text after it, for text; yours, for a box or a row (the saved one stays in the revision list,
as both whole versions do whatever is chosen).

There is no common ancestor to compare with (a tab only knows what it sent), so this is a union,
not a three-way merge: a box one side deleted comes back if the other still has it. That is the
promise of "keep both": nothing typed is lost; deleting again is one click.
"""

from __future__ import annotations

__all__ = ["merge_boards", "merge_panel"]

from typing import Any

from designer.board import tidy_zones
from designer.panel_changes import row_key


def _union_by_id(mine: list, theirs: list) -> list:
    """Mine in its order, then theirs that mine lacks (by ``data.id``)."""
    seen = {item.get("data", {}).get("id") for item in mine if isinstance(item, dict)}
    return [
        *mine,
        *(item for item in theirs if isinstance(item, dict) and item.get("data", {}).get("id") not in seen),
    ]


def merge_boards(mine: dict, theirs: dict) -> dict:
    """Every box and arrow of both boards; a box or arrow both have is kept as mine has it.

    Examples
    --------
    >>> a = {"nodes": [{"data": {"id": "c", "kind": "client"}}], "edges": []}
    >>> b = {"nodes": [{"data": {"id": "c", "kind": "client"}}, {"data": {"id": "db", "kind": "sql_database"}}],
    ...      "edges": [{"data": {"id": "e", "source": "c", "target": "db"}}]}
    >>> merged = merge_boards(a, b)
    >>> [n["data"]["id"] for n in merged["nodes"]], [e["data"]["id"] for e in merged["edges"]]
    (['c', 'db'], ['e'])
    """
    nodes = _union_by_id(mine.get("nodes") or [], theirs.get("nodes") or [])
    ids = {n["data"].get("id") for n in nodes}
    edges = [
        e
        for e in _union_by_id(mine.get("edges") or [], theirs.get("edges") or [])
        if e["data"].get("source") in ids and e["data"].get("target") in ids
    ]
    merged = {**theirs, **mine, "nodes": nodes, "edges": edges}
    for part in ("zones", "notes"):  # every zone and note either has, as for boxes
        if part in mine or part in theirs:
            merged[part] = _union_by_id(mine.get(part) or [], theirs.get(part) or [])
    return tidy_zones(merged)


def _merge_text(mine: str, theirs: str) -> str:
    mine_s, theirs_s = mine.strip(), theirs.strip()
    if not theirs_s or theirs_s in mine_s:
        return mine
    if not mine_s or mine_s in theirs_s:
        return theirs
    return f"{mine.rstrip()}\n\n{theirs.lstrip()}"


def _merge_rows(mine: list, theirs: list) -> list:
    """Mine, then each of theirs that no row of mine matches (by name, or by content for a row
    without one)."""
    keys = {row_key(row) for row in mine}
    return [*mine, *(row for row in theirs if row_key(row) not in keys)]


def _merge(mine: Any, theirs: Any) -> Any:
    if isinstance(mine, list) and isinstance(theirs, list):
        return _merge_rows(mine, theirs)
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return {
            key: _merge(mine[key], theirs[key])
            if key in mine and key in theirs
            else mine.get(key, theirs.get(key))
            for key in {**theirs, **mine}
        }
    if isinstance(mine, str) and isinstance(theirs, str):
        return _merge_text(mine, theirs)
    return mine if mine not in (None, "") else theirs


def merge_panel(mine: Any, theirs: Any) -> Any:
    """One step's panel with what both versions wrote: rows of both lists (a row both have, by its
    name, as mine has it), and for a text both changed, mine then theirs.

    Examples
    --------
    >>> merge_panel([{"name": "dau", "expr": "50M"}], [{"name": "dau", "expr": "5M"}, {"name": "qps", "expr": "dau/86400"}])
    [{'name': 'dau', 'expr': '50M'}, {'name': 'qps', 'expr': 'dau/86400'}]
    >>> merge_panel({"choice": "Cassandra", "functional": ["send"]}, {"choice": "PostgreSQL", "functional": ["send", "groups"]})["choice"]
    'Cassandra\\n\\nPostgreSQL'
    """
    if mine is None:
        return theirs
    if theirs is None:
        return mine
    return _merge(mine, theirs)
