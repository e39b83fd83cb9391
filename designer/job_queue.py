"""The task queue that carries jobs to workers: Huey, on SQLite by default, on Redis when
``DESIGNER_REDIS_URL`` is set.

Why Huey: it is a well-kept queue that runs on a SQLite file with no other service (the README's one
command must still do everything on a fresh machine) and on Redis, unchanged, for several machines;
it has a consumer with periodic tasks, and it is small. (Celery and RQ need a broker; Dramatiq needs
RabbitMQ or Redis.) Huey doesn't keep a task a killed worker had taken, so the queue carries only a
job's id and the job's state lives in the database (:mod:`designer.jobs`): a periodic task, and every
worker as it starts, enqueue again the jobs whose worker has gone quiet.
"""

from __future__ import annotations

__all__ = ["JobQueue"]

import logging
from pathlib import Path

from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from sqlalchemy import Engine

from designer.jobs import Jobs

logger = logging.getLogger(__name__)


class JobQueue:
    """One app's (or one worker's) queue: enqueue a job's id; run what is enqueued in a consumer.

    ``immediate`` runs each job as it is enqueued, in the enqueuing thread (tests and ``--dev``
    without a worker)."""

    def __init__(
        self,
        engine: Engine,
        instance: Path,
        redis_url: str | None = None,
        immediate: bool = False,
        page_size: int = 50,
    ):
        self.jobs = Jobs(engine, page_size=page_size)
        self.where = "Redis" if redis_url else f"SQLite ({instance / 'queue.sqlite3'})"
        self.huey: Huey = (
            RedisHuey("designer", url=redis_url, results=False)
            if redis_url
            else SqliteHuey("designer", filename=str(instance / "queue.sqlite3"), results=False)
        )
        self.huey.immediate = immediate
        # Registered by name, so the app that enqueues and the worker that runs agree without a
        # module-level queue (several apps in one process, as in the tests, each have their own).
        self._run = self.huey.task(name="designer.run_job")(self.run)
        self.huey.periodic_task(crontab(minute="*"), name="designer.revive_jobs")(self.revive)

    def run(self, job_id: str) -> None:
        """Run one job (in a worker)."""
        job = self.jobs.run(job_id)
        logger.info(
            "job %s: %s, %d done, %d current, %d failed",
            job.id,
            job.status,
            job.done,
            job.current,
            job.failed,
        )

    def enqueue(self, job_id: str) -> None:
        """Hand a job to whichever worker is free."""
        self._run(job_id)

    def revive(self) -> list[str]:
        """Enqueue again the jobs whose worker has gone quiet; return their ids."""
        revived = self.jobs.stale()
        for job_id in revived:
            logger.warning("job %s: its worker went quiet; enqueued again", job_id)
            self.enqueue(job_id)
        return revived

    def pending(self) -> int:
        """How many messages wait in the queue (raises if the queue can't be reached)."""
        return self.huey.pending_count()

    def consumer(self, threads: int = 1) -> Consumer:
        """A consumer running ``threads`` jobs at once, with the periodic revival."""
        return self.huey.create_consumer(workers=threads, worker_type="thread", periodic=True)
