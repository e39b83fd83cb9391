"""Rubric authoring in the browser: the library, an editor that checks as you type, the rubric's
tests, a preview grade, saved versions, and regrading sessions with the newest version (a background
job: :mod:`designer.web.jobs` shows its progress)."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.wrappers import Response

from designer.access import can
from designer.errors import NotFound
from designer.jobs import Jobs
from designer.rubric import RubricError, RubricIssue
from designer.rubric_library import MAX_TEXT, skeleton, tests_skeleton
from designer.rubric_tests import case_yaml
from designer.session_list import SessionQuery
from designer.web.http import int_arg, is_htmx
from designer.web.judging import graded
from designer.web.security import current_viewer, may_edit_rubric, may_read_rubric, needs_rubric, require_role
from designer.web.services import job_queue, library, session_list, store

bp = Blueprint("rubrics", __name__, url_prefix="/rubrics")


@bp.get("")
@require_role("instructor")
def index():
    """The built-in rubrics (read-only) and this instructor's own (every one, for the admin)."""
    return _index()


def _index(issues=(), source: str = "", status: int = 200):
    entries = library().entries(int(current_user.id), everyone=current_user.role == "admin")
    page = render_template("rubrics/index.html", entries=entries, issues=issues, source=source)
    return page, status


@bp.post("/new")
@require_role("instructor")
def create():
    """A new rubric from the commented skeleton (as ``designer rubric new`` writes it), as version 1."""
    new_id = request.form.get("new_id", "").strip()
    title = request.form.get("title", "").strip() or None
    issues = library().new_id_issues(new_id)
    if issues:
        return _index(issues, "new rubric", 422)
    try:
        made = library().create(
            skeleton(new_id, title), tests_skeleton(new_id), int(current_user.id), check_tests=False
        )
    except RubricError as exc:
        return _index(exc.issues, "new rubric", 422)
    return redirect(url_for("rubrics.edit", rubric_id=made), code=303)


def _uploaded_text(field: str) -> tuple[str, str]:
    """The text of an uploaded file and its name; a file that isn't UTF-8 text is a RubricError."""
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        return "", ""
    name = upload.filename
    raw = upload.read(MAX_TEXT + 1)
    if len(raw) > MAX_TEXT:
        raise RubricError([RubricIssue(name, 1, 1, "", f"the file is over {MAX_TEXT:,} bytes")])
    try:
        return raw.decode("utf-8"), name
    except UnicodeDecodeError as exc:
        raise RubricError(
            [RubricIssue(name, 1, 1, "", f"the file is not UTF-8 text ({exc.reason})")]
        ) from None


@bp.post("/upload")
@require_role("instructor")
def upload():
    """A new rubric from a YAML file (and its tests file, if given), as version 1 of the id it names."""
    source = "the rubric file"
    try:
        text, source = _uploaded_text("file")
        if not text:
            raise RubricError([RubricIssue("the rubric file", 1, 1, "", "choose a rubric file (.yaml)")])
        tests_text, tests_name = _uploaded_text("tests")
        try:
            made = library().create(text, tests_text, int(current_user.id), may_extend=may_read_rubric)
        except RubricError as exc:  # name the file each problem is in
            raise RubricError(
                [replace(i, source=tests_name if i.source == "tests" else source) for i in exc.issues]
            ) from None
    except RubricError as exc:
        return _index(exc.issues, source, 422)
    return redirect(url_for("rubrics.edit", rubric_id=made), code=303)


@bp.get("/<rubric_id>/download/<part>")
@needs_rubric("read")
def download(rubric_id: str, part: str) -> Response:
    """The rubric (``part`` = rubric) or its tests (tests) as the file ``designer rubric`` reads, at
    ``?version=`` (the newest by default): authored here, kept in a repository."""
    if part not in {"rubric", "tests"} or not library().exists(rubric_id):
        abort(404, f"There is no {part} of rubric {rubric_id!r} to download.")
    text, tests_text, _ = library().source(rubric_id, int_arg("version", 0) or None)
    name = f"{rubric_id}.yaml" if part == "rubric" else f"{rubric_id}.tests.yaml"
    response = Response(text if part == "rubric" else tests_text, mimetype="application/yaml")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/<rubric_id>")
@needs_rubric("read")
def edit(rubric_id: str):
    """The editor: the YAML with line numbers, its tests, problems at their lines as you type."""
    if not library().exists(rubric_id):
        abort(404, f"There is no rubric {rubric_id!r}.")
    version = int_arg("version", 0) or None
    text, tests_text, number = library().source(rubric_id, version)
    sessions, _ = session_list().search(current_viewer(), SessionQuery(per_page=50))
    return render_template(
        "rubrics/edit.html",
        rubric_id=rubric_id,
        text=text,
        tests_text=tests_text,
        version=number,
        latest=library().latest_version(rubric_id),
        versions=library().versions(rubric_id),
        built_in=library().built_in(rubric_id),
        editable=may_edit_rubric(rubric_id),
        issues=library().check(text, may_extend=may_read_rubric),
        sessions=sessions,
    )


@bp.post("/check")
@require_role("instructor")
def check():
    """The draft's problems, each at its line (HTMX, as the instructor types)."""
    rubric_id = request.form.get("rubric_id") or None
    issues = library().check(request.form.get("text", ""), rubric_id, may_read_rubric)
    return render_template("rubrics/_issues.html", issues=issues)


@bp.post("/<rubric_id>/test")
@needs_rubric("read")
def run_tests(rubric_id: str):
    """Run the draft's tests against the draft and show which cases pass."""
    try:
        results = library().run_tests(
            request.form.get("text", ""),
            request.form.get("tests_text", ""),
            saved=_visible_session,
            may_extend=may_read_rubric,
        )
    except RubricError as exc:
        return render_template("rubrics/_test_results.html", results=None, issues=exc.issues)
    return render_template("rubrics/_test_results.html", results=results, issues=[])


def _visible_session(session_id: str) -> dict:
    """A saved session's file, for a test case, if the signed-in user may see it."""
    try:
        facts = store().facts(session_id)
    except NotFound:
        facts = None
    if facts is None or not can(current_viewer(), "view", facts):  # the same answer: no probing for ids
        raise LookupError("no saved session with this id that you may see")
    return store().to_file(store().get(session_id), history=True)


@bp.post("/<rubric_id>/preview")
@needs_rubric("read")
def preview(rubric_id: str):
    """The grade a session would get with the draft, beside the grade it has."""
    session_id = request.form.get("session_id", "")
    try:
        facts = store().facts(session_id)
        row = store().get(session_id)
    except NotFound:
        return render_template("rubrics/_preview.html", error=f"There is no session {session_id!r}.")
    if not can(current_viewer(), "view", facts):
        return render_template("rubrics/_preview.html", error="You can't see that session.")
    try:
        rubric = library().resolve(request.form.get("text", ""), "draft", (), may_read_rubric)
    except RubricError as exc:
        return render_template("rubrics/_preview.html", error=f"Fix the draft first: {exc.issues[0]}")
    report = graded(row, rubric, with_judgement=False)
    name = f"{row.candidate or 'anonymous'}: {row.title}"
    case = case_yaml(name, row.id, report)
    return render_template(
        "rubrics/_preview.html",
        error=None,
        row=row,
        report=report,
        rubric=rubric,
        case=case,
        editable=may_edit_rubric(rubric_id),
    )


@bp.post("/<rubric_id>/versions")
@needs_rubric("edit")
def save(rubric_id: str) -> ResponseReturnValue:
    """Save the draft as the next version; sessions keep the version they were graded with."""
    try:
        library().save(
            rubric_id,
            request.form.get("text", ""),
            request.form.get("tests_text", ""),
            int(current_user.id),
            may_extend=may_read_rubric,
        )
    except RubricError as exc:
        response = render_template("rubrics/_issues.html", issues=exc.issues)
        return response, 422
    target = url_for("rubrics.edit", rubric_id=rubric_id)
    if is_htmx():  # a whole new page: the new version's
        return Response("", 204, headers={"HX-Redirect": target})
    return redirect(target, code=303)


@bp.post("/<rubric_id>/duplicate")
@needs_rubric("read")
def duplicate(rubric_id: str) -> ResponseReturnValue:
    """An editable copy of any rubric this instructor may read, under a new id."""
    new_id = request.form.get("new_id", "").strip()
    try:
        library().duplicate(rubric_id, new_id, int(current_user.id))
    except RubricError as exc:
        return render_template("rubrics/_issues.html", issues=exc.issues), 422
    return redirect(url_for("rubrics.edit", rubric_id=new_id), code=303)


#: Sessions the regrade page grades while it is asked for, as a sample of what the job will do.
SAMPLE = 20


def _regrade_sample(rubric_id: str):
    """The newest version, how many sessions a regrade would take, and the first :data:`SAMPLE` of
    them (the newest first) with their score then and the new version's report."""
    query = replace(Jobs.regrade_query(rubric_id), per_page=SAMPLE)
    rows, total = session_list().search(current_viewer(), query)
    latest = library().load(rubric_id)
    out = []
    for row in rows:
        report = graded(row, latest)
        out.append(
            {
                "row": row,
                "old": row.score,
                "old_version": row.rubric_version,
                "new": report["score"],
                "report": report,
            }
        )
    return latest, total, out


@bp.get("/<rubric_id>/regrade")
@needs_rubric("read")
def regrade_preview(rubric_id: str):
    """The submitted sessions graded with this rubric: how many, a sample with their score then and
    with the newest version, and this instructor's regrades of it so far."""
    latest, total, rows = _regrade_sample(rubric_id)
    jobs = job_queue().jobs.recent(rubric_id, None if current_user.role == "admin" else int(current_user.id))
    return render_template(
        "rubrics/regrade.html", rubric_id=rubric_id, latest=latest, rows=rows, total=total, jobs=jobs
    )


@bp.post("/<rubric_id>/regrade")
@needs_rubric("read")
def regrade(rubric_id: str) -> Response:
    """Regrade every one of those sessions with the newest version, in the background, and show the
    job's progress. The audit of each session's judgement is unchanged; a second click while the job
    runs shows the same job."""
    latest = library().load(rubric_id)
    queue = job_queue()
    job, _ = queue.jobs.start_regrade(current_viewer(), rubric_id, latest.version, queue.enqueue)
    return redirect(url_for("jobs.show", job_id=job.id), code=303)
