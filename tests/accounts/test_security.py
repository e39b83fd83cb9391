"""CSRF, sign-in (rate limit, safe redirects, no account enumeration), the CSP, JSON-only API writes."""

from __future__ import annotations

import re

import pytest

from app import create_app
from tests.accounts.conftest import PASSWORD
from tests.conftest import make_app, redis_or_skip


@pytest.fixture
def strict_app(database_url, tmp_path, monkeypatch):
    """The app as it runs for real: CSRF on, the login limit low enough to reach in a test."""
    monkeypatch.setenv("DESIGNER_INSTANCE", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "strict",
            "FAST_PASSWORD_HASHES": True,
            "LOGIN_RATE_LIMIT": "3 per minute",
        }
    )
    app.extensions["designer.accounts"].add("iv@example.com", PASSWORD, "interviewer", "Ivy")
    yield app
    app.extensions["designer.store"].engine.dispose()


def token_of(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def test_a_form_without_the_csrf_token_is_refused(strict_app):
    client = strict_app.test_client()
    assert client.post("/sessions", data={"problem": "chat-app"}).status_code == 400
    token = token_of(client.get("/").get_data(as_text=True))
    assert client.post("/sessions", data={"problem": "chat-app", "csrf_token": token}).status_code == 303


def test_htmx_requests_carry_the_token_in_a_header(strict_app):
    client = strict_app.test_client()
    token = token_of(client.get("/").get_data(as_text=True))
    started = client.post("/sessions", data={"problem": "chat-app", "csrf_token": token})
    session_id = started.headers["Location"].split("/s/")[1]
    page = client.get(f"/s/{session_id}").get_data(as_text=True)
    # the signed form of the token carries a timestamp: compare within one page, not across pages
    token = token_of(page)
    assert f'hx-headers=\'{{"X-CSRFToken": "{token}"}}\'' in page
    hx = {"HX-Request": "true", "If-Match": "1"}
    assert client.post(f"/s/{session_id}/board/nodes", data={"kind": "cache"}, headers=hx).status_code == 400
    ok = client.post(
        f"/s/{session_id}/board/nodes", data={"kind": "cache"}, headers={**hx, "X-CSRFToken": token}
    )
    assert ok.status_code == 200


def test_api_writes_must_be_json(strict_app):
    client = strict_app.test_client()
    form = client.post("/api/sessions", data={"problem": "chat-app"})
    assert form.status_code == 415 and "application/json" in form.get_json()["error"]
    plain = client.post("/api/sessions", data='{"problem": "chat-app"}', content_type="text/plain")
    assert plain.status_code == 415
    assert client.post("/api/sessions", json={"problem": "chat-app"}).status_code == 201


def sign_in(client, password=PASSWORD, next_url=""):
    token = token_of(client.get("/login").get_data(as_text=True))
    return client.post(
        "/login",
        data={"email": "IV@example.com ", "password": password, "next": next_url, "csrf_token": token},
    )


@pytest.mark.parametrize(
    "next_url, lands",
    [
        ("/sessions?status=open", "/sessions?status=open"),
        ("https://evil.example/x", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_sign_in_goes_back_only_to_this_site(strict_app, next_url, lands):
    response = sign_in(strict_app.test_client(), next_url=next_url)
    assert response.status_code == 303 and response.headers["Location"] == lands


def test_a_wrong_password_says_nothing_about_which_part_and_is_rate_limited(strict_app):
    client = strict_app.test_client()
    wrong = sign_in(client, password="not it at all")
    assert wrong.status_code == 401
    assert "don&#39;t match an active account" in wrong.get_data(as_text=True)
    token = token_of(client.get("/login").get_data(as_text=True))
    unknown = client.post(
        "/login", data={"email": "nobody@example.com", "password": "x", "csrf_token": token}
    )
    assert unknown.status_code == 401 and "don&#39;t match an active account" in unknown.get_data(
        as_text=True
    )
    assert sign_in(client, password="still wrong").status_code == 401
    limited = sign_in(client)
    assert limited.status_code == 429  # the fourth attempt in a minute, right password or not
    assert limited.headers["Retry-After"] == "60"
    assert "Too many sign-in attempts" in limited.get_data(as_text=True)
    # the refusal happens before the password is checked: no session cookie signs this browser in
    assert client.get("/sessions").status_code == 302


def _sign_in_from(app, address: str, email: str, password: str = PASSWORD):
    client = app.test_client()
    where = {"REMOTE_ADDR": address}
    token = token_of(client.get("/login", environ_base=where).get_data(as_text=True))
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}, environ_base=where
    )


def test_the_sign_in_limit_counts_attempts_per_address_and_per_account(strict_app):
    strict_app.extensions["designer.accounts"].add("other@example.com", PASSWORD, "candidate", "O")
    here = strict_app.test_client()
    for _ in range(3):
        sign_in(here, password="not it at all")
    assert sign_in(here).status_code == 429  # this address is over
    assert _sign_in_from(strict_app, "10.0.0.9", "other@example.com").status_code == 303  # not others
    # the account tried three times is over too, from any address: guessing from many addresses fails
    assert _sign_in_from(strict_app, "10.0.0.10", "iv@example.com").status_code == 429


def _answers_from_two_workers(database_url, tmp_path, **config) -> list[int]:
    """Three failed sign-ins, sent in turn to two app instances (two gunicorn workers) on one
    database, with a limit of 2 a minute: the statuses they answer."""
    workers = [
        make_app(database_url, tmp_path / f"w{i}", LOGIN_RATE_LIMIT="2 per minute", **config)
        for i in range(2)
    ]
    try:
        return [
            workers[i % 2]
            .test_client()
            .post("/login", data={"email": "x@example.com", "password": "nope"})
            .status_code
            for i in range(3)
        ]
    finally:
        for app in workers:
            app.extensions["designer.store"].engine.dispose()


def test_without_redis_every_worker_counts_sign_ins_together_in_the_database(database_url, tmp_path):
    assert _answers_from_two_workers(database_url, tmp_path) == [401, 401, 429]


def test_signing_in_renews_the_session_but_keeps_this_browsers_sessions(strict_app):
    client = strict_app.test_client()
    token = token_of(client.get("/").get_data(as_text=True))
    started = client.post("/sessions", data={"problem": "chat-app", "csrf_token": token})
    session_id = started.headers["Location"].split("/s/")[1]
    with client.session_transaction() as before:
        raw_token = before["csrf_token"]  # the secret the signed tokens carry (theirs also hold a time)
    sign_in(client)
    client.get("/")
    with client.session_transaction() as after:
        assert after["csrf_token"] != raw_token
    assert session_id in client.get("/").get_data(as_text=True)


def test_every_page_sends_a_csp_without_inline_scripts(strict_app):
    client = strict_app.test_client()
    sign_in(client)
    token = token_of(client.get("/").get_data(as_text=True))
    started = client.post("/sessions", data={"problem": "chat-app", "csrf_token": token})
    session_id = started.headers["Location"].split("/s/")[1]
    for url in (
        "/",
        "/login",
        "/sessions",
        "/interviews",
        f"/s/{session_id}",
        f"/s/{session_id}/report",
        f"/s/{session_id}/review",
        f"/s/{session_id}/revisions",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        page = response.get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"\son[a-z]+\s*=", page), url  # no inline event handlers
        assert "hx-on" not in page and "javascript:" not in page, url


def test_cookies_are_http_only_and_same_site(strict_app):
    client = strict_app.test_client()
    response = client.get("/login")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_cookies_are_secure_behind_https(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DESIGNER_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("DESIGNER_HTTPS", "1")
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "s"})
    assert "Secure" in app.test_client().get("/login").headers["Set-Cookie"]
    app.extensions["designer.store"].engine.dispose()


def test_with_redis_the_sign_in_limit_is_shared_by_every_worker(database_url, tmp_path, monkeypatch):
    """Two app instances (two gunicorn workers) count sign-in attempts together in Redis."""
    import uuid

    url = "redis://127.0.0.1:6379/0"
    redis_or_skip(url)
    monkeypatch.setenv("DESIGNER_REDIS_URL", url)
    prefix = f"designer-test-{uuid.uuid4().hex}"  # our own, so other runs' counts don't touch ours
    assert _answers_from_two_workers(database_url, tmp_path, RATELIMIT_KEY_PREFIX=prefix) == [401, 401, 429]


def _cookie_of(client) -> str:
    return client.get_cookie("session").value


def _with_cookie(app, value: str):
    copy = app.test_client()
    copy.set_cookie("session", value)
    return copy


def test_signing_out_ends_the_sign_in_wherever_its_cookie_was_copied(strict_app):
    client = strict_app.test_client()
    assert sign_in(client).status_code == 303
    stolen = _cookie_of(client)
    assert _with_cookie(strict_app, stolen).get("/sessions").status_code == 200  # the copy works…
    token = token_of(client.get("/").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert _with_cookie(strict_app, stolen).get("/sessions").status_code == 302  # …until sign-out
    assert sign_in(strict_app.test_client()).status_code == 303  # signing in again still works


def test_a_new_password_or_a_turned_off_account_ends_older_sign_ins(strict_app):
    accounts = strict_app.extensions["designer.accounts"]
    user = accounts.by_email("iv@example.com")
    for change in (
        lambda: accounts.set_password(user.id, "another long password"),
        lambda: accounts.set_active(user.id, False),
    ):
        accounts.set_password(user.id, PASSWORD)
        accounts.set_active(user.id, True)
        client = strict_app.test_client()
        assert sign_in(client).status_code == 303
        assert client.get("/sessions").status_code == 200
        change()
        assert client.get("/sessions").status_code == 302


def test_the_session_cookie_stays_under_4_kb_however_many_sessions_a_browser_starts(strict_app):
    """Browsers drop a cookie over 4 KB and keep the old one: the newest session would be lost."""
    client = strict_app.test_client()
    assert sign_in(client).status_code == 303  # signed in: the cookie holds the most besides grants
    token = token_of(client.get("/").get_data(as_text=True))
    newest = None
    for _ in range(250):
        started = client.post("/sessions", data={"problem": "chat-app", "csrf_token": token})
        newest = started.headers["Location"].split("/s/")[1]
        assert len(_cookie_of(client)) < 4000
    with client.session_transaction() as held:
        assert held["granted"][0] == newest
