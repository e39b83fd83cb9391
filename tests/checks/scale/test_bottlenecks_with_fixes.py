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
