"""Background jobs (designer.jobs): a regrade takes every session whatever the page size, resumes where a
killed worker stopped, never regrades a session twice, and keeps to one holder at a time."""

from __future__ import annotations

import pytest

from designer.access import Viewer
from designer.jobs import Jobs, LostLease
from designer.rubric_library import RubricLibrary
from designer.sessions import SessionStore

OPERATOR = Viewer(role="admin")


def cohort(store: SessionStore, session_file: dict, rubric_id: str, size: int) -> list[str]:
    """``size`` submitted sessions graded with v1 of ``rubric_id`` (a made-up score), as submit leaves them."""
    ids = []
    for n in range(size):
        row = store.import_file({**session_file, "candidate": f"Cand {n}"}, mode="interview")
        store.submit(row.id)
        store.record_grade(row.id, rubric_id, 1, 1.5, {})
        ids.append(row.id)
    return sorted(ids)


@pytest.fixture
def setting(app, chat_session_file):
    """A library rubric at v2, five sessions graded with its v1, and the jobs of the app's database."""
    store = app.extensions["designer.store"]
    library = RubricLibrary(store.engine)
    library.duplicate("chat-app", "chat-jobs", None)
    text, tests_text, _ = library.source("chat-jobs")
    library.save("chat-jobs", text, tests_text, None)
    ids = cohort(store, chat_session_file, "chat-jobs", 5)
    return store, Jobs(store.engine, page_size=2), ids


def start(jobs: Jobs, queued: list | None = None):
    job, new = jobs.start_regrade(OPERATOR, "chat-jobs", 2, (queued if queued is not None else []).append)
    return job, new


def test_a_regrade_takes_every_session_page_after_page(setting):
    store, jobs, ids = setting
    queued: list[str] = []
    job, new = start(jobs, queued)
    assert new and queued == [job.id] and job.total == 5 and job.status == "queued"
    finished = jobs.run(job.id)
    assert (finished.status, finished.done, finished.current, finished.failed) == ("done", 5, 0, 0)
    assert finished.cursor == ids[-1] and finished.lease is None and finished.finished_at is not None
    for session_id in ids:
        row = store.get(session_id)
        assert (row.rubric_version, row.score != 1.5, bool(row.points)) == (2, True, True)
    changes = jobs.items(job.id, ("done",))
    assert [c["session_id"] for c in changes] == ids
    assert {(c["old_score"], c["old_version"], c["candidate"]) for c in changes} == {
        (1.5, 1, f"Cand {n}") for n in range(5)
    }


def test_a_second_request_while_a_job_waits_is_that_job_and_a_rerun_regrades_nothing_twice(setting):
    store, jobs, ids = setting
    first, _ = start(jobs)
    again, new = start(jobs)
    assert (again.id, new) == (first.id, False)  # a double click: one job
    jobs.run(first.id)
    scores = {i: store.get(i).score for i in ids}
    rerun, new = start(jobs)
    assert new and rerun.id != first.id
    done = jobs.run(rerun.id)
    assert (done.done, done.current, done.failed) == (0, 5, 0)  # all already graded with v2
    assert {i: store.get(i).score for i in ids} == scores
    assert jobs.run(first.id).status == "done"  # a message delivered twice does nothing


def test_a_worker_killed_mid_job_leaves_it_where_it_stopped_and_another_finishes_it(setting, monkeypatch):
    store, jobs, ids = setting
    job, _ = start(jobs)
    graded = []
    real = Jobs._regrade_one

    def dies_on_the_third(self, job_id, worker, session_id, rubric):
        if len(graded) == 2:
            raise KeyboardInterrupt  # as a kill -9 would stop it: no cleanup, no finish
        graded.append(session_id)
        return real(self, job_id, worker, session_id, rubric)

    monkeypatch.setattr(Jobs, "_regrade_one", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        jobs.run(job.id, "worker-a")
    monkeypatch.setattr(Jobs, "_regrade_one", real)
    left = jobs.get(job.id)
    assert (left.status, left.done, left.lease, left.cursor) == ("running", 2, "worker-a", ids[1])
    assert jobs.run(job.id, "worker-b").done == 2  # worker-a's lease still holds: b leaves it alone
    assert jobs.stale() == []
    assert jobs.stale(now=left.heartbeat + jobs.lease_seconds + 1) == [job.id]  # a's lease ran out
    finished = jobs.run(job.id, "worker-b")
    assert (finished.status, finished.done, finished.current) == ("done", 5, 0)
    assert [c["session_id"] for c in jobs.items(job.id, ("done",))] == ids  # each once, none skipped
    assert {store.get(i).rubric_version for i in ids} == {2}


def test_a_worker_that_lost_its_lease_writes_nothing_more(setting):
    store, jobs, ids = setting
    job, _ = start(jobs)
    assert jobs._claim(job.id, "slow")
    jobs.stale(now=jobs.get(job.id).heartbeat + jobs.lease_seconds + 1)  # slow went quiet too long
    assert jobs._claim(job.id, "fresh")
    rubric = RubricLibrary(store.engine).load("chat-jobs")
    with pytest.raises(LostLease):
        jobs._regrade_one(job.id, "slow", ids[0], rubric)
    assert store.get(ids[0]).rubric_version == 1  # its grade rolled back with its progress
    assert jobs.get(job.id).done == 0 and jobs.items(job.id, ("done",)) == []
    assert jobs.run(job.id, "fresh").done == 5


def test_a_session_that_cannot_be_graded_is_reported_and_the_rest_are_regraded(setting, monkeypatch):
    store, jobs, ids = setting
    import designer.jobs

    real = designer.jobs.grade

    def breaks_on_one(session, rubric):
        if session["meta"]["id"] == ids[2]:
            raise ValueError("the board has a loop the checks can't follow")
        return real(session, rubric)

    monkeypatch.setattr(designer.jobs, "grade", breaks_on_one)
    job, _ = start(jobs)
    done = jobs.run(job.id)
    assert (done.status, done.done, done.failed) == ("done", 4, 1)
    (failure,) = jobs.items(job.id, ("failed",))
    assert failure["session_id"] == ids[2]
    assert failure["error"] == "ValueError: the board has a loop the checks can't follow"
    assert store.get(ids[2]).rubric_version == 1  # left as it was


def test_a_job_whose_rubric_is_gone_fails_with_the_reason(setting):
    store, jobs, _ = setting
    job, _ = jobs.start_regrade(OPERATOR, "chat-jobs", 9, [].append)
    failed = jobs.run(job.id)
    assert failed.status == "failed" and "9" in failed.error and failed.done == 0


def test_an_instructors_regrade_takes_only_the_sessions_they_may_see(app, chat_session_file):
    store = app.extensions["designer.store"]
    accounts = app.extensions["designer.accounts"]
    author = accounts.add("author@example.com", "correct horse battery", "instructor")
    other = accounts.add("other@example.com", "correct horse battery", "instructor")
    library = RubricLibrary(store.engine)
    library.duplicate("chat-app", "mine", author.id)
    cohort(store, chat_session_file, "mine", 3)
    jobs = Jobs(store.engine)
    theirs, _ = jobs.start_regrade(Viewer(author.id, "instructor"), "mine", 1, [].append)
    nobody, _ = jobs.start_regrade(Viewer(other.id, "instructor"), "mine", 1, [].append)
    assert (theirs.total, nobody.total) == (3, 0)
    assert jobs.run(nobody.id).current == 0
    assert jobs.run(theirs.id).current == 3  # v1 is what they were graded with
