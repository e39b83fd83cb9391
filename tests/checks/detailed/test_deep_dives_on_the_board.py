from tests.checks.tester import Case, CheckTester

T = CheckTester("detailed.deep_dives_on_the_board")
BOARD = "c:client -> chat:websocket_server -[]-> kafka:stream -[]-> fanout:worker -[]-> db:nosql_database"
ORDERING = {
    "topic": "Message ordering",
    "notes": "Snowflake-style ids per chat give time-ordered unique ids; the NoSQL store clusters a chat's "
    "messages by id, so history reads are one partition scan.",
}
DELIVERY = {
    "topic": "Delivery to offline users",
    "notes": "The fanout workers read the stream, look up which chat server holds the recipient's socket, "
    "and fall back to a push notification when the user is offline.",
}


def test_deep_dives_that_explore_boxes_on_the_board_pass():
    T.valid(Case(BOARD, panels={"detailed": [ORDERING, DELIVERY]}))


def test_a_thin_or_off_board_deep_dive_does_not_count():
    thin = {"topic": "Security", "notes": "We will think about it."}
    T.invalid(
        Case(
            BOARD,
            panels={"detailed": [DELIVERY, thin]},
            findings=[
                ("thin", {"topic": "Security"}, (("panel", "detailed[1]"),)),
                ("too_few", {"count": 1, "min": 2}, None),
            ],
            outcome=0.5,
        )
    )
    off = {
        "topic": "Product analytics",
        "notes": "We track daily engagement, retention cohorts and funnel conversion for the growth team every week.",
    }
    T.invalid(
        Case(
            BOARD,
            panels={"detailed": [off]},
            findings=[("off_board", {"topic": "Product analytics"}, None), ("too_few", {"count": 0}, None)],
        )
    )


def test_no_deep_dive_is_an_omission():
    T.invalid(Case(BOARD, outcome="not_assessable"))


_ROLES = "c:client -> lb:load_balancer*2 -> api:service*3 -> q:stream -> w:worker*3 -> db:nosql_database"
_ROLE_LABELS = {"q": "Event bus", "db": "Primary store", "api": "Gateway svc", "w": "Fan-out workers"}
_PRODUCT_DIVES = [
    {
        "topic": "Kafka",
        "notes": "Topics partitioned by conversation keep ordering; offsets are committed after the write",
    },
    {
        "topic": "Cassandra",
        "notes": "Partition key conversation, clustering by message_id: fast range reads of the recent ones",
    },
]


def test_a_deep_dive_that_names_the_product_of_a_box_labelled_by_its_role_is_on_the_board():
    """The board says what a box does ("Event bus", "Primary store"); the deep dive says what it is
    ("Kafka", "Cassandra"). Both were "about no box on the board"."""
    T.valid(Case(_ROLES, labels=_ROLE_LABELS, panels={"detailed": _PRODUCT_DIVES}))
    CheckTester("detailed.datastores_discussed").valid(
        Case(_ROLES, labels=_ROLE_LABELS, panels={"detailed": _PRODUCT_DIVES})
    )


def test_a_product_of_a_kind_the_board_lacks_ties_to_nothing():
    board = "c:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database"
    T.invalid(
        Case(
            board,
            labels={"api": "Gateway svc", "db": "Primary store"},
            panels={"detailed": [_PRODUCT_DIVES[1]]},
            findings=[("off_board", {"topic": "Cassandra"}, None), ("too_few", {"count": 0, "min": 2}, None)],
        )
    )
