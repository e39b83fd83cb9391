"""Run a rubric's own tests: ``rubrics/<id>.tests.yaml`` beside ``rubrics/<id>.yaml``.

Each case grades a session file and states the score range it must get and the criteria that must
pass or fail, optionally with the box (``node:db``), arrow (``edge:e3``) or panel row
(``panel:estimates[2]``) a finding must point at. A ``todo`` case records a known gap: it is run
and reported, but never fails the run.

A case names its session by ``session`` (a file beside the tests) or, in tests written in the browser,
by ``session_id`` (a saved session): real candidates' sessions become the rubric's regression tests.
Who may read which saved session is the caller's to decide (``saved``), not this module's.
"""

from __future__ import annotations

__all__ = ["CaseResult", "SessionLookup", "case_yaml", "run_rubric_tests", "tests_path", "load_tests_file"]

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from designer.errors import DesignerError
from designer.grading import grade
from designer.inputs import loads
from designer.report import Report
from designer.rubric import RUBRICS_DIR, RubricError, RubricIssue, load_rubric
from designer.session_format import check_session_size, describe_error, json_path, validate_session
from designer.yamlpos import YamlError, load


class Expectation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    criterion: str
    where: str | None = Field(default=None, pattern=r"^(node|edge|panel):.+$")


Expected = Annotated[str | Expectation, Field(union_mode="left_to_right")]


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    name: str
    session: str | None = None
    session_id: str | None = None
    score: tuple[float, float] | None = None
    pass_: list[Expected] = Field(default_factory=list, alias="pass")
    fail: list[Expected] = Field(default_factory=list)
    todo: str | None = None

    @model_validator(mode="after")
    def _one_session(self):
        if (self.session is None) == (self.session_id is None):
            raise ValueError("a case names its session by exactly one of session (a file) or session_id")
        return self


#: A saved session's file by its id; raises LookupError, with what to tell the author, when it can't.
SessionLookup = Callable[[str], dict]


class TestsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rubric: str
    cases: list[Case] = Field(min_length=1)


@dataclass
class CaseResult:
    """One case's outcome: ``problems`` is empty when it holds."""

    name: str
    problems: list[str] = field(default_factory=list)
    todo: str | None = None
    score: float | None = None

    @property
    def ok(self) -> bool:
        return not self.problems or self.todo is not None


def tests_path(rubric_id: str, directory: Path = RUBRICS_DIR) -> Path:
    """Return the tests file of a rubric."""
    return directory / f"{rubric_id}.tests.yaml"


def _expectations(items: list[Expected]) -> list[Expectation]:
    return [Expectation(criterion=i) if isinstance(i, str) else i for i in items]


def _case_session(case: Case, base: Path, saved: SessionLookup | None) -> dict | str:
    """The case's session file, or what is wrong with it."""
    if case.session_id is not None:
        if saved is None:
            return f"session_id {case.session_id}: saved sessions are read only where they are, in the app"
        try:
            return validate_session(saved(case.session_id)).model_dump(mode="json")
        except LookupError as exc:
            return f"session_id {case.session_id}: {exc.args[0] if exc.args else 'not found'}"
        except DesignerError as exc:
            return f"session_id {case.session_id}: {exc}"
    if case.session is None:  # the case's model requires one of the two
        return "a case names its session (a file) or its session_id"
    path = base / case.session
    if not path.resolve().is_relative_to(base.resolve()):  # tests written in the browser name files too
        return f"{case.session}: a case's session must be a file under {base.name}/"
    try:
        return validate_session(
            loads(path.read_bytes(), what=case.session, first=check_session_size)
        ).model_dump(mode="json")
    except (OSError, ValueError, DesignerError) as exc:
        return f"can't read {case.session}: {exc}"


def _check_case(case: Case, base: Path, rubric, saved: SessionLookup | None = None) -> CaseResult:
    result = CaseResult(case.name, todo=case.todo)
    session = _case_session(case, base, saved)
    if isinstance(session, str):
        result.problems.append(session)
        return result
    report = grade(session, rubric)
    result.score = report["score"]
    by_id = {r["criterion"]: r for r in report["results"]}
    if case.score and not case.score[0] <= report["score"] <= case.score[1]:
        result.problems.append(f"score {report['score']} is outside {case.score[0]:g}–{case.score[1]:g}")
    for wanted, statuses in ((case.pass_, {"pass"}), (case.fail, {"fail", "partial"})):
        for expectation in _expectations(wanted):
            found = by_id.get(expectation.criterion)
            if found is None:
                result.problems.append(f"{expectation.criterion}: no such criterion in {rubric.id}")
                continue
            if found["status"] not in statuses:
                want = "pass" if statuses == {"pass"} else "fail"
                result.problems.append(
                    f"{expectation.criterion}: expected to {want}, got {found['status']}: {found['message']}"
                )
                continue
            if expectation.where:
                kind, ident = expectation.where.split(":", 1)
                evidence = found["evidence"]
                buckets = {"node": evidence["nodes"], "edge": evidence["edges"], "panel": evidence["panels"]}
                pointed = buckets[kind]
                if ident not in pointed:
                    result.problems.append(
                        f"{expectation.criterion}: expected a finding at {expectation.where}, "
                        f"got {found['evidence']}"
                    )
    return result


def load_tests_file(path: Path) -> TestsFile:
    """Read and validate a rubric's tests file, every error at its line."""
    return parse_tests(path.read_bytes(), str(path))


def run_cases(
    tests: TestsFile, rubric, base: Path = RUBRICS_DIR, saved: SessionLookup | None = None
) -> list[CaseResult]:
    """Grade each case's session (a path under ``base``, or a saved one ``saved`` reads) with
    ``rubric`` and check what it expects."""
    return [_check_case(case, base, rubric, saved) for case in tests.cases]


def case_yaml(name: str, session_id: str, report: Report | dict, margin: float = 5) -> str:
    """A test case pinning down ``report``, a saved session's grade: its score within ``margin``
    either way, and the criteria it passed and failed. The text is an item of a tests file's
    ``cases`` list, indented as the shipped tests files are.

    Examples
    --------
    >>> report = {"score": 62.5, "results": [
    ...     {"criterion": "spof", "status": "fail", "max": 2},
    ...     {"criterion": "cache", "status": "pass", "max": 1},
    ...     {"criterion": "notes", "status": "manual", "max": 0}]}
    >>> print(case_yaml("Ada: chat app", "abc", report), end="")
      - name: 'Ada: chat app'
        session_id: abc
        score: [57, 68]
        pass: [cache]
        fail: [spof]
    """
    low = max(0, math.floor(report["score"] - margin))
    high = min(100, math.ceil(report["score"] + margin))
    case = {"name": name, "session_id": session_id, "score": [low, high]}
    graded = [r for r in report["results"] if r.get("max")]
    case["pass"] = [r["criterion"] for r in graded if r["status"] == "pass"]
    case["fail"] = [r["criterion"] for r in graded if r["status"] in {"fail", "partial"}]
    text = yaml.safe_dump([case], sort_keys=False, default_flow_style=None, allow_unicode=True, width=100)
    return "".join("  " + line if line.strip() else line for line in text.splitlines(keepends=True))


def parse_tests(text: str | bytes, source: str = "<tests>") -> TestsFile:
    """Read and validate a tests file's text, every error at its line."""
    path = source
    try:
        doc = load(text, source)
    except YamlError as exc:
        raise RubricError([RubricIssue(exc.source, exc.line, exc.column, "", exc.message)]) from None
    try:
        return TestsFile.model_validate(doc.data)
    except ValidationError as exc:
        issues = []
        for err in exc.errors(include_url=False):
            line, column = doc.position(tuple(err["loc"]))
            issues.append(
                RubricIssue(str(path), line, column, json_path(tuple(err["loc"])), describe_error(err))
            )
        raise RubricError(issues) from None


def run_rubric_tests(rubric_id: str, directory: Path = RUBRICS_DIR) -> list[CaseResult]:
    """Run the tests of one rubric and return each case's result.

    Raises
    ------
    RubricError
        When the rubric or its tests file can't be read (with the file, line and column).
    """
    path = tests_path(rubric_id, directory)
    if not path.is_file():
        raise RubricError([RubricIssue(str(path), 1, 1, "", f"the rubric {rubric_id!r} has no tests file")])
    tests = load_tests_file(path)
    rubric = load_rubric(tests.rubric, directory)
    return run_cases(tests, rubric, path.parent)
