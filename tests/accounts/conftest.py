"""A cast for the access tests: one account per role, and sessions each of them has a relation to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

PASSWORD = "correct horse battery"


def sign_in(app, email: str):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


@dataclass
class Cast:
    app: object
    clients: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)
    link: str = ""


@pytest.fixture
def cast(app):
    """admin, interviewer, other_interviewer, instructor, candidate (signed in), visitor (not),
    the interview's candidate (a browser that opened the link); sessions: ``interview`` (from the
    interviewer's link), ``owned`` (the signed-in candidate's practice), ``unlisted`` (a visitor's
    practice, open by its link)."""
    accounts = app.extensions["designer.accounts"]
    out = Cast(app)
    for role_name, role in [
        ("admin", "admin"),
        ("interviewer", "interviewer"),
        ("other_interviewer", "interviewer"),
        ("instructor", "instructor"),
        ("candidate", "candidate"),
    ]:
        user = accounts.add(f"{role_name}@example.com", PASSWORD, role, role_name.replace("_", " ").title())
        out.ids[role_name] = user.id
        out.clients[role_name] = sign_in(app, f"{role_name}@example.com")
    out.clients["visitor"] = app.test_client()
    out.clients["interview_candidate"] = app.test_client()

    page = out.clients["interviewer"].post(
        "/interviews",
        data={"problem": "chat-app", "rubric": "chat-app", "duration_minutes": "45", "candidate_name": "Ada"},
    )
    assert page.status_code == 200, page.get_data(as_text=True)
    out.link = re.search(r'id="candidate-link" readonly value="([^"]+)"', page.get_data(as_text=True)).group(
        1
    )
    path = out.link.split("localhost", 1)[1]
    started = out.clients["interview_candidate"].post(path)
    assert started.status_code == 303, started.get_data(as_text=True)
    out.sessions["interview"] = started.headers["Location"].split("/s/")[1]

    owned = out.clients["candidate"].post("/sessions", data={"problem": "url-shortener"})
    out.sessions["owned"] = owned.headers["Location"].split("/s/")[1]
    unlisted = out.clients["visitor"].post("/sessions", data={"problem": "news-feed"})
    out.sessions["unlisted"] = unlisted.headers["Location"].split("/s/")[1]
    return out
