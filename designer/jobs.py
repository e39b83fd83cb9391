"""Background jobs: work too long for a request — regrading every session of a rubric, importing a
batch of files.

A job is a row in the database (:class:`~designer.models.JobRow`): its total, how far it has got,
and a *lease* — which worker holds it and when that worker last said so. The task queue
(:mod:`designer.job_queue`, Huey) carries only the job's id. So:

* **paged by key**: sessions (or uploaded files) are taken in key order, a page at a time, after the
  last one handled; nothing is capped and nothing is held in memory but one page;
* **resumable**: each session's new grade (or each file's new session), the job's row for it and the
  job's progress are written in one transaction, so a worker killed at any moment leaves the job
  exactly where it stopped;
* **one holder**: a worker takes a job only when nobody holds it or the holder's lease has run out
  (no word for ``lease_seconds``), and every write it makes checks it still holds it — a worker that
  lost its lease stops rather than write beside the new holder;
* **idempotent**: a session already graded with the job's rubric version is counted as current and
  left alone, so running a job twice, or two jobs for one version, regrades nothing twice; and a
  second request for a job still running returns that job.

Free of Flask: the web starts jobs and shows their progress; ``designer worker`` runs them.
"""

from __future__ import annotations

__all__ = ["Jobs", "LEASE_SECONDS", "FINISHED", "IMPORT_MAX_FILES", "IMPORT_MAX_BYTES", "worker_name"]

import hashlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable

from sqlalchemy import Engine, RowMapping, delete, func, insert, or_, select, update

from designer.access import Viewer
from designer.errors import DesignerError, LimitExceeded, NotFound, SessionFormatError
from designer.formats import session_from_upload, upload_too_large
from designer.grading import grade, points_by_criterion
from designer.models import JobInputRow, JobItemRow, JobRow, SessionRow, UserRow, table_of, utcnow
from designer.reviews import Reviews, apply_review
from designer.rubric import Rubric
from designer.rubric_library import RubricLibrary
from designer.session_list import SessionList, SessionQuery
from designer.sessions import SessionStore

logger = logging.getLogger(__name__)

_JOBS = table_of(JobRow)
_ITEMS = table_of(JobItemRow)
_INPUTS = table_of(JobInputRow)
_USERS = table_of(UserRow)
_SESSIONS = table_of(SessionRow)

#: How long a worker's word holds a job: a job whose worker has said nothing for this long is taken
#: up by another (``DESIGNER_JOB_LEASE_SECONDS``). A worker speaks after every session it grades.
LEASE_SECONDS = float(os.environ.get("DESIGNER_JOB_LEASE_SECONDS", "60"))
#: A batch import's limits: files in one upload, and bytes in all of them (each file keeps its own:
#: :func:`designer.formats.upload_too_large`).
IMPORT_MAX_FILES = 1000
IMPORT_MAX_BYTES = 64 * 1024 * 1024
#: Statuses a job ends in.
FINISHED = ("done", "failed")


def worker_name() -> str:
    """This worker's name in a lease: its machine, process and thread, and a nonce per call."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class LostLease(Exception):
    """Another worker took the job over (this one was too slow to say it still held it)."""


class Jobs:
    """The jobs of one database: start one, run it (in a worker), and read its progress."""

    def __init__(self, engine: Engine, page_size: int = 50, lease_seconds: float | None = None):
        self.engine = engine
        self.page_size = page_size
        self.lease_seconds = LEASE_SECONDS if lease_seconds is None else lease_seconds
        self.sessions = SessionStore(engine)
        self.session_list = SessionList(engine)
        self.rubrics = RubricLibrary(engine)
        self.reviews = Reviews(engine)

    # -- starting and reading --------------------------------------------------------------------

    @staticmethod
    def regrade_query(rubric_id: str) -> SessionQuery:
        """The sessions a regrade of ``rubric_id`` takes: every submitted one graded with it."""
        return SessionQuery(rubric=rubric_id, status="submitted")

    def start_regrade(
        self, owner: Viewer, rubric_id: str, version: int, enqueue: Callable[[str], None]
    ) -> tuple[JobRow, bool]:
        """A job regrading, with ``version`` of ``rubric_id``, every submitted session graded with the
        rubric that ``owner`` may see; ``enqueue(job_id)`` hands it to the queue. Returns the job and
        whether it is new: an unfinished regrade of the same rubric version by the same account is
        returned instead of starting a second one (a double click, a second tab)."""
        with self.engine.begin() as conn:
            running = (
                conn.execute(
                    select(_JOBS).where(
                        _JOBS.c.kind == "regrade",
                        _JOBS.c.subject == rubric_id,
                        _JOBS.c.version == version,
                        _JOBS.c.owner_id.is_(None)
                        if owner.user_id is None
                        else _JOBS.c.owner_id == owner.user_id,
                        _JOBS.c.status.not_in(FINISHED),
                    )
                )
                .mappings()
                .first()
            )
            if running is not None:
                return JobRow(**running), False
            job = JobRow(
                id=uuid.uuid4().hex,
                kind="regrade",
                owner_id=owner.user_id,
                subject=rubric_id,
                version=version,
                total=self.session_list.count(owner, self.regrade_query(rubric_id)),
                heartbeat=time.time(),
                created_at=utcnow(),
            )
            conn.execute(insert(_JOBS).values(**job.model_dump()))
        enqueue(job.id)
        return job, True

    def start_import(
        self, owner: Viewer, files: list[tuple[str, bytes]], enqueue: Callable[[str], None]
    ) -> JobRow:
        """A job making a session for ``owner`` from each of ``files`` (name, content): session files
        and diagrams. The files are kept in the database until the job has read them, so a worker on
        any machine can; ``enqueue(job_id)`` hands the job to the queue.

        Raises
        ------
        DesignerError
            For no files, or more than :data:`IMPORT_MAX_FILES` (counted before anything is kept).
        """
        if not files:
            raise DesignerError("Choose one or more session or diagram files to import.")
        if len(files) > IMPORT_MAX_FILES:
            raise DesignerError(
                f"{len(files)} files is more than the {IMPORT_MAX_FILES} one import may take; "
                "import them in several batches."
            )
        job = JobRow(
            id=uuid.uuid4().hex,
            kind="import",
            owner_id=owner.user_id,
            subject="sessions",
            total=len(files),
            heartbeat=time.time(),
            created_at=utcnow(),
        )
        with self.engine.begin() as conn:
            conn.execute(insert(_JOBS).values(**job.model_dump()))
            conn.execute(
                insert(_INPUTS),
                [
                    {"job_id": job.id, "seq": seq, "name": name[:500], "data": data}
                    for seq, (name, data) in enumerate(files)
                ],
            )
        enqueue(job.id)
        return job

    def get(self, job_id: str) -> JobRow:
        """The job ``job_id``; :class:`NotFound` if there is none."""
        with self.engine.connect() as conn:
            found = conn.execute(select(_JOBS).where(_JOBS.c.id == job_id)).mappings().first()
        if found is None:
            raise NotFound(f"There is no job {job_id!r}.")
        return JobRow(**found)

    def recent(self, subject: str, owner_id: int | None, limit: int = 5) -> list[JobRow]:
        """The newest jobs on ``subject`` started by ``owner_id`` (every account's, for None)."""
        where = [_JOBS.c.subject == subject]
        if owner_id is not None:
            where.append(_JOBS.c.owner_id == owner_id)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_JOBS).where(*where).order_by(_JOBS.c.created_at.desc(), _JOBS.c.id).limit(limit)
            ).mappings()
            return [JobRow(**r) for r in rows]

    def items(
        self, job_id: str, outcomes: tuple[str, ...], after: str = "", limit: int = 100
    ) -> list[RowMapping]:
        """What the job did with each session (or file) with one of ``outcomes``, in key order after
        ``after``, with the session's candidate and title (None for a session deleted since)."""
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(_ITEMS, _SESSIONS.c.candidate, _SESSIONS.c.title)
                    .select_from(_ITEMS.outerjoin(_SESSIONS, _SESSIONS.c.id == _ITEMS.c.session_id))
                    .where(_ITEMS.c.job_id == job_id, _ITEMS.c.outcome.in_(outcomes), _ITEMS.c.key > after)
                    .order_by(_ITEMS.c.key)
                    .limit(limit)
                ).mappings()
            )

    def counts(self) -> dict[str, int]:
        """How many jobs there are in each status (for the operator's metrics)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(_JOBS.c.status, func.count()).group_by(_JOBS.c.status))
            return {status: count for status, count in rows}

    def stale(self, now: float | None = None) -> list[str]:
        """The unfinished jobs nobody has spoken for in ``lease_seconds`` — their worker was killed, or
        their message was lost with the queue — freed for any worker and returned to be enqueued
        again. A job still waiting in a long queue may be enqueued twice: the second copy finds it
        held or finished and does nothing."""
        now = time.time() if now is None else now
        with self.engine.begin() as conn:
            ids = [
                r[0]
                for r in conn.execute(
                    select(_JOBS.c.id).where(
                        _JOBS.c.status.not_in(FINISHED), _JOBS.c.heartbeat < now - self.lease_seconds
                    )
                )
            ]
            for job_id in ids:  # each only if still stale: another worker may have just taken it
                conn.execute(
                    update(_JOBS)
                    .where(_JOBS.c.id == job_id, _JOBS.c.heartbeat < now - self.lease_seconds)
                    .values(lease=None, heartbeat=now)
                )
        return ids

    # -- running ---------------------------------------------------------------------------------

    def run(self, job_id: str, worker: str | None = None) -> JobRow:
        """Run the job to its end (or until another worker takes it over) and return it as it stands.

        A job finished or held by a live worker is left alone: a message delivered twice is harmless."""
        worker = worker or worker_name()
        if not self._claim(job_id, worker):
            return self.get(job_id)
        job = self.get(job_id)
        try:
            if job.kind == "regrade":
                self._regrade(job, worker)
            elif job.kind == "import":
                self._import(job, worker)
            else:
                raise ValueError(f"unknown kind of job {job.kind!r}")
        except LostLease:
            logger.warning("job %s: taken over by another worker; %s stops", job_id, worker)
            return self.get(job_id)
        except Exception as exc:  # noqa: BLE001 - the job fails with its reason instead of vanishing
            logger.exception("job %s failed", job_id)
            self._finish(job_id, worker, "failed", f"{exc.__class__.__name__}: {exc}")
            return self.get(job_id)
        self._finish(job_id, worker, "done", "")
        return self.get(job_id)

    def _claim(self, job_id: str, worker: str) -> bool:
        now = time.time()
        with self.engine.begin() as conn:
            taken = conn.execute(
                update(_JOBS)
                .where(
                    _JOBS.c.id == job_id,
                    _JOBS.c.status.not_in(FINISHED),
                    or_(
                        _JOBS.c.lease.is_(None),
                        _JOBS.c.lease == worker,
                        _JOBS.c.heartbeat < now - self.lease_seconds,
                    ),
                )
                .values(lease=worker, heartbeat=now, status="running")
            )
            return taken.rowcount == 1

    def _finish(self, job_id: str, worker: str, status: str, error: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(_JOBS)
                .where(_JOBS.c.id == job_id, _JOBS.c.lease == worker)
                .values(
                    status=status,
                    error=error,
                    lease=None,
                    finished_at=utcnow(),
                    # sessions submitted after the job began are taken too: the total follows
                    total=func.max(_JOBS.c.total, _JOBS.c.done + _JOBS.c.current + _JOBS.c.failed)
                    if self.engine.dialect.name == "sqlite"
                    else func.greatest(_JOBS.c.total, _JOBS.c.done + _JOBS.c.current + _JOBS.c.failed),
                )
            )

    def _owner(self, job: JobRow) -> Viewer:
        """Whose sessions the job takes: its owner's as they are now (a role taken away narrows it);
        a job started by nobody (the operator, from the command line) takes every session."""
        if job.owner_id is None:
            return Viewer(role="admin")
        with self.engine.connect() as conn:
            role = conn.execute(select(_USERS.c.role).where(_USERS.c.id == job.owner_id)).scalar_one_or_none()
        return Viewer(job.owner_id, role)

    def _regrade(self, job: JobRow, worker: str) -> None:
        rubric = self.rubrics.load(job.subject, job.version)
        owner = self._owner(job)
        query = self.regrade_query(job.subject)
        cursor = job.cursor
        while ids := self.session_list.ids_after(owner, query, cursor, self.page_size):
            for session_id in ids:
                self._regrade_one(job.id, worker, session_id, rubric)
                cursor = session_id

    def _regrade_one(self, job_id: str, worker: str, session_id: str, rubric: Rubric) -> None:
        """Grade one session and keep its grade, its item and the job's progress in one transaction."""
        row = self.sessions.get(session_id)
        item = {
            "job_id": job_id,
            "key": session_id,
            "session_id": session_id,
            "old_score": row.score,
            "old_version": row.rubric_version,
        }
        kept = None
        if row.rubric_id == rubric.id and row.rubric_version == rubric.version and row.score is not None:
            item.update(outcome="current", new_score=row.score, error="")
            counter = "current"
        else:
            try:
                report = apply_review(grade(self.sessions.to_file(row), rubric), self.reviews.get(session_id))
            except Exception as exc:  # noqa: BLE001 - one session's failure is reported, not the job's
                logger.exception("job %s: session %s could not be graded", job_id, session_id)
                item.update(outcome="failed", new_score=None, error=f"{exc.__class__.__name__}: {exc}")
                counter = "failed"
            else:
                item.update(outcome="done", new_score=report["score"], error="")
                counter = "done"
                kept = report
        with self.engine.begin() as conn:
            self._progress(conn, job_id, worker, counter, session_id)
            if kept is not None:
                self.sessions.record_grade(
                    session_id, rubric.id, rubric.version, kept["score"], points_by_criterion(kept), conn
                )
            conn.execute(insert(_ITEMS).values(**item))

    @staticmethod
    def _progress(conn, job_id: str, worker: str, counter: str, cursor: str) -> None:
        """Count one more thing handled, in the transaction that keeps it; :class:`LostLease` (which
        rolls the transaction back: nothing written beside the new holder) if the job is another's."""
        progressed = conn.execute(
            update(_JOBS)
            .where(_JOBS.c.id == job_id, _JOBS.c.lease == worker)
            .values({counter: _JOBS.c[counter] + 1, "cursor": cursor, "heartbeat": time.time()})
        )
        if progressed.rowcount != 1:
            raise LostLease(job_id)

    @staticmethod
    def import_key(seq: int) -> str:
        """An uploaded file's key among a job's items: its place in the upload, sorting as numbers do."""
        return f"{seq:08d}"

    def _import(self, job: JobRow, worker: str) -> None:
        after = int(job.cursor) if job.cursor else -1
        while True:
            with self.engine.connect() as conn:
                page = conn.execute(
                    select(_INPUTS.c.seq, _INPUTS.c.name)
                    .where(_INPUTS.c.job_id == job.id, _INPUTS.c.seq > after)
                    .order_by(_INPUTS.c.seq)
                    .limit(self.page_size)
                ).all()
            if not page:
                break
            for seq, name in page:
                self._import_one(job, worker, seq, name)
                after = seq

    def _import_one(self, job: JobRow, worker: str, seq: int, name: str) -> None:
        """Make a session from one uploaded file and keep it, the job's row for the file and the job's
        progress in one transaction; the file itself is dropped in it, being read."""
        with self.engine.connect() as conn:
            data = conn.execute(
                select(_INPUTS.c.data).where(_INPUTS.c.job_id == job.id, _INPUTS.c.seq == seq)
            ).scalar_one()
        key = self.import_key(seq)
        # named after the job and the file: the same file of the same job always makes the same session
        session_id = hashlib.sha256(f"{job.id}:{seq}".encode()).hexdigest()[:22]
        item = {"job_id": job.id, "key": key, "name": name, "old_score": None, "old_version": None}
        raw: dict | None = None
        reason = ""
        too_large = upload_too_large(name, len(data))
        if too_large:
            reason = f"{too_large}."
        else:
            try:
                raw = session_from_upload(name, bytes(data))
            except LimitExceeded as exc:  # counted before it was read further, in the import's words
                reason = "; ".join(str(e) for e in exc.errors)
            except DesignerError as exc:
                reason = str(exc)
        with self.engine.begin() as conn:
            if raw is not None:
                # No savepoint: the file is validated before anything is written (a refusal leaves the
                # transaction empty), and on SQLite a savepoint opened first would commit on release.
                try:
                    self.sessions.import_file(
                        raw, owner_id=job.owner_id, session_id=session_id, conn=conn, size=len(data)
                    )
                except SessionFormatError as exc:
                    reason = "; ".join(str(e) for e in exc.errors) or str(exc)
                else:
                    reason = ""
            outcome = "failed" if reason else "done"
            item.update(
                outcome=outcome, new_score=None, session_id=None if reason else session_id, error=reason
            )
            self._progress(conn, job.id, worker, outcome, key)
            conn.execute(insert(_ITEMS).values(**item))
            conn.execute(delete(_INPUTS).where(_INPUTS.c.job_id == job.id, _INPUTS.c.seq == seq))
