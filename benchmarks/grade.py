"""Grading time on large generated boards, against the time of just building the networkx graph.

Generates a layered board (clients → load balancers → services → caches/queues → datastores, with
replicas and replication arrows) of 1,000 boxes and 3,000 arrows, and of 10,000 boxes and 30,000
arrows, with full panels, and grades each with the chat-app rubric. Prints the median of several
runs for each, and the ratio to building the graph from the session, so growth is visible.

    .venv/bin/python benchmarks/grade.py [--runs 5]

The 10,000-box board is over the workspace's 2,000-box limit on purpose: the grader takes files from
anywhere (``designer grade``), so it is measured past what the browser can send.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from designer.board import to_graph
from designer.grading import grade
from designer.rubric import load_rubric

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    ("client", 0.02),
    ("load_balancer", 0.03),
    ("service", 0.35),
    ("cache", 0.1),
    ("queue", 0.05),
    ("worker", 0.15),
    ("nosql_database", 0.15),
    ("read_replica", 0.1),
    ("object_storage", 0.05),
]


def generate(nodes: int, edges: int, seed: int = 7) -> dict:
    """A layered board with ``nodes`` boxes and about ``edges`` arrows, each layer calling the next."""
    rng = random.Random(seed)
    layers: list[list[str]] = []
    out_nodes = []
    for kind, share in LAYERS:
        ids = [f"{kind}-{i}" for i in range(max(1, int(nodes * share)))]
        layers.append(ids)
        for node_id in ids:
            out_nodes.append(
                {
                    "data": {
                        "id": node_id,
                        "kind": kind,
                        "label": node_id,
                        "replicas": rng.choice([1, 1, 2, 3]),
                    },
                    "position": {"x": rng.randint(0, 5000), "y": rng.randint(0, 5000)},
                }
            )
    out_edges = []
    while len(out_edges) < edges:
        layer = rng.randrange(len(layers) - 1)
        source, target = rng.choice(layers[layer]), rng.choice(layers[layer + 1])
        mode = "async" if layers[layer][0].startswith("queue") else "sync"
        out_edges.append(
            {
                "data": {
                    "id": f"e{len(out_edges)}",
                    "source": source,
                    "target": target,
                    "label": "calls",
                    "mode": mode,
                }
            }
        )
    return {"nodes": out_nodes, "edges": out_edges}


def session(board: dict) -> dict:
    strong = json.loads((ROOT / "rubrics" / "chat-app" / "strong.session.json").read_text())
    return {**strong, "board": board, "history": strong["history"]}


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rubric = load_rubric("chat-app")
    rows = []
    for nodes, edges in ((1_000, 3_000), (10_000, 30_000)):
        data = session(generate(nodes, edges))
        build = median_seconds(lambda d=data: to_graph(d["board"]), args.runs)
        graded = median_seconds(lambda d=data: grade(d, rubric), args.runs)
        rows.append((nodes, edges, build, graded))
        print(
            f"{nodes:>6,} boxes, {edges:>6,} arrows: grade {graded * 1000:8.1f} ms (median of {args.runs}), "
            f"build graph {build * 1000:7.1f} ms, ratio {graded / build:5.1f}×"
        )
    (small_n, _, _, small_t), (big_n, _, _, big_t) = rows
    print(
        f"growth: {big_n // small_n}× the boxes took {big_t / small_t:.1f}× the time "
        f"(goals: 1,000 boxes < 100 ms: {'met' if small_t < 0.1 else 'not met'}; "
        f"10,000 boxes < 1 s: {'met' if big_t < 1 else 'not met'})"
    )


if __name__ == "__main__":
    main()
