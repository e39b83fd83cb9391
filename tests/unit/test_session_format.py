"""The session file: validation errors name the JSON path; unknown keys are kept; limits hold."""

import copy

import pytest

from designer.errors import LimitExceeded, SessionFormatError
from designer.session_format import validate_board, validate_panel, validate_session


def errors_of(raw):
    with pytest.raises(SessionFormatError) as info:
        validate_session(raw)
    return {e.path: e.message for e in info.value.errors}


def test_the_strong_chat_app_file_is_valid(chat_session_file):
    session = validate_session(chat_session_file)
    assert session.problem.id == "chat-app"
    assert len(session.history) == 5


def test_unknown_keys_are_kept(chat_session_file):
    raw = copy.deepcopy(chat_session_file)
    raw["future_key"] = {"x": 1}
    raw["board"]["nodes"][0]["data"]["colour"] = "red"
    dumped = validate_session(raw).model_dump(mode="json")
    assert dumped["future_key"] == {"x": 1}
    assert dumped["board"]["nodes"][0]["data"]["colour"] == "red"


def test_a_wrong_kind_names_its_path(chat_session_file):
    raw = copy.deepcopy(chat_session_file)
    raw["board"]["nodes"][3]["data"]["kind"] = "mainframe"
    errors = errors_of(raw)
    assert "board.nodes[3].data.kind" in errors
    assert "got 'mainframe'" in errors["board.nodes[3].data.kind"]
    assert "'load_balancer'" in errors["board.nodes[3].data.kind"]


def test_missing_required_keys_are_named():
    errors = errors_of({"format": "designer.session/1", "board": {"nodes": [{"data": {"kind": "cache"}}]}})
    assert errors["problem"] == "this key is required"
    assert errors["board.nodes[0].data.id"] == "this key is required"


def test_non_numeric_replicas_are_refused():
    with pytest.raises(SessionFormatError) as info:
        validate_board({"nodes": [{"data": {"id": "a", "kind": "cache", "replicas": "two"}}]})
    assert str(info.value.errors[0]) == "board.nodes[0].data.replicas: expected an integer, got 'two'"


def test_duplicate_ids_and_dangling_edges_are_named():
    with pytest.raises(SessionFormatError) as info:
        validate_board(
            {
                "nodes": [{"data": {"id": "a", "kind": "cache"}}, {"data": {"id": "a", "kind": "queue"}}],
                "edges": [{"data": {"id": "e", "source": "a", "target": "ghost"}}],
            }
        )
    paths = {e.path: e.message for e in info.value.errors}
    assert paths["board.nodes[1].data.id"] == "'a' is already used by nodes[0]"
    assert paths["board.edges[0].data.target"] == "no node has the id 'ghost'"


def test_bad_edge_mode_is_refused():
    with pytest.raises(SessionFormatError) as info:
        validate_board(
            {
                "nodes": [{"data": {"id": "a", "kind": "cache"}}],
                "edges": [{"data": {"id": "e", "source": "a", "target": "a", "mode": "carrier pigeon"}}],
            }
        )
    assert info.value.errors[0].path == "board.edges[0].data.mode"


def test_too_many_nodes_is_a_limit_error():
    nodes = [{"data": {"id": f"n{i}", "kind": "service"}} for i in range(2001)]
    with pytest.raises(LimitExceeded) as info:
        validate_board({"nodes": nodes, "edges": []})
    assert "2,001 nodes; the limit is 2,000" in str(info.value)


def test_oversize_text_is_a_limit_error_naming_the_field():
    with pytest.raises(LimitExceeded) as info:
        validate_panel("wrap_up", {"summary": "x" * 25_000})
    assert info.value.errors[0].path == "panels.wrap_up.summary"
    assert (
        info.value.errors[0].message == "text is 25,000 characters; a text field holds at most 20,480 (20 KB)"
    )


def test_html_in_a_label_is_kept_as_text():
    board = validate_board({"nodes": [{"data": {"id": "a", "kind": "cache", "label": "<script>x</script>"}}]})
    assert board["nodes"][0]["data"]["label"] == "<script>x</script>"


def test_a_file_without_steps_or_history_is_valid():
    session = validate_session({"format": "designer.session/1", "problem": {"id": "x"}, "board": {}})
    assert session.steps == [] and session.history == []
    assert session.duration_minutes == 45


@pytest.mark.parametrize("raw", [[], "text", 3, None])
def test_a_file_that_is_not_an_object_is_refused(raw):
    with pytest.raises(SessionFormatError) as info:
        validate_session(raw)
    assert "expected a JSON object" in str(info.value)


def test_nan_positions_and_times_are_refused():
    with pytest.raises(SessionFormatError) as info:
        validate_board(
            {"nodes": [{"data": {"id": "a", "kind": "cache"}, "position": {"x": float("nan"), "y": 0}}]}
        )
    assert info.value.errors[0].path == "board.nodes[0].position.x"
    raw = {
        "format": "designer.session/1",
        "problem": {"id": "x"},
        "board": {},
        "steps": [{"step": "api", "at": float("inf")}],
    }
    assert "steps[0].at" in errors_of(raw)


ZONED = {
    "nodes": [
        {"data": {"id": "lb", "kind": "load_balancer", "parent": "az-a"}},
        {"data": {"id": "api", "kind": "service", "parent": "az-a"}},
    ],
    "edges": [{"data": {"id": "e", "source": "lb", "target": "api"}}],
    "zones": [
        {"data": {"id": "use1", "label": "us-east-1", "kind": "region"}},
        {"data": {"id": "az-a", "label": "AZ a", "kind": "availability_zone", "parent": "use1"}},
    ],
    "notes": [{"data": {"id": "n1", "text": "Writes go to the primary"}, "position": {"x": 1, "y": 2}}],
}


def test_zones_and_notes_are_part_of_the_board_and_kept_as_sent():
    assert validate_board(copy.deepcopy(ZONED)) == ZONED
    assert validate_board({"nodes": [], "edges": []}) == {"nodes": [], "edges": []}  # older files


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda b: b["nodes"][0]["data"].update(parent="nowhere"),
            "board.nodes[0].data.parent",
            "no zone has the id 'nowhere'",
        ),
        (
            lambda b: b["zones"][0]["data"].update(parent="az-a"),
            "board.zones[0].data.parent",
            "inside itself",
        ),
        (
            lambda b: b["zones"][0]["data"].update(kind="planet"),
            "board.zones[0].data.kind",
            "expected one of 'region'",
        ),
        (
            lambda b: b["notes"][0]["data"].update(id="lb"),
            "board.nodes[0].data.id",
            "already used by notes[0]",
        ),
        (
            lambda b: b["edges"][0]["data"].update(target="use1"),
            "board.edges[0].data.target",
            "no node has the id 'use1'",
        ),
        (lambda b: b["notes"][0]["data"].pop("text"), "board.notes[0].data.text", ""),
    ],
)
def test_a_wrong_zone_or_note_names_its_path(change, path, message):
    board = copy.deepcopy(ZONED)
    change(board)
    with pytest.raises(SessionFormatError) as info:
        validate_board(board)
    found = {e.path: e.message for e in info.value.errors}
    assert path in found and message in found[path], found


def test_zones_and_notes_have_limits_counted_before_they_are_read():
    with pytest.raises(LimitExceeded) as info:
        validate_board({"nodes": [], "edges": [], "zones": [{"data": {"id": f"z{i}"}} for i in range(501)]})
    assert info.value.errors[0].path == "board.zones"


def test_the_grader_never_reads_a_zone_or_a_note_as_a_component():
    from designer.board import to_graph

    graph = to_graph(ZONED)
    assert sorted(graph.nodes) == ["api", "lb"]
