"""The workspace's HTML routes: panels, board forms, conflicts, escaping, import/export, submit."""

import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from designer.problems import PROBLEMS

HX = {"HX-Request": "true"}


def start(web, mode="practice") -> str:
    response = web.post("/sessions", data={"problem": "chat-app", "mode": mode})
    assert response.status_code == 303
    return response.headers["Location"].rsplit("/", 1)[1]


def stored(web, session_id):
    return web.get(f"/api/sessions/{session_id}").get_json()


def test_home_lists_every_problem_with_prompt_and_duration(web):
    page = web.get("/").get_data(as_text=True)
    assert len(PROBLEMS) >= 5
    for problem in PROBLEMS:
        assert problem.title in html.unescape(page)
        assert f'id="problem-{problem.id}"' in page
        assert f"{problem.duration_minutes} min" in page
    assert 'value="interview"' in page and 'value="practice"' in page


def test_past_sessions_are_listed_under_their_problem(web):
    session_id = start(web, "interview")
    page = web.get("/").get_data(as_text=True)
    section = page.split('id="problem-chat-app"')[1].split('class="problem"')[0]
    assert f"/s/{session_id}" in section
    assert "interview · open" in section


def test_the_workspace_shows_the_rail_with_scaled_budgets(web):
    session_id = start(web)
    page = web.get(f"/s/{session_id}").get_data(as_text=True)
    assert page.count('<li class="step') == 8
    # 45 minutes: high-level design gets 25/120 of it, 9:22.
    assert 'data-clock="high_level"><span class="spent">0:00</span> / 9:22' in page
    assert 'aria-current="step"' in page.split("Clarify requirements")[0]


def test_a_panel_form_saves_without_js_and_redirects_back(web):
    session_id = start(web)
    response = web.post(
        f"/s/{session_id}/panels/requirements",
        data={
            "revision": "1",
            "functional": "Send messages\n\nGroup chats",
            "non_functional": "p99 < 200 ms",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/s/{session_id}?step=requirements")
    panel = stored(web, session_id)["panels"]["requirements"]
    assert panel["functional"] == ["Send messages", "Group chats"]
    assert panel["non_functional"] == ["p99 < 200 ms"]


def test_estimates_autosave_answers_with_the_computed_values(web):
    session_id = start(web)
    response = web.post(
        f"/s/{session_id}/panels/estimates",
        data={
            "-0-name": "dau",
            "-0-expr": "500M * 10%",
            "-0-unit": "users",
            "-1-name": "msgs",
            "-1-expr": "dau * 20",
            "-1-unit": "1/day",
            "-2-name": "qps",
            "-2-expr": "msgs / 86400 s",
            "-2-unit": "1/s",
            "-3-name": "bad",
            "-3-expr": "qps + 1 GB",
            "-3-unit": "",
        },
        headers={**HX, "If-Match": "1"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["X-Revision"] == "2"
    result = {m[0]: m[1] for m in re.findall(r'id="estimate-result-(\d)"[^>]*>(.*?)</output>', body, re.S)}
    assert "11.6K /s" in result["2"]
    assert "can&#39;t add or subtract a count per time and bytes" in result["3"]
    assert 'hx-swap-oob="true"' in body
    assert "<form" not in body  # the form being typed in is never replaced by an autosave


def test_an_estimate_that_reads_a_row_as_its_rate_says_so_beside_the_figure(web):
    session_id = start(web)
    response = web.post(
        f"/s/{session_id}/panels/estimates",
        data={
            "-0-name": "msgs",
            "-0-expr": "1B",
            "-0-unit": "messages/day",
            "-1-name": "month",
            "-1-expr": "msgs * 30 days",
            "-1-unit": "messages",
        },
        headers={**HX, "If-Match": "1"},
    )
    body = response.get_data(as_text=True)
    result = {m[0]: m[1] for m in re.findall(r'id="estimate-result-(\d)"[^>]*>(.*?)</output>', body, re.S)}
    assert "30B" in result["1"] and "unit mismatch" not in result["1"]
    assert "msgs read as a rate per day, as its unit says" in result["1"]


def test_the_estimates_panel_stops_offering_rows_at_its_limit_and_says_why(web):
    session_id = start(web)

    def rows(count):
        return {
            f"-{i}-{field}": value
            for i in range(count)
            for field, value in (("name", f"r{i}"), ("expr", "1M"))
        }

    refused = web.post(f"/s/{session_id}/panels/estimates", data=rows(201), headers={**HX, "If-Match": "1"})
    assert refused.status_code == 413
    assert "the list holds 201 items; it may hold at most 200" in refused.get_data(as_text=True)
    assert stored(web, session_id)["panels"]["estimates"] == []  # nothing saved
    assert (
        web.post(f"/s/{session_id}/panels/estimates", data=rows(199), headers={"If-Match": "1"}).status_code
        == 303
    )
    page = web.get(f"/s/{session_id}?step=estimates").get_data(as_text=True)
    assert ">Add a row</button>" in page
    assert (
        web.post(f"/s/{session_id}/panels/estimates", data=rows(200), headers={"If-Match": "2"}).status_code
        == 303
    )
    page = web.get(f"/s/{session_id}?step=estimates").get_data(as_text=True)
    assert ">Add a row</button>" not in page
    assert "200 rows: the most a panel of estimates holds" in page


def test_a_stated_figure_in_words_is_shown_as_read_and_a_slip_is_flagged(web):
    session_id = start(web)
    body = web.post(
        f"/s/{session_id}/panels/estimates",
        data={
            "-0-name": "pastes",
            "-0-expr": "1M",
            "-0-unit": "1/day",
            "-1-name": "write_qps",
            "-1-expr": "pastes / 86400 s",
            "-1-unit": "1/s",
            "-1-stated": "~120 paste writes per second",
            "-2-name": "storage_month",
            "-2-expr": "pastes * 30 * 10 KB",
            "-2-unit": "GB",
            "-2-stated": "about 300 GB per month <b>",
        },
        headers={**HX, "If-Match": "1"},
    ).get_data(as_text=True)
    result = {m[0]: m[1] for m in re.findall(r'id="estimate-result-(\d)"[^>]*>(.*?)</output>', body, re.S)}
    assert "read as 120 /s" in result["1"] and "off by 10×" in result["1"]
    assert "read as 300 GB /month" in result["2"] and "agreement-match" in result["2"]
    assert "<b>" not in body  # what the candidate typed is escaped, never markup


def test_the_database_panel_shows_tables_keys_and_parse_errors(web):
    session_id = start(web)
    ddl = "CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT UNIQUE);\nCREATE TABLE x (a INT PRIMARY,, KEY);"
    body = web.post(
        f"/s/{session_id}/panels/database", data={"ddl": ddl}, headers={**HX, "If-Match": "1"}
    ).get_data(as_text=True)
    assert 'id="schema" class="schema" hx-swap-oob="true"' in body
    assert "<h4>users</h4>" in body
    assert "Key: <code>id</code>" in body
    assert "<code>email</code> (unique)" in body
    assert "Line 2:" in body


def test_the_database_panel_reads_a_pg_dump_and_lists_what_it_skipped(web):
    """pg_dump's schema: its keys come as ALTER TABLE, around SET lines and OWNER TO. The panel shows
    every table keyed and one quiet line of what was skipped, not thirty errors."""
    session_id = start(web)
    dump = (Path(__file__).parent / "data" / "ddl" / "chat.pg_dump.sql").read_text()
    body = web.post(
        f"/s/{session_id}/panels/database", data={"ddl": dump}, headers={**HX, "If-Match": "1"}
    ).get_data(as_text=True)
    assert "no primary key" not in body and 'class="error"' not in body
    assert body.count("<h4>") == 4 and "Key: <code>chat_id, user_id</code>" in body
    assert (
        "Skipped 18 statements that shape no table: SET ×11, SELECT, CREATE SCHEMA, ALTER SCHEMA, ALTER TABLE ×4."
        in body
    )


def test_the_database_panel_shows_the_first_ten_errors_and_counts_the_rest(web):
    """10,000 unreadable statements were 10,000 lines of HTML in every answer to a keystroke."""
    session_id = start(web)
    body = web.post(
        f"/s/{session_id}/panels/database",
        data={"ddl": "CREATE TABLE ok (id INT PRIMARY KEY);\n" + "oops;\n" * 50},
        headers={**HX, "If-Match": "1"},
    ).get_data(as_text=True)
    assert body.count('<p class="error">Line ') == 10
    assert "Line 2: not a statement read here" in body and "Line 12:" not in body
    assert "…and 40 more statements that could not be read." in body
    assert "<h4>ok</h4>" in body


def test_the_database_panel_reads_dbml_pasted_from_dbdiagram(web):
    session_id = start(web)
    dbml = "Table users {\n  id bigint [pk]\n  email varchar [unique]\n}\nTable <b>x {\n  a int [pk\n}"
    body = web.post(
        f"/s/{session_id}/panels/database",
        data={"ddl": "Table users {\n  id bigint [pk]\n  email varchar [unique]\n}"},
        headers={**HX, "If-Match": "1"},
    ).get_data(as_text=True)
    assert (
        "<h4>users</h4>" in body and "Key: <code>id</code>" in body and "<code>email</code> (unique)" in body
    )
    body = web.post(
        f"/s/{session_id}/panels/database", data={"ddl": dbml}, headers={**HX, "If-Match": "2"}
    ).get_data(as_text=True)
    assert "DBML:" in body and "Line 5:" in body and "<b>x" not in body  # its error, at its line, escaped


def test_adding_and_removing_rows(web):
    session_id = start(web)
    body = web.post(
        f"/s/{session_id}/panels/api",
        data={"-0-method": "POST", "-0-path": "/v1/messages", "action": "add", "list": ""},
        headers={**HX, "If-Match": "1"},
    ).get_data(as_text=True)
    assert body.count('class="row endpoint"') == 2  # the saved row and a new blank one
    web.post(
        f"/s/{session_id}/panels/api",
        data={
            "-0-method": "POST",
            "-0-path": "/v1/a",
            "-1-method": "GET",
            "-1-path": "/v1/b",
            "action": "remove",
            "list": "",
            "index": "0",
        },
        headers={**HX, "If-Match": "2"},
    )
    assert [e["path"] for e in stored(web, session_id)["panels"]["api"]] == ["/v1/b"]


@pytest.mark.parametrize("target, index", [("", "0"), ("questions", "5"), ("nope", "0")])
def test_a_remove_naming_a_list_the_panel_does_not_have_removes_nothing(web, target, index):
    # a hand-made form: the panel of fields has no list "" (it used to fail with a 500)
    session_id = start(web)
    response = web.post(
        f"/s/{session_id}/panels/requirements",
        data={"functional": "Send", "action": "remove", "list": target, "index": index},
        headers={**HX, "If-Match": "1"},
    )
    assert response.status_code == 200
    assert stored(web, session_id)["panels"]["requirements"]["functional"] == ["Send"]


def test_a_stale_panel_save_gets_409_showing_both_versions(web):
    session_id = start(web)
    web.post(
        f"/s/{session_id}/panels/requirements", data={"functional": "Theirs"}, headers={**HX, "If-Match": "1"}
    )
    response = web.post(
        f"/s/{session_id}/panels/requirements", data={"functional": "Mine"}, headers={**HX, "If-Match": "1"}
    )
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 409
    assert response.headers["X-Revision"] == "2"
    assert "Functional requirements\n  Mine" in body.split('class="mine"')[1].split("</pre>")[0]
    assert "Functional requirements\n  Theirs" in body.split('class="theirs"')[1].split("</pre>")[0]
    # in words, not JSON nor headers: what differs, and nothing about If-Match
    assert "Functional requirements: yours has “Mine”; the saved version doesn’t." in body
    assert "If-Match" not in body and "{" not in body.split('class="versions"')[1]
    assert stored(web, session_id)["panels"]["requirements"]["functional"] == ["Theirs"]


def test_an_oversize_field_is_refused_naming_it_and_nothing_saved_is_lost(web):
    session_id = start(web)
    web.post(f"/s/{session_id}/panels/wrap_up", data={"summary": "Good"}, headers={**HX, "If-Match": "1"})
    response = web.post(
        f"/s/{session_id}/panels/wrap_up", data={"summary": "x" * 21_000}, headers={**HX, "If-Match": "2"}
    )
    assert response.status_code == 413
    assert "panels.wrap_up.summary" in response.get_data(as_text=True)
    assert stored(web, session_id)["panels"]["wrap_up"]["summary"] == "Good"


def test_board_forms_add_connect_and_delete(web):
    session_id = start(web)
    web.post(f"/s/{session_id}/board/nodes", data={"kind": "client", "label": "Phone"}, headers=HX)
    web.post(
        f"/s/{session_id}/board/nodes",
        data={"kind": "load_balancer", "label": "LB", "replicas": "2"},
        headers=HX,
    )
    body = web.post(
        f"/s/{session_id}/board/edges",
        data={"source": "phone", "target": "lb", "label": "HTTPS", "mode": "sync"},
        headers=HX,
    ).get_data(as_text=True)
    assert "Phone → LB" in body
    board = stored(web, session_id)["board"]
    assert [n["data"]["id"] for n in board["nodes"]] == ["phone", "lb"]
    assert board["nodes"][1]["data"]["replicas"] == 2
    assert board["edges"][0]["data"] == {
        "id": "phone-lb",
        "source": "phone",
        "target": "lb",
        "label": "HTTPS",
        "mode": "sync",
    }
    web.post(f"/s/{session_id}/board/elements/phone/delete", headers=HX)
    board = stored(web, session_id)["board"]
    assert [n["data"]["id"] for n in board["nodes"]] == ["lb"] and board["edges"] == []


@pytest.mark.parametrize(
    "form, message",
    [
        ({"kind": "mainframe"}, "choose a component kind"),
        ({"kind": "cache", "replicas": "two"}, "expected a whole number of at least 1, got &#39;two&#39;"),
        ({"kind": "cache", "replicas": "0"}, "expected a whole number"),
    ],
)
def test_bad_board_form_input_is_refused_with_the_field(web, form, message):
    session_id = start(web)
    response = web.post(f"/s/{session_id}/board/nodes", data=form, headers=HX)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert stored(web, session_id)["board"]["nodes"] == []


def test_connecting_to_a_missing_box_is_refused(web):
    session_id = start(web)
    web.post(f"/s/{session_id}/board/nodes", data={"kind": "client"}, headers=HX)
    response = web.post(
        f"/s/{session_id}/board/edges", data={"source": "client", "target": "ghost"}, headers=HX
    )
    assert response.status_code == 422
    assert "no node has the id &#39;ghost&#39;" in response.get_data(as_text=True)


def test_script_in_labels_and_panels_is_shown_as_text(web):
    session_id = start(web)
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    web.post(f"/s/{session_id}/board/nodes", data={"kind": "service", "label": evil}, headers=HX)
    web.post(
        f"/s/{session_id}/panels/requirements", data={"functional": evil}, headers={**HX, "If-Match": "2"}
    )
    page = web.get(f"/s/{session_id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The board's JSON for the whiteboard is escaped for a <script> block too.
    data = page.split('id="board-data">')[1].split("</script>")[0]
    assert "\\u003cscript\\u003e" in data
    assert json.loads(data)["nodes"][0]["data"]["label"] == evil


def test_revisions_list_view_and_restore(web):
    session_id = start(web)
    web.post(
        f"/s/{session_id}/panels/requirements", data={"functional": "First"}, headers={**HX, "If-Match": "1"}
    )
    web.post(
        f"/s/{session_id}/panels/requirements", data={"functional": "Second"}, headers={**HX, "If-Match": "2"}
    )
    listing = web.get(f"/s/{session_id}/revisions").get_data(as_text=True)
    assert listing.count("Revision ") >= 3
    # each revision says what it changed against the one before
    assert "<li>Functional requirements: added “Second”.</li>" in listing
    assert "<li>Functional requirements: removed “First”.</li>" in listing
    old = web.get(f"/s/{session_id}/revisions/2").get_data(as_text=True)
    assert "First" in old and "Restore this revision" in old
    assert (
        "What changed since revision 1" in old and "<li>Functional requirements: added “First”.</li>" in old
    )
    web.post(f"/s/{session_id}/revisions/2/restore", data={"revision": "3"})
    session = stored(web, session_id)
    assert session["panels"]["requirements"]["functional"] == ["First"]
    assert session["meta"]["revision"] == 4


def test_step_change_records_time_and_pushes_the_url(web):
    session_id = start(web)
    response = web.post(f"/s/{session_id}/steps", data={"step": "api"}, headers=HX)
    body = response.get_data(as_text=True)
    assert response.headers["HX-Push-Url"] == f"/s/{session_id}?step=api"
    assert 'id="panel"' in body and "Define system interface" in body
    assert 'id="rail"' in body and 'hx-swap-oob="true"' in body
    assert [s["step"] for s in stored(web, session_id)["steps"]] == ["requirements", "api"]


def test_a_long_sessions_rail_carries_step_totals_not_every_step_change(web):
    # 9,999 step changes (the file's limit is 10,000): each step change re-sent all of them to the
    # page (~620 KB); the clocks need only the totals up to the last change and the step it opened.
    steps = [{"step": ("requirements", "estimates", "api")[i % 3], "at": i * 2} for i in range(9_999)]
    session = {
        "format": "designer.session/1",
        "problem": {"id": "chat-app"},
        "board": {"nodes": [], "edges": []},
        "steps": steps,
    }
    session_id = web.post("/api/sessions", json=session).get_json()["id"]
    response = web.post(f"/s/{session_id}/steps", data={"step": "estimates"}, headers=HX)
    rail = response.get_data(as_text=True).split('id="rail"')[1].split("</nav>")[0]
    assert len(rail) < 12_000, len(rail)
    recorded = stored(web, session_id)["steps"]
    assert len(recorded) == 10_000
    last = recorded[-1]
    assert f'data-open-step="estimates" data-open-since="{last["at"]}' in rail
    closed = {m[0]: float(m[1]) for m in re.findall(r'data-step="(\w+)"[^>]*data-closed="([\d.]+)"', rail)}
    # 3,333 stays of 2 s in each of the three steps, the last api one ending when estimates opened
    assert closed["requirements"] == closed["estimates"] == 3_333 * 2
    assert closed["api"] == pytest.approx(3_332 * 2 + last["at"] - 9_998 * 2)
    assert closed["database"] == 0


def test_a_step_url_serves_a_full_page_and_varies_on_hx_request(web):
    session_id = start(web)
    response = web.get(f"/s/{session_id}?step=database")
    assert "HX-Request" in response.headers["Vary"]
    body = response.get_data(as_text=True)
    assert "<html" in body and "SQL DDL" in body


def test_download_is_a_valid_session_file(web):
    session_id = start(web)
    web.post(f"/s/{session_id}/board/nodes", data={"kind": "client"}, headers=HX)
    response = web.get(f"/s/{session_id}/download")
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["format"] == "designer.session/1"
    assert data["board"]["nodes"][0]["data"]["kind"] == "client"
    assert len(data["history"]) == 2


def test_import_a_file_starts_a_session_and_errors_name_the_path(web, chat_session_file):
    good = io.BytesIO(json.dumps(chat_session_file).encode())
    response = web.post("/sessions/import", data={"file": (good, "s.json")})
    assert response.status_code == 303
    session_id = response.headers["Location"].rsplit("/", 1)[1]
    assert len(stored(web, session_id)["board"]["nodes"]) == len(chat_session_file["board"]["nodes"])

    chat_session_file["board"]["nodes"][2]["data"]["kind"] = "mainframe"
    bad = io.BytesIO(json.dumps(chat_session_file).encode())
    response = web.post("/sessions/import", data={"file": (bad, "s.json")})
    assert response.status_code == 422
    assert "<code>board.nodes[2].data.kind</code>" in response.get_data(as_text=True)

    response = web.post("/sessions/import", data={"file": (io.BytesIO(b"{oops"), "s.json")})
    assert response.status_code == 422
    assert "s.json is not valid JSON" in response.get_data(as_text=True)


def test_submit_makes_the_workspace_read_only(web):
    session_id = start(web)
    web.post(f"/s/{session_id}/submit")
    page = web.get(f"/s/{session_id}").get_data(as_text=True)
    assert "was submitted" in page
    assert "Add component" not in page
    assert 'data-status="submitted"' in page
    response = web.post(
        f"/s/{session_id}/panels/requirements", data={"functional": "late"}, headers={**HX, "If-Match": "1"}
    )
    assert response.status_code == 409
    assert "read-only" in response.get_data(as_text=True)


def test_an_unknown_session_is_404_with_its_id(web):
    response = web.get("/s/missing")
    assert response.status_code == 404
    assert "Session missing doesn&#39;t exist." in response.get_data(as_text=True)


def test_a_diagram_upload_asks_to_confirm_kinds_then_creates_the_session(web):
    diagram = b"flowchart LR\n  u([Users]) --> lb{nginx} -->|HTTPS| db[(Orders)]\n"
    page = web.post("/sessions/import", data={"file": (io.BytesIO(diagram), "design.mmd")})
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "What is each box?" in body
    assert "3 boxes and 2 arrows were read from" in body
    assert 'action="/sessions/import/confirm"' in body  # the form posts where the next step is
    assert 'aria-label="Kind of nginx"' in body and "the label says “nginx”" in body
    board = html.unescape(body.split('name="board" value="')[1].split('"')[0])
    response = web.post(
        "/sessions/import/confirm",
        data={"board": board, "kind-db": "nosql_database", "problem": "url-shortener", "mode": "interview"},
    )
    assert response.status_code == 303
    session_id = response.headers["Location"].split("/s/")[1].split("?")[0]
    session = stored(web, session_id)
    assert {n["data"]["id"]: n["data"]["kind"] for n in session["board"]["nodes"]} == {
        "u": "client",
        "lb": "load_balancer",
        "db": "nosql_database",
    }
    assert session["problem"]["id"] == "url-shortener" and session["meta"]["mode"] == "interview"


def test_a_one_line_mermaid_upload_reads_its_box_and_arrow(web):
    diagram = b"graph TD; u([Users]) -->|HTTPS| api[API]"  # Mermaid's one-line form, ";" for line breaks
    body = web.post("/sessions/import", data={"file": (io.BytesIO(diagram), "one.mmd")}).get_data(
        as_text=True
    )
    assert "2 boxes and 1 arrow were read from" in body
    assert 'aria-label="Kind of Users"' in body and 'aria-label="Kind of API"' in body


def test_an_excalidraw_png_export_uploads_like_any_diagram(web):
    real = Path(__file__).parent / "data" / "excalidraw" / "random-with-scene.png"
    page = web.post("/sessions/import", data={"file": (io.BytesIO(real.read_bytes()), "random.png")})
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "What is each box?" in body
    assert body.count('aria-label="Kind of ') == 3
    photo = web.post("/sessions/import", data={"file": (io.BytesIO(b"\x89PNG\r\n\x1a\n"), "cat.png")})
    assert photo.status_code == 422
    assert "cat.png: this PNG carries no Excalidraw scene" in photo.get_data(as_text=True)


def test_a_bad_diagram_or_a_lost_board_gets_a_message(web):
    bad = web.post("/sessions/import", data={"file": (io.BytesIO(b"sequenceDiagram\n a->>b: x"), "x.mmd")})
    assert bad.status_code == 422
    assert "x.mmd: line 1: this is a &#39;sequenceDiagram&#39; diagram" in bad.get_data(as_text=True)
    lost = web.post("/sessions/import/confirm", data={"board": "{oops"})
    assert lost.status_code == 422
    assert "upload the file again" in lost.get_data(as_text=True)
    wrong_kind = web.post(
        "/sessions/import/confirm",
        data={
            "board": '{"nodes": [{"data": {"id": "a", "kind": "cache"}}], "edges": []}',
            "kind-a": "mainframe",
        },
    )
    assert wrong_kind.status_code == 422
    assert "board.nodes[0].data.kind" in wrong_kind.get_data(as_text=True)


@pytest.mark.parametrize(
    "fmt, marker", [("mmd", "flowchart LR"), ("excalidraw", '"type":"excalidraw"'), ("drawio", "<mxfile")]
)
def test_the_board_exports_to_each_tool_and_reads_back(web, fmt, marker, tmp_path):
    from designer.formats import import_board

    session_id = start(web)
    web.post(f"/s/{session_id}/board/nodes", data={"kind": "client", "label": "Phone"}, headers=HX)
    web.post(f"/s/{session_id}/board/nodes", data={"kind": "cache", "label": "Redis"}, headers=HX)
    web.post(
        f"/s/{session_id}/board/edges",
        data={"source": "phone", "target": "redis", "label": "get", "mode": "async"},
        headers=HX,
    )
    response = web.get(f"/s/{session_id}/board.{fmt}")
    assert f".{fmt}" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert marker in text
    path = tmp_path / f"board.{fmt}"
    path.write_text(text)
    back = import_board(path).board
    assert sorted((n["data"]["label"], n["data"]["kind"]) for n in back["nodes"]) == [
        ("Phone", "client"),
        ("Redis", "cache"),
    ]
    assert [(e["data"]["label"], e["data"]["mode"]) for e in back["edges"]] == [("get", "async")]


def test_the_board_exports_as_an_svg_picture(web):
    session_id = start(web)
    web.post(f"/s/{session_id}/board/nodes", data={"kind": "cache", "label": "<b>Redis</b>"}, headers=HX)
    response = web.get(f"/s/{session_id}/board.svg")
    assert response.headers["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert f'filename="chat-app-{session_id[:8]}.svg"' in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("<svg") and "&lt;b&gt;Redis&lt;/b&gt;" in text and "<b>" not in text


def test_the_board_forms_come_back_only_from_a_change_made_through_them(web):
    # a canvas change brings the forms up to date in the page itself: there is nothing to fetch
    session_id = start(web)
    assert web.get(f"/s/{session_id}/board").status_code == 404
    from_a_form = web.post(f"/s/{session_id}/board/nodes", data={"kind": "cache"}, headers=HX).get_data(
        as_text=True
    )
    assert 'id="board-data">' in from_a_form and '"kind": "cache"' in from_a_form
    # the page keeps a blank delete form for the boxes the canvas adds
    template = from_a_form.split('<template id="board-delete-form">')[1].split("</template>")[0]
    assert f"/s/{session_id}/board/elements/__element__/delete" in template and "csrf_token" in template


def test_an_unknown_export_is_404(web):
    session_id = start(web)
    response = web.get(f"/s/{session_id}/board.vsdx")
    assert response.status_code == 404
    assert "the exports are .mmd, .excalidraw, .drawio, .svg" in response.get_data(as_text=True)


def test_a_diagram_added_to_the_board_keeps_what_was_there(web):
    session_id = start(web)
    web.post(f"/s/{session_id}/board/nodes", data={"kind": "cache", "label": "db"}, headers=HX)  # id "db"
    diagram = b"flowchart LR\n  api[API] --> db[(Orders)]\n"
    page = web.post(f"/s/{session_id}/board/import", data={"file": (io.BytesIO(diagram), "more.mmd")})
    body = page.get_data(as_text=True)
    assert "Add to the whiteboard" in body and 'aria-label="Kind of Orders"' in body
    assert f'action="/s/{session_id}/board/import/confirm"' in body
    board = html.unescape(body.split('name="board" value="')[1].split('"')[0])
    response = web.post(f"/s/{session_id}/board/import/confirm", data={"board": board, "revision": "2"})
    assert response.status_code == 303
    nodes = {
        n["data"]["id"]: (n["data"]["label"], n["data"]["kind"])
        for n in stored(web, session_id)["board"]["nodes"]
    }
    assert nodes == {"db": ("db", "cache"), "api": ("API", "service"), "db-2": ("Orders", "sql_database")}
    edge = stored(web, session_id)["board"]["edges"][0]["data"]
    assert (edge["source"], edge["target"]) == ("api", "db-2")
    stale = web.post(f"/s/{session_id}/board/import/confirm", data={"board": board, "revision": "2"})
    assert stale.status_code == 409


class _FormFields(HTMLParser):
    """The name → value of every field in a page's panel form, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields, self.inside, self.textarea = {}, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "panel-form" in (attrs.get("class") or ""):
            self.inside = True
        elif self.inside and tag == "input" and attrs.get("name") and attrs.get("type") != "submit":
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self.inside and tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.inside = False


UNKNOWN = {"from_tool": {"id": 7, "tags": ["x"]}}
PANELS_WITH_UNKNOWN_KEYS = {
    "requirements": {
        "functional": ["Send"],
        "questions": [{"question": "Group size?", "answer": "100", **UNKNOWN}],
        **UNKNOWN,
    },
    "estimates": [{"name": "dau", "expr": "50M", "unit": "", "stated": "", **UNKNOWN}],
    "api": [{"method": "POST", "path": "/v1/messages", "purpose": "send", **UNKNOWN}],
    "database": {"choice": "Cassandra", **UNKNOWN},
    "detailed": [{"topic": "Ordering", "notes": "per chat", **UNKNOWN}],
    "scale": {"bottlenecks": [{"problem": "hot chats", "fix": "shard", **UNKNOWN}], **UNKNOWN},
    "wrap_up": {"summary": "ok", **UNKNOWN},
}


@pytest.mark.parametrize("step", list(PANELS_WITH_UNKNOWN_KEYS))
def test_editing_a_panel_keeps_the_keys_its_form_does_not_show(web, chat_session_file, step):
    """The session format keeps keys it doesn't know; a form that can't show them must not drop them."""
    session = {
        **chat_session_file,
        "panels": {**chat_session_file["panels"], step: PANELS_WITH_UNKNOWN_KEYS[step]},
    }
    session_id = web.post("/api/sessions", json=session).get_json()["id"]
    parser = _FormFields()
    parser.feed(web.get(f"/s/{session_id}?step={step}").get_data(as_text=True))
    fields = parser.fields
    edited = next(
        name
        for name in fields
        if name.endswith(("-path", "-name", "-topic", "-fix", "-question", "choice", "summary"))
    )
    fields[edited] = fields[edited] + " (edited)"
    saved = web.post(f"/s/{session_id}/panels/{step}", data=fields, headers=HX)
    assert saved.status_code == 200, saved.get_data(as_text=True)[:300]
    panel = stored(web, session_id)["panels"][step]
    text = json.dumps(panel)
    assert "(edited)" in text
    rows = (
        panel
        if isinstance(panel, list)
        else next((v for v in panel.values() if isinstance(v, list) and v and isinstance(v[0], dict)), [])
    )
    for row in rows:
        assert row["from_tool"] == UNKNOWN["from_tool"]
    if isinstance(panel, dict):
        assert panel["from_tool"] == UNKNOWN["from_tool"]


def test_the_board_as_a_list_names_each_boxs_zone(web):
    session_id = start(web)
    board = {
        "nodes": [
            {
                "data": {"id": "api", "kind": "service", "label": "API", "parent": "az"},
                "position": {"x": 0, "y": 0},
            },
            {"data": {"id": "web", "kind": "client", "label": "Web"}, "position": {"x": 0, "y": 0}},
        ],
        "edges": [],
        "zones": [{"data": {"id": "az", "label": "<AZ a>", "kind": "availability_zone"}}],
    }
    saved = web.put(
        f"/api/sessions/{session_id}/board",
        json=board,
        headers={"If-Match": str(stored(web, session_id)["meta"]["revision"])},
    )
    assert saved.status_code == 200, saved.get_data(as_text=True)
    page = web.get(f"/s/{session_id}?step=high_level").get_data(as_text=True)
    assert "Board as a list (2 components, 0 arrows, 1 zone)" in page
    assert "(Service, in &lt;AZ a&gt;)" in page  # escaped, as everything typed
    assert "(Client)" in page


def test_the_database_panel_shows_ddl_nested_past_reading_as_an_error(web):
    session_id = start(web)
    ddl = "CREATE TABLE users (id BIGINT PRIMARY KEY);\nCREATE TABLE t (a INT DEFAULT " + "( " * 10_000 + ");"
    response = web.post(
        f"/s/{session_id}/panels/database", data={"ddl": ddl}, headers={**HX, "If-Match": "1"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<h4>users</h4>" in body and "Line 2:" in body


def test_a_panel_form_over_the_panels_size_says_so_and_keeps_what_was_saved(web):
    session_id = start(web)
    kept = web.post(
        f"/s/{session_id}/panels/requirements",
        data={"functional": "Send messages"},
        headers={**HX, "If-Match": "1"},
    )
    assert kept.status_code == 200
    response = web.post(
        f"/s/{session_id}/panels/requirements",
        data={"functional": "\n".join(["Send messages " * 1_000] * 6)},
        headers={**HX, "If-Match": "2"},
    )
    assert response.status_code == 413
    assert "it may hold at most 65,536" in response.get_data(as_text=True)
    assert web.get(f"/api/sessions/{session_id}").get_json()["panels"]["requirements"]["functional"] == [
        "Send messages"
    ]


def test_an_obsidian_drawing_uploads_like_any_diagram_and_other_markdown_is_refused_by_name(web):
    data = Path(__file__).parent / "data" / "excalidraw"
    drawing = (data / "jetbrains-plugin-demo.obsidian-compressed.excalidraw.md").read_bytes()
    body = web.post("/sessions/import", data={"file": (io.BytesIO(drawing), "demo.excalidraw.md")}).get_data(
        as_text=True
    )
    assert "8 boxes and 3 arrows were read from" in body
    refused = web.post("/sessions/import", data={"file": (io.BytesIO(b"# Notes\n"), "notes.md")})
    assert refused.status_code == 422
    assert "notes.md: this Markdown file holds no Excalidraw drawing" in html.unescape(
        refused.get_data(as_text=True)
    )
