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
