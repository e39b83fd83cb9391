"""Fuzz the session-file parser: any JSON value gets a SessionFormatError with paths, or a session."""

from hypothesis import given, settings
from hypothesis import strategies as st

from designer.errors import SessionFormatError
from designer.session_format import validate_board, validate_session

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
