from tests.checks.tester import Case, CheckTester

T = CheckTester("detailed.datastores_discussed")
BOARD = """
c:client -> api:service*3 -> messages:nosql_database
api -> media:object_storage
messages => replica:read_replica
"""
STORAGE = {
    "topic": "Message store",
    "notes": "The NoSQL store partitions messages by chat id; a chat's history is one partition scan.",
}
MEDIA = {"topic": "Media", "notes": "Attachments go to object storage through pre-signed URLs."}


def test_every_store_on_a_request_path_discussed_passes():
    T.valid(Case(BOARD, panels={"detailed": [STORAGE, MEDIA]}))


def test_a_bottleneck_row_counts_as_discussing_a_store():
    rows = {"bottlenecks": [{"problem": "Hot media objects", "fix": "Serve them through a CDN"}]}
    T.valid(Case(BOARD, panels={"detailed": [STORAGE], "scale": rows}))


def test_an_undiscussed_store_fails_pointing_at_its_box_and_one_of_two_earns_half():
    T.invalid(
        Case(
            BOARD,
            panels={"detailed": [STORAGE]},
            findings=[
                ("undiscussed", {"name": "media"}, (("node", "media"),)),
            ],
            outcome=0.5,
        )
    )


def test_a_store_no_client_reaches_is_not_asked_about():
    T.valid(Case(BOARD + "\nbatch:worker -> archive:sql_database", panels={"detailed": [STORAGE, MEDIA]}))


def test_no_datastore_reached_is_an_omission():
    T.invalid(Case("c:client -> api:service", panels={"detailed": [STORAGE]}, outcome="not_assessable"))


def test_naming_the_store_only_in_the_database_choice_with_no_deep_dive_earns_nothing():
    choice = {"database": {"choice": "messages in a NoSQL store, media in object storage"}}
    T.invalid(Case(BOARD, panels=choice, outcome="not_assessable"))
