"""The shared matcher reads negation and scope the way people write them (designer/checks/text.py)."""

import pytest

from designer.checks.text import affirms, refuses


@pytest.mark.parametrize(
    "sentence, phrase",
    [
        ("Page view analytics do not need to be realtime", "realtime"),
        ("Analytics don't need to be real-time", "real time"),
        ("Real time is out of scope", "real time"),
        ("Realtime: later", "realtime"),
        ("No media", "media"),
        ("Images yes, voice calls no", "voice call"),
        ("Without video", "video"),
        ("Video is a non-goal", "video"),
        ("We won't support attachments in v1; text only", "attachment"),
        ("Search is not required", "search"),
        ("There is no need for push notifications", "push"),
    ],
)
def test_negated_phrases_are_not_affirmed(sentence, phrase):
    assert affirms(sentence, [phrase]) is None


@pytest.mark.parametrize(
    "sentence, phrase",
    [
        ("Messages arrive in real time", "real time"),
        ("No message is lost while the recipient is offline", "offline"),
        ("Users share photos; no ads", "photo"),
        ("Images yes, voice calls no", "image"),
        ("Never lose a message, and deliver it in real time", "real time"),
        ("Not only text: images and video too", "video"),
        ("Online status of contacts, but no typing indicator", "online status"),
    ],
)
def test_affirmed_phrases_are_found(sentence, phrase):
    assert affirms(sentence, [phrase]) == phrase


@pytest.mark.parametrize(
    "answer", ["No", "no.", "Nope", "Not now", "Out of scope for now", "Later", "N/A", "None"]
)
def test_answers_that_turn_a_question_down(answer):
    assert refuses(answer)


@pytest.mark.parametrize(
    "answer", ["Yes", "Both; groups up to 100", "Nobody knows yet: assume 100M", "Images yes, voice no"]
)
def test_answers_that_do_not(answer):
    assert not refuses(answer)
