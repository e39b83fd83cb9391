"""Import and export of a 1,000-box diagram in each format: time and peak memory.

Builds a layered board of 1,000 boxes and about 1,500 arrows, writes it as Mermaid, Excalidraw and
draw.io (plain and compressed), and reads each back. Prints the median time of several runs and the
peak memory traced during one, for every step.

    .venv/bin/python benchmarks/interop.py [--runs 5] [--boxes 1000]
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import statistics
import time
import tracemalloc
import zlib

from designer.formats.drawio import read_drawio, write_drawio
from designer.formats.excalidraw import read_excalidraw, scene_from_svg, write_excalidraw
from designer.formats.mermaid import read_mermaid, write_mermaid
from designer.formats.svg import write_svg

KINDS = ["client", "load_balancer", "service", "cache", "queue", "worker", "sql_database", "object_storage"]


def generate(boxes: int, seed: int = 3) -> dict:
    rng = random.Random(seed)
    nodes = [
        {
            "data": {
                "id": f"n{i}",
                "kind": KINDS[i % len(KINDS)],
                "label": f"{KINDS[i % len(KINDS)]} {i}",
                "replicas": 1 + i % 3,
            },
            "position": {"x": 40.0 * (i % 40), "y": 90.0 * (i // 40)},
        }
        for i in range(boxes)
    ]
    edges = []
    for i in range(1, boxes):
        edges.append(
            {
                "data": {
                    "id": f"e{i}",
                    "source": f"n{rng.randrange(i)}",
                    "target": f"n{i}",
                    "label": "calls" if i % 2 else "",
                    "mode": "async" if i % 5 == 0 else "sync",
                }
            }
        )
        if i % 2 == 0:
            edges.append(
                {
                    "data": {
                        "id": f"x{i}",
                        "source": f"n{i}",
                        "target": f"n{rng.randrange(i)}",
                        "label": "reads",
                        "mode": "sync",
                    }
                }
            )
    return {"nodes": nodes, "edges": edges}


def excalidraw_svg(scene: str) -> str:
    """An SVG as Excalidraw exports it with "Embed scene": the deflated scene, base64, in comments."""
    deflated = zlib.compress(scene.encode("utf-8")).decode("latin-1")
    wrapper = json.dumps({"version": "1", "encoding": "bstring", "compressed": True, "encoded": deflated})
    payload = base64.b64encode(wrapper.encode("latin-1")).decode()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg"><!-- payload-type:application/vnd.excalidraw+json -->'
        f"<!-- payload-version:2 --><!-- payload-start -->{payload}<!-- payload-end --></svg>"
    )


def measure(fn, runs: int) -> tuple[float, float]:
    """The median seconds of ``runs`` calls, and the peak traced MB of one more."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--boxes", type=int, default=1000)
    args = parser.parse_args()
    board = generate(args.boxes)
    print(
        f"{len(board['nodes']):,} boxes, {len(board['edges']):,} arrows; median of {args.runs} runs "
        "(goal: each under 200 ms)"
    )
    formats = [
        ("Mermaid", lambda: write_mermaid(board), read_mermaid),
        ("Excalidraw", lambda: write_excalidraw(board), read_excalidraw),
        ("draw.io", lambda: write_drawio(board), read_drawio),
        ("draw.io compressed", lambda: write_drawio(board, compressed=True), read_drawio),
        # Excalidraw does this export; ours writes the scene, so "export" here includes embedding it
        (
            "Excalidraw in SVG",
            lambda: excalidraw_svg(write_excalidraw(board)),
            lambda text: read_excalidraw(scene_from_svg(text)),
        ),
        ("SVG picture", lambda: write_svg(board), None),
    ]
    for name, write, read in formats:
        text = write()
        export_s, export_mb = measure(write, args.runs)
        if read is None:  # a picture: nothing reads it back
            import_s, import_mb = 0.0, 0.0
            reading = "import       —           "
        else:
            import_s, import_mb = measure(lambda r=read, t=text: r(t), args.runs)
            reading = f"import {import_s * 1000:7.1f} ms {import_mb:6.1f} MB"
        worst = max(export_s, import_s)
        print(
            f"  {name:<19} export {export_s * 1000:7.1f} ms {export_mb:6.1f} MB   "
            f"{reading}   {len(text) / 1e6:5.2f} MB file"
            f"   {'ok' if worst < 0.2 else 'over 200 ms'}"
        )


if __name__ == "__main__":
    main()
