"""The phrase index finds exactly what asking every name in turn would, only faster
(designer/checks/text.py: PhraseIndex, used to tie deep dives to the boxes of large boards)."""

from hypothesis import given
from hypothesis import strategies as st

from designer.checks.text import PhraseIndex, mentions_any, tokenize

WORDS = [
    "message",
    "messages",
    "store",
    "cache",
    "redis",
    "queue",
    "queries",
    "query",
    "chat",
    "server",
    "db",
]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
named = st.lists(st.lists(phrases, min_size=1, max_size=3), min_size=0, max_size=12)
texts = st.lists(st.sampled_from([*WORDS, "the", "and", "Redis,", "Chat-server"]), max_size=15).map(" ".join)


@given(named, texts)
def test_the_index_agrees_with_a_scan_of_every_name(names, text):
    boxes = [(f"box-{i}", box_names) for i, box_names in enumerate(names)]
    said = tokenize(text)
    expected = [box for box, box_names in boxes if mentions_any(said, box_names)]
    assert PhraseIndex(boxes).mentioned(said) == expected


def test_plurals_and_phrases_are_found_in_the_order_the_boxes_were_given():
    index = PhraseIndex([("cache", ["Redis", "cache"]), ("db", ["message store"]), ("api", ["API service"])])
    assert index.mentioned(tokenize("Message stores are sharded; the caches sit in front.")) == [
        "cache",
        "db",
    ]
    assert index.mentioned(tokenize("A store of messages")) == []
