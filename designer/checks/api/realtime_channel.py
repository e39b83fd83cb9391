"""Require a real-time channel when the requirements ask for real time.

What it checks
    When the requirements mention any of ``keywords`` (real time, live, instant, push, online
    status…), the API has a WebSocket or SSE channel (method ``WS``/``SSE``, or a ``ws`` path), or
    the board has a ``websocket_server``.

Why it matters
    Polling at interview scale is millions of wasted requests a second; real time needs a
    long-lived connection (framework: define system interface).

Example
    "Messages arrive in real time" with ``WS /v1/stream`` passes; with only REST endpoints it fails.
    Without real time in the requirements the check passes.

Params
    ``keywords``.

Known limits
    Long polling written as a GET is not recognised as a channel.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, Finding, NotAssessable, SessionView, node, panel
from designer.checks.text import mentions_any


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
    if not view.text("requirements").strip():
        yield NotAssessable("no_requirements")
        return
    hit = mentions_any(view.text("requirements"), params.keywords)
    if hit is None:
        yield Finding("not_needed", {}, passed=True)
        return
    for index, e in enumerate(view.panels["api"]):
        method, path = e.get("method", "").strip().upper(), e.get("path", "").lower()
        if (
            method in {"WS", "WSS", "WEBSOCKET", "SSE"}
            or path.startswith(("ws:", "wss:", "/ws"))
            or "/ws/" in path
        ):
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
    yield Finding("missing", {"keyword": hit}, (panel("api"),))


CHECK = Check(
    id="api.realtime_channel",
    summary="Require a real-time channel when the requirements ask for real time",
    messages={
        "no_requirements": "There are no requirements yet to say whether this is needed.",
        "channel": "The requirements ask for {keyword}; {endpoint} delivers it.",
        "not_needed": "The requirements ask for nothing in real time.",
        "missing": "The requirements ask for {keyword}, but the API has no WebSocket or SSE channel: add one.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Define system interface",
    doc=__doc__,
)
