"""The Graphviz export, read by real Graphviz: every box, label and arrow arrives as written."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest

from designer.formats.dot import _SHAPES, write_dot
from designer.kind_styles import KIND_STYLES
from designer.session_format import KINDS
from tests.conftest import command_or_skip
from tests.formats.zoned_board import ZONED

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def dot() -> str:
    """Graphviz's ``dot`` (Debian's graphviz package); CI installs it, elsewhere the test is skipped."""
    return command_or_skip("dot", "apt-get install -y graphviz")


def rendered(dot: str, text: str) -> dict[str, dict]:
    """What Graphviz drew, by the title it gives each box and arrow: its text lines and dash pattern."""
    done = subprocess.run([dot, "-Tsvg"], input=text, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stderr, done.stderr
    out = {}
    for group in ET.fromstring(done.stdout).iter(f"{SVG}g"):
        if group.get("class") in {"node", "edge"}:
            out[group.find(f"{SVG}title").text] = {
                "text": [t.text for t in group.findall(f"{SVG}text")],
                "dashes": [p.get("stroke-dasharray") for p in group.findall(f"{SVG}path")],
                "fill": [p.get("fill") for p in group.iter() if p.get("fill") not in (None, "none")],
            }
    return out


def test_every_kinds_shape_has_a_graphviz_shape():
    assert {style.shape for style in KIND_STYLES.values()} <= set(_SHAPES)


def test_graphviz_draws_every_box_and_arrow_as_written(dot):
    board = {
        "nodes": [
            {
                "data": {"id": "lb", "kind": "load_balancer", "label": "LB", "replicas": 2},
                "position": {"x": 0, "y": 0},
            },
            {"data": {"id": "db", "kind": "sql_database", "label": ""}, "position": {"x": 300, "y": 0}},
            {"data": {"id": "q", "kind": "queue", "label": "Jobs"}},
        ],
        "edges": [
            {"data": {"id": "e1", "source": "lb", "target": "db", "label": "write", "mode": "sync"}},
            {"data": {"id": "e2", "source": "lb", "target": "q", "label": "", "mode": "async"}},
            {"data": {"id": "e3", "source": "db", "target": "q", "label": "copy", "mode": "replication"}},
        ],
    }
    drawn = rendered(dot, write_dot(board))  # boxes are n1, n2, n3 in board order
    assert drawn["n1"]["text"] == ["LB ×2"]
    assert drawn["n2"]["text"] == [KINDS["sql_database"]]  # an unlabelled box says its kind, as on the board
    assert KIND_STYLES["sql_database"].fill in drawn["n2"]["fill"]
    assert drawn["n1->n2"]["text"] == ["write"] and drawn["n1->n2"]["dashes"] == [None]
    assert drawn["n1->n3"]["dashes"] == ["5,2"]  # dashed: asynchronous
    assert drawn["n2->n3"]["text"] == ["copy"] and drawn["n2->n3"]["dashes"] == ["1,5"]  # dotted: replication


@pytest.mark.parametrize(
    "label",
    ['say "hi"', "back\\slash", "two\nlines", "<b>bold</b> & {braces} -> ; [x]", "\\N \\G \\l", "naïve ✓"],
)
def test_no_label_or_id_can_break_the_graph(dot, label):
    board = {
        "nodes": [
            {"data": {"id": f"a {label}", "kind": "service", "label": label}},
            {"data": {"id": "b", "kind": "cache", "label": "B"}},
        ],
        "edges": [
            {"data": {"id": "e", "source": f"a {label}", "target": "b", "label": label, "mode": "sync"}}
        ],
    }
    drawn = rendered(dot, write_dot(board))
    assert sorted(drawn) == ["n1", "n1->n2", "n2"]  # two boxes and one arrow: nothing leaked out
    assert [line.strip() for line in drawn["n1"]["text"]] == [line.strip() for line in label.split("\n")]
    assert [line.strip() for line in drawn["n1->n2"]["text"]] == [line.strip() for line in label.split("\n")]


def test_graphviz_draws_zones_as_clusters_around_their_boxes(dot):
    text = write_dot(
        {**ZONED, "zones": [*ZONED["zones"], {"data": {"id": "x", "label": 'say "hi"', "kind": "subnet"}}]}
    )
    done = subprocess.run([dot, "-Tsvg"], input=text, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stderr, done.stderr
    clusters = {
        g.find(f"{SVG}title").text: [t.text for t in g.findall(f"{SVG}text")]
        for g in ET.fromstring(done.stdout).iter(f"{SVG}g")
        if g.get("class") == "cluster"
    }
    assert clusters["cluster_z1"] == ["AZ a"] and clusters["cluster_z2"] == ["Europe"]
    region, az = text.index("subgraph cluster_z2"), text.index("subgraph cluster_z1")
    assert region < az < text.index("n1;", az) < text.index("}", az)  # the AZ in the region, API in the AZ
    assert "n3;" not in text  # Web is in no zone
