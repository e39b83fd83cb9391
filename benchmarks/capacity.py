"""Capacity and failure drills on large generated boards, against building the networkx graph.

Uses the layered boards of ``benchmarks/grade.py`` (clients → load balancers → services →
caches/queues → workers → datastores, 3 arrows a box) with a peak in the estimates, and prints the
median of several runs of:

* the capacity view (load on every box, bottleneck, slowest path) and one whole-box drill, on 1,000
  boxes (goal < 200 ms);
* every single failure (``single_failures``: one instance of each replicated box, the whole of each
  lone one, every box the clients reach) on 1,000 and 2,000 boxes (goal < 2 s on 2,000);
* the seed's chat-app answer: capacity and every single failure (goal < 100 ms, the workspace's
  budget after a save);

each with its ratio to ``to_graph`` of the same board, so growth is visible.

    .venv/bin/python benchmarks/capacity.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.grade import generate  # noqa: E402
from designer.board import to_graph  # noqa: E402
from designer.capacity import capacity, drill, single_failures  # noqa: E402

PEAK = [
    {"name": "read_qps", "expr": "200K", "unit": "1/s"},
    {"name": "write_qps", "expr": "20K", "unit": "1/s"},
    {"name": "peak_read_qps", "expr": "read_qps * 2", "unit": "1/s"},
    {"name": "peak_write_qps", "expr": "write_qps * 2", "unit": "1/s"},
]


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chat = json.loads((ROOT / "tests/data/sessions/chat-app-strong.session.json").read_text())
    rows = [("chat-app reference (13 boxes)", chat, "msgdb")]
    for nodes in (1_000, 2_000):
        board = generate(nodes, nodes * 3)
        rows.append(
            (f"{nodes:,} boxes, {nodes * 3:,} arrows", {"board": board, "panels": {"estimates": PEAK}}, None)
        )
    print(
        f"{'board':32} {'graph':>8} {'capacity+drill':>15} {'all single failures':>20}  (ms, median of {args.runs})"
    )
    for name, session, box in rows:
        graph = median_ms(lambda s=session: to_graph(s["board"]), args.runs)
        target = box or next(
            n["data"]["id"] for n in session["board"]["nodes"] if n["data"]["kind"] == "load_balancer"
        )

        def view_and_drill(s=session, t=target):
            base = capacity(s)
            drill(s, t, whole=True, base=base)

        one = median_ms(view_and_drill, args.runs)
        every = median_ms(lambda s=session: single_failures(s), args.runs)
        drills = len(single_failures(session))
        print(
            f"{name:32} {graph:8.1f} {one:9.1f} ({one / graph:4.1f}×) {every:12.1f} ({every / graph:5.1f}×)"
            f"  {drills} drills"
        )


if __name__ == "__main__":
    main()
