"""designer.report's types say what a report really is: every report grading and judging make has
exactly the keys, and the kinds of value, its TypedDicts declare (nothing on the wire is untyped)."""

from __future__ import annotations

import copy
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from designer.grading import grade
from designer.report import Report
from designer.reviews import apply_review
from designer.rubric import load_rubric


def mismatches(value: Any, declared: Any, path: str = "report") -> list[str]:
    """Where ``value`` does not fit ``declared`` (a TypedDict, list, union, Literal or plain type)."""
    origin, args = get_origin(declared), get_args(declared)
    if declared is Any:
        return []
    if is_typeddict(declared):
        if not isinstance(value, dict):
            return [f"{path}: expected a mapping, got {type(value).__name__}"]
        hints = get_type_hints(declared)
        out = [f"{path}.{k}: not declared" for k in value if k not in hints]
        out += [f"{path}.{k}: missing" for k in declared.__required_keys__ if k not in value]
        for key, hint in hints.items():
            if key in value:
                out += mismatches(value[key], hint, f"{path}.{key}")
        return out
    if origin in (Union, types.UnionType):
        tries = [mismatches(value, option, path) for option in args]
        return [] if any(not t for t in tries) else min(tries, key=len)
    if origin is Literal:
        return [] if value in args else [f"{path}: {value!r} is not one of {args}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__}"]
        return [m for i, item in enumerate(value) for m in mismatches(item, args[0], f"{path}[{i}]")]
    if origin is dict:
        return [] if isinstance(value, dict) else [f"{path}: expected a mapping"]
    if declared is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return [] if ok else [f"{path}: expected a number, got {value!r}"]
    if declared is type(None):
        return [] if value is None else [f"{path}: expected null, got {value!r}"]
    return [] if isinstance(value, declared) else [f"{path}: expected {declared.__name__}, got {value!r}"]


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("chat-app")


def test_a_strong_answers_report_has_the_declared_shape(chat_session_file, rubric):
    report = grade(chat_session_file, rubric)
    assert report["results"] and report["manual"] and report["checklist"]
    assert mismatches(report, Report) == []


def test_an_empty_boards_report_has_the_declared_shape(chat_session_file, rubric):
    empty = {
        **copy.deepcopy(chat_session_file),
        "board": {"nodes": [], "edges": []},
        "history": [],
        "steps": [],
    }
    report = grade(empty, rubric)
    assert {r["status"] for r in report["results"]} >= {"not_assessable", "fail"}
    assert mismatches(report, Report) == []


def test_a_judged_report_has_the_declared_shape(chat_session_file, rubric):
    report = grade(chat_session_file, rubric)
    automatic = next(r for r in report["results"] if r["max"])
    manual = report["manual"][0]
    review = {
        "manual": {manual["criterion"]: manual["levels"][0]["score"]},
        "overrides": {automatic["criterion"]: {"points": 0.0, "reason": "said it, didn't draw it"}},
    }
    judged = apply_review(report, review)
    assert {r["status"] for r in judged["results"]} >= {"overridden", "manual"}
    assert mismatches(judged, Report) == []


def test_the_shape_check_catches_an_undeclared_a_missing_and_a_mistyped_key(chat_session_file, rubric):
    report = typing.cast(dict, grade(chat_session_file, rubric))
    report["results"][0]["evidence"]["arrows"] = []
    del report["sections"][0]["weight"]
    report["checklist"][0]["earned"] = "3"
    assert sorted(mismatches(report, Report)) == [
        "report.checklist[0].earned: expected a number, got '3'",
        "report.results[0].evidence.arrows: not declared",
        "report.sections[0].weight: missing",
    ]
