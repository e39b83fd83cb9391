"""The candidate's workspace: stepper, panels, whiteboard forms, revisions, submit and download.

Every write names the revision it is based on (the ``If-Match`` header the page's script sets, or
the form's hidden ``revision`` without JS). HTMX requests get fragments; plain form posts are
redirected back to the page, so the workspace works without JavaScript.
"""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from designer import board as board_ops
from designer.capacity import explain, rate_row, rubric_settings
from designer.ddl import read_ddl
from designer.errors import (
    DesignerError,
    FieldError,
    LimitExceeded,
    SessionClosed,
    SessionFormatError,
    StaleRevision,
)
from designer.estimates import evaluate_rows
from designer.formats import EXPORTS, confirmed_board, import_upload
from designer.formats import export_board as write_board
from designer.framework import STEP_IDS, budgets, time_per_step
from designer.panel_changes import describe_changes, readable
from designer.revision_changes import changes
from designer.session_format import KINDS, PANEL_MODELS, session_file_text
from designer.web.forms import ROW_FIELDS, blank_row, keep_unknown, panel_from_form
from designer.web.http import change_id, go, is_htmx, replaced_ids, revision, vary
from designer.web.judging import record, rubric_of
from designer.web.security import may, needs
from designer.web.services import store

bp = Blueprint("workspace", __name__, url_prefix="/s")


def _based_on() -> int | None:
    if request.headers.get("If-Match"):
        return revision(request.headers["If-Match"])
    return revision(request.form.get("revision", ""), "The revision")


def _editable(row) -> bool:
    """Open, and this viewer is its candidate: an interviewer watching sees it read-only."""
    return row.status == "open" and may("edit")


def _current_step(row) -> str:
    steps = row.steps or []
    return steps[-1]["step"] if steps else "requirements"


def _derived(step: str, panel) -> dict:
    """Compute what a panel shows back: estimate values, the tables read from the DDL."""
    if step == "estimates":
        return {"evaluated": evaluate_rows(panel)}
    if step == "database":
        return {"schema": read_ddl(panel.get("ddl", ""))}
    return {}


def _panel_context(
    row, step: str, panel=None, errors: list[FieldError] | None = None, extra_row: str | None = None
) -> dict:
    if panel is None:
        panel = row.panels.get(step) if step in PANEL_MODELS else None
    if step in ROW_FIELDS:
        panel = json.loads(json.dumps(panel))  # a copy we may pad with a blank row
        for list_name in ROW_FIELDS[step]:
            rows = panel if list_name == "" else panel.setdefault(list_name, [])
            if extra_row == list_name or not rows:
                rows.append(blank_row(step, list_name))
    return {
        "row": row,
        "step": step,
        "panel": panel,
        "errors": errors or [],
        "readonly": not _editable(row),
        **_derived(step, panel or {}),
    }


def _page_context(row, step: str) -> dict:
    elapsed = store().on_the_clock(row)
    steps = row.steps or []
    spent = time_per_step(steps, elapsed)
    opened = steps[-1] if steps else None
    return {
        **_panel_context(row, step),
        "budgets": budgets(row.duration_minutes),
        "spent": spent,
        # The page's clocks count on from the last step change: the totals up to it and the step it
        # opened, not every event (a long session has thousands, re-sent with each step change).
        "closed": time_per_step(steps, opened["at"]) if opened else spent,
        "open_step": opened["step"] if opened else "",
        "open_since": opened["at"] if opened else 0,
        "elapsed": elapsed,
        "current_step": _current_step(row),
        "board": row.board,
        "revisions_count": row.revision,
    }


def _with_revision(response: Response, row) -> Response:
    response.headers["X-Revision"] = str(row.revision)
    response.headers["ETag"] = f'"{row.revision}"'
    return response


@bp.get("/<session_id>")
@needs("view")
def show(session_id: str) -> Response:
    """Show the workspace at the open step (or ``?step=``), or just that step's panel for HTMX."""
    row = store().get(session_id)
    step = request.args.get("step") or _current_step(row)
    if step not in STEP_IDS:
        abort(404, f"There is no step {step!r}; the steps are {', '.join(STEP_IDS)}.")
    context = _page_context(row, step)
    if is_htmx() and request.headers.get("HX-Target") == "panel":
        response = make_response(render_template("workspace/_panel.html", **context))
    else:
        response = make_response(render_template("workspace/show.html", **context))
    return vary(_with_revision(response, row))


@bp.post("/<session_id>/steps")
@needs("edit")
def enter_step(session_id: str) -> Response:
    """Open a step: record the time, then show its panel."""
    step = request.form.get("step", "")
    try:
        row = store().enter_step(session_id, step)
    except LimitExceeded:  # opened all the same: only its time goes unrecorded
        row = store().get(session_id)
    except SessionFormatError as exc:
        abort(422, str(exc))
    except SessionClosed:
        row = store().get(session_id)
    if not is_htmx():
        return redirect(url_for("workspace.show", session_id=session_id, step=step), code=303)
    context = _page_context(row, step)
    response = make_response(render_template("workspace/_step_change.html", **context))
    response.headers["HX-Push-Url"] = url_for("workspace.show", session_id=session_id, step=step)
    return vary(_with_revision(response, row))


def _failure(row, exc: Exception, step: str | None = None, panel=None) -> Response:
    """Answer a failed write: 409 with both versions, 413/422 with field messages."""
    if isinstance(exc, StaleRevision):
        current = store().get(row.id)
        theirs = current.panels.get(step) if step else None
        body = render_template(
            "workspace/_conflict.html",
            row=current,
            step=step,
            differences=describe_changes(step, panel, theirs) if step else [],
            mine_text=readable(step, panel) if step else "",
            theirs_text=readable(step, theirs) if step else "",
        )
        response = make_response(body, 409)
        return _with_revision(response, current)
    if isinstance(exc, SessionClosed):
        return make_response(
            render_template("workspace/_errors.html", errors=[FieldError("", str(exc))]), 409
        )
    assert isinstance(exc, SessionFormatError)
    status = 413 if isinstance(exc, LimitExceeded) else 422
    body = render_template("workspace/_errors.html", errors=exc.errors)
    return _with_revision(make_response(body, status), row)


@bp.post("/<session_id>/panels/<step>")
@needs("edit")
def update_panel(session_id: str, step: str) -> Response:
    """Save a step's panel from its form; ``add`` / ``remove`` change its rows first."""
    row = store().get(session_id)
    if step not in PANEL_MODELS:
        abort(404, f"The step {step!r} has no panel.")
    panel = keep_unknown(step, row.panels.get(step), panel_from_form(step, request.form))
    action, target = request.form.get("action", ""), request.form.get("list", "")
    if action == "remove":
        index = request.form.get("index", type=int)
        rows = panel if isinstance(panel, list) else panel.get(target)
        if isinstance(rows, list) and index is not None and 0 <= index < len(rows):
            rows.pop(index)
    try:
        saved = store().save_panel(session_id, step, panel, _based_on(), change_id(), replaced_ids())
        row = store().get(session_id)
    except (StaleRevision, SessionFormatError, SessionClosed) as exc:
        return _failure(row, exc, step, panel)
    if not is_htmx():
        return redirect(url_for("workspace.show", session_id=session_id, step=step), code=303)
    if action in {"add", "remove"}:
        context = _panel_context(row, step, extra_row=target if action == "add" else None)
        template = "workspace/_panel.html"
    else:
        context = _panel_context(row, step)
        template = "workspace/_panel_saved.html"
    # the revision this change made (not the newest: a change sent twice may be older than others')
    return _with_revision(make_response(render_template(template, **context)), saved)


def _board_response(row, errors: list[FieldError] | None = None, status: int = 200) -> Response:
    body = render_template(
        "workspace/_board_forms.html",
        row=row,
        board=row.board,
        errors=errors or [],
        readonly=not _editable(row),
        oob=False,
    )
    return _with_revision(make_response(body, status), row)


def _edit_board(session_id: str, change: str, edit) -> Response:
    row = store().get(session_id)
    try:
        row = store().get(store().edit_board(session_id, _based_on(), change, edit).id)
    except StaleRevision as exc:
        return _failure(row, exc)
    except (SessionFormatError, SessionClosed) as exc:
        errors = getattr(exc, "errors", None) or [FieldError("", str(exc))]
        if not is_htmx():
            abort(422, "; ".join(str(e) for e in errors))
        return _board_response(row, errors, 422)
    if not is_htmx():
        return redirect(
            url_for("workspace.show", session_id=session_id, step=request.args.get("step") or None),
            code=303,
        )
    return _board_response(row)


@bp.post("/<session_id>/board/nodes")
@needs("edit")
def add_node(session_id: str) -> Response:
    """Add a component from the keyboard form: kind, label, replicas."""
    kind = request.form.get("kind", "")
    label = request.form.get("label", "").strip()
    replicas_text = request.form.get("replicas", "1").strip() or "1"
    errors = []
    if kind not in KINDS:
        errors.append(FieldError("kind", f"choose a component kind; {kind!r} is not one"))
    try:
        replicas = int(replicas_text)
        if replicas < 1:
            raise ValueError
    except ValueError:
        errors.append(FieldError("replicas", f"expected a whole number of at least 1, got {replicas_text!r}"))
        replicas = 1
    if errors:
        if not is_htmx():
            abort(422, "; ".join(str(e) for e in errors))
        return _board_response(store().get(session_id), errors, 422)
    return _edit_board(session_id, "board", lambda b: board_ops.add_node(b, kind, label, replicas)[0])


@bp.post("/<session_id>/board/edges")
@needs("edit")
def add_edge(session_id: str) -> Response:
    """Connect two components from the keyboard form: source → target, label, mode."""
    source, target = request.form.get("source", ""), request.form.get("target", "")
    label, mode = request.form.get("label", "").strip(), request.form.get("mode", "sync")
    return _edit_board(session_id, "board", lambda b: board_ops.add_edge(b, source, target, label, mode)[0])


@bp.post("/<session_id>/board/elements/<element_id>/delete")
@needs("edit")
def delete_element(session_id: str, element_id: str) -> Response:
    """Remove a box (with its arrows) or an arrow."""
    return _edit_board(session_id, "board", lambda b: board_ops.remove_element(b, element_id))


def capacity_context(row, args, failures: bool = False) -> dict:
    """The capacity view of a saved session (``designer.capacity.explain``) with the rubric's
    figures, and the drill and peak multiple the query asks for; ``failures`` adds every single
    failure (the report, the review and the export show them)."""
    session = {"board": row.board, "panels": row.panels}
    boxes = [n["data"] for n in (row.board or {}).get("nodes") or []]
    ids = {b["id"] for b in boxes}
    fail = args.get("fail") or None
    problems = []
    if fail is not None and fail not in ids:
        problems.append(f"There is no box {fail!r} on the board any more: nothing is failed.")
        fail = None
    instance = args.get("instance") == "1"
    try:
        times = float(args.get("times") or 1)
        if not 0 < times <= 1000:
            raise ValueError
    except ValueError:
        problems.append("The peak multiple must be a number above 0 and at most 1000: showing 1×.")
        times = 1.0
    rates = [r.name for r in evaluate_rows(row.panels.get("estimates") or []) if rate_row(r)]
    picked = {key: args.get(key) or None for key in ("read_row", "write_row")}
    for key, name in picked.items():
        if name is not None and name not in rates:
            problems.append(
                f"There is no rate row {name!r} in the estimates any more: the rows are chosen as usual."
            )
            picked[key] = None
    overrides, limit = rubric_settings(rubric_of(row))
    report = explain(
        session,
        fail,
        whole=not instance,
        times=times,
        overrides=overrides,
        limit=limit,
        failures=failures,
        **picked,
    )
    return {
        "row": row,
        "cap": report,
        "fail": fail,
        "instance": instance,
        "times": times,
        "limit": limit,
        "boxes": boxes,
        "problems": problems,
        "rates": rates,
        "pick": args.get("pick") == "1",
        **picked,
    }


@bp.get("/<session_id>/capacity")
@needs("grade")  # it reads like the grade: an interview's candidate doesn't get it, as with the report
def capacity(session_id: str) -> Response:
    """The board at the candidate's own peak: load, capacity and utilisation per box, the
    bottleneck, the slowest path, and a failure drill (``?fail=BOX&instance=1&times=10``;
    ``failures=1`` adds every single failure, as the review shows them)."""
    row = store().get(session_id)
    context = capacity_context(row, request.args, failures=request.args.get("failures") == "1")
    return vary(make_response(render_template("workspace/_capacity.html", controls=True, **context)))


@bp.get("/<session_id>/revisions")
@needs("view")
def revisions(session_id: str) -> Response:
    """List the saved revisions, newest first, each with a link to look at it."""
    row = store().get(session_id)
    ascending = store().revisions(session_id)
    what = {r.number: changes(ascending[i - 1] if i else None, r) for i, r in enumerate(ascending)}
    template = "workspace/_revisions.html" if is_htmx() else "workspace/revisions.html"
    return vary(make_response(render_template(template, row=row, revisions=ascending[::-1], changes=what)))


@bp.get("/<session_id>/revisions/<int:number>")
@needs("view")
def show_revision(session_id: str, number: int) -> Response:
    """Show one old revision read-only, with a button to restore it."""
    row = store().get(session_id)
    rev = store().revision(session_id, number)
    before = store().revision(session_id, number - 1) if number > 1 else None
    evaluated = evaluate_rows(rev.panels.get("estimates", []))
    return make_response(
        render_template(
            "workspace/revision.html", row=row, rev=rev, evaluated=evaluated, changes=changes(before, rev)
        )
    )


@bp.post("/<session_id>/revisions/<int:number>/restore")
@needs("edit")
def restore(session_id: str, number: int) -> Response:
    """Restore an old revision as a new one, and go back to the workspace."""
    row = store().get(session_id)
    try:
        store().restore(session_id, number, _based_on())
    except (StaleRevision, SessionClosed, SessionFormatError) as exc:
        return _failure(row, exc)
    return go(url_for("workspace.show", session_id=session_id))


@bp.post("/<session_id>/submit")
@needs("edit")
def submit(session_id: str) -> Response:
    """End the session (it turns read-only) and show its grade report."""
    was_open = store().get(session_id).status == "open"
    row = store().submit(session_id)
    if was_open:
        record(row)  # the score and points the session list and the CSV show
    return go(url_for("report.show", session_id=session_id))


@bp.post("/<session_id>/delete")
@needs("delete")
def delete_session(session_id: str) -> Response:
    """Remove the session for good (the guard has checked who may); back to where sessions are listed."""
    row = store().get(session_id)
    store().delete(session_id)
    what = f"{row.candidate}'s session" if row.candidate else "The session"
    flash(f"{what} on {row.title} ({row.started_at:%Y-%m-%d %H:%M}) is deleted.")
    listing = current_user.is_authenticated and current_user.role != "candidate"
    return go(url_for("review.sessions") if listing else url_for("home.index"))


@bp.post("/<session_id>/board/import")
@needs("edit")
def import_into_board(session_id: str) -> Response:
    """A diagram dropped on (or chosen for) the whiteboard: confirm each box's kind before adding it."""
    row = store().get(session_id)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        abort(422, "Choose a Mermaid, Excalidraw or draw.io file to add to the whiteboard.")
    try:
        result = import_upload(upload.filename, upload.read(), request.form.get("page") or None)
    except DesignerError as exc:
        abort(422, str(exc))
    return make_response(
        render_template(
            "home/confirm_import.html",
            filename=upload.filename,
            result=result,
            board_json=json.dumps(result.board),
            action=url_for("workspace.confirm_import_into_board", session_id=session_id),
            into=row,
            problems=(),
        )
    )


@bp.post("/<session_id>/board/import/confirm")
@needs("edit")
def confirm_import_into_board(session_id: str) -> Response:
    """Add the confirmed boxes and arrows beside the board, as one new revision."""
    store().get(session_id)
    try:
        incoming = confirmed_board(request.form)
    except ValueError:
        abort(422, "The diagram was lost on the way; drop the file again.")
    try:
        store().edit_board(session_id, _based_on(), "import", lambda board: board_ops.merge(board, incoming))
    except (StaleRevision, SessionClosed, SessionFormatError) as exc:
        abort(409 if isinstance(exc, StaleRevision | SessionClosed) else 422, str(exc))
    return redirect(url_for("workspace.show", session_id=session_id, step="high_level"), code=303)


@bp.get("/<session_id>/board.<fmt>")
@needs("view")
def export_board(session_id: str, fmt: str) -> Response:
    """Download the board in one of the formats that write (:data:`designer.formats.EXPORTS`)."""
    row = store().get(session_id)
    if fmt not in EXPORTS:
        abort(404, f"There is no export to .{fmt}; the exports are {', '.join('.' + f for f in EXPORTS)}.")
    response = make_response(write_board(row.board, fmt))
    response.headers["Content-Type"] = EXPORTS[fmt].content_type
    response.headers["Content-Disposition"] = f'attachment; filename="{row.problem_id}-{row.id[:8]}.{fmt}"'
    return response


@bp.get("/<session_id>/download")
@needs("view")
def download(session_id: str) -> Response:
    """Download the session as a ``designer.session/1`` file."""
    row = store().get(session_id)
    body = session_file_text(store().to_file(row))
    response = make_response(body)
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{row.problem_id}-{row.id[:8]}.session.json"'
    )
    return response
