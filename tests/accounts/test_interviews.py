"""Candidate links: signed, expiring, single-use; the welcome page does not use them up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from designer.errors import SessionFormatError
from designer.interviews import Interviews, LinkError
from designer.models import InterviewRow, utcnow


@pytest.fixture
def interviews(app, store):
    accounts = app.extensions["designer.accounts"]
    interviewer = accounts.add("iv@example.com", "long enough pw", "interviewer")
    return Interviews(store.engine, store, "secret"), interviewer.id


def test_a_link_starts_one_session_only(interviews, store):
    service, interviewer = interviews
    interview = service.schedule(interviewer, "chat-app", "chat-app", 60, "Ada")
    token = service.token(interview)
    row = service.join(token)
    assert (row.mode, row.duration_minutes, row.candidate, row.interview_id, row.rubric_id) == (
        "interview",
        60,
        "Ada",
        interview.id,
        "chat-app",
    )
    assert service.get(interview.id).session_id == row.id
    with pytest.raises(LinkError, match="already used"):
        service.join(token)
    assert store.count() == 1


def test_an_altered_or_foreign_link_is_refused(interviews):
    service, interviewer = interviews
    token = service.token(service.schedule(interviewer, "chat-app", "chat-app", 45))
    with pytest.raises(LinkError, match="cut short or altered"):
        service.join(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    other_app = Interviews(service.engine, service.sessions, "another secret")
    with pytest.raises(LinkError, match="altered"):
        other_app.join(token)


def test_an_expired_link_is_refused(interviews):
    service, interviewer = interviews
    interview = service.schedule(interviewer, "chat-app", "chat-app", 45)
    with service.engine.begin() as conn:
        conn.execute(
            update(InterviewRow.__table__)
            .where(InterviewRow.__table__.c.id == interview.id)
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
    with pytest.raises(LinkError, match="expired"):
        service.join(service.token(interview))


def test_scheduling_names_every_bad_field(interviews):
    service, interviewer = interviews
    with pytest.raises(SessionFormatError) as caught:
        service.schedule(interviewer, "chess", "nope", 5, valid_days=90)
    assert [e.path for e in caught.value.errors] == ["problem", "rubric", "duration_minutes", "valid_days"]


def test_the_welcome_page_leaves_the_link_unused_and_start_uses_it(cast):
    path = cast.link.split("localhost", 1)[1]
    # the cast's candidate already started; a fresh interview shows the full flow
    page = cast.clients["interviewer"].post(
        "/interviews", data={"problem": "url-shortener", "candidate_name": "Bo"}
    )
    link = page.get_data(as_text=True).split('id="candidate-link" readonly value="')[1].split('"')[0]
    fresh = link.split("localhost", 1)[1]
    browser = cast.app.test_client()
    for _ in range(2):  # a link preview, then the candidate
        welcome = browser.get(fresh)
        assert welcome.status_code == 200 and "Start the interview" in welcome.get_data(as_text=True)
    started = browser.post(fresh)
    assert started.status_code == 303
    again = browser.get(fresh)  # the same browser goes back to its session
    assert again.status_code == 303 and again.headers["Location"] == started.headers["Location"]
    stranger = cast.app.test_client()
    assert stranger.get(fresh).status_code == 410
    assert "already used" in stranger.post(fresh).get_data(as_text=True)
    assert cast.app.test_client().get(path[:-3] + "xyz").status_code == 404


def test_the_interviewer_sees_each_interview_with_its_session(cast):
    page = cast.clients["interviewer"].get("/interviews").get_data(as_text=True)
    assert "Ada" in page and f"/s/{cast.sessions['interview']}/review" in page
    assert '<span class="interview-state">in progress</span>' in page and ">Review / watch</a>" in page
    other = cast.clients["other_interviewer"].get("/interviews").get_data(as_text=True)
    assert "Ada" not in other
    cast.clients["interview_candidate"].post(f"/s/{cast.sessions['interview']}/submit")
    score = cast.app.extensions["designer.store"].get(cast.sessions["interview"]).score
    page = cast.clients["interviewer"].get("/interviews").get_data(as_text=True)
    assert f'<span class="interview-state">submitted · {score:g}/100</span>' in page
    assert ">Review</a>" in page  # nothing left to watch


def test_a_replaced_link_brings_the_candidate_back_once_and_the_old_one_stops(interviews, store):
    service, interviewer = interviews
    interview = service.schedule(interviewer, "chat-app", "chat-app", 45, "Ada")
    old_token = service.token(interview)
    row = service.join(old_token)
    replaced = service.replace_link(interview.id)
    assert replaced.link_generation == 1 and replaced.used_at is None
    with pytest.raises(LinkError, match="replaced by a newer one"):
        service.join(old_token)
    new_token = service.token(replaced)
    assert service.join(new_token).id == row.id  # the same session, not a new one
    with pytest.raises(LinkError, match="already used"):
        service.join(new_token)
    assert store.count() == 1
    store.submit(row.id)
    with pytest.raises(LinkError, match="the interview is over|The interview is over"):
        service.replace_link(interview.id)


def test_the_interviewer_replaces_a_link_from_the_page(cast):
    page = cast.clients["interviewer"].get("/interviews").get_data(as_text=True)
    interview_id = page.split('action="/interviews/')[1].split("/link")[0]
    assert cast.clients["other_interviewer"].post(f"/interviews/{interview_id}/link").status_code == 403
    answer = cast.clients["interviewer"].post(f"/interviews/{interview_id}/link").get_data(as_text=True)
    assert "the earlier link no longer works" in answer
    link = answer.split('id="candidate-link" readonly value="http://localhost')[1].split('"')[0]
    new_browser = cast.app.test_client()
    assert "Continue the interview" in new_browser.get(link).get_data(as_text=True)
    back = new_browser.post(link)
    assert back.headers["Location"] == f"/s/{cast.sessions['interview']}"
    assert new_browser.get(back.headers["Location"]).status_code == 200  # this browser now holds it
    old = cast.link.split("localhost", 1)[1]
    assert "replaced by a newer one" in cast.app.test_client().get(old).get_data(as_text=True)


def test_an_interview_not_started_is_called_off_and_its_link_dies(cast, store):
    interviewer = cast.clients["interviewer"]
    page = interviewer.post(
        "/interviews", data={"problem": "url-shortener", "duration_minutes": "30", "candidate_name": "Bo"}
    ).get_data(as_text=True)
    link = page.split('id="candidate-link" readonly value="http://localhost')[1].split('"')[0]
    listing = interviewer.get("/interviews").get_data(as_text=True)
    cancels = [
        part.split('/cancel"')[0] for part in listing.split('action="/interviews/')[1:] if '/cancel"' in part
    ]
    assert len(cancels) == 1  # Bo's; Ada's was started, so it has a session to delete instead
    interview_id = cancels[0]
    assert cast.clients["other_interviewer"].post(f"/interviews/{interview_id}/cancel").status_code == 403
    assert cast.clients["instructor"].post(f"/interviews/{interview_id}/cancel").status_code == 403
    sessions_before = store.count()
    called_off = interviewer.post(f"/interviews/{interview_id}/cancel")
    assert called_off.status_code == 303
    assert "with Bo on url-shortener is called off" in interviewer.get("/interviews").get_data(as_text=True)
    late = cast.app.test_client()
    assert "the interview was removed" in late.get(link).get_data(as_text=True)
    assert late.post(link).status_code == 410 and store.count() == sessions_before
    assert interviewer.post(f"/interviews/{interview_id}/cancel").status_code == 404


def test_a_started_interview_cant_be_called_off(cast, interviews, store):
    started = store.get(cast.sessions["interview"]).interview_id
    answer = cast.clients["interviewer"].post(f"/interviews/{started}/cancel")
    assert answer.status_code == 409
    assert "delete its session from the review page instead" in answer.get_data(as_text=True)
    assert store.get(cast.sessions["interview"]).interview_id == started
    service, interviewer = interviews
    claimed = service.schedule(interviewer, "chat-app", "chat-app", 45, "Cy")
    service.join(service.token(claimed))  # the candidate got there first
    with pytest.raises(LinkError, match="has started"):
        service.cancel(claimed.id)
