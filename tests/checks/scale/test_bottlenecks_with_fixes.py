from tests.checks.tester import Case, CheckTester

T = CheckTester("scale.bottlenecks_with_fixes")


def test_bottlenecks_with_fixes_pass():
    T.valid(
        Case(
            panels={
                "scale": {
                    "bottlenecks": [
                        {"problem": "hot chats", "fix": "fan out on read"},
                        {"problem": "db writes", "fix": "shard by chat"},
                    ]
                }
            }
        )
    )


def test_missing_fix_points_at_the_row():
    T.invalid(
        Case(
            panels={
                "scale": {
                    "bottlenecks": [
                        {"problem": "hot chats", "fix": "fan out on read"},
                        {"problem": "db writes", "fix": ""},
                    ]
                }
            },
            findings=[
                ("no_fix", {"problem": "db writes"}, (("panel", "scale.bottlenecks[1]"),)),
                ("too_few", {"count": 1}, None),
            ],
            outcome=0.5,
        )
    )


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "problem",
    [
        "Hot group chats → fan out on read for groups over 100",
        "Single Postgres writer -> shard users by id",
        "Celebrity timelines; fix: pull their posts at read time",
        "Cache stampede on a hot key (solution: request coalescing)",
        "Replication lag — mitigation: read your own writes from the primary",
    ],
)
def test_a_fix_written_in_the_problems_own_field_counts(problem):
    """People write "problem → fix" in one box: the fix is there, after an arrow or "fix:"."""
    T.valid(
        Case(
            panels={
                "scale": {
                    "bottlenecks": [{"problem": "DB reads", "fix": "read replicas"}, {"problem": problem}]
                }
            }
        )
    )


def test_a_problem_with_a_colon_is_still_only_a_problem():
    T.invalid(
        Case(
            panels={
                "scale": {
                    "bottlenecks": [
                        {"problem": "DB reads", "fix": "replicas"},
                        {"problem": "DB: single writer"},
                    ]
                }
            },
            findings=[("no_fix", None, None), ("too_few", {"count": 1, "min": 2}, None)],
            outcome=0.5,
        )
    )


@pytest.mark.parametrize(
    "problem",
    [
        "Hot partition for celebrity chats — shard by chat_id plus a random suffix",
        "DB write throughput: shard messages by chat_id",
        "Fan-out to big groups; solved by fan-out on read for groups over 500",
        "Single Redis node, mitigate with Redis Cluster and replicas",
        "Cache stampede (use request coalescing)",
        "Database is the bottleneck. Solution - read replicas",
        "Hot keys, addressed by local caching",
        "Feed reads are slow - precompute feeds in Redis",
    ],
)
def test_a_fix_written_in_the_problems_field_in_other_words_counts(problem):
    """Found by writing bottlenecks as people do: the fix after a dash, a colon, a semicolon or a
    parenthesis, starting with what is done ("shard", "use", "precompute"), or after "solved by",
    "mitigate with", "addressed by", "Solution -"."""
    T.valid(
        Case(
            panels={
                "scale": {
                    "bottlenecks": [{"problem": "DB reads", "fix": "read replicas"}, {"problem": problem}]
                }
            }
        )
    )


@pytest.mark.parametrize(
    "problem",
    [
        "Too many writes",
        "Storage grows 500 TB a year",
        "Hot spot (celebrity users)",
        "Hot partition — celebrity chats",
    ],
)
def test_a_problem_that_only_says_what_is_wrong_has_no_fix(problem):
    T.invalid(
        Case(
            panels={
                "scale": {"bottlenecks": [{"problem": "DB reads", "fix": "replicas"}, {"problem": problem}]}
            },
            findings=[("no_fix", None, None), ("too_few", {"count": 1, "min": 2}, None)],
            outcome=0.5,
        )
    )
