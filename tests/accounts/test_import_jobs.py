"""Importing many files at once from the home page: a background job for a signed-in account, its page
showing what became of each file, its limits checked before anything is kept."""

from __future__ import annotations

import io
import json
import re

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

import designer.jobs
from designer.jobs import IMPORT_MAX_FILES
from designer.web.http import WIDER_LIMITS
from tests.accounts.test_regrade_jobs import waiting_queue  # noqa: F401 - a fixture
from tests.test_jobs import DATA


def files(session_file: dict) -> list[tuple[io.BytesIO, str]]:
    return [
        (io.BytesIO(json.dumps({**session_file, "candidate": "Ana"}).encode()), "ana.session.json"),
        (io.BytesIO((DATA / "mermaid" / "finos-calm-classic.mmd").read_bytes()), "calm.mmd"),
        (io.BytesIO(b"<not json>"), "oops.json"),
    ]


def test_a_signed_in_user_imports_many_files_and_the_job_page_says_what_became_of_each(
    cast,
    store,
    chat_session_file,
    waiting_queue,  # noqa: F811
):
    candidate = cast.clients["candidate"]
    home = candidate.get("/").get_data(as_text=True)
    assert 'action="/sessions/import/batch"' in home and 'name="files" multiple' in home
    before = store.count()
    started = candidate.post("/sessions/import/batch", data={"files": files(chat_session_file)})
    assert started.status_code == 303
    job_id = started.headers["Location"].rsplit("/", 1)[1]
    page = candidate.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert "<h1>Import of 3 files</h1>" in page and "Waiting for a worker: 3 files to import." in page
    assert 'hx-trigger="every 1s"' in page and store.count() == before  # nothing imported in the request
    assert cast.clients["interviewer"].get(f"/jobs/{job_id}").status_code == 404  # not theirs
    assert "/login" in cast.clients["visitor"].get(f"/jobs/{job_id}").headers["Location"]

    waiting_queue.jobs.run(job_id)  # the worker
    progress = candidate.get(f"/jobs/{job_id}/progress").get_data(as_text=True)
    assert "Done: imported 2 files into sessions of your own." in progress
    assert "1 could not be imported (below)." in progress and "hx-trigger" not in progress
    assert re.search(r"<td>oops.json</td><td>oops.json is not valid JSON: Expecting value", progress)
    links = re.findall(r'<td>(\S+)</td><td><a href="/s/([^"]+)">([^<]+)</a>', progress)
    assert [(name, title) for name, _, title in links] == [
        ("ana.session.json", "Ana: Design a chat app like WhatsApp"),
        ("calm.mmd", "calm"),
    ]
    for _, session_id, _ in links:
        assert candidate.get(f"/s/{session_id}").status_code == 200  # theirs to open
        assert cast.clients["visitor"].get(f"/s/{session_id}").status_code in (302, 403)
    assert store.count() == before + 2


def test_a_batch_is_for_accounts_and_refused_before_anything_is_kept(cast, store, chat_session_file):
    assert 'name="files" multiple' not in cast.clients["visitor"].get("/").get_data(as_text=True)
    before = store.count()
    refused = cast.clients["visitor"].post("/sessions/import/batch", data={"files": files(chat_session_file)})
    assert refused.status_code == 403 and "Sign in" in refused.get_data(as_text=True)
    assert store.count() == before  # and no job:
    assert cast.app.extensions["designer.queue"].jobs.counts() == {}


def test_too_many_files_or_too_many_bytes_is_a_clear_refusal_that_keeps_nothing(
    cast, store, chat_session_file, monkeypatch
):
    candidate = cast.clients["candidate"]
    jobs = cast.app.extensions["designer.queue"].jobs
    monkeypatch.setattr(designer.jobs, "IMPORT_MAX_FILES", 2)
    many = candidate.post("/sessions/import/batch", data={"files": files(chat_session_file)})
    assert many.status_code == 422
    assert "3 files is more than the 2 one import may take; import them in several batches." in many.get_data(
        as_text=True
    )
    none = candidate.post("/sessions/import/batch", data={})
    assert none.status_code == 422 and "Choose one or more session or diagram files" in none.get_data(
        as_text=True
    )

    monkeypatch.setitem(WIDER_LIMITS, "home.import_batch", (10_000, 20))
    big = candidate.post("/sessions/import/batch", data={"files": [(io.BytesIO(b"x" * 20_000), "big.json")]})
    assert big.status_code == 413
    assert "the files together are larger than" in big.get_data(as_text=True)
    assert jobs.counts() == {}


@pytest.mark.parametrize("size", [3 * 1024 * 1024])
def test_a_batch_may_carry_more_than_one_requests_bytes(cast, store, chat_session_file, size):
    """Several files together over the 2 MB one request may carry are taken whole: the limit is the batch's."""
    padded = json.dumps({**chat_session_file, "candidate": "Pad", "pad": " " * (size // 2)}).encode()
    candidate = cast.clients["candidate"]
    # encoded here: the test client would spool a body this large to a file it never closes
    boundary, body = encode_multipart(
        MultiDict(
            [
                ("files", FileStorage(io.BytesIO(padded), "one.json")),
                ("files", FileStorage(io.BytesIO(padded), "two.json")),
            ]
        )
    )
    started = candidate.post(
        "/sessions/import/batch", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert started.status_code == 303, started.get_data(as_text=True)[:500]
    job = cast.app.extensions["designer.queue"].jobs.get(started.headers["Location"].rsplit("/", 1)[1])
    assert (job.status, job.total) == ("done", 2)  # run as enqueued in the tests' app
    assert job.done + job.failed == 2


def test_a_batch_of_the_most_files_allowed_is_taken_whole(cast):
    """1,000 files and a form field are more parts, and 3 MB more bytes, than one request may carry by
    default: the batch's own limits hold."""
    files = [
        ("files", FileStorage(io.BytesIO(b"{}" + b" " * 3000), f"f{n}.json")) for n in range(IMPORT_MAX_FILES)
    ]
    boundary, body = encode_multipart(MultiDict([("csrf_token", "a field beside the files"), *files]))
    assert len(body) > 3_000_000
    started = cast.clients["candidate"].post(
        "/sessions/import/batch", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert started.status_code == 303, started.get_data(as_text=True)[:300]
    job = cast.app.extensions["designer.queue"].jobs.get(started.headers["Location"].rsplit("/", 1)[1])
    assert (job.total, job.failed) == (IMPORT_MAX_FILES, IMPORT_MAX_FILES)  # none a session: each says why
