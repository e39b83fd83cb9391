"""Diagram files drawn by hypothesis, per format, from the pieces each reader knows (and pieces of the
wrong type where a number or an object belongs): each is imported as a board a session accepts, or
refused with a DesignerError naming the file, never another exception."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.errors import DesignerError
from designer.formats import import_upload
from designer.session_format import validate_board

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _imports_or_refuses(filename: str, data: bytes) -> None:
    try:
        result = import_upload(filename, data)
    except DesignerError as exc:
        assert str(exc).startswith(f"{filename}: ")
        return
    validate_board(result.board)


mermaid_ids = st.sampled_from(["a", "b", "c", "db", "cache-1", "x.y", "Ünï", "1"])
mermaid_shapes = st.sampled_from(
    ["", "[API]", "[(Orders DB)]", "((Redis))", "{LB}", '["a ] b"]', "[", "@{ shape: cyl }"]
)
mermaid_links = st.sampled_from(
    [" --> ", " -.-> ", " ==> ", " --- ", " -->|x| ", " -- text --> ", " <--> ", " & ", " -> "]
)
mermaid_lines = st.one_of(
    st.lists(st.tuples(mermaid_ids, mermaid_shapes, mermaid_links), min_size=1, max_size=6).map(
        lambda parts: "".join(i + s + link for i, s, link in parts).rstrip(" &->|x")
    ),
    anything.map(lambda value: "%% designer: " + json.dumps(value)),
    st.sampled_from(["subgraph one", "end", "classDef x fill:#f00", "%%{init: {}}%%", "direction LR", ""]),
    st.text(max_size=20),
)


@FUZZ
@given(
    header=st.sampled_from(["flowchart LR", "graph TD", "architecture-beta", "sequenceDiagram", ""]),
    lines=st.lists(mermaid_lines, max_size=12),
)
def test_any_mermaid_file_imports_or_is_refused(header, lines):
    _imports_or_refuses("drawn.mmd", "\n".join([header, *lines]).encode())


excalidraw_element = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "c", 1, None, ""]),
        "type": st.sampled_from(["rectangle", "ellipse", "diamond", "text", "arrow", "line", 5]),
    },
    optional={
        "x": st.integers(-5, 50) | anything,
        "y": st.integers(-5, 50) | anything,
        "width": st.integers(0, 40) | anything,
        "height": st.integers(0, 40) | anything,
        "text": st.text(max_size=10) | anything,
        "containerId": st.sampled_from(["a", "b", "zz"]) | anything,
        "startBinding": st.fixed_dictionaries({"elementId": st.sampled_from(["a", "b", "zz"])}) | anything,
        "endBinding": st.fixed_dictionaries({"elementId": st.sampled_from(["a", "b", "zz"])}) | anything,
        "strokeStyle": st.sampled_from(["solid", "dashed", "dotted"]) | anything,
        "isDeleted": st.booleans() | anything,
        "boundElements": anything,
        "customData": anything,
    },
)


@FUZZ
@given(
    elements=st.lists(excalidraw_element, max_size=8) | anything,
    kind=st.sampled_from(["excalidraw", "other", 3]),
)
def test_any_excalidraw_scene_imports_or_is_refused(elements, kind):
    _imports_or_refuses("drawn.excalidraw", json.dumps({"type": kind, "elements": elements}).encode())


attribute = st.text(alphabet="abcdeé;=:<&\"' 0123456789", max_size=12)
drawio_cell = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["0", "1", "a", "b", "c", ""]),
        "value": attribute,
        "style": st.sampled_from(
            ["", "shape=cylinder3;", "rounded=1;", "text;", "edgeStyle=orthogonal;dashed=1;", "group"]
        )
        | attribute,
    },
    optional={
        "vertex": st.sampled_from(["1", "0"]),
        "edge": st.sampled_from(["1", "0"]),
        "parent": st.sampled_from(["0", "1", "a", "zz"]),
        "source": st.sampled_from(["a", "b", "zz"]),
        "target": st.sampled_from(["a", "b", "zz"]),
    },
)


def _xml_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@FUZZ
@given(cells=st.lists(drawio_cell, max_size=8), wrap=st.booleans())
def test_any_drawio_file_imports_or_is_refused(cells, wrap):
    body = "".join(
        "<mxCell "
        + " ".join(f'{k}="{_xml_attribute(v)}"' for k, v in cell.items())
        + "><mxGeometry/></mxCell>"
        for cell in cells
    )
    model = f"<mxGraphModel><root>{body}</root></mxGraphModel>"
    text = f'<mxfile><diagram name="p">{model}</diagram></mxfile>' if wrap else model
    _imports_or_refuses("drawn.drawio", text.encode())
