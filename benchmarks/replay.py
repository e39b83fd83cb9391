"""The review page and the replay on a long session: 2,000 autosaves of a growing board.

Times opening the review page (graded afresh, and with its grade kept), practice hints refreshed
after a save (for a step whose checks don't read the history, and for wrap_up, whose do), one
replay step (early, middle, last revision) and the live poll, each the median of several runs,
against reading the session's row in the same run.

    .venv/bin/python benchmarks/replay.py [--saves 2000] [--runs 5]

Goal: a replay step well under 100 ms, so dragging the slider feels immediate.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile

from timing import median_ms  # benchmarks/timing.py: run as a script, this folder is on the path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["DESIGNER_INSTANCE"] = tempfile.mkdtemp()
    for name in ("designer.request", "alembic"):  # a line per request drowns the figures (as in chaos.py)
        logging.getLogger(name).setLevel(logging.WARNING)
    from app import create_app

    app = create_app(
        {"DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/replay.sqlite3", "SECRET_KEY": "bench"}
    )
    store = app.extensions["designer.store"]
    row = store.create("chat-app")
    revision, nodes = row.revision, []
    for i in range(args.saves):  # a box every 20 saves, up to 60; every save moves one
        if i % 20 == 0 and len(nodes) < 60:
            nodes.append(
                {
                    "data": {"id": f"n{i}", "kind": "service", "label": f"Service {i}"},
                    "position": {"x": 0, "y": i},
                }
            )
        nodes[-1]["position"]["x"] = i
        board = {"nodes": nodes, "edges": []}
        revision = store.save_board_json(row.id, json.dumps(board), revision).revision
    client = app.test_client()
    baseline = median_ms(lambda: store.get(row.id), args.runs)
    print(f"{args.saves:,} saves of a board of up to 60 boxes; median of {args.runs}")
    print(f"  baseline: the session's row            {baseline:7.2f} ms")
    kept = app.extensions["designer.grades"]

    def first_review():
        kept.clear()  # as when the session has changed since anyone graded it
        client.get(f"/s/{row.id}/review")

    first = median_ms(first_review, args.runs)
    print(f"  {'review page, graded afresh':<36} {first:7.1f} ms  ({first / baseline:6.1f}× the row)")

    def hints_after_a_save(step: str):
        kept.clear()  # as after each autosave, when practice hints refresh
        client.get(f"/s/{row.id}/hints?step={step}", headers={"HX-Request": "true"})

    for step in ("high_level", "wrap_up"):
        ms = median_ms(lambda s=step: hints_after_a_save(s), args.runs)
        label = f"hints after a save, {step}"
        print(f"  {label:<36} {ms:7.1f} ms  ({ms / baseline:6.1f}× the row)")
    cases = [
        ("review page, grade kept", f"/s/{row.id}/review"),
        ("replay to revision 2", f"/s/{row.id}/replay/2"),
        ("replay to the middle", f"/s/{row.id}/replay/{revision // 2}"),
        ("replay to the last", f"/s/{row.id}/replay/{revision}"),
        ("live poll, nothing new", f"/s/{row.id}/live?since={revision}&steps=1"),
    ]
    for name, url in cases:
        ms = median_ms(lambda u=url: client.get(u), args.runs)
        print(f"  {name:<36} {ms:7.1f} ms  ({ms / baseline:6.1f}× the row)")


if __name__ == "__main__":
    main()
