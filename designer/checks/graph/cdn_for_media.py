"""Require a CDN for static content when the problem or the requirements ask for media.

What it checks
    When the problem's prompt mentions any of ``keywords`` (images, pictures, video, audio, voice
    notes, music, media, files, static assets…), or the
    candidate's requirements or answered questions affirm one, the board has a ``cdn`` box that
    some client reaches. A question "Media?" answered "Out of scope for now", "no images" and the
    out-of-scope list ask for nothing.

Why it matters
    Media is most of the bytes; serving it from the origin wastes bandwidth and adds latency far
    from the data centre (framework: scale the design: CDN).

Example
    Requirements say "share images"; ``client → cdn → s3`` passes, no CDN fails. Requirements
    without media (in a problem without media) leave the check out of the score: it asks nothing of
    the answer, so it neither gives nor takes a point. No requirements at all is an omission.

Params
    ``keywords``: the words that mean static content.

Known limits
    Matching is by words: "pictures" counts only if listed in ``keywords``. Negation is read
    within a clause.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, DoesNotApply, Finding, NotAssessable, SessionView, node, panel


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
        "static asset",
        "avatar",
        "picture",
        "thumbnail",
        "gif",
        "sticker",
        "voice note",
        "voice message",
        "audio",
        "music",
        "song",
        "podcast",
    ]


def run(view: SessionView, params: Params):
    asked = view.demands(params.keywords)
    if asked is None:
        if not view.text("requirements").strip():
            yield NotAssessable("no_requirements")
        else:
            yield DoesNotApply("no_media")  # no free point for what nobody asked
        return
    hit = asked[0]
    cdns = [c for c in view.of_kind("cdn") if c in view.reachable_from_clients]
    if cdns:
        yield Finding("cdn", {"cdn": view.label(cdns[0]), "keyword": hit}, (node(cdns[0]),), passed=True)
    else:
        yield Finding("no_cdn", {"keyword": hit}, (asked[1] or panel("requirements"),))


CHECK = Check(
    id="graph.cdn_for_media",
    statement="Media is served through a CDN",
    summary="Require a CDN for static content when the problem or the requirements ask for media",
    messages={
        "no_requirements": "There are no requirements yet to say whether a CDN is needed: write them first.",
        "cdn": "Media ({keyword}) is served through {cdn}.",
        "no_media": "Neither the problem nor the requirements ask for media, so no CDN is needed.",
        "no_cdn": "Media is asked for ({keyword}), but no CDN serves it: put a CDN in front of the object storage.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Scale the design",
    doc=__doc__,
)
