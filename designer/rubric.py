"""The rubric language: YAML files under ``rubrics/``, validated with pydantic, errors at their line.

A rubric has sections, one per framework step, each with a weight and criteria; a criterion names a
check with its parameters and points, or is ``manual`` with level descriptors for the interviewer.
``extends: interview-checklist`` builds a problem rubric on the generic one and overrides its
criteria by id. Every error reads ``rubrics/chat-app.yaml:12:7: sections[2].criteria[0].params.min:
expected an integer, got 'three'``, and all of a file's errors are reported at once.
"""

from __future__ import annotations

__all__ = [
    "Rubric",
    "Criterion",
    "Section",
    "RubricIssue",
    "RubricError",
    "load_rubric",
    "parse_rubric",
    "rubric_schema",
    "RUBRICS_DIR",
    "list_rubrics",
]

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from designer.checks.registry import CHECKS, close_matches, get_check
from designer.errors import DesignerError
from designer.framework import STEP_IDS
from designer.session_format import describe_error, json_path
from designer.yamlpos import Located, YamlError, load

RUBRICS_DIR = Path(__file__).resolve().parent.parent / "rubrics"
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=100)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Feedback(_Strict):
    """What the report says beside the check's own message, when the criterion passes or fails."""

    pass_: str = Field(default="", alias="pass")
    fail: str = ""


class Hints(_Strict):
    """Practice-mode hints, from a nudge to the fix; each level taken may cost points."""

    nudge: str = ""
    pointer: str = ""
    fix: str = ""


class HintCost(_Strict):
    """The fraction of a criterion's points each hint level costs when taken."""

    nudge: float = Field(default=0.0, ge=0, le=1)
    pointer: float = Field(default=0.25, ge=0, le=1)
    fix: float = Field(default=0.5, ge=0, le=1)


class Level(_Strict):
    """One level of a manual criterion: its score and what it looks like."""

    score: float = Field(ge=0)
    label: str
    description: str = ""


class Criterion(_Strict):
    """One point of the rubric: a check with params and points, or a manual judgement."""

    id: Slug
    title: str = ""
    check: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    points: float | None = Field(default=None, ge=0, le=100)
    manual: bool = False
    levels: list[Level] = Field(default_factory=list)
    checklist: str | None = None
    feedback: Feedback = Field(default_factory=Feedback)
    hints: Hints | None = None
    disabled: bool = False


class Section(_Strict):
    """The criteria of one framework step, and the step's weight in the total."""

    step: Literal[STEP_IDS]  # type: ignore[valid-type]
    weight: float | None = Field(default=None, ge=0)
    criteria: list[Criterion] = Field(default_factory=list)


class ProblemRef(_Strict):
    """The problem a rubric grades."""

    id: Slug
    title: str = ""
    prompt: str = ""


class Rubric(_Strict):
    """A rubric file (before ``extends`` is resolved) or a resolved rubric."""

    schema_: str | None = Field(default=None, alias="$schema")
    id: Slug
    title: str
    version: int = Field(ge=1)
    extends: Slug | None = None
    problem: ProblemRef | None = None
    duration_minutes: int = Field(default=45, ge=5, le=600)
    hint_cost: HintCost = Field(default_factory=HintCost)
    checklist: dict[str, str] = Field(default_factory=dict)
    sections: list[Section] = Field(default_factory=list)

    def criteria(self) -> list[tuple[Section, Criterion]]:
        """Every enabled criterion with its section, in order."""
        return [(s, c) for s in self.sections for c in s.criteria if not c.disabled]


@dataclass(frozen=True)
class RubricIssue:
    """One problem in a rubric file, at its place."""

    source: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.source}:{self.line}:{self.column}: {where}{self.message}"


class RubricError(DesignerError):
    """A rubric that can't be used; ``issues`` lists every problem found, each at its line."""

    def __init__(self, issues: list[RubricIssue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


def _issue(doc: Located, path: tuple, message: str) -> RubricIssue:
    line, column = doc.position(path)
    return RubricIssue(doc.source, line, column, json_path(path), message)


def parse_rubric(text: str | bytes, source: str = "<rubric>") -> tuple[Rubric, Located]:
    """Read and validate one rubric file, without resolving ``extends``.

    Raises
    ------
    RubricError
        With every problem of the file, each at its line and column.
    """
    try:
        doc = load(text, source)
    except YamlError as exc:
        raise RubricError([RubricIssue(exc.source, exc.line, exc.column, "", exc.message)]) from None
    if not isinstance(doc.data, dict):
        raise RubricError([_issue(doc, (), "a rubric is a mapping with id, title, version and sections")])
    issues: list[RubricIssue] = []
    try:
        rubric = Rubric.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(
                p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal[")))
            )
            message = describe_error(err)
            if err["type"] == "extra_forbidden":
                message = f"unknown key {loc[-1]!r}"
            issues.append(_issue(doc, loc, message))
        raise RubricError(issues) from None
    issues += _semantic_issues(rubric, doc)
    if issues:
        raise RubricError(issues)
    return rubric, doc


def _semantic_issues(rubric: Rubric, doc: Located) -> list[RubricIssue]:
    issues = []
    seen: dict[str, tuple] = {}
    steps: set[str] = set()
    for s_index, section in enumerate(rubric.sections):
        if section.step in steps:
            issues.append(
                _issue(
                    doc,
                    ("sections", s_index, "step"),
                    f"the step {section.step!r} has two sections; merge them",
                )
            )
        steps.add(section.step)
        for c_index, criterion in enumerate(section.criteria):
            path = ("sections", s_index, "criteria", c_index)
            if criterion.id in seen:
                issues.append(_issue(doc, (*path, "id"), f"the criterion id {criterion.id!r} is used twice"))
            seen[criterion.id] = path
            if criterion.check and criterion.manual:
                issues.append(_issue(doc, (*path, "manual"), "a criterion is a check or manual, not both"))
            if criterion.check is not None:
                issues += _check_issues(criterion, doc, path)
            elif criterion.manual and not criterion.levels and not criterion.disabled:
                issues.append(_issue(doc, path, "a manual criterion needs levels for the interviewer"))
            elif not criterion.manual and rubric.extends is None and not criterion.disabled:
                issues.append(_issue(doc, path, "a criterion needs a check (or manual: true with levels)"))
    return issues


def _check_issues(criterion: Criterion, doc: Located, path: tuple) -> list[RubricIssue]:
    if criterion.check not in CHECKS:
        near = close_matches(criterion.check or "")
        hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        return [_issue(doc, (*path, "check"), f"unknown check {criterion.check!r}{hint}")]
    params_model = get_check(criterion.check).params
    try:
        params_model.model_validate(criterion.params)
    except ValidationError as exc:
        out = []
        for err in exc.errors(include_url=False):
            loc = (*path, "params", *err["loc"])
            message = (
                f"unknown parameter {err['loc'][-1]!r} of {criterion.check}"
                if err["type"] == "extra_forbidden"
                else describe_error(err)
            )
            out.append(_issue(doc, loc, message))
        return out
    return []


def list_rubrics(directory: Path = RUBRICS_DIR) -> list[str]:
    """Return the ids of the rubric files in ``directory``, sorted."""
    return sorted(p.stem for p in directory.glob("*.yaml") if not p.name.endswith(".tests.yaml"))


def _find(rubric_id: str, directory: Path) -> Path:
    path = directory / f"{rubric_id}.yaml"
    if not path.is_file():
        known = ", ".join(list_rubrics(directory)) or "none"
        raise RubricError(
            [RubricIssue(str(path), 1, 1, "", f"no rubric {rubric_id!r}; the rubrics are: {known}")]
        )
    return path


def load_rubric(ref: str | Path, directory: Path = RUBRICS_DIR) -> Rubric:
    """Load a rubric by id (from ``rubrics/``) or by file path, with ``extends`` resolved.

    Raises
    ------
    RubricError
        With every problem found, each at its file, line and column.
    """
    path = Path(ref)
    if not (path.suffix in {".yaml", ".yml"} and path.exists()):
        path = _find(str(ref), directory)
    return _resolve(path, directory, ())


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _resolve(path: Path, directory: Path, chain: tuple[str, ...]) -> Rubric:
    rubric, doc = parse_rubric(path.read_bytes(), _display(path))
    if rubric.id in chain:
        raise RubricError(
            [_issue(doc, ("extends",), f"extends makes a cycle: {' → '.join((*chain, rubric.id))}")]
        )
    if rubric.extends is None:
        return rubric
    base = _resolve(_find(rubric.extends, directory), directory, (*chain, rubric.id))
    return _merge(base, rubric, doc)


def _merge(base: Rubric, child: Rubric, doc: Located) -> Rubric:
    """Build the child on its base: sections by step, criteria by id, fields the child sets win."""
    merged = copy.deepcopy(base)
    issues: list[RubricIssue] = []
    by_step = {s.step: s for s in merged.sections}
    for s_index, section in enumerate(child.sections):
        target = by_step.get(section.step)
        if target is None:
            target = Section(step=section.step, weight=section.weight, criteria=[])
            merged.sections.append(target)
            by_step[section.step] = target
        elif "weight" in section.model_fields_set:
            target.weight = section.weight
        by_id = {c.id: c for c in target.criteria}
        for c_index, criterion in enumerate(section.criteria):
            path = ("sections", s_index, "criteria", c_index)
            if criterion.id in by_id:
                old = by_id[criterion.id]
                updates = {f: getattr(criterion, f) for f in criterion.model_fields_set if f != "id"}
                if "check" in updates and updates["check"] != old.check and "params" not in updates:
                    updates["params"] = {}
                new = old.model_copy(update=updates)
                if (
                    "params" in criterion.model_fields_set
                    and new.check
                    and "check" not in criterion.model_fields_set
                ):
                    issues += _check_issues(new, doc, path)
                target.criteria[target.criteria.index(old)] = new
            else:
                if criterion.check is None and not criterion.manual and not criterion.disabled:
                    issues.append(
                        _issue(
                            doc,
                            path,
                            f"no criterion {criterion.id!r} in {child.extends} to override; "
                            "a new criterion needs a check (or manual: true)",
                        )
                    )
                target.criteria.append(criterion)
    if issues:
        raise RubricError(issues)
    step_order = {step: i for i, step in enumerate(STEP_IDS)}
    merged.sections.sort(key=lambda s: step_order[s.step])
    return merged.model_copy(
        update={
            "id": child.id,
            "title": child.title,
            "version": child.version,
            "extends": child.extends,
            "problem": child.problem or base.problem,
            "duration_minutes": child.duration_minutes
            if "duration_minutes" in child.model_fields_set
            else base.duration_minutes,
            "hint_cost": child.hint_cost if "hint_cost" in child.model_fields_set else base.hint_cost,
            "checklist": {**base.checklist, **child.checklist},
        }
    )


def rubric_schema() -> dict:
    """Return the JSON Schema of a rubric file, for editors to complete and validate."""
    schema = Rubric.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://designer.invalid/schemas/rubric.json"
    schema["title"] = "designer rubric"
    criterion = schema["$defs"]["Criterion"]["properties"]
    criterion["check"] = {
        "anyOf": [{"enum": sorted(CHECKS)}, {"type": "null"}],
        "default": None,
        "description": "The id of a registered check (`designer checks` lists them).",
    }
    return schema
