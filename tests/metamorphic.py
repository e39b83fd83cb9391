"""Metamorphic relations of the grader: changes to an answer whose effect on the score is known
without knowing the right score (Chen et al., "Metamorphic testing", 1998; the standard way to test
a program without an oracle). Shared by tests/test_metamorphic.py (a bounded number of cases in CI)
and benchmarks/metamorphic.py (thousands).

Each relation takes a session file and a ``random.Random`` and returns the changed copy, or None
when it has nothing to change in this session.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

from designer.grading import grade
from designer.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[1]
#: Every built-in problem's calibration answers, with the rubric that grades them.
SESSIONS = sorted(str(p.relative_to(ROOT / "rubrics")) for p in (ROOT / "rubrics").glob("*/*.session.json"))
_LISTS = [
    ("requirements", "functional"),
    ("requirements", "non_functional"),
    ("requirements", "questions"),
    ("requirements", "out_of_scope"),
    ("estimates",),
    ("api",),
    ("scale", "bottlenecks"),
    ("scale", "tradeoffs"),
    ("wrap_up", "failure_cases"),
    ("wrap_up", "metrics"),
    ("detailed", "deep_dives"),
]
BUFFER_KINDS = {"load_balancer", "cache", "queue", "stream", "cdn"}

_loaded: dict[str, tuple[dict, object]] = {}


def load(name: str) -> tuple[dict, object]:
    """A calibration session (a fresh copy) and its rubric."""
    if name not in _loaded:
        path = ROOT / "rubrics" / name
        _loaded[name] = (json.loads(path.read_text()), load_rubric(path.parent.name))
    session, rubric = _loaded[name]
    return copy.deepcopy(session), rubric


def score(session: dict, rubric) -> float:
    return grade(session, rubric)["score"]


def _lists(session: dict) -> list[tuple[tuple[str, ...], list]]:
    found = []
    for path in _LISTS:
        value = session.get("panels") or {}
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, list) and value:
            found.append((path, value))
    return found


def _boards(session: dict) -> list[dict]:
    """The board and every board in the history: a change to ids must reach them all."""
    return [session["board"], *[h["board"] for h in session.get("history") or [] if h.get("board")]]


# Relations that must leave the score exactly as it was.


def rename_ids(session: dict, rng: random.Random) -> dict | None:
    names: dict[str, str] = {}
    for board in _boards(session):
        for n in board.get("nodes") or []:
            names.setdefault(n["data"]["id"], f"b{rng.randrange(10**6)}_{len(names)}")
        for n in board.get("nodes") or []:
            n["data"]["id"] = names[n["data"]["id"]]
        for e in board.get("edges") or []:
            e["data"]["source"], e["data"]["target"] = names[e["data"]["source"]], names[e["data"]["target"]]
            e["data"]["id"] = f"a{rng.randrange(10**6)}_{e['data']['id']}"
    return session if names else None


def move_boxes(session: dict, rng: random.Random) -> dict | None:
    nodes = session["board"].get("nodes") or []
    for n in nodes:
        n["position"] = {"x": rng.uniform(-2000, 2000), "y": rng.uniform(-2000, 2000)}
    return session if nodes else None


def reorder_rows(session: dict, rng: random.Random) -> dict | None:
    lists = _lists(session)
    if not lists:
        return None
    for _, rows in lists:
        rng.shuffle(rows)
    return session


def reorder_board(session: dict, rng: random.Random) -> dict | None:
    board = session["board"]
    rng.shuffle(board["nodes"])
    rng.shuffle(board["edges"])
    return session if board["nodes"] else None


def one_entry_of_lines(session: dict, rng: random.Random) -> dict | None:
    """A list of text kept as one entry, a line each with a bullet, as a Markdown list is pasted."""
    lists = [
        (path, rows)
        for path, rows in _lists(session)
        if len(rows) > 1 and all(isinstance(r, str) and r.strip() and "\n" not in r for r in rows)
    ]
    if not lists:
        return None
    path, rows = rng.choice(lists)
    bullet = rng.choice(["- ", "* ", "• ", "", "- [ ] "])
    rows[:] = ["\n".join(f"{bullet}{row}" for row in rows)]
    return session


_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
_ONES += ["twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALE_WORDS = {"K": "thousand", "k": "thousand", "M": "million", "B": "billion", "T": "trillion"}
_WHOLE_FIGURE = re.compile(r"^(~?\s*)(\d{1,3})(?![\d.,])\s*([KkMBT](?![A-Za-z]))?(.*)$", re.S)


def spell_out(n: int, joiner: str = " ") -> str:
    """1 ≤ n ≤ 999 in English words, "and" after the hundred (British, ``joiner`` " and ") or not."""
    hundreds, rest = divmod(n, 100)
    below = _ONES[rest] if rest < 20 else _TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else "")
    if not hundreds:
        return below
    return f"{_ONES[hundreds]} hundred" + (f"{joiner}{below}" if rest else "")


def spell_stated_figures(session: dict, rng: random.Random) -> dict | None:
    """Each stated estimate that is a whole number said in words: "24K/s" as "twenty-four thousand/s",
    "182TB" as "one hundred and eighty-two TB"."""
    spelled = 0
    for row in (session.get("panels") or {}).get("estimates") or []:
        m = _WHOLE_FIGURE.match(row.get("stated") or "")
        if m and int(m[2]):
            scale = f" {_SCALE_WORDS[m[3]]}" if m[3] else ""
            row["stated"] = (
                f"{m[1]}{spell_out(int(m[2]), rng.choice([' ', ' and ']))}{scale} {m[4].lstrip()}".rstrip()
            )
            spelled += 1
    return session if spelled else None


SAME: dict[str, Callable[[dict, random.Random], dict | None]] = {
    "rename ids": rename_ids,
    "move boxes": move_boxes,
    "reorder panel rows": reorder_rows,
    "reorder boxes and arrows": reorder_board,
    "keep a list as one entry of lines": one_entry_of_lines,
    "say the stated figures in words": spell_stated_figures,
}


# Relations that must never raise the score.


def remove_row(session: dict, rng: random.Random) -> dict | None:
    lists = _lists(session)
    if not lists:
        return None
    _, rows = rng.choice(lists)
    del rows[rng.randrange(len(rows))]
    return session


def empty_a_list(session: dict, rng: random.Random) -> dict | None:
    lists = _lists(session)
    if not lists:
        return None
    _, rows = rng.choice(lists)
    rows.clear()
    return session


def bypass_component(session: dict, rng: random.Random) -> dict | None:
    """Take out a load balancer, cache, queue, stream or CDN in use (arrows in and out), joining
    what called it to what it called. (Taking out one nothing used can be an improvement.)"""
    board = session["board"]
    ends = [(e["data"]["source"], e["data"]["target"]) for e in board["edges"]]
    used = {s for s, _ in ends} & {t for _, t in ends}
    boxes = [
        n["data"]["id"]
        for n in board["nodes"]
        if n["data"].get("kind") in BUFFER_KINDS and n["data"]["id"] in used
    ]
    if not boxes:
        return None
    gone = rng.choice(boxes)
    into = [e["data"] for e in board["edges"] if e["data"]["target"] == gone and e["data"]["source"] != gone]
    out = [e["data"] for e in board["edges"] if e["data"]["source"] == gone and e["data"]["target"] != gone]
    board["nodes"] = [n for n in board["nodes"] if n["data"]["id"] != gone]
    board["edges"] = [e for e in board["edges"] if gone not in (e["data"]["source"], e["data"]["target"])]
    taken = {e["data"]["id"] for e in board["edges"]}
    for a in into:
        for b in out:
            if a["source"] != b["target"] and f"{a['id']}~{b['id']}" not in taken:
                mode = "async" if "async" in (a.get("mode"), b.get("mode")) else b.get("mode", "sync")
                board["edges"].append(
                    {"data": {**b, "id": f"{a['id']}~{b['id']}", "source": a["source"], "mode": mode}}
                )
    return session


def remove_replica(session: dict, rng: random.Random) -> dict | None:
    boxes = [n["data"] for n in session["board"]["nodes"] if (n["data"].get("replicas") or 1) >= 2]
    if not boxes:
        return None
    box = rng.choice(boxes)
    box["replicas"] = rng.randrange(1, box["replicas"])
    return session


NOT_HIGHER: dict[str, Callable[[dict, random.Random], dict | None]] = {
    "remove a panel row": remove_row,
    "empty a panel list": empty_a_list,
    "take out a load balancer, cache, queue or CDN": bypass_component,
    "remove replicas": remove_replica,
}


# Relations that must never lower the score.


def raise_replicas(session: dict, rng: random.Random) -> dict | None:
    boxes = [
        n["data"]
        for n in session["board"]["nodes"]
        if n["data"].get("kind") != "client"
        and (n["data"].get("replicas") or 1) < 2
        and not n["data"].get("managed")
    ]
    if not boxes:
        return None
    rng.choice(boxes)["replicas"] = rng.randrange(2, 6)
    return session


NOT_LOWER: dict[str, Callable[[dict, random.Random], dict | None]] = {
    "raise a single box's replicas": raise_replicas
}

_NEGATIONS = ("No need for {}", "{} is out of scope", "{}: not needed", "We do not need {}")


def negate_requirement(session: dict, rng: random.Random) -> dict | None:
    requirements = (session.get("panels") or {}).get("requirements") or {}
    fields = [f for f in ("functional", "non_functional") if requirements.get(f)]
    if not fields:
        return None
    rows = requirements[rng.choice(fields)]
    index = rng.randrange(len(rows))
    rows[index] = rng.choice(_NEGATIONS).format(rows[index].rstrip("."))
    return session
