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
