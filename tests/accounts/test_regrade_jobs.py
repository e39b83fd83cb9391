"""Regrading a rubric's sessions from the browser: a background job with its own page, its progress polled
while it runs, every session taken (no cap at a page), the job its starter's alone."""

from __future__ import annotations

import re

import pytest

import designer.web.rubrics
from designer.job_queue import JobQueue
from designer.rubric_library import RubricLibrary
from tests.test_jobs import cohort


@pytest.fixture
def waiting_queue(app, tmp_path):
    """The app's queue as in production: a job waits for a worker (this test plays the worker)."""
    queue = JobQueue(app.extensions["designer.store"].engine, tmp_path, page_size=2)
    app.extensions["designer.queue"] = queue
    return queue


def rubric_at_v2(cast, store, rubric_id: str) -> RubricLibrary:
    instructor = cast.clients["instructor"]
    assert instructor.post("/rubrics/chat-app/duplicate", data={"new_id": rubric_id}).status_code == 303
    library = RubricLibrary(store.engine)
    text, tests_text, _ = library.source(rubric_id)
    saved = instructor.post(f"/rubrics/{rubric_id}/versions", data={"text": text, "tests_text": tests_text})
    assert saved.status_code == 303
    return library


def test_a_regrade_is_a_job_whose_page_shows_its_progress_until_it_ends(
    cast, store, chat_session_file, waiting_queue, monkeypatch
):
    rubric_at_v2(cast, store, "chat-big")
    ids = cohort(store, chat_session_file, "chat-big", 7)
    instructor = cast.clients["instructor"]
    monkeypatch.setattr(designer.web.rubrics, "SAMPLE", 3)
    shown = instructor.get("/rubrics/chat-big/regrade").get_data(as_text=True)
    assert "7 submitted sessions you may see are graded with this rubric" in shown
    assert "The newest 3, with the score each was given" in shown
    assert shown.count("<td>v1</td>") == 3 and "Regrade all 7 with the latest version (v2)" in shown

    started = instructor.post("/rubrics/chat-big/regrade")
    assert started.status_code == 303
    job_id = started.headers["Location"].rsplit("/", 1)[1]
    assert instructor.post("/rubrics/chat-big/regrade").headers["Location"].endswith(job_id)  # one job
    assert waiting_queue.pending() == 1
    page = instructor.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert "Waiting for a worker: 7 sessions to regrade." in page
    assert 'hx-trigger="every 1s"' in page and f"/jobs/{job_id}/progress" in page
    assert {store.get(i).rubric_version for i in ids} == {1}  # nothing graded in the request

    waiting_queue.jobs.run(job_id)  # the worker
    progress = instructor.get(f"/jobs/{job_id}/progress").get_data(as_text=True)
    assert "Done: regraded 7 sessions with v2." in progress
    assert "hx-trigger" not in progress  # the polling stops
    assert len(re.findall(r"<tr><td><a href=\"/s/[^\"]+/review\">Cand \d", progress)) == 7
    assert {store.get(i).rubric_version for i in ids} == {2}
    assert "Done: regraded 7 sessions" in instructor.get(f"/jobs/{job_id}").get_data(as_text=True)  # kept
    listed = instructor.get("/rubrics/chat-big/regrade").get_data(as_text=True)
    assert f'href="/jobs/{job_id}">v2' in listed and "done, 7 of 7" in listed

    # the job is its starter's: another instructor gets "no such job", not a hint it exists
    cast.app.extensions["designer.accounts"].add("second@example.com", "correct horse battery", "instructor")
    from tests.accounts.conftest import sign_in

    other = sign_in(cast.app, "second@example.com")
    assert other.get(f"/jobs/{job_id}").status_code == 404
    assert other.get(f"/jobs/{job_id}/progress").status_code == 404
    assert other.get("/jobs/no-such-job").status_code == 404
    assert cast.clients["candidate"].get(f"/jobs/{job_id}").status_code == 404
    assert cast.clients["admin"].get(f"/jobs/{job_id}").status_code == 200


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_regrade_takes_every_session_not_the_first_200(cast, store):
    """The finding: regrading read one page of 200 sessions and said nothing of the rest."""
    rubric_at_v2(cast, store, "chat-cohort")
    ids = []
    for n in range(205):
        row = store.create("chat-app", mode="interview", candidate=f"C{n}", rubric_id="chat-cohort")
        store.submit(row.id)
        store.record_grade(row.id, "chat-cohort", 1, 0.0, {})
        ids.append(row.id)
    answer = cast.clients["instructor"].post("/rubrics/chat-cohort/regrade")  # the job runs as enqueued
    page = cast.clients["instructor"].get(answer.headers["Location"]).get_data(as_text=True)
    assert "Done: regraded 205 sessions with v2." in page
    assert "The next 100" in page  # the results a page at a time
    assert {store.get(i).rubric_version for i in ids} == {2}
