import pytest

from tests.checks.tester import Case, CheckTester, counting_tests

T = CheckTester("requirements.functional_present")

test_enough_entries_pass, test_none_fails_and_blank_entries_do_not_count, test_min_is_a_parameter = (
    counting_tests(
        "requirements.functional_present", "requirements.functional", 3, entry="an entry", blank="  "
    )
)


def test_what_is_out_of_scope_is_not_a_functional_requirement():
    # written in the functional list, "Out of scope: video calls" counted as a third requirement
    functional = ["Send a 1:1 message", "Group chats", "Out of scope: video calls", "Won't support stories"]
    T.invalid(
        Case(
            panels={"requirements": {"functional": functional}},
            findings=[("too_few", {"count": 2}, None)],
            outcome=2 / 3,
        )
    )
    T.valid(
        Case(
            panels={
                "requirements": {"functional": ["Users won't lose messages", "No message is lost", "Send"]}
            }
        )
    )


@pytest.mark.parametrize(
    "pasted",
    [
        "- [ ] Send 1:1 messages\n- [ ] Group chats up to 100\n- [x] Read receipts",
        "FR1: send messages\nFR2: group chat\nFR3: last seen",
        "* Send messages\r\n* Group chats\r\n* Delivery receipts",
    ],
)
def test_lines_pasted_into_one_entry_are_one_item_each(pasted):
    """A session file from another tool (or a list pasted through the API) keeps a Markdown list as
    one entry: three requirements counted as one."""
    T.valid(Case(panels={"requirements": {"functional": [pasted]}}))
