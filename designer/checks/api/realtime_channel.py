"""Require a real-time channel when the problem or the requirements ask for real time.

What it checks
    When the problem's prompt mentions any of ``keywords`` (real time, live, instant, push, online
    status…), or the candidate's requirements or answered questions affirm one, the API has a
    WebSocket or SSE channel (method ``WS``/``SSE``, a ``ws`` path, or an endpoint whose purpose,
    request or response says WebSocket, event stream, server-sent events, Socket.IO, long
    polling, MQTT, XMPP, WebRTC, WebTransport, gRPC streaming, GraphQL subscriptions or a
    persistent or long-lived connection), or the board has a ``websocket_server``. "Analytics do not need to be realtime", a question answered "Out of
    scope" and the out-of-scope list ask for nothing.

Why it matters
    Polling at interview scale is millions of wasted requests a second; real time needs a
    long-lived connection (framework: define system interface).

Example
    "Messages arrive in real time" with ``WS /v1/stream`` passes; with only REST endpoints it fails.
    Requirements that ask for nothing in real time (in a problem that doesn't) leave the check out
    of the score: it neither gives nor takes a point. No requirements at all is an omission:
    nothing says whether it is needed.

Params
    ``keywords``.

Known limits
    Polling (a GET asked again every few seconds) is not a channel; long polling, said so, is.
    Negation is read within a clause ("not realtime", "realtime: later"), not across sentences.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, DoesNotApply, Finding, NotAssessable, SessionView, node, panel

# A long-lived connection in any of the words an endpoint may say it in: its method, a ``ws`` path
# (``/v1/ws``, ``wss://…``), or its purpose, request or response (a WebSocket upgrade, an event
# stream, Socket.IO, long polling, XMPP, a persistent connection).
_CHANNEL = re.compile(
    r"\b(?:web ?sockets?|wss?|sse|server[- ]sent events?|event[- ]stream|socket\.?io|long[- ]?poll(?:ing|s)?"
    r"|mqtt|grpc[- ]stream(?:ing|s)?|bidirectional stream(?:ing|s)?|xmpp|webrtc|web ?transport"
    r"|graphql subscriptions?|(?:persistent|long[- ]lived)(?: tcp)? connections?)\b",
    re.I,
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    keywords: list[str] = [
        "real time",
        "realtime",
        "real-time",
        "live",
        "instant",
        "instantly",
        "push",
        "online status",
        "presence",
        "typing indicator",
        "notification",
    ]


def run(view: SessionView, params: Params):
    asked = view.demands(params.keywords)
    if asked is None:
        if not view.text("requirements").strip():
            yield NotAssessable("no_requirements")
        else:
            yield DoesNotApply("not_needed")  # no free point for what nobody asked
        return
    hit = asked[0]
    for index, e in enumerate(view.panels["api"]):
        method = e.get("method", "").strip().upper()
        written = " ".join(
            str(e.get(field) or "") for field in ("method", "path", "purpose", "request", "response")
        )
        if _CHANNEL.search(written):  # the method column's WS, WSS, WebSocket or SSE too
            yield Finding(
                "channel",
                {"keyword": hit, "endpoint": f"{method} {e.get('path')}"},
                (panel(f"api[{index}]"),),
                passed=True,
            )
            return
    servers = view.of_kind("websocket_server")
    if servers:
        yield Finding(
            "channel", {"keyword": hit, "endpoint": view.label(servers[0])}, (node(servers[0]),), passed=True
        )
        return
    yield Finding("missing", {"keyword": hit}, (panel("api"), *([asked[1]] if asked[1] else [])))


CHECK = Check(
    id="api.realtime_channel",
    statement="Real time is delivered over a WebSocket or SSE channel",
    summary="Require a real-time channel when the problem or the requirements ask for real time",
    messages={
        "no_requirements": "There are no requirements yet to say whether a real-time channel is needed: "
        "write them first.",
        "channel": "Real time is asked for ({keyword}); {endpoint} delivers it.",
        "not_needed": "Neither the problem nor the requirements ask for anything in real time.",
        "missing": "Real time is asked for ({keyword}), but the API has no WebSocket or SSE channel: add one.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Define system interface",
    doc=__doc__,
)
