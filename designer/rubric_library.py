"""The rubric library: the built-in rubrics (files in ``rubrics/``, read-only) and the rubrics
instructors write in the browser, kept in the database one version per save.

A library rubric may ``extend`` a built-in one or another library rubric. Saving never changes an
old version: sessions keep the version they were graded with, and regrading is a separate step.
"""

from __future__ import annotations

__all__ = ["LibraryEntry", "RubricLibrary", "skeleton", "tests_skeleton"]

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import Engine, func, insert, select

from designer.errors import NotFound
from designer.models import RubricVersionRow, UserRow, table_of, utcnow
from designer.rubric import (
    RUBRICS_DIR,
    Rubric,
    RubricError,
    RubricIssue,
    _issue,
    _merge,
    list_rubrics,
    load_rubric,
    parse_rubric,
)
from designer.rubric_tests import CaseResult, SessionLookup, parse_tests, run_cases, tests_path

_VERSIONS = table_of(RubricVersionRow)
_USERS = table_of(UserRow)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_ID_LINE = re.compile(r"^id:[ \t]*\S+[ \t]*$", re.MULTILINE)
_VERSION_LINE = re.compile(r"^version:[ \t]*\S+[ \t]*$", re.MULTILINE)
MAX_TEXT = 200_000
#: Whether the author of a draft may read (and so build on) a library rubric, by its id.
Readable = Callable[[str], bool]


@dataclass(frozen=True)
class LibraryEntry:
    id: str
    title: str
    version: int
    built_in: bool
    author_id: int | None = None
    author: str = ""


class RubricLibrary:
    """Built-in rubric files and browser-written rubric versions, behind one interface."""

    def __init__(self, engine: Engine, directory: Path = RUBRICS_DIR):
        self.engine = engine
        self.directory = directory

    # ------------------------------------------------------------------ reading

    def built_in(self, rubric_id: str) -> bool:
        return rubric_id in list_rubrics(self.directory)

    def entries(self, author_id: int | None = None, everyone: bool = False) -> list[LibraryEntry]:
        """The built-in rubrics, then the library's newest versions (an author's own, or everyone's)."""
        out = []
        for rubric_id in list_rubrics(self.directory):
            try:
                rubric = load_rubric(rubric_id, self.directory)
                out.append(LibraryEntry(rubric_id, rubric.title, rubric.version, True))
            except RubricError:
                out.append(LibraryEntry(rubric_id, f"{rubric_id} (can't be read)", 0, True))
        newest = (
            select(_VERSIONS.c.rubric_id, func.max(_VERSIONS.c.version).label("version"))
            .group_by(_VERSIONS.c.rubric_id)
            .subquery()
        )
        query = (
            select(_VERSIONS, _USERS.c.email)
            .join(
                newest,
                (newest.c.rubric_id == _VERSIONS.c.rubric_id) & (newest.c.version == _VERSIONS.c.version),
            )
            .outerjoin(_USERS, _USERS.c.id == _VERSIONS.c.author_id)
            .order_by(_VERSIONS.c.rubric_id)
        )
        if not everyone:
            mine = select(_VERSIONS.c.rubric_id).where(_VERSIONS.c.author_id == author_id)
            query = query.where(_VERSIONS.c.rubric_id.in_(mine))
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                title = _title_of(row["text"]) or row["rubric_id"]
                out.append(
                    LibraryEntry(
                        row["rubric_id"], title, row["version"], False, row["author_id"], row["email"] or ""
                    )
                )
        return out

    def exists(self, rubric_id: str) -> bool:
        return self.built_in(rubric_id) or self.latest_version(rubric_id) is not None

    def latest_version(self, rubric_id: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.max(_VERSIONS.c.version)).where(_VERSIONS.c.rubric_id == rubric_id)
            ).scalar_one()

    def versions(self, rubric_id: str) -> list[dict]:
        """Every saved version of a library rubric, newest first."""
        query = (
            select(_VERSIONS.c.version, _VERSIONS.c.created_at, _USERS.c.email)
            .outerjoin(_USERS, _USERS.c.id == _VERSIONS.c.author_id)
            .where(_VERSIONS.c.rubric_id == rubric_id)
            .order_by(_VERSIONS.c.version.desc())
        )
        with self.engine.connect() as conn:
            return [dict(m) for m in conn.execute(query).mappings()]

    def source(self, rubric_id: str, version: int | None = None) -> tuple[str, str, int]:
        """The YAML text, the tests text and the version of a rubric (the newest by default).

        Raises
        ------
        NotFound
            When there is no such rubric or version.
        """
        if self.built_in(rubric_id):
            path = self.directory / f"{rubric_id}.yaml"
            tests = tests_path(rubric_id, self.directory)
            rubric = load_rubric(rubric_id, self.directory)
            return path.read_text(), tests.read_text() if tests.is_file() else "", rubric.version
        query = select(_VERSIONS).where(_VERSIONS.c.rubric_id == rubric_id)
        query = (
            query.where(_VERSIONS.c.version == version)
            if version
            else query.order_by(_VERSIONS.c.version.desc())
        )
        with self.engine.connect() as conn:
            found = conn.execute(query.limit(1)).mappings().first()
        if found is None:
            raise NotFound(f"There is no rubric {rubric_id!r}" + (f" version {version}." if version else "."))
        return found["text"], found["tests_text"], found["version"]

    def load(self, rubric_id: str, version: int | None = None) -> Rubric:
        """A rubric with ``extends`` resolved; a library rubric at ``version`` (the newest by default)."""
        if self.built_in(rubric_id):
            return load_rubric(rubric_id, self.directory)
        text, _, number = self.source(rubric_id, version)
        return self.resolve(text, f"{rubric_id} v{number}", ())

    def resolve(
        self, text: str, source: str, chain: tuple[str, ...], may_extend: Readable | None = None
    ) -> Rubric:
        """Parse a rubric's text and build it on what it extends (built-in or library).

        ``may_extend`` says which library rubrics a draft's author may build on: extending one they
        may not read would show its criteria in the draft's grades. Another's rubric gets the same
        answer as one that does not exist. (Saved rubrics were checked when saved: load them without.)
        """
        rubric, doc = parse_rubric(text, source)
        if rubric.id in chain:
            raise RubricError(
                [_issue(doc, ("extends",), f"extends makes a cycle: {' → '.join((*chain, rubric.id))}")]
            )
        if rubric.extends is None:
            return rubric
        hidden = (
            may_extend is not None and not self.built_in(rubric.extends) and not may_extend(rubric.extends)
        )
        if hidden or not self.exists(rubric.extends):
            raise RubricError([_issue(doc, ("extends",), f"there is no rubric {rubric.extends!r} to extend")])
        if self.built_in(rubric.extends):
            base = load_rubric(rubric.extends, self.directory)
        else:
            base_text, _, number = self.source(rubric.extends)
            base = self.resolve(base_text, f"{rubric.extends} v{number}", (*chain, rubric.id), may_extend)
        return _merge(base, rubric, doc)

    # ------------------------------------------------------------------ checking a draft

    def check(
        self, text: str, rubric_id: str | None = None, may_extend: Readable | None = None
    ) -> list[RubricIssue]:
        """Every problem of a draft, each at its line (an empty list when it is a valid rubric)."""
        if len(text) > MAX_TEXT:
            return [
                RubricIssue(
                    "draft", 1, 1, "", f"the rubric is {len(text):,} characters; at most {MAX_TEXT:,}"
                )
            ]
        try:
            rubric = self.resolve(text, "draft", (), may_extend)
        except RubricError as exc:
            return exc.issues
        if rubric_id is not None and rubric.id != rubric_id:
            found = _ID_LINE.search(text)
            line = text[: found.start()].count("\n") + 1 if found else 1
            return [
                RubricIssue(
                    "draft", line, 1, "id", f"the id must stay {rubric_id!r} (duplicate to make another)"
                )
            ]
        return []

    def run_tests(
        self,
        text: str,
        tests_text: str,
        saved: SessionLookup | None = None,
        may_extend: Readable | None = None,
    ) -> list[CaseResult]:
        """Run a draft's tests against the draft itself (sessions are files under ``rubrics/``, or
        saved sessions ``saved`` reads by id).

        Raises
        ------
        RubricError
            When the draft or its tests can't be read.
        """
        rubric = self.resolve(text, "draft", (), may_extend)
        if not tests_text.strip():
            raise RubricError([RubricIssue("tests", 1, 1, "", "this rubric has no tests yet")])
        tests = parse_tests(tests_text, "tests")
        return run_cases(tests, rubric, self.directory, saved)

    # ------------------------------------------------------------------ writing

    def save(
        self,
        rubric_id: str,
        text: str,
        tests_text: str,
        author_id: int | None,
        may_extend: Readable | None = None,
    ) -> int:
        """Save a draft as the rubric's next version; its ``version:`` line is set to that number.

        Raises
        ------
        RubricError
            When the draft has problems (nothing is saved), or the rubric is built in.
        """
        if self.built_in(rubric_id):
            raise RubricError(
                [RubricIssue("draft", 1, 1, "id", f"{rubric_id!r} is built in and read-only; duplicate it")]
            )
        number = (self.latest_version(rubric_id) or 0) + 1
        text = _VERSION_LINE.sub(f"version: {number}", text, count=1)
        issues = self.check(text, rubric_id, may_extend)
        if issues:
            raise RubricError(issues)
        with self.engine.begin() as conn:
            conn.execute(
                insert(_VERSIONS).values(
                    rubric_id=rubric_id,
                    version=number,
                    text=text,
                    tests_text=tests_text,
                    author_id=author_id,
                    created_at=utcnow(),
                )
            )
        return number

    def create(
        self,
        text: str,
        tests_text: str,
        author_id: int | None,
        check_tests: bool = True,
        may_extend: Readable | None = None,
    ) -> str:
        """Add a new rubric from its text (a file brought in, or a skeleton) as version 1; return its
        id, which the text's ``id:`` gives.

        Raises
        ------
        RubricError
            When the text has problems or names a rubric that exists (nothing is saved).
        """
        issues = self.check(text, may_extend=may_extend)
        if issues:
            raise RubricError(issues)
        rubric_id = parse_rubric(text, "draft")[0].id
        match = _ID_LINE.search(text)
        line = text[: match.start()].count("\n") + 1 if match else 1
        if not _SLUG.match(rubric_id):
            raise RubricError(
                [RubricIssue("draft", line, 1, "id", f"{rubric_id!r} is not an id: use a-z, 0-9, - and _")]
            )
        if self.exists(rubric_id):
            raise RubricError(
                [
                    RubricIssue(
                        "draft", line, 1, "id", f"there is already a rubric {rubric_id!r}; change the id"
                    )
                ]
            )
        if check_tests and tests_text.strip():
            parse_tests(tests_text, "tests")  # a tests file that can't be read is refused with the rubric
        self.save(rubric_id, _VERSION_LINE.sub("version: 1", text, count=1), tests_text, author_id)
        return rubric_id

    def new_id_issues(self, new_id: str) -> list[RubricIssue]:
        """What is wrong with ``new_id`` as the id of a new rubric (nothing, when it is free and well formed)."""
        if not _SLUG.match(new_id):
            return [RubricIssue("new id", 1, 1, "id", f"{new_id!r} is not an id: use a-z, 0-9, - and _")]
        if self.exists(new_id):
            return [RubricIssue("new id", 1, 1, "id", f"there is already a rubric {new_id!r}")]
        return []

    def duplicate(self, source_id: str, new_id: str, author_id: int | None) -> int:
        """Copy a rubric (built-in or not) under a new id, as version 1 of an editable rubric."""
        issues = self.new_id_issues(new_id)
        if issues:
            raise RubricError(issues)
        text, tests_text, _ = self.source(source_id)
        text = _ID_LINE.sub(f"id: {new_id}", text, count=1)
        text = _VERSION_LINE.sub("version: 1", text, count=1)
        tests_text = re.sub(
            r"^rubric:[ \t]*\S+", f"rubric: {new_id}", tests_text, count=1, flags=re.MULTILINE
        )
        return self.save(new_id, text, tests_text, author_id)


_SKELETON = """# {id}: a rubric for {title}.
# Validate with `designer rubric validate rubrics/{id}.yaml`; `designer checks` lists the checks.
# $schema lets editors complete and validate this file (`designer rubric schema > rubric.schema.json`).
id: {id}
title: {title}
version: 1
# Build on the generic checklist and override its criteria by id; remove this line to start empty.
extends: interview-checklist
problem:
  id: {id}
  title: {title}
  prompt: >
    Describe the problem as the interviewer would state it.
duration_minutes: 45
sections:
  - step: requirements        # one of: requirements, estimates, api, high_level, database, detailed, scale, wrap_up
    criteria:
      - id: concepts          # unique in the rubric; overrides the base criterion of the same id
        title: The requirements cover what this problem needs
        check: requirements.mentions_concepts
        points: 2
        checklist: clarify    # a checklist item of interview-checklist
        params:
          concepts:
            - {{name: an expected concept, synonyms: [another way to say it]}}
        feedback:
          pass: Shown beside the check's message when the criterion passes.
          fail: Shown when it fails.
        hints:                # practice mode: a nudge, then a pointer, then the fix
          nudge: A question that points the way.
          pointer: Where to look.
          fix: What to write.
      - id: judgement
        title: Something only the interviewer can judge
        manual: true
        levels:
          - {{score: 0, label: Missing, description: "What a weak answer looks like."}}
          - {{score: 2, label: Strong, description: "What a strong answer looks like."}}
"""


_TESTS_SKELETON = """# Tests of {id}: preview a session with the rubric and press "Add as a test case", or write
# cases that grade a session file under rubrics/ (rubrics/chat-app.tests.yaml is an example).
rubric: {id}
cases: []
"""


def skeleton(rubric_id: str, title: str | None = None) -> str:
    """A commented rubric to start from, building on the interview checklist."""
    title = " ".join((title or rubric_id.replace("-", " ").capitalize()).split())
    return _SKELETON.format(id=rubric_id, title=json.dumps(title, ensure_ascii=False))  # JSON is YAML


def tests_skeleton(rubric_id: str) -> str:
    """The tests of a new rubric: the header, no cases yet."""
    return _TESTS_SKELETON.format(id=rubric_id)


def _title_of(text: str) -> str:
    match = re.search(r"^title:[ \t]*(.+)$", text, re.MULTILINE)
    if not match:
        return ""
    try:  # a quoted title, with its escapes
        value = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        value = None
    return value if isinstance(value, str) else match.group(1).strip().strip("\"'")
