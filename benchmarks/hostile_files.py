"""Import every hostile diagram file of ``tests/hostile/hostile_files.py`` and print, for each, its
size, the time to refuse or import it, the peak memory the import allocated (tracemalloc) and what
happened. Goal: each within 2 s and 200 MB. Baseline: a 1,000-box Mermaid file written by the app.

Run: ``.venv/bin/python benchmarks/hostile_files.py``.
"""

from __future__ import annotations

import contextlib
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from designer.errors import DesignerError  # noqa: E402
from designer.formats import import_upload  # noqa: E402
from designer.formats.mermaid import write_mermaid  # noqa: E402
from tests.hostile.hostile_files import FILES  # noqa: E402


def measure(filename: str, data: bytes) -> tuple[float, float, str]:
    """(seconds, peak MB, outcome) of importing ``data`` as ``filename``."""
    started = time.perf_counter()
    try:
        result = import_upload(filename, data)
        outcome = f"imported: {len(result.board['nodes'])} boxes, {len(result.board['edges'])} arrows"
        if result.warnings:
            outcome += f" (note: {result.warnings[-1][:60]})"
    except DesignerError as exc:
        outcome = "refused: " + str(exc).split(": ", 1)[1][:70]
    seconds = time.perf_counter() - started
    tracemalloc.start()
    with contextlib.suppress(DesignerError):
        import_upload(filename, data)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak, outcome


def main() -> None:
    board = {
        "nodes": [{"data": {"id": f"n{i}", "kind": "service", "label": f"Service {i}"}} for i in range(1000)],
        "edges": [
            {"data": {"id": f"e{i}", "source": f"n{i}", "target": f"n{(i + 1) % 1000}"}} for i in range(1000)
        ],
    }
    rows = [("baseline: 1,000 boxes", "base.mmd", write_mermaid(board).encode())]
    rows += [(name, filename, make()) for name, (filename, make) in FILES.items()]
    print(f"{'file':36} {'bytes':>11} {'seconds':>8} {'peak MB':>8}  outcome")
    for name, filename, data in rows:
        seconds, peak, outcome = measure(filename, data)
        print(f"{name:36} {len(data):>11,} {seconds:>8.2f} {peak:>8.1f}  {outcome}")


if __name__ == "__main__":
    main()
