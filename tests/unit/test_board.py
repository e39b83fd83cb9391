"""The board model: session file ↔ networkx ↔ Cytoscape JSON, and the board edits."""

import networkx as nx

from designer import board as board_ops
from designer.session_format import validate_session


def test_round_trip_session_file_to_networkx_and_back(chat_session_file):
    model = validate_session(chat_session_file)
    board = model.model_dump(mode="json", exclude_none=True)["board"]
    graph = board_ops.to_graph(board)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == len(board["nodes"])
    assert graph.number_of_edges() == len(board["edges"])
    assert graph.nodes["lb"]["kind"] == "load_balancer"
    assert graph.nodes["lb"]["position"] == {"x": 180.0, "y": 200.0}
    back = board_ops.from_graph(graph)
    assert sorted(back["nodes"], key=lambda n: n["data"]["id"]) == sorted(
        board["nodes"], key=lambda n: n["data"]["id"]
    )
    assert sorted(back["edges"], key=lambda e: e["data"]["id"]) == sorted(
        board["edges"], key=lambda e: e["data"]["id"]
    )


def test_parallel_edges_between_two_boxes_are_both_kept():
    board = {
        "nodes": [
            {"data": {"id": "a", "kind": "sql_database"}},
            {"data": {"id": "b", "kind": "read_replica"}},
        ],
        "edges": [
            {"data": {"id": "e1", "source": "a", "target": "b", "mode": "replication"}},
            {"data": {"id": "e2", "source": "a", "target": "b", "mode": "sync"}},
        ],
    }
    graph = board_ops.to_graph(board)
    assert sorted(k for _, _, k in graph.edges(keys=True)) == ["e1", "e2"]


def test_add_node_gives_unique_ids_and_spreads_positions():
    board = {"nodes": [], "edges": []}
    board, first = board_ops.add_node(board, "cache", "Redis")
    board, second = board_ops.add_node(board, "cache", "Redis")
    assert (first, second) == ("redis", "redis-2")
    assert board["nodes"][0]["position"] != board["nodes"][1]["position"]


def test_remove_node_removes_its_edges():
    board = {"nodes": [], "edges": []}
    board, a = board_ops.add_node(board, "client")
    board, b = board_ops.add_node(board, "service", "API")
    board, c = board_ops.add_node(board, "cache")
    board, _ = board_ops.add_edge(board, a, b, "HTTPS")
    board, _ = board_ops.add_edge(board, b, c, "lookup")
    board = board_ops.remove_element(board, b)
    assert [n["data"]["id"] for n in board["nodes"]] == [a, c]
    assert board["edges"] == []


def test_node_label_falls_back_to_the_kind_name():
    assert board_ops.node_label({"kind": "load_balancer", "label": "  "}) == "Load balancer"
    assert board_ops.node_label({"kind": "service", "label": "Chat"}) == "Chat"
