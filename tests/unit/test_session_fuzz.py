"""Fuzz the session-file parser: any JSON value gets a SessionFormatError with paths, or a session."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from designer.errors import SessionFormatError
from designer.session_format import session_file_text, validate_board, validate_session

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)
keys = st.sampled_from(["format", "problem", "board", "panels", "steps", "history", "duration_minutes", "x"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, json_values, max_size=7))
def test_any_json_object_validates_or_names_its_paths(raw):
    try:
        validate_session(raw)
    except SessionFormatError as exc:
        assert exc.errors
        assert all(isinstance(e.path, str) and e.message for e in exc.errors)


node = st.fixed_dictionaries(
    {
        "data": st.fixed_dictionaries(
            {"id": st.sampled_from(["a", "b", "c"]), "kind": st.sampled_from(["client", "cache", "bogus"])},
            optional={"replicas": st.integers(-2, 3) | st.text(max_size=2), "label": st.text(max_size=5)},
        )
    }
)
edge = st.fixed_dictionaries(
    {
        "data": st.fixed_dictionaries(
            {
                "id": st.sampled_from(["e1", "e2", "a"]),
                "source": st.sampled_from(["a", "b", "zz"]),
                "target": st.sampled_from(["a", "c"]),
            },
            optional={"mode": st.sampled_from(["sync", "async", "telepathy"])},
        )
    }
)


@settings(max_examples=300, deadline=None)
@given(st.lists(node, max_size=4), st.lists(edge, max_size=4))
def test_fuzzed_boards_validate_or_name_the_element(nodes, edges):
    try:
        board = validate_board({"nodes": nodes, "edges": edges})
    except SessionFormatError as exc:
        assert all(e.path.startswith(("board.nodes[", "board.edges[")) for e in exc.errors), exc.errors
    else:
        assert len({n["data"]["id"] for n in board["nodes"]}) == len(board["nodes"])


tricky_text = st.sampled_from(['\n  "history": []', '"history": [', "\u2028", "é", "}"]) | st.text(
    max_size=10
)
download_values = st.recursive(
    st.none() | st.booleans() | st.integers() | tricky_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(tricky_text, inner, max_size=3),
    max_leaves=15,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["format", "board", "x", "history2", "candidate"]), download_values, max_size=4
    ),
    st.lists(st.dictionaries(st.sampled_from(["at", "board", "panels"]), download_values), max_size=4),
)
def test_a_download_reads_back_as_the_session_it_was_written_from(top, history):
    """Whatever the session holds (text that looks like the history's key included), its download's
    text is JSON of the same session, each snapshot on one line of its own."""
    session = {**top, "history": history}
    text = session_file_text(session)
    assert json.loads(text) == session
    if history:
        snapshot_lines = text.split('\n  "history": [\n', 1)[1].split("\n  ]", 1)[0].split("\n")
        assert [json.loads(line.strip().removesuffix(",")) for line in snapshot_lines] == history
