"""Issue 16's speed goals measured side by side in one run, then one table of them, met or not.

Runs, one after the other on the same host: the autosave benchmark on SQLite and on PostgreSQL
(``autosave.py``: saturated and paced), then the CLI's (``cli.py``: ``designer --help``, a small
grade, batch grading of a folder). Each prints its own figures as it goes; the table at the end
puts the goals together, because this shared machine's speed moves from hour to hour and goals
met in runs an hour apart say less than goals met in one.

    .venv/bin/python benchmarks/goals.py [--seconds 5] [--paced-seconds 20] [--runs 9] [--sessions 1000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import autosave  # noqa: E402 - the benchmarks' own folder, put on the path above
import cli  # noqa: E402


def row(goal: str, figure: str, met: bool | None) -> None:
    verdict = "—" if met is None else "met" if met else "NOT MET"
    print(f"  {goal:<44} {figure:<34} {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--paced-seconds", type=float, default=20)
    parser.add_argument("--runs", type=int, default=9, help="rounds of the CLI's start-up timings")
    parser.add_argument("--sessions", type=int, default=1000, help="sessions graded as a folder")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=autosave.ROOT
    ).stdout.strip()
    started = time.strftime("%Y-%m-%d %H:%M")
    loads = (args.clients, args.seconds, args.paced_seconds)
    with tempfile.TemporaryDirectory() as instance:
        env = {**os.environ, "DESIGNER_INSTANCE": instance, "DESIGNER_LOG_LEVEL": "WARNING"}
        env.pop("DATABASE_URL", None)
        sqlite = autosave.bench("SQLite", env, *loads)
        pg_env = autosave.postgres_env(env)
        postgres = None
        if pg_env:
            try:
                postgres = autosave.bench("PostgreSQL", pg_env[0], *loads)
            finally:
                pg_env[1]()
    print()
    figures = cli.measure(args.runs, args.sessions)
    cores = os.cpu_count() or 1

    print(f"\nIssue 16's goals, one run ({started}, at {commit or 'an unknown commit'}, {cores} cores):")
    for label, db in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        if db is None:
            row(f"{label} autosave", "not measured (no server)", None)
            continue
        goal = (
            "PostgreSQL autosave ≥ 50% of the no-op" if label == "PostgreSQL" else "SQLite autosave / no-op"
        )
        row(
            goal,
            f"{db['ratio']:.0%} ({db['saves']:.0f} against {db['noop']:.0f}/s)",
            db["ratio"] >= 0.5 if label == "PostgreSQL" else None,  # the issue sets PostgreSQL's only
        )
        row(f"{label} paced p99 < 50 ms", f"{db['paced_p99']:.1f} ms", db["paced_p99"] < 50)
    row("designer --help < 150 ms", f"{figures['help']:.0f} ms", figures["help"] < 150)
    row("designer grade small.json < 300 ms", f"{figures['grade']:.0f} ms", figures["grade"] < 300)
    batch = ", ".join(f"--jobs {n}: {figures[f'jobs{n}']:.1f}" for n in sorted({1, cores}))
    row(f"{args.sessions} sessions graded as a folder", f"{batch} sessions/s", None)
    row("  against one file a process", f"{figures['single']:.1f} sessions/s", None)


if __name__ == "__main__":
    main()
