"""CheckTester: run one check over sessions that must pass and sessions that must fail.

Like ESLint's RuleTester: each invalid case lists the findings it must yield (message id, and
optionally data and where); the tester fails on an unknown message id, on a missing finding and on
an extra one. Boards are written as arrow chains::

    client:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database
    db => replica:read_replica          # => is a replication arrow, ~> an async one

A node is ``id[:kind][*replicas][!]`` (``!`` = managed); its kind is given the first time it appears.
Arrows are labelled ``<source>-<target>`` unless written ``a -[label]-> b``; ``-[]->`` leaves one blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from designer.checks.base import DoesNotApply, Finding, NotAssessable, Partial, SessionView
from designer.checks.registry import get_check
from designer.grading import _unjudged_dependency

_NODE = re.compile(r"^(?P<id>[\w.-]+)(?::(?P<kind>\w+))?(?:\*(?P<replicas>\d+))?(?P<managed>!)?$")
_ARROW = re.compile(r"\s*(->|~>|=>|-\[[^\]]*\]->)\s*")


def board(text: str) -> dict:
    """Build a board from arrow chains, one chain a line."""
    nodes: dict[str, dict] = {}
    edges: list[dict] = []
    for line in text.strip().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = _ARROW.split(line)
        ids = []
        for spec in parts[::2]:
            m = _NODE.match(spec.strip())
            assert m, f"bad node {spec!r} in {line!r}"
            node_id = m["id"]
            data = nodes.setdefault(node_id, {"id": node_id, "kind": "service", "label": node_id})
            if m["kind"]:
                data["kind"] = m["kind"]
            if m["replicas"]:
                data["replicas"] = int(m["replicas"])
            if m["managed"]:
                data["managed"] = True
            ids.append(node_id)
        for i, arrow in enumerate(parts[1::2]):
            source, target = ids[i], ids[i + 1]
            mode = {"->": "sync", "~>": "async", "=>": "replication"}.get(arrow, "sync")
            label = arrow[2:-3] if arrow.startswith("-[") else f"{source}-{target}"
            edges.append(
                {
                    "data": {
                        "id": f"e{len(edges) + 1}",
                        "source": source,
                        "target": target,
                        "label": label,
                        "mode": mode,
                    }
                }
            )
    return {"nodes": [{"data": d} for d in nodes.values()], "edges": edges}


@dataclass
class Case:
    """A session for one check: a board (arrow chains), panels, steps, history, and params."""

    board: str = ""
    panels: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    steps: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    duration_minutes: int = 45
    meta: dict[str, Any] = field(default_factory=dict)
    #: The problem's prompt, as a rubric states it.
    prompt: str = ""
    #: Invalid cases: (message id, data subset or None, where tuple or None) per finding.
    findings: list[tuple] = field(default_factory=list)
    #: Expected partial fraction, "not_assessable" (the answer lacks what the check reads: a fail)
    #: or "does_not_apply" (the check asks nothing of this answer: not counted).
    outcome: float | str | None = None

    #: Labels and notes for boxes, by id, where the arrow chains' ids won't do ("Postgres (primary + replica)").
    labels: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    #: Zones drawn around boxes: zone id → (its label, the ids of the boxes in it).
    zones: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    def session(self) -> dict:
        drawn = board(self.board) if self.board else {"nodes": [], "edges": []}
        holder = {member: zone for zone, (_, members) in self.zones.items() for member in members}
        for node in drawn["nodes"]:
            data = node["data"]
            data["label"] = self.labels.get(data["id"], data["label"])
            if data["id"] in self.notes:
                data["notes"] = self.notes[data["id"]]
            if data["id"] in holder:
                data["parent"] = holder[data["id"]]
        if self.zones:
            drawn["zones"] = [
                {"data": {"id": zone, "label": label, "kind": "zone"}}
                for zone, (label, _) in self.zones.items()
            ]
        return {
            "board": drawn,
            "panels": self.panels,
            "steps": self.steps,
            "history": self.history,
            "duration_minutes": self.duration_minutes,
            "meta": self.meta,
        }


class CheckTester:
    """Runs one registered check over valid and invalid cases."""

    def __init__(self, check_id: str):
        self.check = get_check(check_id)

    def outcome(self, case: Case) -> tuple[list[Finding], float | None, NotAssessable | None]:
        params = self.check.params.model_validate(case.params)
        findings: list[Finding] = []
        fraction: float | None = None
        view = SessionView(case.session(), prompt=case.prompt)
        # As the grader runs it: a check whose dependency can't judge the answer is unjudged too.
        unjudged = _unjudged_dependency(self.check, view)
        if unjudged is not None:
            return [], None, unjudged
        not_assessable: NotAssessable | None = None
        for item in self.check.run(view, params):
            if isinstance(item, Finding):
                assert item.message in self.check.messages, f"unknown message id {item.message!r}"
                findings.append(item)
            elif isinstance(item, Partial):
                fraction = item.fraction
            elif isinstance(item, NotAssessable):
                assert item.message in self.check.messages, f"unknown message id {item.message!r}"
                not_assessable = item
        return findings, fraction, not_assessable

    def valid(self, case: Case) -> None:
        """The case must pass: no problem, not 'not assessable'."""
        findings, _, not_assessable = self.outcome(case)
        problems = [f for f in findings if not f.passed]
        assert not not_assessable, "expected a pass, got not assessable"
        assert not problems, f"expected a pass, got {problems}"

    def invalid(self, case: Case) -> None:
        """The case must yield exactly the listed problems (and the partial fraction, if given)."""
        findings, fraction, not_assessable = self.outcome(case)
        if case.outcome == "not_assessable":
            assert not_assessable is not None and not isinstance(not_assessable, DoesNotApply), (
                f"expected an omission (not assessable, counted), got {not_assessable or findings}"
            )
            return
        if case.outcome == "does_not_apply":
            assert isinstance(not_assessable, DoesNotApply), (
                f"expected does not apply, got {not_assessable or findings}"
            )
            return
        problems = [f for f in findings if not f.passed]
        unmatched = list(problems)
        for message, data, where in case.findings:
            match = next(
                (
                    f
                    for f in unmatched
                    if f.message == message
                    and (data is None or all(f.data.get(k) == v for k, v in data.items()))
                    and (where is None or set(where) <= set(f.where))
                ),
                None,
            )
            assert match is not None, f"missing finding {message} {data} {where}; got {problems}"
            unmatched.remove(match)
        assert not unmatched, f"extra findings: {unmatched}"
        if isinstance(case.outcome, float):
            assert fraction is not None and abs(fraction - case.outcome) < 1e-6, f"fraction {fraction}"
        elif case.findings:
            assert fraction is None, f"expected a fail, got partial {fraction}"


def counting_tests(check_id: str, path: str, minimum: int, entry: Any, blank: Any):
    """The three tests every check built by ``counting_check`` must pass, for one panel field.

    Returns test functions for the check's own test module to bind to ``test_*`` names.
    """
    tester = CheckTester(check_id)
    *parents, field_name = path.split(".")

    def panels(*entries):
        value: Any = list(entries)
        for key in reversed([*parents, field_name]):
            value = {key: value}
        return value

    def test_enough_entries_pass():
        tester.valid(Case(panels=panels(*[entry] * minimum)))

    def test_none_fails_and_blank_entries_do_not_count():
        tester.invalid(
            Case(
                panels=panels(blank), findings=[("too_few", {"count": 0, "min": minimum}, (("panel", path),))]
            )
        )

    def test_min_is_a_parameter():
        tester.invalid(
            Case(
                panels=panels(entry),
                params={"min": 4},
                findings=[("too_few", {"count": 1}, None)],
                outcome=0.25,
            )
        )

    return test_enough_entries_pass, test_none_fails_and_blank_entries_do_not_count, test_min_is_a_parameter
