"""Background jobs in the browser: a job's page, and its progress as HTMX polls it until the job ends.

A job is its starter's (an instructor's regrade, anyone's batch import) and the admin's: anyone else gets the answer a job that doesn't exist gets,
so job ids can't be probed."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from designer.errors import NotFound
from designer.jobs import FINISHED
from designer.models import JobRow
from designer.web.security import signed_in
from designer.web.services import job_queue

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

#: Rows of a job's results shown at once (the rest a page at a time, by key).
ROWS = 100


def _own_job(job_id: str) -> JobRow:
    try:
        job = job_queue().jobs.get(job_id)
    except NotFound:
        job = None
    if job is None or (current_user.role != "admin" and job.owner_id != int(current_user.id)):
        abort(404, "There is no such job, or it isn't yours.")
    return job


def _context(job: JobRow) -> dict:
    jobs = job_queue().jobs
    after = request.args.get("after", "")[:64]
    return {
        "job": job,
        "finished": job.status in FINISHED,
        "handled": job.done + job.current + job.failed,
        "failures": jobs.items(job.id, ("failed",), limit=ROWS),
        "changes": jobs.items(job.id, ("done",), after=after, limit=ROWS),
        "after": after,
        "rows": ROWS,
    }


@bp.get("/<job_id>")
@signed_in
def show(job_id: str):
    """The job: what it does, its progress (polled while it runs), its failures and its results."""
    return render_template("jobs/show.html", **_context(_own_job(job_id)))


@bp.get("/<job_id>/progress")
@signed_in
def progress(job_id: str):
    """The job's progress (HTMX): polls itself again while the job runs; once it ends, the page's
    results are reloaded with it."""
    return render_template("jobs/_progress.html", **_context(_own_job(job_id)))
