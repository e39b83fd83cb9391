"""draw.io in and out: a real template, compressed pages, pages by name, hostile XML."""

import base64
import json
import zlib
from pathlib import Path

import pytest

from designer.formats.drawio import DrawioError, page_names, read_drawio, write_drawio
from designer.session_format import validate_board
from tests.formats.zoned_board import ZONED, zones_of

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "drawio" / "gcp_gaming_backend_database.drawio"


def test_a_real_template_reads_as_its_picture():
    result = read_drawio(REAL.read_text())
    board = result.board
    validate_board(board)
    labels = {n["data"]["label"]: n["data"]["kind"] for n in board["nodes"]}
    assert labels == {
        "Analytics Backend BigQuery": "sql_database",  # a warehouse: where the analytics are kept
        "Game Database": "sql_database",
        "Cloud SQL": "sql_database",
        "Cloud Bigtable": "nosql_database",
        "Clients": "client",
        "Frontend Platform Services": "service",
        "Dedicated Game Server": "web_server",
    }
    by_id = {n["data"]["id"]: n["data"]["label"] for n in board["nodes"]}
    pairs = {(by_id[e["data"]["source"]], by_id[e["data"]["target"]]) for e in board["edges"]}
    assert ("Clients", "Frontend Platform Services") in pairs
    assert ("Frontend Platform Services", "Game Database") in pairs
    assert len(board["edges"]) == 8


@pytest.mark.parametrize("compressed", [False, True])
def test_round_trip_plain_and_compressed(compressed):
    board = json.loads((ROOT / "rubrics" / "news-feed" / "strong.session.json").read_text())["board"]
    back = read_drawio(write_drawio(board, compressed=compressed)).board

    def shape_of(b):
        return (
            sorted(
                (n["data"]["id"], n["data"]["kind"], n["data"]["label"], n["data"].get("replicas", 1))
                for n in b["nodes"]
            ),
            sorted(
                (e["data"]["source"], e["data"]["target"], e["data"]["label"], e["data"].get("mode", "sync"))
                for e in b["edges"]
            ),
        )

    assert shape_of(back) == shape_of(board)


def test_html_labels_become_text_and_pages_are_chosen_by_name():
    page = (
        '<diagram name="{name}"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="a" value="&lt;b&gt;Redis&lt;/b&gt;&lt;br&gt;cache" style="rounded=1;" vertex="1" parent="1">'
        '<mxGeometry x="0" y="0" width="100" height="40" as="geometry"/></mxCell>'
        '<mxCell id="b" value="{label}" style="shape=cylinder3;" vertex="1" parent="1">'
        '<mxGeometry x="200" y="0" width="100" height="40" as="geometry"/></mxCell>'
        '<mxCell id="e" value="" style="dashed=1;" edge="1" parent="1" source="a" target="b"/>'
        "</root></mxGraphModel></diagram>"
    )
    text = (
        "<mxfile>"
        + page.format(name="Draft", label="x")
        + page.format(name="Final", label="Orders")
        + "</mxfile>"
    )
    assert page_names(text) == ["Draft", "Final"]
    first = read_drawio(text)
    assert first.warnings == ["the file has 2 pages (Draft, Final); read 'Draft'"]
    final = read_drawio(text, "Final").board
    assert [(n["data"]["label"], n["data"]["kind"]) for n in final["nodes"]] == [
        ("Redis cache", "cache"),
        ("Orders", "sql_database"),
    ]
    assert final["edges"][0]["data"]["mode"] == "async"
    assert read_drawio(text, "2").board == final
    with pytest.raises(DrawioError, match="no page 'Other'; the pages are: Draft, Final"):
        read_drawio(text, "Other")


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
    "<mxfile><diagram>&lol2;</diagram></mxfile>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><mxfile>&xxe;</mxfile>'
)


def _deflated(raw: bytes) -> str:
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.b64encode(deflater.compress(raw) + deflater.flush()).decode()


@pytest.mark.parametrize(
    "text, message",
    [
        (BOMB, "not allowed"),
        (EXTERNAL, "not allowed"),
        (
            "<mxfile><diagram>" + _deflated(b"A" * (60 * 1024 * 1024)) + "</diagram></mxfile>",
            "inflates past 8 MB",
        ),
        ("<mxfile><diagram>not base64 at all!!</diagram></mxfile>", "can't be read"),
        ("<mxfile><diagram", "not valid XML"),
        ("<html><body/></html>", "expected a draw.io file"),
        ("<mxfile></mxfile>", "has no pages"),
        ('<svg xmlns="http://www.w3.org/2000/svg"></svg>', "no draw.io diagram in it"),
    ],
)
def test_hostile_and_broken_files_fail_fast_with_a_message(text, message):
    with pytest.raises(DrawioError, match=message):
        read_drawio(text)


def test_the_drawio_svg_export_carries_the_file():
    inner = write_drawio({"nodes": [{"data": {"id": "a", "kind": "cache", "label": "Redis"}}], "edges": []})
    svg = '<svg xmlns="http://www.w3.org/2000/svg" content="{}"></svg>'.format(
        inner.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
    assert read_drawio(svg).board["nodes"][0]["data"]["label"] == "Redis"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

cell = st.builds(
    lambda i, kind, parent, src, dst, value: (
        f'<mxCell id="{i}" value="{value}" {kind}="1" parent="{parent}" source="{src}" target="{dst}" style="rounded=1;"/>'
    ),
    st.sampled_from(["a", "b", "c", "1"]),
    st.sampled_from(["vertex", "edge"]),
    st.sampled_from(["1", "a", "zz"]),
    st.sampled_from(["a", "b", "q"]),
    st.sampled_from(["a", "c"]),
    st.sampled_from(["", "Redis", "&lt;i&gt;x"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(cell, max_size=6))
def test_fuzzed_pages_read_or_fail_cleanly(cells):
    text = "<mxGraphModel><root>" + "".join(cells) + "</root></mxGraphModel>"
    try:
        result = read_drawio(text)
    except DrawioError:
        return
    validate_board(result.board)


def test_a_labelled_container_is_a_zone_around_its_boxes_not_a_box():
    board = read_drawio(REAL.read_text()).board
    validate_board(board)
    assert [(z["data"]["label"], z["data"]["kind"]) for z in board["zones"]] == [
        ("Google Cloud Platform", "zone")
    ]
    inside = sorted(
        n["data"]["label"]
        for n in board["nodes"]
        if n["data"].get("parent") == board["zones"][0]["data"]["id"]
    )
    assert inside == ["Analytics Backend BigQuery", "Cloud Bigtable", "Cloud SQL", "Game Database"]
    assert "Google Cloud Platform" not in {n["data"]["label"] for n in board["nodes"]}


AWS_NESTED = """<mxfile><diagram name="p"><mxGraphModel><root>
<mxCell id="0"/><mxCell id="1" parent="0"/>
<mxCell id="r" value="us-east-1" style="shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_region;container=1" vertex="1" parent="1">
  <mxGeometry x="100" y="100" width="600" height="400" as="geometry"/></mxCell>
<mxCell id="v" value="" style="shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_vpc;container=1" vertex="1" parent="r">
  <mxGeometry x="20" y="30" width="500" height="300" as="geometry"/></mxCell>
<mxCell id="s" value="Private subnet" style="rounded=0;container=1" vertex="1" parent="v">
  <mxGeometry x="10" y="40" width="300" height="200" as="geometry"/></mxCell>
<mxCell id="db" value="Orders DB" style="shape=cylinder3;whiteSpace=wrap" vertex="1" parent="s">
  <mxGeometry x="50" y="60" width="60" height="80" as="geometry"/></mxCell>
<mxCell id="api" value="API" style="rounded=1;whiteSpace=wrap" vertex="1" parent="1">
  <mxGeometry x="800" y="100" width="120" height="60" as="geometry"/></mxCell>
<mxCell id="e" edge="1" source="api" target="db" parent="1"><mxGeometry relative="1" as="geometry"/></mxCell>
</root></mxGraphModel></diagram></mxfile>"""


def test_aws_groups_nest_as_region_vpc_and_subnet_and_boxes_keep_their_place_on_the_page():
    board = validate_board(read_drawio(AWS_NESTED).board)
    zones = {z["data"]["id"]: (z["data"]["kind"], z["data"].get("parent")) for z in board["zones"]}
    assert zones == {"r": ("region", None), "v": ("vpc", "r"), "s": ("subnet", "v")}
    db = next(n for n in board["nodes"] if n["data"]["id"] == "db")
    assert db["data"]["parent"] == "s" and db["data"]["kind"] == "sql_database"
    # its geometry is inside three containers: 100 + 20 + 10 + 50 + 60/2 across, 100 + 30 + 40 + 60 + 80/2 down
    assert db["position"] == {"x": 210.0, "y": 270.0}
    assert [e["data"]["target"] for e in board["edges"]] == ["db"]


def test_containers_that_hold_each_other_in_a_loop_import_with_the_loop_cut_once():
    looped = AWS_NESTED.replace(
        'vertex="1" parent="1">\n  <mxGeometry x="100"', 'vertex="1" parent="s">\n  <mxGeometry x="100"'
    )
    assert looped != AWS_NESTED
    board = validate_board(read_drawio(looped).board)
    zones = {z["data"]["id"]: z["data"].get("parent") for z in board["zones"]}
    assert zones == {"r": "s", "v": "r", "s": None}  # the last link that would close the loop is left out
    db = next(n for n in board["nodes"] if n["data"]["id"] == "db")
    assert db["position"] == {"x": 210.0, "y": 270.0}  # each container's offset counted once


def test_zones_are_written_as_containers_and_read_back_with_their_kinds_and_places():
    board = ZONED
    text = write_drawio(board)
    assert text.index('id="r"') < text.index('id="az"') < text.index('id="api"')  # parents first
    back = validate_board(read_drawio(text).board)
    assert zones_of(back) == [
        ("az", "availability_zone", "r"),
        ("later", "vpc", None),  # empty and unnamed, still a zone
        ("r", "region", None),
    ]
    assert {n["data"]["id"]: (n["data"].get("parent"), n["position"]) for n in back["nodes"]} == {
        "api": ("az", {"x": 300.0, "y": 200.0}),  # relative to two containers, absolute again
        "db": ("az", {"x": 500.0, "y": 200.0}),
        "web": (None, {"x": 0.0, "y": 200.0}),
    }
    assert [e["data"]["target"] for e in back["edges"]] == ["api"]


LOOSE = """<mxfile><diagram name="p"><mxGraphModel><root>
<mxCell id="0"/><mxCell id="1" parent="0"/>
<mxCell id="c" value="Mobile app" style="rounded=1" vertex="1" parent="1"><mxGeometry x="0" y="0" width="120" height="60" as="geometry"/></mxCell>
<mxCell id="az" value="Availability Zone a" style="rounded=0;container=1" vertex="1" parent="1"><mxGeometry x="300" y="0" width="400" height="300" as="geometry"/></mxCell>
<mxCell id="api" value="API" style="rounded=1" vertex="1" parent="az"><mxGeometry x="20" y="20" width="120" height="60" as="geometry"/></mxCell>
<mxCell id="db" value="Orders DB" style="shape=cylinder3" vertex="1" parent="az"><mxGeometry x="220" y="20" width="80" height="80" as="geometry"/></mxCell>
<mxCell id="e1" edge="1" source="c" parent="1"><mxGeometry relative="1" as="geometry"><mxPoint x="330" y="50" as="targetPoint"/></mxGeometry></mxCell>
<mxCell id="e2" edge="1" parent="az"><mxGeometry relative="1" as="geometry"><mxPoint x="150" y="50" as="sourcePoint"/><mxPoint x="210" y="60" as="targetPoint"/></mxGeometry></mxCell>
<mxCell id="e3" edge="1" source="c" parent="1"><mxGeometry relative="1" as="geometry"><mxPoint x="60" y="900" as="targetPoint"/></mxGeometry></mxCell>
<mxCell id="api2" value="API" style="rounded=1" vertex="1" parent="1"><mxGeometry x="0" y="2000" width="120" height="60" as="geometry"/></mxCell>
</root></mxGraphModel></diagram></mxfile>"""


def test_an_edge_left_loose_joins_the_boxes_its_ends_lie_on_or_beside():
    """An edge dropped beside a box instead of on its outline has no source or target, only the
    points it ends at (relative to its container): an end on a box or within 24 px of one joins it,
    and the import says so; an end near nothing still leaves the edge out."""
    result = read_drawio(LOOSE)
    assert [(e["data"]["source"], e["data"]["target"]) for e in result.board["edges"]] == [
        ("c", "api"),
        ("api", "db"),
    ]
    assert result.warnings == [
        "the edge e1 was not attached to its boxes; its ends touch Mobile app and API, so it joins them",
        "the edge e2 was not attached to its boxes; its ends touch API and Orders DB, so it joins them",
        "the edge e3 was left out: both its ends must be attached to boxes",
    ]


def test_edges_without_a_head_point_from_the_clients_to_the_data_and_a_start_head_turns_one_round():
    page = (
        '<mxfile><diagram name="p"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="u" value="Users" style="shape=mxgraph.basic.person;" vertex="1" parent="1">'
        '<mxGeometry x="0" y="0" width="60" height="60" as="geometry"/></mxCell>'
        '<mxCell id="api" value="API servers" style="rounded=1;" vertex="1" parent="1">'
        '<mxGeometry x="200" y="0" width="100" height="60" as="geometry"/></mxCell>'
        '<mxCell id="db" value="Postgres" style="shape=cylinder3;" vertex="1" parent="1">'
        '<mxGeometry x="400" y="0" width="100" height="60" as="geometry"/></mxCell>'
        '<mxCell id="e1" style="endArrow=none;" edge="1" parent="1" source="db" target="api"/>'
        '<mxCell id="e2" style="endArrow=none;startArrow=classic;" edge="1" parent="1" source="db" target="u"/>'
        '<mxCell id="e3" style="endArrow=block;startArrow=block;" edge="1" parent="1" source="api" target="u"/>'
        "</root></mxGraphModel></diagram></mxfile>"
    )
    result = read_drawio(page)
    ends = sorted((e["data"]["source"], e["data"]["target"]) for e in result.board["edges"])
    # e2's only head is at its start: drawn from Postgres, it points at Postgres
    assert ends == [("api", "db"), ("u", "api"), ("u", "db")]


def _icon_box(cell_id, label, icon_style, x):
    return (
        f'<mxCell id="{cell_id}" value="{label}" style="outlineConnect=0;html=1;{icon_style}" vertex="1" parent="1">'
        f'<mxGeometry x="{x}" y="0" width="78" height="78" as="geometry"/></mxCell>'
    )


def test_a_cloud_icon_says_what_a_box_labelled_by_its_role_is():
    """AWS, Azure and GCP diagrams label boxes by role ("Messages", "Fan-out") and say the product by
    the icon: the DynamoDB table was "other" and the SQS queue a worker. A product's icon now wins;
    a compute icon (EC2) leaves a label that names something (a Redis cache) to say it."""
    cells = [
        _icon_box("u", "Users", "shape=mxgraph.aws4.users;", 0),
        _icon_box("lb", "Ingress", "shape=mxgraph.aws4.application_load_balancer;", 150),
        _icon_box("fn", "Send handler", "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.lambda;", 300),
        _icon_box("t", "Messages", "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.dynamodb;", 450),
        _icon_box("q", "Fan-out", "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.sqs;", 600),
        _icon_box("r", "Redis cache", "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.ec2;", 750),
        _icon_box("c", "Profiles", "image;image=img/lib/azure2/databases/Azure_Cosmos_DB.svg;", 900),
        _icon_box("g", "Users table", "shape=mxgraph.gcp2.cloud_spanner;", 1050),
    ]
    xml = (
        '<mxfile><diagram name="p"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        + "".join(cells)
        + "</root></mxGraphModel></diagram></mxfile>"
    )
    result = read_drawio(xml)
    assert {n["data"]["id"]: n["data"]["kind"] for n in result.board["nodes"]} == {
        "u": "client",
        "lb": "load_balancer",
        "fn": "service",
        "t": "nosql_database",
        "q": "queue",
        "r": "cache",
        "c": "nosql_database",
        "g": "sql_database",
    }
    assert result.inferred["q"].reason == "its icon is sqs" and result.inferred["q"].managed


def test_a_real_aws_diagram_reads_its_icons():
    result = read_drawio((ROOT / "tests" / "data" / "drawio" / "aws_4.drawio").read_text())
    by_label = {n["data"]["label"]: n["data"]["kind"] for n in result.board["nodes"]}
    assert by_label["data lake CLI"] == "client"  # an illustration of a desktop, not a data lake
    assert by_label["Amazon DynamoDB"] == "nosql_database" and by_label["Amazon S3"] == "object_storage"
    assert by_label["Amazon Cognito"] == "auth_service" and by_label["Amazon CloudWatch"] == "monitoring"


def test_groups_laid_under_their_services_are_zones_and_free_text_is_no_box():
    """draw.io's AWS IoT template lays its services over an "AWS Cloud" group and a "Corporate data
    center" group without making them the groups' children, and writes eight paragraphs of text
    beside them: 23 boxes came in, the two groups and the eight paragraphs among them."""
    result = read_drawio((ROOT / "tests" / "data" / "drawio" / "aws_5.drawio").read_text())
    zones = {z["data"]["id"]: z["data"]["label"] for z in result.board["zones"]}
    assert sorted(zones.values()) == ["AWS Cloud", "Corporate data center"]
    where = {n["data"]["label"]: zones.get(n["data"].get("parent")) for n in result.board["nodes"]}
    assert not [label for label in where if label.startswith("Lorem ipsum")]
    assert where["AWS IoT Core"] == where["Amazon SNS"] == "AWS Cloud"
    assert where["AWS IoT Greengrass"] == where["Factory"] == "Corporate data center"
    assert len(result.board["nodes"]) == 13 and len(result.board["edges"]) == 11
    validate_board(result.board)


def test_a_group_that_arrows_point_at_stays_a_box():
    """AWS's landing-zone template: "Core OU" points at three account groups. They are the arrows'
    ends, so they stay boxes (three arrows were dropped had they been zones); the "AWS Cloud" group
    around the shared services is a zone."""
    result = read_drawio((ROOT / "tests" / "data" / "drawio" / "aws_6.drawio").read_text())
    labels = {n["data"]["id"]: n["data"]["label"] for n in result.board["nodes"]}
    arrows = {(labels[e["data"]["source"]], labels[e["data"]["target"]]) for e in result.board["edges"]}
    assert {("Core OU", "Shared Services Account"), ("Core OU", "Security Account")} <= arrows
    assert len(result.board["edges"]) == 10 and not result.warnings
    assert [z["data"]["label"] for z in result.board["zones"]] == ["AWS Cloud"]


@pytest.mark.parametrize(
    ("style", "edges", "is_box"),
    [
        ("text;html=1;whiteSpace=wrap;", "", False),  # a paragraph beside the boxes
        ("text;html=1;", '<mxCell id="e" edge="1" source="api" target="t" parent="1"/>', True),
        ("text;html=1;whiteSpace=wrap;", '<mxCell id="e" edge="1" source="t" target="t" parent="1"/>', False),
    ],
)
def test_text_is_a_box_only_where_an_arrow_from_another_box_is_fixed_to_it(style, edges, is_box):
    text = (
        '<mxfile><diagram name="p"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="api" value="API" style="rounded=1;whiteSpace=wrap" vertex="1" parent="1">'
        '<mxGeometry x="0" y="0" width="100" height="40" as="geometry"/></mxCell>'
        f'<mxCell id="t" value="Billing" style="{style}" vertex="1" parent="1">'
        '<mxGeometry x="300" y="0" width="100" height="40" as="geometry"/></mxCell>'
        f"{edges}</root></mxGraphModel></diagram></mxfile>"
    )
    labels = [n["data"]["label"] for n in read_drawio(text).board["nodes"]]
    assert ("Billing" in labels) is is_box


def test_a_cell_without_an_id_gets_one_as_draw_io_gives_it():
    """Two of draw.io's own templates (git flow) write text cells without an id, which draw.io
    accepts: the whole file was refused ("cell 3 of page 'p' has no id")."""
    text = (
        '<mxfile><diagram name="p"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell value="Title" style="text;whiteSpace=wrap;html=1;" vertex="1" parent="1">'
        '<mxGeometry x="0" y="0" width="100" height="40" as="geometry"/></mxCell>'
        '<mxCell id="api" value="API" style="rounded=1" vertex="1" parent="1">'
        '<mxGeometry x="0" y="100" width="100" height="40" as="geometry"/></mxCell>'
        '<mxCell value="Orders DB" style="shape=cylinder3" vertex="1" parent="1">'
        '<mxGeometry x="200" y="100" width="100" height="40" as="geometry"/></mxCell>'
        "</root></mxGraphModel></diagram></mxfile>"
    )
    nodes = {n["data"]["label"]: n["data"]["id"] for n in read_drawio(text).board["nodes"]}
    assert set(nodes) == {"API", "Orders DB"} and nodes["Orders DB"] == "p-cell-5"
