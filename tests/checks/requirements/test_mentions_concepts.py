from tests.checks.tester import Case, CheckTester

T = CheckTester("requirements.mentions_concepts")
P = {
    "concepts": [
        {"name": "group chat", "synonyms": ["groups"]},
        {"name": "read receipts", "synonyms": ["seen"]},
    ]
}


def test_concepts_match_forgivingly():
    T.valid(
        Case(
            panels={"requirements": {"functional": ["Group-Chats up to 100", "Show a READ RECEIPT"]}},
            params=P,
        )
    )
    T.valid(
        Case(
            panels={
                "requirements": {"questions": [{"question": "Groups?", "answer": "Messages show when seen"}]}
            },
            params=P,
        )
    )


def test_missing_concept_is_partial():
    T.invalid(
        Case(
            panels={"requirements": {"functional": ["group chat"]}},
            params=P,
            findings=[("missing", {"concept": "read receipts"}, None)],
            outcome=0.5,
        )
    )
