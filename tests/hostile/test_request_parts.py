"""Hostile headers, paths, query strings and form fields: a 4xx naming the part, never a 500, on
both databases (PostgreSQL refuses NUL in text and integers past 2**31 where SQLite does not)."""

import io
import json

import pytest

from tests.accounts.conftest import PASSWORD, sign_in
from tests.conftest import start_session

BOARD = {"nodes": [{"data": {"id": "c", "kind": "client", "label": "App"}}], "edges": []}
HUGE = ["2147483648", "9223372036854775808", "99999999999999999999", "1" * 5000]


@pytest.fixture
def admin(app):
    app.extensions["designer.accounts"].add("admin@example.com", PASSWORD, "admin", "Admin")
    return sign_in(app, "admin@example.com")


@pytest.mark.parametrize("value", [*HUGE, "-1", "1.5", "abc", "١"])
def test_if_match_out_of_range_is_400_naming_the_header(client, value):
    session_id, _ = start_session(client)
    response = client.put(f"/api/sessions/{session_id}/board", json=BOARD, headers={"If-Match": value})
    assert response.status_code == 400, response.data[:300]
    assert "If-Match" in response.get_json()["error"]
    assert client.get(f"/api/sessions/{session_id}").get_json()["meta"]["revision"] == 1


@pytest.mark.parametrize("number", HUGE)
def test_revision_numbers_past_the_column_are_404(client, number):
    session_id, _ = start_session(client)
    assert client.get(f"/api/sessions/{session_id}/revisions/{number}").status_code == 404
    restore = client.post(
        f"/api/sessions/{session_id}/revisions/{number}/restore", json={}, headers={"If-Match": "1"}
    )
    assert restore.status_code == 404
    assert client.get(f"/s/{session_id}/replay/{number}").status_code == 404


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("page=9223372036854775807", "page"),
        ("page=0", "page"),
        ("per_page=99999999999999999999", "per_page"),
        ("to=9999-12-31", None),
        ("from=0001-01-01", None),
        ("score_min=nan", "score_min"),
        ("score_max=1e999", "score_max"),
        ("candidate=a%00b", "candidate"),
        ("problem=%00", "problem"),
    ],
)
def test_the_session_list_refuses_or_bounds_hostile_queries(admin, query, said):
    response = admin.get(f"/sessions?{query}")
    if said is None:
        assert response.status_code == 200
        assert "Sessions" in response.get_data(as_text=True)
    else:
        assert response.status_code == 400, response.data[:300]
        assert said in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["since=99999999999999999999", "steps=1" + "0" * 40, "since=%00"])
def test_live_updates_refuse_hostile_numbers(client, query):
    session_id, _ = start_session(client)
    response = client.get(f"/s/{session_id}/live?{query}")
    assert response.status_code == 400, response.data[:300]


@pytest.mark.parametrize("path", ["/s/a%00b", "/api/sessions/a%00b", "/s/%00/download", "/rubrics/a%00b"])
def test_a_nul_in_a_path_is_400(admin, path):
    response = admin.get(path)
    assert response.status_code == 400, response.data[:300]
    assert "NUL" in response.get_data(as_text=True)
    assert response.is_json == path.startswith("/api/")  # the API answers in JSON, pages in HTML


def test_a_nul_in_a_sign_in_form_is_400_and_counts_as_no_sign_in(client):
    response = client.post("/login", data={"email": "a\x00@example.com", "password": "x"})
    assert response.status_code == 400
    assert "email" in response.get_data(as_text=True)


def test_a_nul_in_an_admins_new_account_is_400_and_adds_nobody(app, admin):
    before = len(app.extensions["designer.accounts"].all())
    response = admin.post(
        "/admin/users", data={"email": "x@example.com", "password": "p" * 12, "name": "A\x00"}
    )
    assert response.status_code == 400
    assert "name" in response.get_data(as_text=True)
    assert len(app.extensions["designer.accounts"].all()) == before


def test_a_nul_in_a_panel_form_is_400_and_the_panel_keeps_what_it_had(client):
    session_id, _ = start_session(client)
    response = client.post(f"/s/{session_id}/panels/wrap_up", data={"summary": "fine\x00"})
    assert response.status_code == 400
    assert client.get(f"/api/sessions/{session_id}").get_json()["panels"]["wrap_up"]["summary"] == ""


def test_a_nul_in_an_upload_name_or_mode_is_400(client, chat_session_file):
    data = io.BytesIO(json.dumps(chat_session_file).encode())
    response = client.post("/sessions/import", data={"file": (data, "s.json"), "mode": "x\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize("at", ["1e300", "1e18", "-5"])
def test_a_step_time_out_of_range_is_refused_with_its_path(client, chat_session_file, at):
    text = json.dumps(chat_session_file).replace(
        '"steps": [', f'"steps": [{{"step": "api", "at": {at}}}, ', 1
    )
    response = client.post("/api/sessions", data=text, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.data[:300]
    assert response.get_json()["errors"][0]["path"] == "steps[0].at"


def test_a_rubric_version_past_the_column_is_404_or_400(app):
    app.extensions["designer.accounts"].add("i@example.com", PASSWORD, "instructor", "I")
    instructor = sign_in(app, "i@example.com")
    for version in HUGE:
        response = instructor.get(f"/rubrics/chat-app?version={version}")
        assert response.status_code in (400, 404), response.data[:300]


def test_a_bad_change_id_on_the_api_is_json_naming_the_header(client):
    session_id, _ = start_session(client)
    response = client.put(
        f"/api/sessions/{session_id}/board",
        json=BOARD,
        headers={"If-Match": "1", "X-Change-Id": "no spaces!"},
    )
    assert response.status_code == 400
    assert "X-Change-Id" in response.get_json()["error"]


@pytest.mark.parametrize("value", [*HUGE, "-1", "abc"])
def test_the_workspace_revision_is_bounded_as_the_apis_is(client, value):
    """The panel form's revision (If-Match, or its revision field) with X-Replaces asked the database
    for revisions past it: a number past an INTEGER column was a 500 on PostgreSQL."""
    session_id, _ = start_session(client)
    headers = {"HX-Request": "true", "X-Replaces": "abc"}
    for sent in (
        {"headers": {**headers, "If-Match": value}, "data": {"summary": "x"}},
        {"headers": headers, "data": {"summary": "x", "revision": value}},
    ):
        response = client.post(f"/s/{session_id}/panels/wrap_up", **sent)
        assert response.status_code == 400, response.data[:300]
        assert "revision" in response.get_data(as_text=True)
    assert client.get(f"/api/sessions/{session_id}").get_json()["panels"]["wrap_up"]["summary"] == ""
