"""The admin's page, a watcher's read-only workspace, and expired links on the welcome page."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from designer.models import InterviewRow, utcnow


def test_the_admin_adds_accounts_changes_roles_and_turns_them_off(cast, app):
    admin = cast.clients["admin"]
    added = admin.post(
        "/admin/users", data={"email": "New@Example.com", "password": "long enough pw", "role": "instructor"}
    )
    assert added.status_code == 303
    accounts = app.extensions["designer.accounts"]
    user = accounts.by_email("new@example.com")
    assert user.role == "instructor"
    admin.post(f"/admin/users/{user.id}", data={"role": "interviewer"})
    assert accounts.get(user.id).role == "interviewer"
    admin.post(f"/admin/users/{user.id}", data={"active": "0"})
    assert accounts.authenticate("new@example.com", "long enough pw") is None  # turned off: no sign-in
    bad = admin.post("/admin/users", data={"email": "not-an-email", "password": "long enough pw"})
    assert bad.status_code == 422 and "is not an email address" in bad.get_data(as_text=True)
    own = admin.post(f"/admin/users/{cast.ids['admin']}", data={"active": "0"})
    assert own.status_code == 422 and "can&#39;t turn off your own account" in own.get_data(as_text=True)
    last = admin.post(f"/admin/users/{cast.ids['admin']}", data={"role": "candidate"})
    assert last.status_code == 422 and "last admin" in last.get_data(as_text=True)
    page = admin.get("/admin/users").get_data(as_text=True)
    assert "new@example.com" in page and 'aria-label="Role of new@example.com"' in page


def test_a_turned_off_account_is_signed_out_on_its_next_request(cast, app):
    interviewer = cast.clients["interviewer"]
    assert interviewer.get("/interviews").status_code == 200
    app.extensions["designer.accounts"].set_active(cast.ids["interviewer"], False)
    assert interviewer.get("/interviews").status_code == 302


def test_a_watcher_gets_the_workspace_read_only(cast):
    sid = cast.sessions["interview"]
    page = cast.clients["interviewer"].get(f"/s/{sid}").get_data(as_text=True)
    assert 'data-editable="0"' in page and "only its candidate can change it" in page
    assert "Submit" not in page and 'hx-post="/s/' not in page.split('id="rail"')[1].split("</nav>")[0]
    own = cast.clients["interview_candidate"].get(f"/s/{sid}").get_data(as_text=True)
    assert 'data-editable="1"' in own and "only its candidate" not in own


def test_an_expired_link_says_so_on_the_welcome_page(cast, store):
    page = cast.clients["interviewer"].post(
        "/interviews", data={"problem": "chat-app", "candidate_name": "Late"}
    )
    link = (
        page.get_data(as_text=True)
        .split('id="candidate-link" readonly value="http://localhost')[1]
        .split('"')[0]
    )
    table = InterviewRow.__table__
    with store.engine.begin() as conn:
        conn.execute(
            update(table)
            .where(table.c.candidate_name == "Late")
            .values(expires_at=utcnow() - timedelta(hours=1))
        )
    response = cast.app.test_client().get(link)
    assert response.status_code == 410 and "has expired" in response.get_data(as_text=True)
