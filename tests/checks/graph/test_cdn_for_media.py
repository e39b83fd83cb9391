import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.cdn_for_media")
MEDIA = {"requirements": {"functional": ["Share photos with friends"]}}


def no_demand(board: str, requirements: dict) -> None:
    # Not a pass: a point for what nobody asked would lift every weak answer alike.
    T.invalid(Case(board, panels={"requirements": requirements}, outcome="does_not_apply"))


def test_media_served_by_cdn_passes_and_no_media_needs_none():
    T.valid(Case("c:client -> cdn:cdn -> s3:object_storage", panels=MEDIA))
    no_demand("c:client -> api:service", {"functional": ["Send text"]})


def test_media_without_cdn_fails():
    T.invalid(
        Case(
            "c:client -> api:service -> s3:object_storage",
            panels=MEDIA,
            findings=[("no_cdn", {"keyword": "photo"}, None)],
        )
    )


def test_media_out_of_scope_does_not_count():
    no_demand("c:client -> api:service", {"out_of_scope": ["Video calls"]})


def test_a_question_about_media_turned_down_demands_no_cdn():
    turned_down = {
        "functional": ["Shorten a URL", "Redirect to the long URL"],
        "questions": [{"question": "Media?", "answer": "Out of scope for now"}],
    }
    no_demand("c:client -> api:service", turned_down)
    no_images = {"functional": ["Paste plain text"], "non_functional": ["No images or file uploads"]}
    no_demand("c:client -> api:service", no_images)


def test_media_affirmed_in_an_answer_demands_a_cdn():
    said_yes = {
        "functional": ["Chat"],
        "questions": [{"question": "Do we need media?", "answer": "Images yes, voice no"}],
    }
    T.invalid(
        Case("c:client -> api:service", panels={"requirements": said_yes}, findings=[("no_cdn", None, None)])
    )


def test_the_problem_demands_media_even_when_the_requirements_forget_it():
    prompt = "Users upload photos and videos and share them with followers."
    T.invalid(
        Case(
            "c:client -> api:service",
            panels={"requirements": {"functional": ["Follow people"]}},
            prompt=prompt,
            findings=[("no_cdn", {"keyword": "photo"}, None)],
        )
    )


@pytest.mark.parametrize(
    "requirement, keyword",
    [
        ("Users share pictures in chats", "picture"),
        ("Send voice notes to a group", "voice note"),
        ("Send stickers", "sticker"),
        ("Show a thumbnail for every upload", "thumbnail"),
        ("Stream music to millions of listeners", "music"),
        ("Play podcasts offline", "podcast"),
        ("Reply with GIFs", "gif"),
        ("Serve the static assets of the web app", "static asset"),
        ("Send audio messages", "audio"),
    ],
)
def test_media_in_other_words_asks_for_a_cdn(requirement, keyword):
    # These were "no media asked for", which leaves the check out of the score: a design serving
    # pictures from its origin lost nothing for it.
    T.invalid(
        Case(
            "c:client -> api:service -> s3:object_storage",
            panels={"requirements": {"functional": [requirement]}},
            findings=[("no_cdn", {"keyword": keyword}, None)],
        )
    )


@pytest.mark.parametrize(
    "line", ["Later: video uploads", "v2: share photos", "Phase 2: images in chats", "Future: video"]
)
def test_media_put_off_to_later_asks_for_nothing_yet(line):
    no_demand("c:client -> api:service", {"functional": ["Send text", line]})


@pytest.mark.parametrize(
    "line",
    [
        "Video uploads (v2)",
        "Share videos (phase 2)",
        "Video messages (future)",
        "Video (not in MVP)",
        "Video sharing, post-MVP",
        "Video sharing (out of scope)",
        "Video sharing in v2",
        "Video uploads [stretch goal]",
        "Send text; video uploads (v2)",
    ],
)
def test_media_put_off_after_its_words_asks_for_nothing_yet(line):
    """The deferral said after the thing ("Video uploads (v2)", "…, post-MVP", "… in v2") is as
    much a deferral as "Later: video"; a parenthesis or comma ended the clause it was read in."""
    no_demand("c:client -> api:service", {"functional": ["Send text", line]})


@pytest.mark.parametrize(
    "line",
    ["Upload videos (up to 2 GB)", "Video uploads (v2 of the player plays them)", "Send photos; video (v2)"],
)
def test_media_asked_for_beside_a_deferral_is_still_asked_for(line):
    T.invalid(
        Case(
            "c:client -> api:service",
            panels={"requirements": {"functional": [line]}},
            findings=[("no_cdn", None, None)],
        )
    )
