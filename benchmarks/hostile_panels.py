"""Grade sessions whose panels are full of hostile text, and print each grade's time against the
strong chat-app answer's, graded in the same run.

Each session is the strong answer with every panel filled to the most text a panel may hold
(``MAX_PANEL_CHARS``, shared among its fields, three rows a list) with one kind of line: the
kinds that once made a check slow ("1 1 1 …" held the alerts check 30 s a line; "no real time. …"
made the negation matcher read ten thousand clauses a line). Goal: no hostile session takes more
than a second to grade; before the panel limit, 2 MB of requirements took a check 4–20 s.

Run: ``.venv/bin/python benchmarks/hostile_panels.py``.
"""

from __future__ import annotations

import copy
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from designer.grading import grade  # noqa: E402
from designer.rubric import load_rubric  # noqa: E402
from designer.session_format import MAX_ITEMS, MAX_PANEL_CHARS, MAX_TEXT_CHARS, validate_session  # noqa: E402

KINDS = [">", "1 ", "1,", "1.", "no ", "a;", "no real time. ", "for 1 ", "slo 1", "lorem ipsum dolor "]
ROWS = 3


def _slots(value) -> int:
    if isinstance(value, str):
        return 1
    if isinstance(value, list):
        return ROWS * _slots(value[0]) if value else 0
    if isinstance(value, dict):
        return sum(_slots(v) for v in value.values())
    return 0


def _filled(value, line: str):
    if isinstance(value, str):
        return line
    if isinstance(value, list):
        return [_filled(value[0], line)] * ROWS if value else value
    if isinstance(value, dict):
        return {k: _filled(v, line) for k, v in value.items()}
    return value


def hostile(strong: dict, unit: str) -> dict:
    session = copy.deepcopy(strong)
    for step, panel in session["panels"].items():
        chars = min(20 * 1024, MAX_PANEL_CHARS // max(1, _slots(panel)))
        session["panels"][step] = _filled(panel, (unit * (chars // len(unit) + 1))[:chars])
    validate_session(session)  # a session the app would take
    return session


def many_tables(strong: dict) -> dict:
    """The database panel with as many tables as its DDL holds, every name sharing a word, and as many
    access patterns as a list holds, each naming them: every pattern once compared with every table
    (12 s for one check)."""
    session = copy.deepcopy(strong)
    ddl = "".join(f"CREATE TABLE users_{i} (a INT);" for i in range(2_000))[: MAX_TEXT_CHARS - 40]
    session["panels"]["database"] = {
        "choice": "PostgreSQL",
        "ddl": ddl[: ddl.rindex(";") + 1],
        "access_patterns": [f"users by a of {i}" for i in range(MAX_ITEMS)],
    }
    validate_session(session)
    return session


def timed(session: dict, rubric) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        grade(copy.deepcopy(session), rubric)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    strong = json.loads((ROOT / "rubrics/chat-app/strong.session.json").read_text())
    rubric = load_rubric("chat-app")
    baseline = timed(strong, rubric)
    print(f"strong chat-app answer: {baseline * 1000:.0f} ms (baseline)")
    print(f"each panel filled to {MAX_PANEL_CHARS:,} characters of one kind of line:")
    worst = 0.0
    for unit in KINDS:
        seconds = timed(hostile(strong, unit), rubric)
        worst = max(worst, seconds)
        print(f"  {unit!r:22} {seconds * 1000:7.0f} ms  {seconds / baseline:5.1f}× baseline")
    seconds = timed(many_tables(strong), rubric)
    worst = max(worst, seconds)
    tables = many_tables(strong)["panels"]["database"]["ddl"].count("CREATE")
    print(
        f"  {tables} tables × {MAX_ITEMS:,} patterns {seconds * 1000:7.0f} ms  {seconds / baseline:5.1f}× baseline"
    )
    print(f"slowest: {worst * 1000:.0f} ms (goal ≤ 1,000 ms: {'met' if worst <= 1 else 'NOT met'})")


if __name__ == "__main__":
    main()
