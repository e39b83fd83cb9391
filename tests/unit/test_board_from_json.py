"""The autosave reads a board's JSON text in one pass (:func:`board_from_json`); it must accept and
refuse exactly what the input boundary then the validator do (``validate_board(loads(text))``), with
the same errors, whatever the text holds."""

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from designer.errors import LimitExceeded, SessionFormatError
from designer.inputs import MAX_DEPTH, loads
from designer.session_format import (
    MAX_NODES,
    MAX_TEXT_CHARS,
    board_from_json,
    check_board_json,
    validate_board,
)

WHAT = "The request body"


def outcome(read, text):
    """What reading ``text`` gives: the board, or the refusal's kind, status, message and errors."""
    try:
        return ("board", read(text))
    except SessionFormatError as exc:
        errors = [(e.path, e.message) for e in exc.errors]
        return (type(exc).__name__, getattr(exc, "status", None), str(exc), errors)


def through_the_boundary(text):
    return validate_board(loads(text, "board", WHAT))


def one_pass(text):
    return board_from_json(text, WHAT)


def checked(text):
    check_board_json(text, WHAT)
    return "checked"


def agree(text):
    """The one pass reads the same board or refusal as the boundary; the autosave's check, which
    keeps no board, accepts exactly when they do and refuses with the same errors."""
    expected = outcome(through_the_boundary, text)
    assert outcome(one_pass, text) == expected
    assert outcome(checked, text) == (("board", "checked") if expected[0] == "board" else expected)


def nested(depth):
    value = 1
    for _ in range(depth):
        value = [value]
    return value


NODE = '{"data": {"id": "a", "kind": "cache", "label": "Redis"}, "position": {"x": 1.5, "y": 2}}'
EDGE = '{"data": {"id": "e", "source": "a", "target": "a", "mode": "sync"}}'


def board_text(node=NODE, edge=EDGE, extra=""):
    return '{"nodes": [' + node + '], "edges": [' + edge + "]" + extra + "}"


@pytest.mark.parametrize(
    "text",
    [
        board_text(),
        '{"nodes": [], "edges": []}',
        "{}",
        # what the boundary refuses before any board is read
        board_text(extra=f', "x": {json.dumps(nested(MAX_DEPTH + 1))}'),  # too deep, in a key nobody knows
        board_text(extra=f', "x": {json.dumps(nested(MAX_DEPTH - 3))}'),  # deep, but within the limit
        # too deep in a box's data, its position, an arrow; with brackets in a label beside it
        board_text(node=NODE.replace('"kind"', f'"x": {json.dumps(nested(MAX_DEPTH))}, "kind"')),
        board_text(node=NODE.replace('"y": 2', f'"y": 2, "x2": {json.dumps(nested(MAX_DEPTH))}')),
        board_text(edge=EDGE.replace('"mode"', f'"x": {json.dumps(nested(MAX_DEPTH))}, "mode"')),
        board_text(
            node=NODE.replace('"Redis"', '"[{[{"').replace(
                '"kind"', f'"x": {json.dumps(nested(MAX_DEPTH))}, "kind"'
            )
        ),
        board_text(node=NODE.replace('"Redis"', '"a [b] {c}"')),  # brackets in text only: still fine
        board_text(edge=EDGE.replace('"mode"', '"position": {"x": 1}, "mode"')),  # an arrow's odd position
        board_text(extra=', "x": NaN'),
        board_text(extra=', "x": -Infinity'),
        board_text(extra=', "x": 1e400'),
        board_text(extra=', "x": 9007199254740993'),
        board_text(node=NODE.replace('"Redis"', '"Re\\u0000dis"')),
        board_text(node=NODE.replace('"Redis"', '"\\ud800"')),
        board_text(node=NODE.replace('"Redis"', '"\\ud83d\\ude00"')),  # a pair is fine
        board_text(node=NODE.replace('"Redis"', '"Re\tdis"')),  # a raw tab in a string is no JSON
        board_text(node=NODE.replace('"Redis"', '"NaN and Infinity"')),  # words, not numbers
        board_text() + " x",
        board_text().replace("]", "],", 1),
        board_text()[:-1],
        "\f" + board_text(),
        "[]",
        '"board"',
        "",
        # what the validator refuses
        board_text(node=NODE.replace('"cache"', '"bogus"')),
        board_text(node=NODE.replace('"label": "Redis"', '"replicas": 2.0')),
        board_text(node=NODE.replace('"label": "Redis"', '"replicas": true')),
        board_text(node=NODE.replace('"x": 1.5', '"x": "1.5"')),
        board_text(node=NODE.replace('"Redis"', json.dumps("x" * (MAX_TEXT_CHARS + 1)))),
        board_text(node=NODE.replace('"id": "a"', '"id": "a", "id": 5')),  # the last key wins
        board_text(node=NODE.replace('"id": "a"', '"id": 5, "id": "a"')),
        board_text(edge=EDGE.replace('"target": "a"', '"target": "zz"')),
        board_text(edge=EDGE.replace('"id": "e"', '"id": "a"')),
        '{"nodes": [' + ", ".join(NODE.replace('"a"', f'"n{i}"') for i in range(MAX_NODES + 1)) + "]}",
        '{"nodes": {"a": 1}}',
    ],
)
def test_one_pass_reads_what_the_boundary_and_the_validator_read(text):
    agree(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
node_data = st.fixed_dictionaries(
    {"id": st.sampled_from(["a", "b", ""]), "kind": st.sampled_from(["client", "cache", "bogus"])},
    optional={
        "replicas": st.integers(-2, 3) | st.floats(0, 3) | st.text(max_size=2),
        "label": st.text(max_size=5) | st.none(),
        "parent": st.sampled_from(["z", "a", None]),
        "extra": json_values,
    },
)
nodes = st.lists(
    st.fixed_dictionaries(
        {"data": node_data},
        optional={
            "position": st.fixed_dictionaries(
                {"x": st.floats(), "y": st.integers(-5, 5) | st.text(max_size=1)}
            )
        },
    ),
    max_size=3,
)
edges = st.lists(
    st.fixed_dictionaries(
        {
            "data": st.fixed_dictionaries(
                {
                    "id": st.sampled_from(["e", "a"]),
                    "source": st.sampled_from(["a", "b"]),
                    "target": st.just("a"),
                },
                optional={"mode": st.sampled_from(["sync", "async", "telepathy"])},
            )
        }
    ),
    max_size=2,
)
zones = st.lists(
    st.fixed_dictionaries({"data": st.fixed_dictionaries({"id": st.sampled_from(["z", "y"])})}), max_size=2
)
boards = st.fixed_dictionaries(
    {}, optional={"nodes": nodes, "edges": edges, "zones": zones, "x": json_values}
)


@settings(max_examples=400, deadline=None)
@given(boards, st.integers(0, 3), st.data())
@example({"nodes": [{"data": {"id": "a", "kind": "cache"}}]}, 0, None)
def test_any_board_text_reads_the_same_either_way(board, cut, data):
    """Boards of every shape (NaN, huge numbers and odd text included), whole or with a piece cut out."""
    text = json.dumps(board, allow_nan=True)
    if cut and data is not None:
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + text[at + cut :]
    agree(text)


def _element(ident, **data):
    return {"data": {"id": ident, **data}}


ids = st.sampled_from(["a", "b", "z", "y", "e"])
integrity_boards = st.fixed_dictionaries(
    {},
    optional={
        "zones": st.lists(st.builds(lambda i, p: _element(i, parent=p), ids, st.none() | ids), max_size=3),
        "notes": st.lists(st.builds(_element, ids), max_size=2),
        "nodes": st.lists(st.builds(lambda i, p: _element(i, parent=p), ids, st.none() | ids), max_size=3),
        "edges": st.lists(
            st.builds(lambda i, s, t: _element(i, source=s, target=t), ids, ids, ids), max_size=3
        ),
    },
)


@settings(max_examples=500, deadline=None)
@given(integrity_boards)
def test_the_quick_integrity_verdict_is_the_full_check_s(board):
    """board_integrity answers the common case (nothing wrong) without building messages; whenever
    it does, the full check must find nothing too."""
    import designer.session_format as session_format

    quick = session_format._plainly_whole(board)
    original = session_format._plainly_whole
    session_format._plainly_whole = lambda _board: False
    try:
        full = session_format.board_integrity(board)
    finally:
        session_format._plainly_whole = original
    if quick:
        assert full == []
    assert session_format.board_integrity(board) == full


@pytest.mark.parametrize(
    ("part", "limit"), [("nodes", 2_000), ("edges", 10_000), ("zones", 500), ("notes", 1_000)]
)
def test_a_list_over_its_limit_is_counted_before_its_elements_are_checked(part, limit):
    """A million empty elements make one error in the one-pass reader, not a million it then drops
    (each held until the long way said the list was too long: 1.2 s and 371 MB for 690,000 nodes)."""
    from pydantic import ValidationError

    from designer.session_format import _board_adapter

    text = json.dumps({part: [{}] * (limit + 1)})
    with pytest.raises(ValidationError) as info:
        _board_adapter().validate_json(text)
    assert info.value.error_count() == 1
    assert info.value.errors()[0]["type"] == "too_long"
    refusal = outcome(board_from_json, text)
    assert refusal[0] == "LimitExceeded"
    assert refusal[3] == [(f"board.{part}", f"the board has {limit + 1:,} {part}; the limit is {limit:,}")]


def test_too_many_boxes_are_counted_before_anything_walks_them(monkeypatch):
    """2 MB of empty boxes (690,000 of them) is refused for its size without the depth walk, which
    took ten times the parse (0.47 s a request before, 0.17 s after), nor the validator's one pass,
    which met them all before it counted them (80 ms); a board both over the limit and too deep is
    refused for its size."""
    import designer.inputs
    import designer.session_format

    walked, validated = [], []
    walk = designer.inputs.deeper_than
    monkeypatch.setattr(
        designer.inputs, "deeper_than", lambda value, limit: walked.append(1) or walk(value, limit)
    )
    adapter = designer.session_format._board_adapter()

    class Spy:
        def validate_json(self, text):
            validated.append(len(text))
            return adapter.validate_json(text)

    monkeypatch.setattr(designer.session_format, "_board_adapter", Spy)
    empty_boxes = '{"nodes": [' + ", ".join(["{}"] * 690_000) + "]}"
    with pytest.raises(LimitExceeded, match="690,000 nodes; the limit is 2,000"):
        board_from_json(empty_boxes, WHAT)
    assert walked == [] and validated == []

    # a board within its limits still takes the one pass, and one with all its elements at their
    # limits too (each a box, zone or note with its data and position, or an arrow with its data;
    # ids such as "e1000" would read as exponents and go the long way)
    board_from_json(json.dumps({"nodes": [json.loads(NODE)]}), WHAT)
    assert len(validated) == 1
    whole = {
        "nodes": [
            {"data": {"id": f"n{i}", "kind": "service"}, "position": {"x": 0, "y": 0}}
            for i in range(MAX_NODES)
        ],
        "zones": [{"data": {"id": f"z{i}"}, "position": {"x": 0, "y": 0}} for i in range(500)],
        "notes": [{"data": {"id": f"t{i}", "text": ""}, "position": {"x": 0, "y": 0}} for i in range(1000)],
        "edges": [
            {"data": {"id": f"arrow{i}", "source": "n0", "target": f"n{i % MAX_NODES}"}}
            for i in range(10_000)
        ],
    }
    assert board_from_json(json.dumps(whole), WHAT) == whole
    assert len(validated) == 2 and walked == []

    deep_and_too_many = (
        '{"nodes": [' + ", ".join([json.dumps({"data": nested(MAX_DEPTH + 5)})] + [NODE] * MAX_NODES) + "]}"
    )
    with pytest.raises(LimitExceeded, match="2,001 nodes; the limit is 2,000"):
        board_from_json(deep_and_too_many, WHAT)
