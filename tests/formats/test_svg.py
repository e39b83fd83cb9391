"""The board as SVG: every box in its kind's shape and colour, labels as escaped text, arrows styled by mode."""

import json
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from designer.formats.svg import write_svg
from designer.kind_styles import KIND_STYLES, NOTE_STYLE, ZONE_STYLES
from designer.session_format import KINDS, ZONE_KINDS
from tests.formats.zoned_board import ZONED

NS = {"svg": "http://www.w3.org/2000/svg"}
ROOT = Path(__file__).resolve().parents[2]


def board_of(*nodes, edges=()):
    return {"nodes": list(nodes), "edges": list(edges)}


def node(node_id, kind="service", label="", x=0, y=0, replicas=1):
    return {
        "data": {"id": node_id, "kind": kind, "label": label, "replicas": replicas},
        "position": {"x": x, "y": y},
    }


def parse(board):
    return SafeET.fromstring(write_svg(board))


def test_every_kind_has_a_style_the_whiteboard_and_the_svg_share():
    assert set(KIND_STYLES) == set(KINDS)


def test_the_page_gives_the_whiteboard_the_same_styles(app):
    page = app.test_client().get("/").get_data(as_text=True)
    data = page.split('<script type="application/json" id="kind-styles">')[1].split("</script>")[0]
    assert json.loads(data) == {kind: list(style) for kind, style in KIND_STYLES.items()}


def test_boxes_are_drawn_in_their_kinds_colours_with_their_labels():
    svg = parse(
        board_of(node("c", "cache", "Redis"), node("db", "sql_database", "Orders", x=300, replicas=3))
    )
    boxes = {g.get("data-id"): g for g in svg.iterfind(".//svg:g[@class='box']", NS)}
    assert set(boxes) == {"c", "db"}
    cache = boxes["c"]
    assert cache.find("svg:ellipse", NS).get("fill") == KIND_STYLES["cache"].fill
    assert "".join(cache.find("svg:text", NS).itertext()) == "Redis"
    outlines = boxes["db"].findall("svg:path", NS)  # a drum, drawn twice: replicated
    assert len(outlines) == 2 and outlines[0].get("stroke") == KIND_STYLES["sql_database"].stroke


def test_the_picture_is_on_white_and_covers_every_box():
    svg = parse(board_of(node("a", x=-500, y=-200), node("b", x=900, y=700)))
    left, top, width, height = map(float, svg.get("viewBox").split())
    assert left <= -500 - 60 and top <= -200 - 26
    assert left + width >= 900 + 60 and top + height >= 700 + 26
    background = svg.find("svg:rect", NS)
    assert background.get("fill") == "#ffffff" and float(background.get("width")) == width
    assert float(svg.get("width")) == width  # drawn at board scale: 12 px text prints legibly


def test_arrows_are_styled_by_mode_and_labelled():
    edges = [
        {"data": {"id": "s", "source": "a", "target": "b", "label": "GET /feed", "mode": "sync"}},
        {"data": {"id": "q", "source": "a", "target": "c", "label": "", "mode": "async"}},
        {"data": {"id": "r", "source": "b", "target": "c", "label": "", "mode": "replication"}},
    ]
    svg = parse(board_of(node("a"), node("b", x=300), node("c", y=300), edges=edges))
    lines = {g.get("data-id"): g.find("svg:line", NS) for g in svg.iterfind(".//svg:g[@class='arrow']", NS)}
    assert lines["s"].get("stroke-dasharray") is None and lines["s"].get("marker-end") == "url(#head)"
    assert lines["q"].get("stroke-dasharray") == "8 5"
    assert lines["r"].get("marker-end") == "url(#diamond-head)"
    texts = ["".join(t.itertext()) for t in svg.iterfind(".//svg:g[@class='arrow']/svg:text", NS)]
    assert texts == ["GET /feed"]
    # the arrow stops at the target box's edge, not its centre, so its head shows
    assert float(lines["s"].get("x2")) == pytest.approx(300 - 60 - 4)


def test_script_in_a_label_is_text_never_markup():
    edge = {"data": {"id": "e", "source": "a", "target": "b", "label": '<img src=x onerror="alert(2)">'}}
    text = write_svg(board_of(node("a", label="<script>x</script>"), node("b", x=300), edges=[edge]))
    assert "<script" not in text and "<img" not in text
    svg = SafeET.fromstring(text)
    assert svg.find(".//svg:tspan", NS).text == "<script>x</script>"
    assert svg.find(".//svg:g[@class='arrow']/svg:text", NS).text == '<img src=x onerror="alert(2)">'
    assert not list(svg.iter("{http://www.w3.org/2000/svg}script"))


def test_long_labels_wrap_onto_lines():
    svg = parse(board_of(node("a", label="Notification fan-out workers for push and email")))
    spans = [t.text for t in svg.iterfind(".//svg:tspan", NS)]
    assert len(spans) >= 3 and all(len(s) <= 18 for s in spans)
    assert " ".join(spans) == "Notification fan-out workers for push and email"
    very_long = parse(board_of(node("a", label="word " * 40)))
    spans = [t.text for t in very_long.iterfind(".//svg:tspan", NS)]
    assert len(spans) == 4 and spans[-1].endswith("…")


def test_an_empty_board_is_still_a_picture():
    svg = parse({"nodes": [], "edges": []})
    assert svg.get("viewBox") and not list(svg.iterfind(".//svg:g[@class='box']", NS))


def test_the_shipped_strong_session_draws_every_box_and_arrow():
    board = json.loads((ROOT / "tests/data/sessions/chat-app-strong.session.json").read_text())["board"]
    svg = parse(board)
    assert len(list(svg.iterfind(".//svg:g[@class='box']", NS))) == len(board["nodes"])
    assert len(list(svg.iterfind(".//svg:g[@class='arrow']", NS))) == len(board["edges"])


def test_zones_are_drawn_under_their_boxes_and_notes_as_stickies():
    board = {
        **ZONED,
        "notes": [
            {
                "data": {"id": "n1", "text": "<b>Writes</b> go to the primary"},
                "position": {"x": -400, "y": 900},
            }
        ],
    }
    svg = parse(board)
    groups = [g.get("class") for g in svg.findall("svg:g", NS)]
    assert groups.index("zones") < groups.index("boxes")  # under the boxes
    zones = {g.get("data-id"): g for g in svg.iterfind(".//svg:g[@class='zone']", NS)}
    assert list(zones) == ["r", "later", "az"]  # the region under the zone it holds
    frame = {
        k: float(v) for k, v in zones["az"].find("svg:rect", NS).attrib.items() if k in "x y width height"
    }
    assert frame["x"] < 300 - 60 and frame["x"] + frame["width"] > 500 + 60  # around API and DB
    assert zones["az"].find("svg:rect", NS).get("stroke") == ZONE_STYLES["availability_zone"][1]
    assert [z.find("svg:text", NS).text for z in zones.values()] == ["Europe", "VPC", "AZ a"]
    note = svg.find(".//svg:g[@class='note']", NS)
    lines = [t.text for t in note.iterfind(".//svg:tspan", NS)]
    assert lines == ["<b>Writes</b> go to the", "primary"]  # text, not markup, wrapped
    left, top, width, height = map(float, svg.get("viewBox").split())
    assert left <= -400 - 85 and top + height >= 900 + 35  # the picture covers the note


def test_the_page_gives_the_whiteboard_the_zone_colours(app):
    page = app.test_client().get("/").get_data(as_text=True)
    data = page.split('<script type="application/json" id="zone-styles">')[1].split("</script>")[0]
    assert json.loads(data) == {
        "zones": {k: list(v) for k, v in ZONE_STYLES.items()},
        "note": list(NOTE_STYLE),
    }
    assert set(ZONE_STYLES) == set(ZONE_KINDS)
