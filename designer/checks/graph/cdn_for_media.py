"""Require a CDN for static content when the requirements mention media.

What it checks
    When the requirements (functional, non-functional, questions and answers; not what is out of
    scope) mention any of
    ``keywords`` (images, video, media, files…), the board has a ``cdn`` box that some client
    reaches.

Why it matters
    Media is most of the bytes; serving it from the origin wastes bandwidth and adds latency far
    from the data centre (framework: scale the design: CDN).

Example
    Requirements say "share images"; ``client → cdn → s3`` passes, no CDN fails. Without media in the
    requirements the check passes.

Params
    ``keywords``: the words that mean static content.

Known limits
    Matching is by words: "pictures" counts only if listed in ``keywords``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, Finding, NotAssessable, SessionView, node, panel
from designer.checks.text import mentions_any


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    keywords: list[str] = [
        "image",
        "photo",
        "video",
        "media",
        "file",
        "attachment",
        "static content",
        "avatar",
    ]


def run(view: SessionView, params: Params):
    if not view.text("requirements").strip():
        yield NotAssessable("no_requirements")
        return
    words = view.text("requirements.functional", "requirements.non_functional", "requirements.questions")
    hit = mentions_any(words, params.keywords)
    if hit is None:
        yield Finding("no_media", {}, passed=True)
        return
    cdns = [c for c in view.of_kind("cdn") if c in view.reachable_from_clients]
    if cdns:
        yield Finding("cdn", {"cdn": view.label(cdns[0]), "keyword": hit}, (node(cdns[0]),), passed=True)
    else:
        yield Finding("no_cdn", {"keyword": hit}, (panel("requirements"),))


CHECK = Check(
    id="graph.cdn_for_media",
    summary="Require a CDN for static content when the requirements mention media",
    messages={
        "no_requirements": "There are no requirements yet to say whether this is needed.",
        "cdn": "Media ({keyword}) is served through {cdn}.",
        "no_media": "The requirements mention no media, so no CDN is needed.",
        "no_cdn": "The requirements mention {keyword}, but no CDN serves it: put a CDN in front of the object storage.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Scale the design",
    doc=__doc__,
)
