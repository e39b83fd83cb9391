"""Grading many files at once, for CI: collect session and diagram files from paths, folders and
globs, grade them in parallel processes, and write the outcome as text, JSON, JSON lines, CSV, JUnit
XML or SARIF (so a repository's code-scanning view shows each failed criterion at its file).

Flask-free, as the rest of the domain: ``designer grade PATH…`` is a thin wrapper.
"""

from __future__ import annotations

__all__ = ["Outcome", "collect", "grade_files", "FORMATS", "write"]

import csv
import glob
import io
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

#: Endings a folder is searched for: they name the tool that wrote them, unlike .svg, .png or .xml,
#: which a folder of documentation holds for other reasons (name such a file and it is read).
FOLDER_ENDINGS = (
    ".mmd",
    ".mermaid",
    ".puml",
    ".plantuml",
    ".excalidraw",
    ".excalidraw.md",  # Obsidian's Excalidraw drawings; other Markdown is not a diagram
    ".drawio",
    ".drawio.svg",
    ".drawio.png",
    ".drawio.xml",
    ".excalidraw.svg",
    ".excalidraw.png",
)
_SKIP_FOLDERS = {".git", ".venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}


@dataclass
class Outcome:
    """One file's grade, or why it couldn't be graded."""

    file: str
    rubric: str = ""
    version: int = 0
    score: float | None = None
    report: dict | None = None
    error: str | None = None
    failed: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def _is_session_file(path: Path) -> bool:
    """Whether a .json file says it is a designer session (its first 4 KB name the format)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"designer.session/1" in head


def _in_folder(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_FOLDERS)
        for name in sorted(files):
            path = Path(root) / name
            lower = name.lower()
            if lower.endswith(FOLDER_ENDINGS) or (lower.endswith(".json") and _is_session_file(path)):
                yield path


def collect(paths: Iterable[str]) -> tuple[list[Path], list[Outcome]]:
    """The files named by ``paths`` — files as they are, folders searched (session files and
    diagrams), globs expanded — each once, in the order given; and an outcome for each path that
    names nothing."""
    found: dict[Path, None] = {}
    missing: list[Outcome] = []
    for text in paths:
        if any(c in text for c in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                missing.append(Outcome(text, error=f"{text}: no file matches"))
            for match in matches:
                path = Path(match)
                for item in _in_folder(path) if path.is_dir() else [path]:
                    found.setdefault(item, None)
            continue
        path = Path(text)
        if path.is_dir():
            for item in _in_folder(path):
                found.setdefault(item, None)
        elif path.exists():
            found.setdefault(path, None)
        else:
            missing.append(Outcome(text, error=f"{text}: no such file or folder"))
    return list(found), missing


# --------------------------------------------------------------------------------------- grading ---

_RUBRICS: dict[str | None, Any] = {}


def _grade_one(path: str, rubric_ref: str | None) -> Outcome:
    """Grade one file in this process (the rubric is loaded once per process)."""
    from designer.errors import DesignerError
    from designer.grading import grade
    from designer.rubric import RubricError, list_rubrics, load_rubric

    try:
        session = read_session(Path(path))
    except DesignerError as exc:
        return Outcome(path, error=str(exc))
    problem = (session.get("problem") or {}).get("id")
    ref = rubric_ref or (problem if problem in list_rubrics() else "interview-checklist")
    try:
        rubric = _RUBRICS.get(ref) or _RUBRICS.setdefault(ref, load_rubric(ref))
    except RubricError as exc:
        return Outcome(path, error=str(exc))
    report: dict[str, Any] = dict(grade(session, rubric))
    failed = [
        {
            "criterion": r["criterion"],
            "check": r["check"],
            "title": r["title"],
            "status": r["status"],
            "points": r["points"],
            "max": r["max"],
            "message": r["message"],
        }
        for r in report["results"]
        if r["status"] in ("fail", "partial") and r["max"]
    ]
    return Outcome(path, rubric.id, rubric.version, report["score"], report, None, failed)


def read_session(path: Path) -> dict:
    """A session file, validated, or a diagram file as a session; DesignerError says why not."""
    from designer.errors import DesignerError, SessionFormatError
    from designer.inputs import InvalidInput, loads, read_file
    from designer.session_format import (
        MAX_SESSION_FILE_BYTES,
        SESSION_FILE,
        check_session_size,
        validate_session,
    )

    if not path.name.lower().endswith(".json"):  # the importers only for a diagram (~60 ms of imports)
        from designer.formats import IMPORTABLE, import_board, session_from_board

        if path.suffix.lower() in IMPORTABLE:
            return session_from_board(import_board(path).board)
    data = read_file(path, MAX_SESSION_FILE_BYTES, SESSION_FILE)  # the limit of an import by an account
    try:
        # counted before anything walks it, as an import counts it
        return validate_session(loads(data, what=str(path), first=check_session_size)).model_dump(mode="json")
    except InvalidInput as exc:
        raise DesignerError(str(exc)) from None
    except SessionFormatError as exc:
        lines = "\n".join(f"  {e}" for e in exc.errors)
        raise DesignerError(f"{path} is not a valid designer.session/1 file:\n{lines}") from None


def _grade_chunk(paths: list[str], rubric_ref: str | None) -> list[Outcome]:
    return [_grade_one(p, rubric_ref) for p in paths]


def grade_files(files: list[Path], rubric_ref: str | None = None, jobs: int | None = None) -> list[Outcome]:
    """Grade every file, in ``jobs`` processes (default: one per core), in the order given."""
    names = [str(f) for f in files]
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(names) < 2:
        return _grade_chunk(names, rubric_ref)
    # Chunks, not a task per file: a task's round trip between processes would cost more than a
    # small session's grade. Several chunks a worker keep the slow files from piling up on one.
    size = max(1, min(64, len(names) // (jobs * 4) or 1))
    chunks = [names[i : i + size] for i in range(0, len(names), size)]
    from concurrent.futures import ProcessPoolExecutor  # a single file never needs a pool (~30 ms)

    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
        results = pool.map(_grade_chunk, chunks, [rubric_ref] * len(chunks))
        return [outcome for chunk in results for outcome in chunk]


# ---------------------------------------------------------------------------------------- output ---


def _text(outcomes: list[Outcome], fail_under: float | None) -> str:
    lines = []
    for o in outcomes:
        if not o.ok:
            lines.append(f"error  {o.file}: {o.error}")
            continue
        mark = "FAIL " if fail_under is not None and (o.score or 0) < fail_under else "     "
        lines.append(
            f"{mark}{o.score:5.1f}  {o.file}  ({o.rubric} v{o.version}, {len(o.failed)} criteria lost)"
        )
    graded = [o for o in outcomes if o.ok]
    summary = f"{len(graded)} graded"
    if graded:
        summary += f", mean {sum(o.score or 0 for o in graded) / len(graded):.1f}"
    if fail_under is not None:
        summary += f", {sum(1 for o in graded if (o.score or 0) < fail_under)} under {fail_under:g}"
    errors = len(outcomes) - len(graded)
    if errors:
        summary += f", {errors} could not be graded"
    return "\n".join([*lines, summary])


def _summary(o: Outcome) -> dict:
    if not o.ok:
        return {"file": o.file, "error": o.error}
    return {"file": o.file, "rubric": o.rubric, "version": o.version, "score": o.score, "failed": o.failed}


def _json(outcomes: list[Outcome], fail_under: float | None) -> str:
    return json.dumps(
        [
            {"file": o.file, "error": o.error} if not o.ok else {"file": o.file, "report": o.report}
            for o in outcomes
        ],
        indent=2,
        ensure_ascii=False,
    )


def _jsonl(outcomes: list[Outcome], fail_under: float | None) -> str:
    return "\n".join(json.dumps(_summary(o), ensure_ascii=False) for o in outcomes)


def _csv(outcomes: list[Outcome], fail_under: float | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "rubric", "version", "score", "criteria_lost", "error"])
    for o in outcomes:
        lost = ";".join(f["criterion"] for f in o.failed)
        score = "" if o.score is None else f"{o.score:g}"
        writer.writerow([o.file, o.rubric, o.version or "", score, lost, o.error or ""])
    return out.getvalue().rstrip("\n")


def _junit(outcomes: list[Outcome], fail_under: float | None) -> str:
    """A test suite per file, a test case per criterion: failed and partial criteria fail, the
    unjudged are skipped, an unusable file is an error — what CI dashboards read."""
    suites = ET.Element("testsuites", name="designer grade")
    for o in outcomes:
        suite = ET.SubElement(suites, "testsuite", name=o.file)
        if not o.ok:
            case = ET.SubElement(suite, "testcase", classname=o.file, name="read")
            ET.SubElement(case, "error", message=o.error or "").text = o.error
            suite.set("tests", "1")
            suite.set("errors", "1")
            continue
        assert o.report is not None
        failures = skipped = 0
        for r in o.report["results"]:
            case = ET.SubElement(suite, "testcase", classname=f"{o.rubric}.{r['step']}", name=r["criterion"])
            if r["status"] in ("fail", "partial") and r["max"]:
                failures += 1
                points = f"{r['points']:g}/{r['max']:g}"
                ET.SubElement(case, "failure", message=f"{r['title']} ({points})").text = r["message"]
            elif r["status"] == "not_assessable" or not r["max"]:
                skipped += 1
                ET.SubElement(case, "skipped", message=r["message"] or "not assessable")
        if fail_under is not None and (o.score or 0) < fail_under:
            case = ET.SubElement(suite, "testcase", classname=o.rubric, name="score")
            ET.SubElement(case, "failure", message=f"score {o.score:g} is under {fail_under:g}")
            failures += 1
        suite.set("tests", str(len(suite)))
        suite.set("failures", str(failures))
        suite.set("skipped", str(skipped))
        ET.SubElement(suite, "properties").append(ET.Element("property", name="score", value=f"{o.score:g}"))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _sarif(outcomes: list[Outcome], fail_under: float | None) -> str:
    """SARIF 2.1.0: a rule per check, a result per failed criterion at its file (line 1: a
    criterion is about the whole design), an unusable file as an error notification."""
    from importlib.metadata import version

    from designer.checks.registry import get_check

    rules: dict[str, dict] = {}
    results: list[dict] = []
    notifications: list[dict] = []
    for o in outcomes:
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": Path(o.file).as_posix()},
                "region": {"startLine": 1},
            }
        }
        if not o.ok:
            notifications.append({"level": "error", "message": {"text": o.error}, "locations": [location]})
            continue
        for f in o.failed:
            rule_id = f["check"] or f["criterion"]
            if rule_id not in rules:
                check = get_check(rule_id) if f["check"] else None
                rules[rule_id] = {
                    "id": rule_id,
                    "name": rule_id.replace(".", "_"),
                    "shortDescription": {"text": check.statement if check else f["title"]},
                    "fullDescription": {"text": check.summary if check else f["title"]},
                    "help": {"text": check.doc.strip() if check else f["title"]},
                }
            results.append(
                {
                    "ruleId": rule_id,
                    "ruleIndex": list(rules).index(rule_id),
                    "level": "error" if f["status"] == "fail" else "warning",
                    "message": {
                        "text": f"{f['title']} ({f['points']:g}/{f['max']:g}, {o.rubric} v{o.version}): {f['message']}"
                    },
                    "locations": [location],
                    "properties": {"criterion": f["criterion"], "score": o.score},
                }
            )
    run = {
        "tool": {
            "driver": {
                "name": "designer",
                "version": version("designer"),
                "rules": list(rules.values()),
            }
        },
        "results": results,
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
    }
    return json.dumps(
        {"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": [run]},
        indent=2,
        ensure_ascii=False,
    )


FORMATS: dict[str, Callable[[list[Outcome], float | None], str]] = {
    "text": _text,
    "json": _json,
    "jsonl": _jsonl,
    "csv": _csv,
    "junit": _junit,
    "sarif": _sarif,
}


def write(outcomes: list[Outcome], fmt: str, fail_under: float | None = None) -> str:
    """The outcomes in ``fmt`` (one of :data:`FORMATS`)."""
    return FORMATS[fmt](outcomes, fail_under)
