"""The CLI's start-up and batch throughput, side by side in one run.

Prints the median wall time of ``designer --help`` (goal < 150 ms) and of ``designer grade`` on a
small session file (goal < 300 ms), each as a fresh process as a shell or CI runs it, beside a bare
``python -c pass``; then the throughput of ``designer grade FOLDER`` over 1,000 copies of the chat-app
reference answer with ``--jobs`` 1 and the machine's cores, in sessions per second, against the
single-file figure (one process per file, as before batch grading). Beside the start-up, the floor
the stack sets: a fresh process that only imports networkx, click, PyYAML and pydantic's
``BaseModel``, which any grade needs (``import pydantic`` alone is lazy and loads little of it; both
are printed).

Both goals are wall times on this machine, so they move with the host's speed; each is also
printed as a ratio to a floor timed in the same run (``python -c pass``, the import floor), which
moves less: the commands take turns, round after round. Where valgrind is installed, the script also
counts the instructions the import floor and the small grade execute, which the host's speed does
not move at all.

The commands run with bytecode written and warmed up once, as after any install: with
``PYTHONDONTWRITEBYTECODE`` set (some containers set it), every run would compile the package again.

    .venv/bin/python benchmarks/cli.py [--runs 9] [--sessions 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import re
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


def walls(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """The median wall time of each command, in ms, run in turn round after round, so a host that
    slows down or speeds up during the measurement weighs on every command alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, check=False, capture_output=True)
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(each) * 1000 for name, each in times.items()}


def instructions(command: list[str]) -> float | None:
    """Millions of instructions the command executes (valgrind, without cache simulation): unlike
    wall time, the same on a slow host and a fast one. None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
        check=False,
        capture_output=True,
        text=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    return int(found.group(1).replace(",", "")) / 1e6 if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args()
    measure(args.runs, args.sessions)


def measure(runs: int, sessions: int) -> dict[str, float]:
    """Print the start-up and batch figures; return them (ms, and sessions/s by ``--jobs``)."""
    folder = Path(tempfile.mkdtemp(prefix="designer-cli-"))
    small = folder / "small.json"
    small.write_text(json.dumps(SMALL))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([DESIGNER, "grade", str(small)], check=False, capture_output=True)  # bytecode written
    # `import pydantic` alone is lazy: it loads none of the machinery a model needs, and every grade
    # builds models (the session file's, the rubric's). The import floor is the one a grade can't go
    # under; the packages' import is the floor earlier runs of this script printed.
    commands = {
        "python": [sys.executable, "-c", "pass"],
        "packages": [sys.executable, "-c", "import networkx, pydantic, click, yaml"],
        "floor": [sys.executable, "-c", "import networkx, click, yaml; from pydantic import BaseModel"],
        "help": [DESIGNER, "--help"],
        "grade": [DESIGNER, "grade", str(small)],
    }
    ms = walls(commands, runs)
    python, packages, floor, help_ms, grade_ms = (ms[name] for name in commands)
    print(f"python -c pass          {python:7.0f} ms")
    print(f"import networkx, pydantic, click, yaml: {packages:.0f} ms")
    print(f"... and pydantic's BaseModel:           {floor:.0f} ms (the import floor: what any grade needs)")
    # The goals are wall times, so they move with the host's speed (this shared machine's varies by
    # half from day to day); the ratios to the floors measured just before do not.
    print(
        f"designer --help         {help_ms:7.0f} ms   (goal 150: {'met' if help_ms < 150 else 'not met'}; "
        f"{help_ms / python:.1f}× python -c pass)"
    )
    print(
        f"designer grade small    {grade_ms:7.0f} ms   (goal 300: {'met' if grade_ms < 300 else 'not met'}; "
        f"{grade_ms / floor:.2f}× the import floor, {grade_ms / packages:.2f}× the packages' import)"
    )
    counted = {name: instructions(commands[name]) for name in ("floor", "grade")}
    if None in counted.values():
        print("instructions executed: valgrind is missing, not counted")
    else:
        print(
            f"instructions executed: import floor {counted['floor']:,.0f} M, grade small "
            f"{counted['grade']:,.0f} M ({counted['grade'] / counted['floor']:.2f}×: the host's speed "
            "does not move this one)"
        )

    cohort = folder / "cohort"
    cohort.mkdir()
    reference = ROOT / "tests" / "data" / "sessions" / "chat-app-strong.session.json"
    for i in range(sessions):
        shutil.copy(reference, cohort / f"s{i:04d}.session.json")
    single = walls({"one": [DESIGNER, "grade", str(cohort / "s0000.session.json")]}, 3)["one"] / 1000
    print(f"\none file a process:      {1 / single:6.1f} sessions/s ({single * 1000:.0f} ms each)")
    figures = {"help": help_ms, "grade": grade_ms, "floor": floor, "single": 1 / single}
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
        figures[f"jobs{jobs}"] = graded / seconds
    shutil.rmtree(folder, ignore_errors=True)
    return figures


if __name__ == "__main__":
    main()
