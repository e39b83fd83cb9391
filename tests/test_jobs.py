"""Background jobs (designer.jobs): a regrade takes every session whatever the page size, resumes where a
killed worker stopped, never regrades a session twice, and keeps to one holder at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

import designer.jobs
from designer.access import Viewer
from designer.errors import DesignerError
from designer.jobs import Jobs, LostLease
from designer.models import JobInputRow, table_of
from designer.rubric_library import RubricLibrary
from designer.session_format import MAX_REQUEST_BYTES, MAX_SESSION_FILE_BYTES
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


DATA = Path(__file__).parent / "data"


def upload(session_file: dict) -> list[tuple[str, bytes]]:
    """A batch as a user would pick it: session files, real diagrams, and files that are not what they say."""
    return [
        ("ana.session.json", json.dumps({**session_file, "candidate": "Ana"}).encode()),
        ("calm.mmd", (DATA / "mermaid" / "finos-calm-classic.mmd").read_bytes()),
        ("broken.json", b'{"format": "designer.session/1", "board": '),
        ("notes.txt", b"just some notes"),
        ("no-board.json", json.dumps({k: v for k, v in session_file.items() if k != "board"}).encode()),
        ("gaming.drawio", (DATA / "drawio" / "gcp_gaming_backend_database.drawio").read_bytes()),
        ("huge.json", b" " * (MAX_SESSION_FILE_BYTES + 1)),
        ("huge.mmd", b"%" * (MAX_REQUEST_BYTES + 1)),
        ("ben.session.json", json.dumps({**session_file, "candidate": "Ben"}).encode()),
    ]


def test_a_batch_import_makes_a_session_of_each_file_and_says_why_the_others_failed(app, chat_session_file):
    store = app.extensions["designer.store"]
    owner = app.extensions["designer.accounts"].add("many@example.com", "correct horse battery", "candidate")
    jobs = Jobs(store.engine, page_size=3)
    queued: list[str] = []
    before = store.count()
    job = jobs.start_import(Viewer(owner.id, "candidate"), upload(chat_session_file), queued.append)
    assert (job.kind, job.total, job.status, queued) == ("import", 9, "queued", [job.id])
    assert store.count() == before  # nothing imported in the request

    done = jobs.run(job.id)
    assert (done.status, done.done, done.failed) == ("done", 4, 5)
    made = jobs.items(job.id, ("done",))
    assert [m["name"] for m in made] == ["ana.session.json", "calm.mmd", "gaming.drawio", "ben.session.json"]
    assert [m["candidate"] for m in made] == ["Ana", "", "", "Ben"]
    for item in made:
        row = store.get(item["session_id"])
        assert row.owner_id == owner.id
    calm = store.get(made[1]["session_id"])
    assert calm.title == "calm" and len(calm.board["nodes"]) > 3  # the diagram's boxes, kinds as guessed
    assert store.get(made[0]["session_id"]).board == chat_session_file["board"]
    reasons = {f["name"]: f["error"] for f in jobs.items(job.id, ("failed",))}
    assert reasons.keys() == {"broken.json", "notes.txt", "no-board.json", "huge.json", "huge.mmd"}
    assert (
        reasons["broken.json"] == "broken.json is not valid JSON: Expecting value: line 1 column 43 (char 42)"
    )
    assert reasons["notes.txt"].startswith("notes.txt is neither a session file (.json) nor a diagram")
    assert "board" in reasons["no-board.json"]
    assert reasons["huge.json"] == "huge.json is larger than 16 MB, the most a session file may be."
    assert reasons["huge.mmd"] == "huge.mmd is larger than 2 MB, the most a diagram file may be."
    with store.engine.connect() as conn:  # the files are let go once read
        assert conn.execute(select(func.count()).select_from(table_of(JobInputRow))).scalar_one() == 0


def test_an_import_killed_midway_resumes_without_making_any_session_twice(
    app, chat_session_file, monkeypatch
):
    store = app.extensions["designer.store"]
    jobs = Jobs(store.engine, page_size=2)
    job = jobs.start_import(OPERATOR, upload(chat_session_file), [].append)
    handled: list[int] = []
    real = Jobs._import_one

    def dies_on_the_fourth(self, job, worker, seq, name):
        if len(handled) == 3:
            raise KeyboardInterrupt  # as a kill -9 would stop it
        handled.append(seq)
        return real(self, job, worker, seq, name)

    monkeypatch.setattr(Jobs, "_import_one", dies_on_the_fourth)
    before = store.count()
    with pytest.raises(KeyboardInterrupt):
        jobs.run(job.id, "worker-a")
    monkeypatch.setattr(Jobs, "_import_one", real)
    left = jobs.get(job.id)
    assert (left.status, left.done + left.failed, left.cursor) == ("running", 3, Jobs.import_key(2))
    assert store.count() == before + 2  # ana and calm; broken.json failed
    jobs.stale(now=left.heartbeat + jobs.lease_seconds + 1)
    finished = jobs.run(job.id, "worker-b")
    assert (finished.status, finished.done, finished.failed) == ("done", 4, 5)
    assert store.count() == before + 4
    keys = [i["key"] for i in jobs.items(job.id, ("done", "failed"))]
    assert keys == [Jobs.import_key(n) for n in range(9)]  # each file once


def test_an_import_takes_no_more_files_than_its_limit_and_keeps_nothing_when_refused(app, monkeypatch):
    store = app.extensions["designer.store"]
    jobs = Jobs(store.engine)
    monkeypatch.setattr(designer.jobs, "IMPORT_MAX_FILES", 3)
    with pytest.raises(DesignerError, match="4 files is more than the 3 one import may take"):
        jobs.start_import(OPERATOR, [(f"{n}.json", b"{}") for n in range(4)], [].append)
    with pytest.raises(DesignerError, match="Choose one or more"):
        jobs.start_import(OPERATOR, [], [].append)
    assert jobs.counts() == {}


def test_a_worker_killed_between_a_file_s_session_and_its_progress_leaves_neither(
    app, chat_session_file, monkeypatch
):
    """The session, the job's row and the progress are one transaction: a death after the session's
    INSERT and before the progress leaves no session behind (the next worker makes it, once)."""
    store = app.extensions["designer.store"]
    jobs = Jobs(store.engine)
    files = [
        (f"{n}.json", json.dumps({**chat_session_file, "candidate": f"C{n}"}).encode()) for n in range(3)
    ]
    job = jobs.start_import(OPERATOR, files, [].append)
    real = Jobs._progress
    calls = []

    def dies_on_the_second(conn, job_id, worker, counter, cursor):
        calls.append(cursor)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the session of the second file is written, its progress not
        return real(conn, job_id, worker, counter, cursor)

    monkeypatch.setattr(Jobs, "_progress", staticmethod(dies_on_the_second))
    before = store.count()
    with pytest.raises(KeyboardInterrupt):
        jobs.run(job.id, "worker-a")
    monkeypatch.setattr(Jobs, "_progress", staticmethod(real))
    assert store.count() == before + 1 and jobs.get(job.id).done == 1
    jobs.stale(now=jobs.get(job.id).heartbeat + jobs.lease_seconds + 1)
    finished = jobs.run(job.id, "worker-b")
    assert (finished.status, finished.done, finished.failed) == ("done", 3, 0)
    assert store.count() == before + 3
