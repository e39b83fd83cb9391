"""A long session's download goes past the 2 MB one save may carry (every revision's board and
panels): a signed-in account imports it again, on the page and through the API; without an account
it is refused with the way on, and nothing is kept."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import text
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from designer.session_format import MAX_REQUEST_BYTES, MAX_SESSION_FILE_BYTES

SNAPSHOTS = 400  # ~3.5 MB with the chat app's board and panels in each: an hour of autosaves is more


def long_session(session_file: dict) -> dict:
    """The seed's chat-app answer with a history of SNAPSHOTS revisions, each the whole design."""
    snapshot = {"board": session_file["board"], "panels": session_file["panels"]}
    history = [{**snapshot, "at": float(i)} for i in range(SNAPSHOTS)]
    return {**session_file, "steps": [], "history": history}


def post_file(client, data: bytes, filename: str):
    # encoded here: the test client spools a large body to a temporary file it never closes
    boundary, form = encode_multipart({"file": FileStorage(io.BytesIO(data), filename)})
    return client.post(
        "/sessions/import", data=form, content_type=f"multipart/form-data; boundary={boundary}"
    )


def imported(client, response) -> tuple[str, dict]:
    assert response.status_code == 303, response.get_data(as_text=True)[-2000:]
    session_id = response.headers["Location"].rsplit("/", 1)[1]
    download = client.get(f"/s/{session_id}/download")
    assert download.status_code == 200
    return session_id, json.loads(download.data)


def test_a_long_sessions_download_is_imported_again_by_its_account(cast, store, chat_session_file):
    candidate = cast.clients["candidate"]
    data = json.dumps(long_session(chat_session_file)).encode()
    assert len(data) > MAX_REQUEST_BYTES
    session_id, first = imported(candidate, post_file(candidate, data, "long.session.json"))
    with store.engine.connect() as connection:  # kept as saves are: each part only where it changed
        written = connection.execute(
            text("SELECT count(board), count(panels), count(*) FROM revisions WHERE session_id = :id"),
            {"id": session_id},
        ).one()
    assert tuple(written) == (1, 1, SNAPSHOTS)  # its last snapshot is its board and panels
    assert len(first["history"]) >= SNAPSHOTS
    assert first["history"][SNAPSHOTS - 1]["board"] == chat_session_file["board"]
    again = json.dumps(first).encode()  # the app's own download, as a user would upload it
    assert len(again) > MAX_REQUEST_BYTES
    _, second = imported(candidate, post_file(candidate, again, "long-again.session.json"))
    # every revision as it was, and no more: the download's last snapshot is its board and panels
    assert second["history"] == first["history"]
    assert second["board"] == first["board"] and second["panels"] == first["panels"]


def test_the_api_imports_it_for_an_account_and_refuses_it_without_one(cast, store, chat_session_file):
    data = json.dumps(long_session(chat_session_file)).encode()
    headers = {"Content-Type": "application/json"}
    before = store.count()
    refused = cast.clients["visitor"].post("/api/sessions", data=data, headers=headers)
    assert refused.status_code == 413
    assert refused.get_json()["error"] == (
        "The request is larger than 2 MB, the most one request may carry. Sign in to import a session "
        "file of up to 16 MB (a long session's download)."
    )
    assert store.count() == before
    made = cast.clients["candidate"].post("/api/sessions", data=data, headers=headers)
    assert made.status_code == 201, made.get_data(as_text=True)[:500]
    assert store.count() == before + 1
    assert len(store.revisions(made.get_json()["id"])) >= SNAPSHOTS


def test_without_an_account_the_page_says_how_to_import_it_and_keeps_nothing(cast, store, chat_session_file):
    data = json.dumps(long_session(chat_session_file)).encode()
    before = store.count()
    response = post_file(cast.clients["visitor"], data, "long.session.json")
    assert response.status_code == 413
    assert (
        "the file is larger than 2 MB, the most one import may carry without an account; sign in to "
        "import a session file of up to 16 MB (a long session&#39;s download) or many files at once"
    ) in response.get_data(as_text=True)
    assert store.count() == before


@pytest.mark.parametrize(
    ("filename", "size", "said"),
    [
        ("big.mmd", MAX_REQUEST_BYTES + 1, "big.mmd is larger than 2 MB, the most a diagram file may be"),
        (
            "huge.session.json",
            MAX_SESSION_FILE_BYTES + 1,
            "the file is larger than 16 MB, the most a session file may be (2 MB a diagram)",
        ),
    ],
)
def test_an_account_keeps_each_kind_of_files_limit(cast, store, filename, size, said):
    before = store.count()
    response = post_file(cast.clients["candidate"], b"%" * size, filename)
    assert response.status_code == 413
    assert said in response.get_data(as_text=True)
    assert store.count() == before


def test_a_download_keeps_its_history_compact_so_a_long_session_imports_again(cast, chat_session_file):
    """Each snapshot of a download is one compact line (the rest indented to read): a snapshot of
    the chat app is ~8 KB so, not ~13 KB, and 1,500 of them (an hour of autosaves) download as
    ~12 MB, which imports again, where indented throughout they were ~20 MB, past the 16 MB limit."""
    candidate = cast.clients["candidate"]
    snapshot = {"board": chat_session_file["board"], "panels": chat_session_file["panels"]}
    raw = {**chat_session_file, "steps": [], "history": [{**snapshot, "at": float(i)} for i in range(1_500)]}
    compact = json.dumps(raw, separators=(",", ":")).encode()
    assert len(compact) < MAX_SESSION_FILE_BYTES < len(json.dumps(raw, indent=2).encode())
    session_id, first = imported(candidate, post_file(candidate, compact, "hour.session.json"))
    download = candidate.get(f"/s/{session_id}/download").get_data(as_text=True)
    assert len(download.encode()) < MAX_SESSION_FILE_BYTES
    lines = download.splitlines()
    assert lines[0] == "{" and '  "format": "designer.session/1",' in lines  # indented to read
    history = [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith('    {"at"')]
    assert history == first["history"] and len(history) == 1_500  # one line a snapshot
    _, second = imported(candidate, post_file(candidate, download.encode(), "hour-again.session.json"))
    assert second["history"] == first["history"]
    assert (second["board"], second["panels"]) == (first["board"], first["panels"])
