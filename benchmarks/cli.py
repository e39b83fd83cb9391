"""The CLI's start-up and batch throughput, side by side in one run.

Prints the median wall time of ``designer --help`` (goal < 150 ms) and of ``designer grade`` on a
small session file (goal < 300 ms), each as a fresh process as a shell or CI runs it, beside a bare
``python -c pass``; then the throughput of ``designer grade FOLDER`` over 1,000 copies of the chat-app
reference answer with ``--jobs`` 1 and the machine's cores, in sessions per second, against the
single-file figure (one process per file, as before batch grading). Beside the start-up, the floor
the stack sets: a fresh process that only imports networkx and pydantic (and click and PyYAML), which
any grade needs.

Both goals are wall times on this machine, so they move with the host's speed; each is also
printed as a ratio to a floor timed in the same run (``python -c pass``, the four imports), which
does not.

The commands run with bytecode written and warmed up once, as after any install: with
``PYTHONDONTWRITEBYTECODE`` set (some containers set it), every run would compile the package again.

    .venv/bin/python benchmarks/cli.py [--runs 7] [--sessions 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DESIGNER = str(BIN / "designer")
SMALL = {
    "format": "designer.session/1",
    "problem": {"id": "url-shortener", "title": "Design a URL shortener"},
    "board": {
        "nodes": [
            {"data": {"id": "c", "kind": "client", "label": "Browser"}},
            {"data": {"id": "api", "kind": "service", "label": "API", "replicas": 2}},
            {"data": {"id": "db", "kind": "sql_database", "label": "Links"}},
        ],
        "edges": [
            {"data": {"id": "e1", "source": "c", "target": "api", "label": "GET /:code"}},
            {"data": {"id": "e2", "source": "api", "target": "db", "label": "read link"}},
        ],
    },
    "panels": {"requirements": {"functional": ["Shorten a link", "Redirect"]}},
}


def wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="designer-cli-"))
    small = folder / "small.json"
    small.write_text(json.dumps(SMALL))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([DESIGNER, "grade", str(small)], check=False, capture_output=True)  # bytecode written
    python = wall([sys.executable, "-c", "pass"], args.runs)
    floor = wall([sys.executable, "-c", "import networkx, pydantic, click, yaml"], args.runs)
    help_ms = wall([DESIGNER, "--help"], args.runs)
    grade_ms = wall([DESIGNER, "grade", str(small)], args.runs)
    print(f"python -c pass          {python:7.0f} ms")
    print(f"import networkx, pydantic, click, yaml: {floor:.0f} ms (what any grade imports)")
    # The goals are wall times, so they move with the host's speed (this shared machine's varies by
    # half from day to day); the ratios to the floors measured just before do not.
    print(
        f"designer --help         {help_ms:7.0f} ms   (goal 150: {'met' if help_ms < 150 else 'not met'}; "
        f"{help_ms / python:.1f}× python -c pass)"
    )
    print(
        f"designer grade small    {grade_ms:7.0f} ms   (goal 300: {'met' if grade_ms < 300 else 'not met'}; "
        f"{grade_ms / floor:.2f}× the import floor)"
    )

    cohort = folder / "cohort"
    cohort.mkdir()
    reference = ROOT / "tests" / "data" / "sessions" / "chat-app-strong.session.json"
    for i in range(args.sessions):
        shutil.copy(reference, cohort / f"s{i:04d}.session.json")
    single = wall([DESIGNER, "grade", str(cohort / "s0000.session.json")], 3) / 1000
    print(f"\none file a process:      {1 / single:6.1f} sessions/s ({single * 1000:.0f} ms each)")
    for jobs in sorted({1, os.cpu_count() or 1}):
        started = time.perf_counter()
        done = subprocess.run(
            [DESIGNER, "grade", str(cohort), "--jobs", str(jobs), "--format", "jsonl"],
            check=False,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        graded = len(done.stdout.splitlines())
        print(
            f"{graded} sessions, --jobs {jobs}: {seconds:6.1f} s, {graded / seconds:6.1f} sessions/s "
            f"({graded / seconds * single:.0f}× one file a process)"
        )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
