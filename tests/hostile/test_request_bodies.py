"""Hostile request bodies: each is refused with a 4xx naming what was wrong, and the session it was
aimed at stays readable at the revision it had (issue #13, "one input boundary")."""

import codecs
import io
import json
import tracemalloc

import pytest
from sqlalchemy import text
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import start_session

BOARD = {"nodes": [{"data": {"id": "c", "kind": "client", "label": "App"}}], "edges": []}
JSON = {"Content-Type": "application/json"}


def _put_board(client, session_id, body: bytes, revision=1):
    return client.put(
        f"/api/sessions/{session_id}/board", data=body, headers={**JSON, "If-Match": str(revision)}
    )


def _still_readable(client, session_id, revision=1):
    """The session, its page, its revisions and its download all still answer, at ``revision``."""
    got = client.get(f"/api/sessions/{session_id}")
    assert got.status_code == 200, got.data[:300]
    assert got.get_json()["meta"]["revision"] == revision
    assert client.get(f"/s/{session_id}").status_code == 200
    assert client.get(f"/api/sessions/{session_id}/revisions").status_code == 200
    assert client.get(f"/s/{session_id}/download").status_code == 200
    return got.get_json()


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + json.dumps(BOARD).encode(),
        json.dumps(BOARD).encode("utf-16"),
        json.dumps(BOARD).encode("utf-16-le"),
        json.dumps(BOARD).encode("utf-32"),
        json.dumps(BOARD).encode("utf-32-be"),
    ],
    ids=["utf8-bom", "utf16", "utf16le-no-bom", "utf32", "utf32be-no-bom"],
)
def test_a_body_that_is_not_plain_utf8_is_refused_and_the_session_stays_readable(client, encoded):
    session_id, _ = start_session(client)
    response = _put_board(client, session_id, encoded)
    assert response.status_code == 400, response.data[:300]
    assert "UTF-8" in response.get_json()["error"]
    _still_readable(client, session_id)


def test_bytes_that_are_not_utf8_are_refused_naming_the_offset(client):
    session_id, _ = start_session(client)
    response = _put_board(client, session_id, b'{"nodes": [], "edges": [], "x": "\xff\xfe"}')
    assert response.status_code == 400
    assert "byte 33" in response.get_json()["error"]
    _still_readable(client, session_id)


@pytest.mark.parametrize(
    ("literal", "said"),
    [
        ("1e999", "not a finite number"),
        ("-1e999", "not a finite number"),
        ("NaN", "not a JSON value"),
        ("Infinity", "not a JSON value"),
        ("99999999999999999999", "beyond"),
        ("1" * 5000, "beyond"),
    ],
)
def test_numbers_json_or_a_browser_cannot_keep_are_refused_with_their_path(client, literal, said):
    session_id, _ = start_session(client)
    body = '{"nodes": [{"data": {"id": "c", "kind": "client", "weight": LITERAL}}], "edges": []}'
    body = body.replace("LITERAL", literal)
    response = _put_board(client, session_id, body.encode())
    assert response.status_code == 422, response.data[:300]
    error = response.get_json()["errors"][0]
    assert error["path"] == "board.nodes[0].data.weight"
    assert said in error["message"]
    _still_readable(client, session_id)


@pytest.mark.parametrize(
    ("text", "said"),
    [(r"\ud800", "lone surrogate"), (r"ok\udfffok", "lone surrogate"), (r"a\u0000b", "NUL")],
)
def test_strings_no_database_or_page_can_keep_are_refused_with_their_path(client, text, said):
    session_id, _ = start_session(client)
    body = '{"functional": ["fine", "TEXT"], "non_functional": []}'.replace("TEXT", text)
    response = client.put(
        f"/api/sessions/{session_id}/panels/requirements", data=body, headers={**JSON, "If-Match": "1"}
    )
    assert response.status_code == 422, response.data[:300]
    error = response.get_json()["errors"][0]
    assert error["path"] == "panels.requirements.functional[1]"
    assert said in error["message"]
    _still_readable(client, session_id)


def test_a_key_with_a_nul_is_refused_too(client):
    session_id, _ = start_session(client)
    body = b'{"nodes": [{"data": {"id": "c", "kind": "client", "a\\u0000": 1}}], "edges": []}'
    response = _put_board(client, session_id, body)
    assert response.status_code == 422
    assert "NUL" in response.get_json()["errors"][0]["message"]


@pytest.mark.parametrize("depth", [70, 1_000, 100_000])
def test_deeply_nested_json_is_refused_on_every_write(client, depth):
    session_id, _ = start_session(client)
    deep = ("[" * depth + "]" * depth).encode()
    nested_board = b'{"nodes": [], "edges": [], "extra": ' + deep + b"}"
    for response in (
        _put_board(client, session_id, nested_board),
        client.put(
            f"/api/sessions/{session_id}/panels/wrap_up", data=deep, headers={**JSON, "If-Match": "1"}
        ),
        client.post("/api/sessions", data=deep, headers=JSON),
        client.post("/api/ping", data=deep, headers=JSON),
        client.post(f"/api/sessions/{session_id}/steps", data=deep, headers=JSON),
    ):
        assert response.status_code == 422, response.data[:300]
        assert "nested deeper than 64" in response.get_json()["error"]
    _still_readable(client, session_id)


def test_a_board_saved_is_what_was_parsed(client):
    """The board's text is stored as it came, so it must be exactly the text that was parsed."""
    session_id, _ = start_session(client)
    body = json.dumps({**BOARD, "note": "héllo ✓ 😀"}, ensure_ascii=False).encode()
    assert _put_board(client, session_id, body).status_code == 200
    assert _still_readable(client, session_id, 2)["board"]["note"] == "héllo ✓ 😀"


def test_the_home_page_import_refuses_what_the_api_refuses(client, store, chat_session_file):
    for bad, said in [
        (b'{"mode": NaN, ' + json.dumps(chat_session_file).encode()[1:], "NaN is not a JSON value"),
        (codecs.BOM_UTF8 + json.dumps(chat_session_file).encode(), "UTF-8"),
        (b"[" * 5000 + b"]" * 5000, "nested deeper than 64"),
        (json.dumps(chat_session_file).replace("Users read", "Users\\u0000read", 1).encode(), "NUL"),
    ]:
        response = client.post("/sessions/import", data={"file": (io.BytesIO(bad), "s.json")})
        assert response.status_code == 422, response.data[:300]
        assert said in response.get_data(as_text=True)
    with store.engine.connect() as connection:  # nothing was half-imported
        assert connection.execute(text("SELECT count(*) FROM sessions")).scalar() == 0


def test_the_api_import_refuses_a_non_finite_number(client, chat_session_file):
    text = json.dumps(chat_session_file)
    text = text.replace('"history": [', '"history": [{"step": "requirements", "at": 1e999},', 1)
    response = client.post("/api/sessions", data=text, headers=JSON)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["path"].startswith("history[0].at")


# Bodies within the 2 MB limit built so that checking them would name a million problems: each used
# to hold a worker for half a minute and take 1–2 GB in the errors it listed (measured: a panel list
# of 1,000,000 numbers, 25 s and 2.1 GB; a session file of 690,000 empty snapshots, 29 s and 865 MB).
# Lists are counted before their items are checked, a list of snapshots stops at the first that is
# wrong, and no answer lists more than a hundred problems. Memory is the measure (as for hostile
# files): unlike time, a slow host does not move it.
PEAK_BYTES = 100 * 1024 * 1024


def _peak(send):
    tracemalloc.start()
    try:
        response = send()
        return response, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_panel_list_of_a_million_items_is_refused_by_its_count(client):
    session_id, _ = start_session(client)
    body = json.dumps({"functional": [1] * 1_000_000}, separators=(",", ":")).encode()
    assert len(body) < 2 * 1024 * 1024
    response, peak = _peak(
        lambda: client.put(
            f"/api/sessions/{session_id}/panels/requirements",
            data=body,
            headers={**JSON, "If-Match": "1"},
        )
    )
    assert response.status_code == 413, response.data[:300]
    errors = response.get_json()["errors"]
    assert errors == [
        {
            "path": "panels.requirements.functional",
            "message": "the list holds 1,000,000 items; it may hold at most 1,000",
        }
    ]
    assert peak < PEAK_BYTES, f"{peak / 1e6:.0f} MB"
    _still_readable(client, session_id)


def test_estimates_are_fewer_since_each_is_evaluated_with_units_on_every_save(client):
    """1,000 rows took 0.6–1.2 s to evaluate, on every save, grade and view; 2 MB of them ~25 s."""
    session_id, _ = start_session(client)
    rows = [{"name": f"r{i}", "expr": "500M * 20 / 86400 s", "unit": "1/s"} for i in range(201)]

    def put(rows, revision):
        return client.put(
            f"/api/sessions/{session_id}/panels/estimates",
            data=json.dumps(rows),
            headers={**JSON, "If-Match": str(revision)},
        )

    refused = put(rows, 1)
    assert refused.status_code == 413, refused.data[:300]
    assert refused.get_json()["errors"] == [
        {"path": "panels.estimates", "message": "the list holds 201 items; it may hold at most 200"}
    ]
    _still_readable(client, session_id)
    assert put(rows[:200], 1).status_code == 200


def test_a_session_file_of_a_million_empty_snapshots_is_refused_by_their_count(client, store):
    head = '{"format":"designer.session/1","problem":{"id":"chat-app"},"board":{"nodes":[],"edges":[]},'
    body = (head + '"history":[' + ",".join(["{}"] * 690_000) + "]}").encode()
    assert len(body) < 2 * 1024 * 1024
    response, peak = _peak(lambda: client.post("/api/sessions", data=body, headers=JSON))
    assert response.status_code == 413, response.data[:300]
    [error] = response.get_json()["errors"]
    assert error["path"] == "history"
    assert error["message"].startswith(
        f"the list holds 690,000 items; it may hold at most {len(body) // 400:,} in a file of {len(body):,} bytes"
    )
    assert peak < PEAK_BYTES, f"{peak / 1e6:.0f} MB"
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sessions")).scalar() == 0


def test_snapshots_are_counted_before_anything_walks_them_wherever_a_session_file_comes_in(
    client, store, monkeypatch, tmp_path
):
    """A session file was walked whole for its depth before its snapshots were counted: 16 MB of
    empty ones took a worker 1.45 s to refuse, 0.9 s of it the walk. The API, the home page's
    import, a batch import's files and ``designer grade`` now count them first."""
    import designer.inputs
    from designer.batch import read_session
    from designer.errors import DesignerError, LimitExceeded
    from designer.formats import session_from_upload

    walked = []
    walk = designer.inputs.deeper_than
    monkeypatch.setattr(
        designer.inputs, "deeper_than", lambda value, limit: walked.append(1) or walk(value, limit)
    )
    head = '{"format":"designer.session/1","problem":{"id":"chat-app"},"board":{"nodes":[],"edges":[]},'
    body = (head + '"history":[' + ",".join(["{}"] * 60_000) + "]}").encode()
    said = f"the list holds 60,000 items; it may hold at most 1,000 in a file of {len(body):,} bytes"

    response = client.post("/api/sessions", data=body, headers=JSON)
    assert response.status_code == 413, response.data[:300]
    assert response.get_json()["errors"][0]["message"].startswith(said)
    page = client.post("/sessions/import", data={"file": (io.BytesIO(body), "many.session.json")})
    assert page.status_code == 413 and said in page.get_data(as_text=True)
    with pytest.raises(LimitExceeded) as refused:  # a batch import's file
        session_from_upload("many.session.json", body)
    assert str(refused.value.errors[0]).startswith(f"history: {said}")
    path = tmp_path / "many.session.json"
    path.write_bytes(body)
    with pytest.raises(
        DesignerError, match="is not a valid designer.session/1 file:\n  history: the list holds"
    ):
        read_session(path)  # `designer grade`: no size given, so the most any file may hold
    assert walked == []
    assert store.count() == 0

    # a file within its limits is still walked (its depth is still checked)
    deep = head + '"history":[], "meta": {"x": ' + "[" * 300 + "]" * 300 + "}}"
    assert client.post("/api/sessions", data=deep, headers=JSON).status_code == 422
    assert walked


def test_bare_snapshots_are_counted_against_the_files_size(client, store):
    """Checking and keeping a snapshot costs the same however little of it is written: 20,000 bare
    ``{"at": 0}`` in 180 KB took 10.7 s and 130 MB to import. A file holds one snapshot per 400
    bytes (a snapshot designer writes takes at least 452), and at least 1,000."""
    head = '{"format":"designer.session/1","problem":{"id":"chat-app"},"board":{"nodes":[],"edges":[]},'
    body = (head + '"history":[' + ",".join(['{"at":0}'] * 20_000) + "]}").encode()
    response = client.post("/api/sessions", data=body, headers=JSON)
    assert response.status_code == 413, response.data[:300]
    assert response.get_json()["errors"] == [
        {
            "path": "history",
            "message": "the list holds 20,000 items; it may hold at most 1,000 in a file of 180,103 bytes (one "
            "snapshot for each 400 bytes, and at least 1,000; a snapshot designer writes takes more)",
        }
    ]
    page = client.post("/sessions/import", data={"file": (io.BytesIO(body), "bare.session.json")})
    assert page.status_code == 413  # the home page says the same
    assert (
        "the list holds 20,000 items; it may hold at most 1,000 in a file of 180,103 bytes"
        in page.get_data(as_text=True)
    )
    few = (head + '"history":[' + ",".join(['{"at":0}'] * 1_000) + "]}").encode()
    assert client.post("/api/sessions", data=few, headers=JSON).status_code == 201
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sessions")).scalar() == 1


def test_a_download_of_many_small_revisions_imports_again(client, store):
    """The count is never the app's own file's limit: 1,500 revisions of a nearly empty session."""
    session_id, revision = start_session(client)
    for i in range(1_500):
        revision = store.save_panel(session_id, "requirements", {"functional": [f"r{i}"]}, revision).revision
    download = client.get(f"/s/{session_id}/download").data
    assert len(json.loads(download)["history"]) == 1_501
    again = client.post("/api/sessions", data=download, headers=JSON)
    assert again.status_code == 201, again.data[:300]
    assert len(store.revisions(again.get_json()["id"])) == 1_501  # its last is its board and panels


@pytest.mark.parametrize("where", ["api", "page"])
def test_snapshots_of_broken_boxes_are_reported_from_the_first_and_at_most_a_hundred(client, store, where):
    snapshots = [{"at": i, "board": {"nodes": [{}] * 2_000, "edges": []}} for i in range(300)]
    session = {
        "format": "designer.session/1",
        "problem": {"id": "chat-app"},
        "board": {"nodes": [], "edges": []},
    }
    body = json.dumps({**session, "history": snapshots}, separators=(",", ":")).encode()
    assert len(body) < 2 * 1024 * 1024

    if where == "api":
        response, peak = _peak(lambda: client.post("/api/sessions", data=body, headers=JSON))
        assert response.status_code == 422, response.data[:300]
        errors = response.get_json()["errors"]
        assert len(errors) == 101
        assert errors[0] == {"path": "history[0].board.nodes[0].data", "message": "this key is required"}
        assert errors[99]["path"] == "history[0].board.nodes[99].data"
        assert errors[100] == {"path": "", "message": "and 1,900 more problems like these"}
        assert response.get_json()["error"].endswith("is required (and 1,995 more).")
    else:
        # encoded here: the test client spools a large body to a temporary file it never closes
        boundary, form = encode_multipart({"file": FileStorage(io.BytesIO(body), "s.session.json")})
        response, peak = _peak(
            lambda: client.post(
                "/sessions/import", data=form, content_type=f"multipart/form-data; boundary={boundary}"
            )
        )
        assert response.status_code == 422, response.data[:300]
        page = response.get_data(as_text=True)
        assert "history[0].board.nodes[99].data" in page and "nodes[100]" not in page
        assert "<li>and 1,900 more problems like these</li>" in page  # no empty path before it
    assert peak < PEAK_BYTES, f"{peak / 1e6:.0f} MB"
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sessions")).scalar() == 0


def test_step_changes_stop_being_recorded_where_a_session_file_stops_holding_them(client, store):
    """Steps are kept in the session's row, not as revisions; a script switching steps forever
    made the row grow without end, and its download one no import would take."""
    from sqlalchemy import update

    from designer.models import SessionRow, table_of
    from designer.session_format import MAX_STEP_EVENTS, STEP_IDS

    session_id, _ = start_session(client)
    steps = [{"step": STEP_IDS[i % 2], "at": float(i)} for i in range(MAX_STEP_EVENTS)]
    sessions = table_of(SessionRow)
    with store.engine.begin() as connection:
        connection.execute(update(sessions).where(sessions.c.id == session_id).values(steps=steps))
    refused = client.post(f"/api/sessions/{session_id}/steps", json={"step": "api"})
    assert refused.status_code == 413
    assert refused.get_json()["errors"] == [
        {"path": "steps", "message": "this session has recorded 10,000 step changes, the most one keeps"}
    ]
    page = client.post(f"/s/{session_id}/steps", data={"step": "api"}, headers={"HX-Request": "true"})
    assert page.status_code == 200  # the step opens all the same
    assert 'class="panel panel-api' in page.get_data(as_text=True)
    assert store.get(session_id).steps == steps
    download = client.get(f"/s/{session_id}/download").data
    again = client.post("/api/sessions", data=download, headers=JSON)
    assert again.status_code == 201, again.data[:300]
    assert len(store.get(again.get_json()["id"]).steps) == MAX_STEP_EVENTS


def test_a_panel_of_more_text_than_an_answer_holds_is_refused_by_its_size(client):
    """2 MB of requirements (95 lines of 20 KB, "no real time. no real time. …") was saved, and every
    hint and grade then read it: 4–20 s a check. A panel holds at most 64 K characters of text, 90
    times the longest panel of the strong reference answers; counted before any check reads it."""
    from designer.session_format import MAX_PANEL_CHARS

    session_id, _ = start_session(client)
    line = ("no real time. " * 1_500)[:20_000]
    body = {"functional": [line] * 95, "non_functional": [], "questions": [], "out_of_scope": []}

    def put(panel, revision):
        return client.put(
            f"/api/sessions/{session_id}/panels/requirements",
            data=json.dumps(panel),
            headers={**JSON, "If-Match": str(revision)},
        )

    refused = put(body, 1)
    assert refused.status_code == 413, refused.data[:300]
    assert refused.get_json()["errors"] == [
        {
            "path": "panels.requirements",
            "message": f"the panel holds 1,900,000 characters of text; it may hold at most {MAX_PANEL_CHARS:,}",
        }
    ]
    assert _still_readable(client, session_id)["panels"]["requirements"]["functional"] == []
    body["functional"] = [line[:1_000]] * (MAX_PANEL_CHARS // 1_000) + ["x" * (MAX_PANEL_CHARS % 1_000)]
    assert put(body, 1).status_code == 200  # up to the limit, saved


@pytest.mark.parametrize("where", ["panels", "history"])
def test_a_session_file_with_a_panel_over_its_size_is_refused_naming_it(client, chat_session_file, where):
    session = json.loads(json.dumps(chat_session_file))
    panels = {"functional": ["x" * 20_000] * 4}
    if where == "panels":
        session["panels"]["requirements"] = panels
        path = "panels.requirements"
    else:
        session["history"] = [{"at": 1, "panels": {}}, {"at": 2, "panels": {"requirements": panels}}]
        path = "history[1].panels.requirements"
    response = client.post("/api/sessions", data=json.dumps(session), headers=JSON)
    assert response.status_code == 413, response.data[:300]
    assert [e["path"] for e in response.get_json()["errors"]] == [path]
