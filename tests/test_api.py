"""The JSON API on both databases: create, read, save with If-Match, 409, 413, 422, steps, restore."""

import json

import pytest

from tests.conftest import start_session

BOARD = {
    "nodes": [
        {"data": {"id": "c", "kind": "client", "label": "App"}},
        {"data": {"id": "s", "kind": "service", "label": "API"}},
    ],
    "edges": [{"data": {"id": "e", "source": "c", "target": "s", "label": "HTTPS"}}],
}


def test_create_from_a_problem_returns_the_session_and_revision(client):
    response = client.post("/api/sessions", json={"problem": "url-shortener", "mode": "interview"})
    body = response.get_json()
    assert response.status_code == 201
    assert body["revision"] == 1
    assert body["session"]["format"] == "designer.session/1"
    assert body["session"]["problem"]["id"] == "url-shortener"
    assert body["session"]["meta"]["mode"] == "interview"
    assert response.headers["Location"] == f"/api/sessions/{body['id']}"


def test_create_from_an_unknown_problem_is_an_error_naming_the_problems(client):
    response = client.post("/api/sessions", json={"problem": "toaster"})
    assert response.status_code == 404
    assert "chat-app" in response.get_json()["error"]


def test_create_from_a_session_file_and_get_it_back(client, chat_session_file):
    response = client.post("/api/sessions", json=chat_session_file)
    assert response.status_code == 201
    session_id = response.get_json()["id"]
    got = client.get(f"/api/sessions/{session_id}").get_json()
    assert got["board"] == json.loads(json.dumps(chat_session_file["board"]))
    assert got["panels"]["estimates"] == chat_session_file["panels"]["estimates"]
    # its last snapshot is its board and panels: the import adds none of its own
    assert [h["at"] for h in got["history"]] == [h["at"] for h in chat_session_file["history"]]


def test_put_board_with_if_match_saves_a_new_revision(client):
    session_id, revision = start_session(client)
    response = client.put(
        f"/api/sessions/{session_id}/board", json=BOARD, headers={"If-Match": str(revision)}
    )
    assert response.status_code == 200
    assert response.get_json()["revision"] == 2
    assert response.headers["ETag"] == '"2"'
    assert (
        client.get(f"/api/sessions/{session_id}").get_json()["board"]["edges"][0]["data"]["label"] == "HTTPS"
    )


def test_a_stale_revision_gets_409_with_the_newest_state(client):
    session_id, _ = start_session(client)
    client.put(f"/api/sessions/{session_id}/board", json=BOARD, headers={"If-Match": "1"})
    response = client.put(
        f"/api/sessions/{session_id}/board",
        json={"nodes": [], "edges": []},
        headers={"If-Match": '"1"'},
    )
    assert response.status_code == 409
    body = response.get_json()
    assert body["current_revision"] == 2
    assert body["current"]["board"]["nodes"][1]["data"]["label"] == "API"
    assert "based on revision 1" in body["error"]


def test_a_save_without_if_match_is_428(client):
    session_id, _ = start_session(client)
    response = client.put(f"/api/sessions/{session_id}/board", json=BOARD)
    assert response.status_code == 428
    assert "If-Match" in response.get_json()["error"]


def test_an_invalid_board_gets_422_with_paths_and_keeps_the_last_good_revision(client):
    session_id, _ = start_session(client)
    client.put(f"/api/sessions/{session_id}/board", json=BOARD, headers={"If-Match": "1"})
    bad = {
        "nodes": [{"data": {"id": "a", "kind": "teapot", "replicas": "3"}}],
        "edges": [{"data": {"id": "e", "source": "a", "target": "zz"}}],
    }
    response = client.put(f"/api/sessions/{session_id}/board", json=bad, headers={"If-Match": "2"})
    assert response.status_code == 422
    paths = {e["path"] for e in response.get_json()["errors"]}
    assert paths == {"board.nodes[0].data.kind", "board.nodes[0].data.replicas"}
    session = client.get(f"/api/sessions/{session_id}").get_json()
    assert session["meta"]["revision"] == 2
    assert session["board"]["nodes"][0]["data"]["id"] == "c"


def test_malformed_json_gets_422(client):
    session_id, _ = start_session(client)
    response = client.put(
        f"/api/sessions/{session_id}/board",
        data="{not json",
        headers={"If-Match": "1", "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "not valid JSON" in response.get_json()["error"]


def test_a_board_over_the_node_limit_gets_413(client):
    session_id, _ = start_session(client)
    board = {"nodes": [{"data": {"id": f"n{i}", "kind": "service"}} for i in range(2001)], "edges": []}
    response = client.put(f"/api/sessions/{session_id}/board", json=board, headers={"If-Match": "1"})
    assert response.status_code == 413
    assert "2,001 nodes; the limit is 2,000" in response.get_json()["error"]


def test_a_request_over_2_mb_gets_413(client):
    session_id, _ = start_session(client)
    body = json.dumps({"summary": "x" * (2 * 1024 * 1024 + 10)})
    response = client.put(
        f"/api/sessions/{session_id}/panels/wrap_up",
        data=body,
        headers={"If-Match": "1", "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "2 MB" in response.get_json()["error"]


def test_an_oversize_text_field_gets_413_naming_it(client):
    session_id, _ = start_session(client)
    response = client.put(
        f"/api/sessions/{session_id}/panels/wrap_up",
        json={"summary": "x" * 30_000},
        headers={"If-Match": "1"},
    )
    assert response.status_code == 413
    assert response.get_json()["errors"][0]["path"] == "panels.wrap_up.summary"


def test_a_panel_of_the_wrong_shape_gets_422(client):
    session_id, _ = start_session(client)
    response = client.put(
        f"/api/sessions/{session_id}/panels/estimates",
        json=[{"name": "dau", "expr": 5}],
        headers={"If-Match": "1"},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["path"] == "panels.estimates[0].expr"


def test_steps_restore_and_submit(client):
    session_id, _ = start_session(client)
    steps = client.post(f"/api/sessions/{session_id}/steps", json={"step": "estimates"}).get_json()["steps"]
    assert [s["step"] for s in steps] == ["requirements", "estimates"]
    client.put(f"/api/sessions/{session_id}/board", json=BOARD, headers={"If-Match": "1"})
    restored = client.post(
        f"/api/sessions/{session_id}/revisions/1/restore",
        headers={"If-Match": "2"},
        content_type="application/json",
    )
    assert restored.get_json()["revision"] == 3
    revisions = client.get(f"/api/sessions/{session_id}/revisions").get_json()
    assert [r["change"] for r in revisions] == ["start", "board", "restore 1"]
    assert (
        client.post(f"/api/sessions/{session_id}/submit", content_type="application/json").get_json()[
            "status"
        ]
        == "submitted"
    )
    closed = client.put(f"/api/sessions/{session_id}/board", json=BOARD, headers={"If-Match": "3"})
    assert closed.status_code == 409
    assert "read-only" in closed.get_json()["error"]


@pytest.mark.parametrize("bad_step", ["lunch", ""])
def test_entering_an_unknown_step_is_422(client, bad_step):
    session_id, _ = start_session(client)
    response = client.post(f"/api/sessions/{session_id}/steps", json={"step": bad_step})
    assert response.status_code == 422
    assert "requirements" in response.get_json()["error"]


def test_an_unknown_session_is_404(client):
    response = client.get("/api/sessions/nope")
    assert response.status_code == 404
    assert response.get_json()["error"] == "Session nope doesn't exist."


def test_nan_and_infinity_are_not_json(client):
    session_id, _ = start_session(client)
    body = '{"nodes": [{"data": {"id": "a", "kind": "cache"}, "position": {"x": NaN, "y": 1}}], "edges": []}'
    response = client.put(
        f"/api/sessions/{session_id}/board",
        data=body,
        headers={"If-Match": "1", "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "NaN is not a JSON value" in response.get_json()["error"]
    assert client.get(f"/api/sessions/{session_id}").get_json()["meta"]["revision"] == 1


def test_a_change_sent_twice_is_one_revision_not_a_conflict(client):
    # A page reloaded while its save was on its way sends the change again with the same id.
    session_id, revision = start_session(client)
    board = {"nodes": [{"data": {"id": "c", "kind": "client"}}], "edges": []}
    headers = {"If-Match": str(revision), "X-Change-Id": "change-1"}
    first = client.put(f"/api/sessions/{session_id}/board", json=board, headers=headers)
    again = client.put(f"/api/sessions/{session_id}/board", json=board, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.get_json()["revision"] == again.get_json()["revision"] == revision + 1
    revisions = client.get(f"/api/sessions/{session_id}/revisions").get_json()
    assert [r["number"] for r in revisions] == [1, 2]
    # another change on the old revision is still a conflict
    other = client.put(
        f"/api/sessions/{session_id}/board", json=board, headers={**headers, "X-Change-Id": "change-2"}
    )
    assert other.status_code == 409
    # the same for a panel, through the API and through the workspace's form
    panel = {"functional": ["Send"]}
    headers = {"If-Match": "2", "X-Change-Id": "panel-1"}
    assert (
        client.put(f"/api/sessions/{session_id}/panels/requirements", json=panel, headers=headers).status_code
        == 200
    )
    replay = client.put(f"/api/sessions/{session_id}/panels/requirements", json=panel, headers=headers)
    assert replay.status_code == 200 and replay.get_json()["revision"] == 3
    form = {"functional": "Send\nRead"}
    form_headers = {"If-Match": "3", "X-Change-Id": "form-1", "HX-Request": "true"}
    assert (
        client.post(f"/s/{session_id}/panels/requirements", data=form, headers=form_headers).status_code
        == 200
    )
    replayed = client.post(f"/s/{session_id}/panels/requirements", data=form, headers=form_headers)
    assert replayed.status_code == 200 and replayed.headers["X-Revision"] == "4"
    assert [r["number"] for r in client.get(f"/api/sessions/{session_id}/revisions").get_json()] == [
        1,
        2,
        3,
        4,
    ]


def test_a_change_id_must_be_short_and_plain(client):
    session_id, revision = start_session(client)
    response = client.put(
        f"/api/sessions/{session_id}/board",
        json={"nodes": [], "edges": []},
        headers={"If-Match": str(revision), "X-Change-Id": "x" * 65},
    )
    assert response.status_code == 400 and "X-Change-Id" in response.get_data(as_text=True)
    assert client.get(f"/api/sessions/{session_id}").get_json()["meta"]["revision"] == revision


def _put(client, session_id, what, body, revision, change, replaces=""):
    headers = {"If-Match": str(revision), "X-Change-Id": change}
    if replaces:
        headers["X-Replaces"] = replaces
    return client.put(f"/api/sessions/{session_id}/{what}", json=body, headers=headers)


@pytest.mark.parametrize(
    ("what", "first", "second"),
    [
        ("panels/requirements", {"functional": ["One"]}, {"functional": ["One", "Two"]}),
        ("board", BOARD, {**BOARD, "nodes": BOARD["nodes"][:1], "edges": []}),
    ],
)
def test_a_change_that_replaces_one_whose_answer_was_lost_is_no_conflict(client, what, first, second):
    """The page sent a change, its answer never came (the server restarted), and the next change to
    the same thing names it in X-Replaces: the revision the first one made is no conflict."""
    session_id, _ = start_session(client)
    assert _put(client, session_id, what, first, 1, "first").status_code == 200  # answer lost on the way
    refused = _put(client, session_id, what, second, 1, "second")
    assert refused.status_code == 409  # without saying what it replaces, a conflict as before
    saved = _put(client, session_id, what, second, 1, "second", replaces="first")
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["revision"] == 3
    assert client.get(f"/api/sessions/{session_id}").get_json()["meta"]["revision"] == 3


def test_replacing_ones_own_change_does_not_hide_someone_elses(client):
    session_id, _ = start_session(client)
    _put(client, session_id, "panels/requirements", {"functional": ["Mine"]}, 1, "mine")
    _put(client, session_id, "panels/requirements", {"functional": ["Theirs"]}, 2, "theirs")  # another tab
    refused = _put(
        client, session_id, "panels/requirements", {"functional": ["Mine", "More"]}, 1, "more", "mine"
    )
    assert refused.status_code == 409
    assert refused.get_json()["current_revision"] == 3


@pytest.mark.parametrize("base", ["1", '"1"'])
def test_a_change_is_based_on_its_part_not_on_the_whole_session(client, base):
    """If-Match names the revision the page last saw *this part* at (the board, or one step's
    panel): newer changes to other parts, from another tab, are no conflict; one to the same part is."""
    session_id, _ = start_session(client)
    url = f"/api/sessions/{session_id}"
    assert client.put(f"{url}/board", json=BOARD, headers={"If-Match": "1"}).status_code == 200  # 2
    panel = client.put(
        f"{url}/panels/requirements", json={"functional": ["Send"]}, headers={"If-Match": base}
    )
    assert panel.status_code == 200, panel.get_json()
    assert panel.get_json()["revision"] == 3
    summary = client.put(f"{url}/panels/wrap_up", json={"summary": "Done"}, headers={"If-Match": base})
    assert summary.status_code == 200 and summary.get_json()["revision"] == 4
    # the board was last changed at 2: a change based on 2 is on the newest board
    moved = {**BOARD, "nodes": BOARD["nodes"][:1], "edges": []}
    assert client.put(f"{url}/board", json=moved, headers={"If-Match": "2"}).status_code == 200  # 5
    stored = client.get(url).get_json()
    assert stored["board"] == moved
    assert stored["panels"]["requirements"]["functional"] == ["Send"]
    assert stored["panels"]["wrap_up"]["summary"] == "Done"
    # the same part changed after the base: a conflict, and nothing written
    for part, body in (("board", BOARD), ("panels/requirements", {"functional": ["Lost?"]})):
        refused = client.put(
            f"{url}/{part}", json=body, headers={"If-Match": "2" if part != "board" else "1"}
        )
        assert refused.status_code == 409, part
        assert refused.get_json()["current_revision"] == 5
    assert client.get(url).get_json()["meta"]["revision"] == 5


def test_a_restore_changes_every_part(client):
    session_id, _ = start_session(client)
    url = f"/api/sessions/{session_id}"
    client.put(f"{url}/panels/requirements", json={"functional": ["Send"]}, headers={"If-Match": "1"})  # 2
    assert client.post(f"{url}/revisions/1/restore", json={}, headers={"If-Match": "2"}).status_code == 200
    for part, body in (("board", BOARD), ("panels/wrap_up", {"summary": "Late"})):
        refused = client.put(f"{url}/{part}", json=body, headers={"If-Match": "2"})
        assert refused.status_code == 409, part


def test_a_base_newer_than_the_session_is_a_conflict(client):
    session_id, _ = start_session(client)
    refused = client.put(f"/api/sessions/{session_id}/board", json=BOARD, headers={"If-Match": "7"})
    assert refused.status_code == 409
    assert client.get(f"/api/sessions/{session_id}").get_json()["meta"]["revision"] == 1


def test_x_replaces_is_checked(client):
    session_id, _ = start_session(client)
    bad = _put(client, session_id, "board", BOARD, 1, "x", replaces="ok,not ok!")
    assert bad.status_code == 400
    assert "X-Replaces" in bad.get_json()["error"]


def test_keep_both_adds_the_other_versions_rows_as_a_new_revision_and_keeps_both_versions(client):
    session_id, _ = start_session(client)
    url = f"/api/sessions/{session_id}/panels/estimates"
    theirs = client.put(url, json=[{"name": "dau", "expr": "50M"}], headers={"If-Match": "1"}).get_json()
    # My tab was still on revision 1: refused, then saved over theirs, then theirs merged back in.
    mine_rows = [{"name": "msgs_per_day", "expr": "dau * 40"}]
    assert client.put(url, json=mine_rows, headers={"If-Match": "1"}).status_code == 409
    mine = client.put(url, json=mine_rows, headers={"If-Match": str(theirs["revision"])}).get_json()
    merged = client.post(
        f"/api/sessions/{session_id}/revisions/{theirs['revision']}/merge",
        json={"part": "estimates"},
        headers={"If-Match": str(mine["revision"])},
    )
    assert merged.status_code == 200, merged.get_json()
    session = client.get(f"/api/sessions/{session_id}").get_json()
    assert [r["name"] for r in session["panels"]["estimates"]] == ["msgs_per_day", "dau"]
    changes = [r["change"] for r in client.get(f"/api/sessions/{session_id}/revisions").get_json()]
    assert changes[-3:] == ["panels.estimates", "panels.estimates", f"merge {theirs['revision']}"]


def test_keep_both_of_the_board_and_its_refusals_write_nothing(client):
    session_id, _ = start_session(client)
    theirs = client.put(f"/api/sessions/{session_id}/board", json=BOARD, headers={"If-Match": "1"}).get_json()
    mine_board = {"nodes": [{"data": {"id": "db", "kind": "sql_database", "label": "DB"}}], "edges": []}
    mine = client.put(
        f"/api/sessions/{session_id}/board", json=mine_board, headers={"If-Match": str(theirs["revision"])}
    ).get_json()
    merge_url = f"/api/sessions/{session_id}/revisions/{theirs['revision']}/merge"
    refusals = [
        client.post(merge_url, json={"part": "whiteboard"}, headers={"If-Match": str(mine["revision"])}),
        client.post(merge_url, json={}, headers={"If-Match": str(mine["revision"])}),
        client.post(merge_url, json={"part": "board"}, headers={"If-Match": str(theirs["revision"])}),
    ]
    assert [r.status_code for r in refusals] == [422, 422, 409]
    assert "part" in json.dumps(refusals[0].get_json()) and "'whiteboard'" in json.dumps(
        refusals[0].get_json()
    )
    revisions = client.get(f"/api/sessions/{session_id}/revisions").get_json()
    assert revisions[-1]["number"] == mine["revision"], "a refused merge writes nothing"
    merged = client.post(merge_url, json={"part": "board"}, headers={"If-Match": str(mine["revision"])})
    assert merged.status_code == 200
    board = client.get(f"/api/sessions/{session_id}").get_json()["board"]
    assert [n["data"]["id"] for n in board["nodes"]] == ["db", "c", "s"]
    assert [e["data"]["id"] for e in board["edges"]] == ["e"]
