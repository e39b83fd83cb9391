"""Excalidraw in and out: bound labels, bound arrows, deleted elements, exact round trips, bad input."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.formats.excalidraw import ExcalidrawError, read_excalidraw, write_excalidraw
from designer.session_format import validate_board
from tests.formats.zoned_board import ZONED, zones_of

ROOT = Path(__file__).resolve().parents[2]


def shape(element_id, kind="rectangle", x=0, y=0, **extra):
    return {"id": element_id, "type": kind, "x": x, "y": y, "width": 100, "height": 60, **extra}


def text(element_id, words, container=None, x=0, y=0):
    return {
        "id": element_id,
        "type": "text",
        "text": words,
        "containerId": container,
        "x": x,
        "y": y,
        "width": 60,
        "height": 20,
    }


def arrow(element_id, start, end, **extra):
    return {
        "id": element_id,
        "type": "arrow",
        "x": 0,
        "y": 0,
        "startBinding": {"elementId": start},
        "endBinding": {"elementId": end},
        "endArrowhead": "arrow",
        **extra,
    }


def scene(*elements):
    return json.dumps({"type": "excalidraw", "version": 2, "elements": list(elements)})


def test_shapes_labels_and_arrows():
    result = read_excalidraw(
        scene(
            shape("u", "ellipse"),
            text("ut", "Mobile users", "u"),
            shape("lb", "diamond", x=200),
            text("lbt", "nginx", "lb"),
            shape("db", x=400),
            text("free", "Orders Postgres", x=420, y=20),  # free text on top of the box
            arrow("a1", "u", "lb"),
            text("a1t", "HTTPS", "a1"),
            arrow("a2", "lb", "db", strokeStyle="dashed"),
            shape("gone", isDeleted=True),
            text("note", "a note far away", x=900, y=900),
            {"id": "f", "type": "frame", "name": "Frame"},
            arrow("loose", "u", "nowhere"),
        )
    )
    board = result.board
    validate_board(board)
    assert [(n["data"]["id"], n["data"]["label"], n["data"]["kind"]) for n in board["nodes"]] == [
        ("u", "Mobile users", "client"),
        ("lb", "nginx", "load_balancer"),
        ("db", "Orders Postgres", "sql_database"),
    ]
    assert [
        (e["data"]["source"], e["data"]["target"], e["data"]["label"], e["data"]["mode"])
        for e in board["edges"]
    ] == [("u", "lb", "HTTPS", "sync"), ("lb", "db", "", "async")]
    assert result.warnings == [
        "the arrow loose was left out: it is bound to nowhere, which the scene does not have"
    ]
    assert board["nodes"][1]["position"] == {"x": 250.0, "y": 30.0}


def test_round_trip_keeps_boxes_kinds_labels_arrows_and_modes():
    board = json.loads((ROOT / "rubrics" / "chat-app" / "strong.session.json").read_text())["board"]
    back = read_excalidraw(write_excalidraw(board)).board

    def shape_of(b):
        nodes = sorted(
            (n["data"]["id"], n["data"]["kind"], n["data"]["label"], n["data"].get("replicas", 1))
            for n in b["nodes"]
        )
        edges = sorted(
            (e["data"]["source"], e["data"]["target"], e["data"]["label"], e["data"].get("mode", "sync"))
            for e in b["edges"]
        )
        return nodes, edges

    assert shape_of(back) == shape_of(board)


def test_written_scene_has_what_excalidraw_needs():
    written = json.loads(
        write_excalidraw(
            {"nodes": [{"data": {"id": "a", "kind": "cache", "label": "<b>x</b>"}}], "edges": []}
        )
    )
    assert written["type"] == "excalidraw" and written["version"] == 2
    box, label = written["elements"]
    assert box["boundElements"] == [{"type": "text", "id": "a-label"}]
    assert label["containerId"] == "a" and label["text"] == "<b>x</b>"  # text, never markup


@pytest.mark.parametrize(
    "content, message",
    [
        ("{broken", "not valid JSON"),
        ('{"type": "drawio", "elements": []}', "not an Excalidraw scene"),
        (
            '{"type": "excalidraw", "elements": [{"id": "a", "type": "rectangle", "x": NaN}]}',
            "NaN is not a JSON value",
        ),
        ("[]", "not an Excalidraw scene"),
    ],
)
def test_bad_files_get_a_clear_message(content, message):
    with pytest.raises(ExcalidrawError, match=message):
        read_excalidraw(content)


def test_too_many_elements_is_refused_quickly():
    elements = [{"id": f"r{i}", "type": "rectangle", "x": 0, "y": 0} for i in range(20_001)]
    with pytest.raises(ExcalidrawError, match="20,001 elements; at most 20,000"):
        read_excalidraw(json.dumps({"type": "excalidraw", "elements": elements}))


element = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "c", "t"]),
        "type": st.sampled_from(["rectangle", "ellipse", "text", "arrow", "line"]),
    },
    optional={
        "text": st.text(max_size=8),
        "containerId": st.sampled_from(["a", "b", None]),
        "startBinding": st.fixed_dictionaries({"elementId": st.sampled_from(["a", "b", "zz"])}),
        "endBinding": st.fixed_dictionaries({"elementId": st.sampled_from(["a", "c"])}),
        "x": st.integers(-5, 5) | st.text(max_size=2),
        "isDeleted": st.booleans(),
    },
)


@settings(max_examples=300, deadline=None)
@given(st.lists(element, max_size=8))
def test_fuzzed_scenes_read_or_fail_cleanly(elements):
    try:
        result = read_excalidraw(json.dumps({"type": "excalidraw", "elements": elements}))
    except ExcalidrawError:
        return
    validate_board(result.board)


def test_unlabelled_shapes_with_no_arrow_are_decoration_left_out_with_a_note():
    shape = lambda i, x: {"id": i, "type": "rectangle", "x": x, "y": 0, "width": 100, "height": 50}  # noqa: E731
    scene = {
        "type": "excalidraw",
        "elements": [
            shape("api", 0),
            {"id": "t1", "type": "text", "text": "API", "containerId": "api", "x": 0, "y": 0},
            shape("db", 300),  # bare, but an arrow ends on it: a component
            shape("frame", 600),  # bare and alone: decoration
            shape("blob", 900),
            {"id": "a1", "type": "arrow", "x": 0, "y": 0, "startBinding": {"elementId": "api"},
             "endBinding": {"elementId": "db"}},
        ],
    }  # fmt: skip
    result = read_excalidraw(json.dumps(scene))
    assert [n["data"]["id"] for n in result.board["nodes"]] == ["api", "db"]
    assert set(result.inferred) == {"api", "db"}
    assert "_unlabelled" not in json.dumps(result.board)
    assert result.warnings == ["2 unlabelled shapes with no arrow were left out as decoration"]


def test_a_frame_is_a_zone_around_the_boxes_drawn_in_it_not_a_box():
    def box(element_id, text, frame=None):
        return [
            {
                "id": element_id,
                "type": "rectangle",
                "x": 0,
                "y": 0,
                "width": 100,
                "height": 50,
                "frameId": frame,
            },
            {
                "id": f"{element_id}-t",
                "type": "text",
                "text": text,
                "containerId": element_id,
                "x": 0,
                "y": 0,
            },
        ]

    scene = {
        "type": "excalidraw",
        "elements": [
            {
                "id": "f1",
                "type": "frame",
                "name": "Availability zone a",
                "x": -50,
                "y": -50,
                "width": 400,
                "height": 300,
            },
            {"id": "f2", "type": "frame", "name": "", "x": 600, "y": -50, "width": 100, "height": 100},
            *box("api", "API", "f1"),
            *box("db", "Postgres", "f1"),
            *box("cdn", "CDN"),
        ],
    }
    board = validate_board(read_excalidraw(json.dumps(scene)).board)
    assert [(z["data"]["id"], z["data"]["label"], z["data"]["kind"]) for z in board["zones"]] == [
        ("f1", "Availability zone a", "availability_zone"),
        ("f2", None, "zone"),
    ]
    assert {n["data"]["label"]: n["data"].get("parent") for n in board["nodes"]} == {
        "API": "f1",
        "Postgres": "f1",
        "CDN": None,
    }


def test_zones_are_written_as_frames_and_read_back_nested_with_their_kinds():
    scene = json.loads(write_excalidraw(ZONED))
    frames = {e["id"]: e for e in scene["elements"] if e["type"] == "frame"}
    assert {i: f["name"] for i, f in frames.items()} == {"az": "AZ a", "r": "Europe", "later": "VPC"}
    az, region = frames["az"], frames["r"]
    assert (
        region["x"] < az["x"] and region["x"] + region["width"] > az["x"] + az["width"]
    )  # the region holds the AZ
    api = next(e for e in scene["elements"] if e["id"] == "api")
    assert api["frameId"] == "az" and az["x"] < api["x"] and api["x"] + api["width"] < az["x"] + az["width"]
    back = validate_board(read_excalidraw(json.dumps(scene)).board)
    assert zones_of(back) == [("az", "availability_zone", "r"), ("later", "vpc", None), ("r", "region", None)]
    assert {n["data"]["id"]: n["data"].get("parent") for n in back["nodes"]} == {
        "api": "az",
        "db": "az",
        "web": None,
    }


def loose_arrow(element_id, x, y, points, **extra):
    """An arrow drawn without snapping to a box: no bindings, only where it starts and its points."""
    return {
        "id": element_id,
        "type": "arrow",
        "x": x,
        "y": y,
        "points": points,
        "endArrowhead": "arrow",
        **extra,
    }


def test_an_arrow_drawn_to_a_box_without_snapping_joins_the_boxes_its_ends_touch():
    """Hand-drawn scenes often leave arrows unbound: an end on or just beside a box (within 24 px)
    is taken as attached to it, the smallest when boxes nest, and the note says so; an end near
    nothing still leaves the arrow out."""
    result = read_excalidraw(
        scene(
            shape("u", x=0, y=0),
            text("ut", "Mobile users", "u"),
            shape("api", x=300, y=0),
            text("apit", "API", "api"),
            shape("db", x=600, y=0),
            text("dbt", "Orders DB", "db"),
            loose_arrow("a1", 105, 30, [[0, 0], [185, 0]]),  # from u's right edge to 10 px short of api
            loose_arrow("a2", 410, 30, [[0, 0], [100, 5], [195, 0]], startBinding={"elementId": "api"}),
            loose_arrow("a3", 50, 200, [[0, 0], [250, 0]]),  # below everything
        )
    )
    edges = [(e["data"]["source"], e["data"]["target"]) for e in result.board["edges"]]
    assert edges == [("u", "api"), ("api", "db")]
    assert result.warnings == [
        "the arrow a1 was not snapped to its boxes; its ends touch Mobile users and API, so it joins them",
        "the arrow a2 was not snapped to its boxes; its ends touch API and Orders DB, so it joins them",
        "the arrow a3 was left out: both its ends must be bound to a box",
    ]


def test_many_unsnapped_arrows_are_said_in_one_line():
    boxes = [shape(f"b{i}", x=200 * i) for i in range(5)]
    arrows = [loose_arrow(f"a{i}", 200 * i + 100, 30, [[0, 0], [100, 0]]) for i in range(4)]
    result = read_excalidraw(scene(*boxes, *arrows))
    assert len(result.board["edges"]) == 4
    assert (
        result.warnings[0]
        == "4 arrows were not snapped to their boxes; each joins the boxes its ends touch (a0, a1, a2…)"
    )


def test_arrows_without_a_head_or_with_two_point_from_the_clients_to_the_data():
    result = read_excalidraw(
        scene(
            shape("db", x=400),
            text("dbt", "Postgres", "db"),
            shape("api", x=200),
            text("apit", "API servers", "api"),
            shape("u", "ellipse"),
            text("ut", "Users", "u"),
            arrow("a1", "db", "api", endArrowhead=None),
            arrow("a2", "api", "u", startArrowhead="arrow", endArrowhead="arrow"),
        )
    )
    ends = sorted((e["data"]["source"], e["data"]["target"]) for e in result.board["edges"])
    assert ends == [("api", "db"), ("u", "api")]
    assert any("without a direction" in w for w in result.warnings)


def line(element_id, x, y, points, **extra):
    return {"id": element_id, "type": "line", "x": x, "y": y, "points": points, **extra}


def test_a_line_drawn_between_two_boxes_links_them():
    """Excalidraw's line tool draws links with no head, and a line can't be bound to a shape: one
    whose ends lie on or beside two boxes was left out ("lines are not components") and the boxes
    stood alone. It is now a link with no direction, turned from the clients' side to the data's;
    a line near one box or none, within one box, or closed into a shape is still decoration."""
    result = read_excalidraw(
        scene(
            shape("db", x=0, y=0),
            text("dbt", "Orders Postgres", "db"),
            shape("api", x=300, y=0),
            text("apit", "API", "api"),
            line("l1", 105, 30, [[0, 0], [190, 0]]),  # from the database's edge to the API's
            line("l2", 10, 55, [[0, 0], [80, 0]]),  # an underline inside the database box
            line("l3", 50, 200, [[0, 0], [250, 0]]),  # a divider below everything
            line("l4", 350, 30, [[0, 0], [0, 300]]),  # from the API to nowhere
            line("l5", 105, 10, [[0, 0], [190, 0], [190, 40], [0, 0]]),  # closed: a shape
        )
    )
    edges = [(e["data"]["source"], e["data"]["target"]) for e in result.board["edges"]]
    assert edges == [("api", "db")]
    assert any("the line l1 joins Orders Postgres and API" in w for w in result.warnings)
    assert not any(name in w for w in result.warnings for name in ("l2", "l3", "l4", "l5"))
