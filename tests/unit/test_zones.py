"""Zones and notes when two boards are put together: a diagram added to the board, and "Keep both"
in a conflict. The result is always a valid board, with every zone and note of both."""

import copy
import json
from pathlib import Path

from designer.board import merge
from designer.grading import grade
from designer.merge import merge_boards
from designer.rubric import load_rubric
from designer.session_format import ancestors, validate_board

MINE = {
    "nodes": [{"data": {"id": "api", "kind": "service", "parent": "az"}, "position": {"x": 0, "y": 0}}],
    "edges": [],
    "zones": [{"data": {"id": "az", "label": "AZ a", "kind": "availability_zone"}}],
}
DIAGRAM = {
    "nodes": [{"data": {"id": "api", "kind": "service", "parent": "az"}, "position": {"x": 0, "y": 0}}],
    "edges": [],
    "zones": [
        {"data": {"id": "region", "label": "eu-west-1", "kind": "region"}},
        {"data": {"id": "az", "label": "AZ b", "kind": "availability_zone", "parent": "region"}},
    ],
    "notes": [{"data": {"id": "n", "text": "read path"}, "position": {"x": 5, "y": 5}}],
}


def test_a_diagram_added_to_the_board_brings_its_zones_renamed_and_nested_as_they_were():
    merged = validate_board(merge(copy.deepcopy(MINE), copy.deepcopy(DIAGRAM)))
    zones = {z["data"]["id"]: z["data"] for z in merged["zones"]}
    assert zones["az"]["label"] == "AZ a"  # mine, untouched
    assert zones["az-2"] == {"id": "az-2", "label": "AZ b", "kind": "availability_zone", "parent": "region"}
    boxes = {n["data"]["id"]: n["data"].get("parent") for n in merged["nodes"]}
    assert boxes == {"api": "az", "api-2": "az-2"}  # each box in its own board's zone
    assert merged["notes"][0]["data"] == {"id": "n", "text": "read path"}
    assert merged["notes"][0]["position"]["x"] > 5  # beside the board, as the boxes are


def test_keep_both_has_every_zone_and_note_of_either_board():
    theirs = copy.deepcopy(DIAGRAM)
    theirs["nodes"].append({"data": {"id": "db", "kind": "sql_database", "parent": "region"}})
    merged = validate_board(merge_boards(copy.deepcopy(MINE), theirs))
    assert sorted(z["data"]["id"] for z in merged["zones"]) == ["az", "region"]
    assert {n["data"]["id"]: n["data"].get("parent") for n in merged["nodes"]} == {
        "api": "az",
        "db": "region",
    }
    assert [n["data"]["id"] for n in merged["notes"]] == ["n"]


def test_a_zone_whose_id_a_box_took_is_left_out_and_its_boxes_drawn_outside_any():
    theirs = {
        "nodes": [{"data": {"id": "x", "kind": "cache", "parent": "api"}}],
        "edges": [],
        "zones": [{"data": {"id": "api"}}],
    }
    merged = validate_board(merge_boards(copy.deepcopy(MINE), theirs))
    assert [z["data"]["id"] for z in merged["zones"]] == ["az"]
    assert {n["data"]["id"]: n["data"].get("parent") for n in merged["nodes"]} == {"api": "az", "x": None}


def test_zones_and_notes_change_no_score():
    """The grader reads boxes and arrows: the strong chat-app answer drawn in a region and two
    availability zones, with a note, scores exactly as without them."""
    session = json.loads(
        (Path(__file__).parents[2] / "rubrics" / "chat-app" / "strong.session.json").read_text()
    )
    rubric = load_rubric("chat-app")
    plain = grade(copy.deepcopy(session), rubric)
    zoned = copy.deepcopy(session)
    zoned["board"]["zones"] = [
        {"data": {"id": "region", "label": "eu-west-1", "kind": "region"}},
        {"data": {"id": "az-a", "label": "AZ a", "kind": "availability_zone", "parent": "region"}},
    ]
    zoned["board"]["notes"] = [{"data": {"id": "note", "text": "a load balancer in each AZ"}}]
    for node in zoned["board"]["nodes"][:5]:
        node["data"]["parent"] = "az-a"
    validate_board(zoned["board"])
    graded = grade(zoned, rubric)
    assert graded["score"] == plain["score"]
    assert [(r["criterion"], r["status"], r["points"]) for r in graded["results"]] == [
        (r["criterion"], r["status"], r["points"]) for r in plain["results"]
    ]


def test_ancestors_walk_out_to_the_outermost_and_stop_at_a_loop():
    nested = {"subnet": "az", "az": "region", "region": None}
    assert list(ancestors(nested, "subnet")) == ["az", "region"]
    assert list(ancestors(nested, "region")) == []
    assert list(ancestors({"a": "b", "b": "a"}, "a")) == ["b", "a"]  # a loop through a ends with a
    assert list(ancestors({"a": "b", "b": "c", "c": "b"}, "a")) == ["b", "c"]  # a is outside the loop
    assert list(ancestors({"a": "layer"}, "a")) == []  # an id the map does not have is not a zone
