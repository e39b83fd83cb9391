import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("api.realtime_channel")
RT = {"requirements": {"functional": ["Messages arrive in real time"]}}


def test_channel_or_websocket_tier_passes():
    T.valid(Case(panels={**RT, "api": [{"method": "WS", "path": "/v1/stream"}]}))
    T.valid(Case("c:client -> ws:websocket_server", panels=RT))


def test_nothing_asked_in_real_time_leaves_the_check_out_of_the_score():
    # Not a pass: a point for what nobody asked would lift every weak answer alike.
    T.invalid(Case(panels={"requirements": {"functional": ["Shorten a URL"]}}, outcome="does_not_apply"))


def test_real_time_without_channel_fails():
    T.invalid(
        Case(
            panels={**RT, "api": [{"method": "GET", "path": "/v1/messages"}]},
            findings=[("missing", {"keyword": "real time"}, None)],
        )
    )


# Sentences from expert answers that say real time is *not* needed: no demand, so no channel owed.
@pytest.mark.parametrize(
    "requirements",
    [
        {"non_functional": ["Page view analytics do not need to be realtime"]},
        {"non_functional": ["Realtime updates are not required; hourly is fine"]},
        {"non_functional": ["No need for live updates"]},
        {"functional": ["Shorten a URL"], "out_of_scope": ["Real-time analytics"]},
        {"functional": ["Shorten a URL"], "questions": [{"question": "Realtime stats?", "answer": "No"}]},
        {
            "functional": ["Shorten a URL"],
            "questions": [{"question": "Live dashboards?", "answer": "Out of scope for now"}],
        },
        {"functional": ["Count clicks"], "non_functional": ["Analytics can be delayed, realtime later"]},
        {"functional": ["Feed refreshes on pull"], "non_functional": ["Push notifications won't be needed"]},
    ],
)
def test_a_requirement_that_says_real_time_is_not_needed_demands_nothing(requirements):
    T.invalid(
        Case(
            panels={"requirements": requirements, "api": [{"method": "GET", "path": "/v1/stats"}]},
            outcome="does_not_apply",
        )
    )


def test_a_question_answered_yes_demands_it():
    asked = {
        "functional": ["Chat"],
        "questions": [{"question": "Do messages arrive in real time?", "answer": "Yes"}],
    }
    T.invalid(Case(panels={"requirements": asked}, findings=[("missing", {"keyword": "real time"}, None)]))


def test_the_problem_demands_real_time_whatever_the_requirements_say():
    # Removing the requirement that says "real time" must not remove the problem's own demand.
    prompt = "Users send messages that arrive in real time."
    T.invalid(
        Case(
            panels={"requirements": {"functional": ["Send messages"]}},
            prompt=prompt,
            findings=[("missing", None, None)],
        )
    )
    T.invalid(Case(prompt=prompt, findings=[("missing", None, None)]))


def test_no_requirements_is_an_omission_not_a_pass():
    T.invalid(Case(outcome="not_assessable"))


@pytest.mark.parametrize(
    "endpoint",
    [
        {"method": "GET", "path": "/v1/ws"},  # the upgrade request, versioned
        {"method": "GET", "path": "/v1/chat/socket", "purpose": "WebSocket upgrade for live messages"},
        {"method": "GET", "path": "/v1/events", "response": "text/event-stream"},
        {"method": "GET", "path": "/v1/stream", "purpose": "server-sent events"},
        {"method": "Socket.IO", "path": "/v1/chat"},
        {
            "method": "GET",
            "path": "/v1/updates",
            "purpose": "long polling: held open until a message arrives",
        },
    ],
)
def test_a_channel_written_in_other_words_is_a_channel(endpoint):
    """The upgrade as a GET, an event stream by its content type, Socket.IO, long polling: each
    is the long-lived connection real time needs, whatever the method column says."""
    T.valid(Case(panels={**RT, "api": [{"method": "POST", "path": "/v1/messages"}, endpoint]}))


def test_a_plain_get_that_mentions_nothing_of_a_channel_is_not_one():
    T.invalid(
        Case(
            panels={**RT, "api": [{"method": "GET", "path": "/v1/messages", "purpose": "poll every 5 s"}]},
            findings=[("missing", {"keyword": "real time"}, None)],
        )
    )


@pytest.mark.parametrize(
    "endpoint",
    [
        {"method": "XMPP", "path": "chat.example.com:5222", "purpose": "persistent session per device"},
        {"method": "TCP", "path": "/v1/connect", "purpose": "persistent TCP connection per device"},
        {"method": "POST", "path": "/v1/graphql", "purpose": "GraphQL subscription for new messages"},
        {"method": "GET", "path": "/v1/connect", "purpose": "long-lived connection the server pushes on"},
        {"method": "WebTransport", "path": "/v1/session"},
        {"method": "POST", "path": "/v1/calls/{id}/offer", "purpose": "WebRTC data channel for typing"},
    ],
)
def test_a_channel_named_by_its_protocol_is_a_channel(endpoint):
    """Found by writing real-time APIs as other designs do: XMPP (WhatsApp's origins), a persistent
    TCP connection, GraphQL subscriptions, a long-lived connection, WebTransport, WebRTC."""
    T.valid(Case(panels={**RT, "api": [{"method": "POST", "path": "/v1/messages"}, endpoint]}))


@pytest.mark.parametrize("purpose", ["subscribe to a newsletter", "connection pooling to the database"])
def test_words_near_a_channels_are_not_one(purpose):
    T.invalid(
        Case(
            panels={**RT, "api": [{"method": "POST", "path": "/v1/subscriptions", "purpose": purpose}]},
            findings=[("missing", {"keyword": "real time"}, None)],
        )
    )
