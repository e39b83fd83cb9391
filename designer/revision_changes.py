"""What one revision changed against the one before, in words: boxes and arrows added, removed,
renamed or changed, boxes moved, and panel lines and rows added, removed or edited.

The revisions page lists every save; without this a candidate looking for "the version before I
deleted the cache" opens them one by one.
"""

from __future__ import annotations

__all__ = ["board_changes", "panel_changes", "changes"]

from typing import Any

from designer.board import node_label
from designer.panel_changes import FIELD_TITLES, row_key, row_name
from designer.session_format import KINDS, ZONE_KINDS

_LISTS = {
    "estimates": ("Estimates", "row"),
    "api": ("API", "endpoint"),
    "detailed": ("Deep dives", "deep dive"),
}


def _names(items: list[str], limit: int = 4) -> str:
    quoted = [f"“{' '.join(str(i).split())[:50]}”" for i in items]
    return ", ".join(quoted[:limit]) + (f" and {len(quoted) - limit} more" if len(quoted) > limit else "")


def board_changes(before: dict | None, after: dict) -> list[str]:
    """The board's changes, a sentence each (at most one per kind of change)."""
    before = before or {}
    old = {n["data"]["id"]: n for n in before.get("nodes") or []}
    new = {n["data"]["id"]: n for n in after.get("nodes") or []}
    label = {
        **{i: node_label(n["data"]) for i, n in old.items()},
        **{i: node_label(n["data"]) for i, n in new.items()},
    }
    out = []
    added = [label[i] for i in new if i not in old]
    removed = [label[i] for i in old if i not in new]
    if added:
        out.append(f"Added {_names(added)}.")
    if removed:
        out.append(f"Removed {_names(removed)}.")
    renamed, changed, moved = [], [], 0
    for i in new.keys() & old.keys():
        a, b = old[i]["data"], new[i]["data"]
        if node_label(a) != node_label(b):
            renamed.append(f"“{node_label(a)}” → “{node_label(b)}”")
        what = []
        if a.get("kind") != b.get("kind"):
            what.append(f"a {KINDS.get(b.get('kind', ''), b.get('kind'))}")
        if (a.get("replicas") or 1) != (b.get("replicas") or 1):
            what.append(f"×{b.get('replicas') or 1}")
        if bool(a.get("managed")) != bool(b.get("managed")):
            what.append("managed" if b.get("managed") else "not managed")
        if (a.get("notes") or "") != (b.get("notes") or ""):
            what.append("notes edited")
        if what:
            changed.append(f"“{node_label(b)}” ({', '.join(what)})")
        if (old[i].get("position") or {}) != (new[i].get("position") or {}):
            moved += 1
    if renamed:
        out.append(f"Renamed {', '.join(sorted(renamed)[:4])}{' and more' if len(renamed) > 4 else ''}.")
    if changed:
        out.append(f"Changed {', '.join(sorted(changed)[:4])}{' and more' if len(changed) > 4 else ''}.")
    if moved:
        out.append(f"Moved {moved} box{'es' if moved != 1 else ''}.")

    def arrows(board: dict) -> dict[str, dict]:
        return {e["data"]["id"]: e["data"] for e in board.get("edges") or []}

    old_e, new_e = arrows(before), arrows(after)

    old_label = {i: node_label(n["data"]) for i, n in old.items()}

    def name(e: dict, labels: dict[str, str] = label) -> str:
        return f"{labels.get(e['source'], e['source'])} → {labels.get(e['target'], e['target'])}"

    added_e = [name(e) for i, e in new_e.items() if i not in old_e]
    removed_e = [name(e, {**label, **old_label}) for i, e in old_e.items() if i not in new_e]
    if added_e:
        out.append(f"Added the arrow{'s' if len(added_e) > 1 else ''} {_names(added_e)}.")
    if removed_e:
        out.append(f"Removed the arrow{'s' if len(removed_e) > 1 else ''} {_names(removed_e)}.")
    edited_e = [
        name(e)
        for i, e in new_e.items()
        if i in old_e
        and ((old_e[i].get("label") or "") != (e.get("label") or "") or old_e[i].get("mode") != e.get("mode"))
    ]
    if edited_e:
        out.append(f"Changed the arrow{'s' if len(edited_e) > 1 else ''} {_names(edited_e)}.")
    return out + _zone_changes(before, after, label) + _note_changes(before, after)


def _zone_name(data: dict) -> str:
    return data.get("label") or ZONE_KINDS.get(data.get("kind") or "zone", "Zone")


def _zone_changes(before: dict, after: dict, label: dict[str, str]) -> list[str]:
    """Zones added, removed, renamed or changed in kind, and boxes put in a zone or taken out."""
    old = {z["data"]["id"]: z["data"] for z in before.get("zones") or []}
    new = {z["data"]["id"]: z["data"] for z in after.get("zones") or []}
    names = {**{i: _zone_name(d) for i, d in old.items()}, **{i: _zone_name(d) for i, d in new.items()}}
    out = []
    added = [_zone_name(new[i]) for i in new if i not in old]
    removed = [_zone_name(old[i]) for i in old if i not in new]
    if added:
        out.append(f"Added the zone{'s' if len(added) > 1 else ''} {_names(added)}.")
    if removed:
        out.append(f"Removed the zone{'s' if len(removed) > 1 else ''} {_names(removed)}.")
    renamed = [
        f"“{_zone_name(old[i])}” → “{_zone_name(new[i])}”"
        for i in new.keys() & old.keys()
        if _zone_name(old[i]) != _zone_name(new[i])
    ]
    if renamed:
        out.append(f"Renamed the zone{'s' if len(renamed) > 1 else ''} {', '.join(sorted(renamed)[:4])}.")
    kinds = [
        f"“{_zone_name(new[i])}” (a {ZONE_KINDS.get(new[i].get('kind') or 'zone', 'zone').lower()})"
        for i in new.keys() & old.keys()
        if (old[i].get("kind") or "zone") != (new[i].get("kind") or "zone")
    ]
    if kinds:
        out.append(f"Changed the zone{'s' if len(kinds) > 1 else ''} {', '.join(sorted(kinds)[:4])}.")
    # a box (or a zone) now in another zone, or in none: the zone it is in now, or the one it left
    was = {
        **{n["data"]["id"]: n["data"].get("parent") for n in before.get("nodes") or []},
        **{i: d.get("parent") for i, d in old.items()},
    }
    now = {
        **{
            n["data"]["id"]: (n["data"].get("parent"), label.get(n["data"]["id"], n["data"]["id"]))
            for n in after.get("nodes") or []
        },
        **{i: (d.get("parent"), _zone_name(d)) for i, d in new.items()},
    }
    put, taken = [], []
    for i, (parent, name) in now.items():
        if i in was and was[i] != parent:
            if parent:
                put.append(f"“{name}” in “{names.get(parent, parent)}”")
            elif was[i] in new:  # a box whose zone was deleted is said with the zone
                taken.append(f"“{name}” out of “{names.get(was[i], was[i])}”")
    if put:
        out.append(f"Put {', '.join(sorted(put)[:4])}{' and more' if len(put) > 4 else ''}.")
    if taken:
        out.append(f"Took {', '.join(sorted(taken)[:4])}{' and more' if len(taken) > 4 else ''}.")
    return out


def _note_changes(before: dict, after: dict) -> list[str]:
    old = {n["data"]["id"]: n["data"].get("text") or "" for n in before.get("notes") or []}
    new = {n["data"]["id"]: n["data"].get("text") or "" for n in after.get("notes") or []}
    out = []
    for verb, texts in (
        ("Added", [new[i] for i in new if i not in old]),
        ("Removed", [old[i] for i in old if i not in new]),
        ("Edited", [new[i] for i in new if i in old and old[i] != new[i]]),
    ):
        if texts:
            out.append(f"{verb} the note{'s' if len(texts) > 1 else ''} {_names(texts)}.")
    return out


def _list_changes(title: str, unit: str, old: list, new: list) -> list[str]:
    old_keys = {row_key(r): r for r in old}
    new_keys = {row_key(r): r for r in new}
    added = [k for k in new_keys if k not in old_keys]
    removed = [k for k in old_keys if k not in new_keys]
    edited = [k for k in new_keys if k in old_keys and new_keys[k] != old_keys[k]]
    out = []
    if added:
        out.append(f"{title}: added {_names([row_name(new_keys[k]) for k in added])}.")
    if removed:
        out.append(f"{title}: removed {_names([row_name(old_keys[k]) for k in removed])}.")
    if edited:
        out.append(
            f"{title}: edited the {unit}{'s' if len(edited) > 1 else ''} {_names([row_name(new_keys[k]) for k in edited])}."
        )
    return out


def panel_changes(before: dict | None, after: dict) -> list[str]:
    """Each panel field's changes: lines and rows added, removed or edited, text edited."""
    before = before or {}
    out: list[str] = []
    for step in dict.fromkeys([*before, *after]):
        old, new = before.get(step), after.get(step)
        if old == new:
            continue
        if isinstance(new, list) or isinstance(old, list):
            title, unit = _LISTS.get(step, (step, "row"))
            out += _list_changes(title, unit, old or [], new or [])
            continue
        old, new = old or {}, new or {}
        if not isinstance(old, dict) or not isinstance(new, dict):
            continue
        for key in dict.fromkeys([*old, *new]):
            a, b = old.get(key), new.get(key)
            if a == b or (a in (None, "", []) and b in (None, "", [])):
                continue
            title = FIELD_TITLES.get(key, key)
            if isinstance(a, list) or isinstance(b, list):
                out += _list_changes(title, "line", a or [], b or [])
            else:
                out.append(f"{title}: {'written' if not a else 'cleared' if not b else 'edited'}.")
    return out


def changes(before: Any, after: Any) -> list[str]:
    """What revision ``after`` changed against ``before`` (None for the first revision)."""
    if before is None:
        return (
            ["The session began."]
            if not (after.board.get("nodes") or any(after.panels.values()))
            else (board_changes(None, after.board) + panel_changes(None, after.panels))
        )
    return board_changes(before.board, after.board) + panel_changes(before.panels, after.panels)
