"""The grader's metamorphic relations (tests/metamorphic.py) over thousands of random cases.

    .venv/bin/python benchmarks/metamorphic.py [--cases 5000] [--seed 1]

Prints, per relation, how many cases changed something and how many broke the relation, with the
first few broken cases (session, seed) to replay; the goal is 0 broken.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from designer.grading import grade  # noqa: E402
from tests.metamorphic import NOT_HIGHER, NOT_LOWER, SAME, SESSIONS, load, negate_requirement, score  # noqa: E402

DEMANDS = {"api.realtime_channel", "graph.cdn_for_media"}


def _negation_holds(session: dict, rubric, rng: random.Random) -> bool | None:
    failing = {r["criterion"] for r in grade(session, rubric)["results"] if r["status"] == "fail"}
    changed = negate_requirement(session, rng)
    if changed is None:
        return None
    now = grade(changed, rubric)["results"]
    return not {r["criterion"] for r in now if r["status"] == "fail" and r["check"] in DEMANDS} - failing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    relations = [
        *((name, f, "==") for name, f in SAME.items()),
        *((name, f, "<=") for name, f in NOT_HIGHER.items()),
        *((name, f, ">=") for name, f in NOT_LOWER.items()),
        ("negate a requirement", None, "no new demand"),
    ]
    ran = {name: 0 for name, _, _ in relations}
    broken: dict[str, list[str]] = {name: [] for name, _, _ in relations}
    pick = random.Random(args.seed)
    started = time.perf_counter()
    for _ in range(args.cases):
        name, relation, rule = pick.choice(relations)
        session_name = pick.choice(SESSIONS)
        seed = pick.randrange(2**32)
        session, rubric = load(session_name)
        rng = random.Random(seed)
        if relation is None:
            holds = _negation_holds(session, rubric, rng)
        else:
            before = score(session, rubric)
            changed = relation(session, rng)
            if changed is None:
                continue
            after = score(changed, rubric)
            holds = {"==": after == before, "<=": after <= before, ">=": after >= before}[rule]
        if holds is None:
            continue
        ran[name] += 1
        if not holds:
            broken[name].append(f"{session_name} seed {seed}")
    seconds = time.perf_counter() - started
    for name, _, rule in relations:
        shown = "; ".join(broken[name][:3])
        print(f"{name:48} {rule:14} {ran[name]:6} cases  {len(broken[name]):4} broken  {shown}")
    total = sum(ran.values())
    print(
        f"{total} cases over {len(SESSIONS)} answers in {seconds:.1f} s: {sum(map(len, broken.values()))} broken (goal 0)"
    )


if __name__ == "__main__":
    main()
