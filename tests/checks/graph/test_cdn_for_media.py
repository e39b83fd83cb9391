from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.cdn_for_media")
MEDIA = {"requirements": {"functional": ["Share photos with friends"]}}


def test_media_served_by_cdn_passes_and_no_media_needs_none():
    T.valid(Case("c:client -> cdn:cdn -> s3:object_storage", panels=MEDIA))
    T.valid(Case("c:client -> api:service", panels={"requirements": {"functional": ["Send text"]}}))


def test_media_without_cdn_fails():
    T.invalid(
        Case(
            "c:client -> api:service -> s3:object_storage",
            panels=MEDIA,
            findings=[("no_cdn", {"keyword": "photo"}, None)],
        )
    )


def test_media_out_of_scope_does_not_count():
    T.valid(Case("c:client -> api:service", panels={"requirements": {"out_of_scope": ["Video calls"]}}))


def test_a_question_about_media_turned_down_demands_no_cdn():
    turned_down = {
        "functional": ["Shorten a URL", "Redirect to the long URL"],
        "questions": [{"question": "Media?", "answer": "Out of scope for now"}],
    }
    T.valid(Case("c:client -> api:service", panels={"requirements": turned_down}))
    no_images = {"functional": ["Paste plain text"], "non_functional": ["No images or file uploads"]}
    T.valid(Case("c:client -> api:service", panels={"requirements": no_images}))


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
