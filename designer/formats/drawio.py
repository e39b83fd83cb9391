"""draw.io (diagrams.net) files in and out: ``.drawio`` / ``.xml`` / ``.drawio.svg`` ↔ boards.

A file holds one or more pages (``<diagram>``), each either a plain ``<mxGraphModel>`` or compressed
(base64 of raw deflate of the URL-encoded XML). Vertices become boxes (the ``value`` as label, HTML
reduced to text; a cylinder is a database), edges with a source and a target become arrows (their
``value``, or a child label, as label; dashed ones asynchronous). Groups and containers are not
components. XML is parsed with defusedxml (no entities, no external references) and inflation is
capped, so a hostile file fails fast.

Writing a board gives a draw.io file that opens in draw.io, with each cell's exact kind, replicas
and mode in its style (``designerKind=…``), which this reader uses: export then import is exact.
"""

from __future__ import annotations

__all__ = ["DrawioError", "read_drawio", "from_bytes", "write_drawio", "page_names"]

import base64
import html
import re
import zlib
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import quote, unquote
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeTree
from defusedxml.common import DefusedXmlException

from designer.errors import DesignerError
from designer.formats.base import (
    SNAP_DISTANCE,
    BoardImport,
    Boxes,
    check_budget,
    decode_text,
    joined_notes,
    outermost_first,
    point_from_clients,
    snapped_ends,
    unique_edge_ids,
    zone_frames,
)
from designer.kinds import Inference, infer_kind, label_or_icon, zone_kind
from designer.session_format import KINDS, MAX_TEXT_CHARS, MAX_ZONES, ZONE_KINDS, ancestors

MAX_BYTES = 20 * 1024 * 1024
#: What one compressed page may inflate to; only the page asked for is inflated.
MAX_INFLATED = 8 * 1024 * 1024
MAX_CELLS = 20_000
#: Elements in one XML document, counted (as its "<") before it is parsed: a tree of millions of tiny
#: elements takes hundreds of bytes each, far more memory than the text it came from.
MAX_TAGS = 200_000
_SHAPE_STYLES = {
    "cylinder": "cylinder",
    "datastore": "cylinder",
    "cylinder3": "cylinder",
    "mxgraph.flowchart.database": "cylinder",
    "actor": "person",
    "umlActor": "person",
    "cloud": "cloud",
    "document": "document",
    "mxgraph.aws4.s3": "cylinder",
}


class DrawioError(DesignerError):
    """A draw.io file that can't be read; the message says what was expected."""


def _parse(text: str):
    if text.count("<") > MAX_TAGS:
        raise DrawioError(f"the diagram has more than {MAX_TAGS:,} XML elements")
    try:
        return SafeTree.fromstring(text)
    except DefusedXmlException as exc:
        raise DrawioError(f"the file uses XML features that are not allowed ({type(exc).__name__})") from None
    except SafeTree.ParseError as exc:
        raise DrawioError(f"the file is not valid XML: {exc}") from None


def _inflate(payload: str) -> str:
    try:
        data = base64.b64decode(payload.strip(), validate=False)
        inflater = zlib.decompressobj(-15)
        out = inflater.decompress(data, MAX_INFLATED + 1)
    except (ValueError, zlib.error) as exc:
        raise DrawioError(f"a compressed page can't be read: {exc}") from None
    if len(out) > MAX_INFLATED or inflater.unconsumed_tail:
        raise DrawioError(f"a compressed page inflates past {MAX_INFLATED // (1024 * 1024)} MB; refused")
    return unquote(out.decode("utf-8", errors="replace"))


def _as_is(model: Any) -> Any:
    return model


def _inflated(payload: str) -> Any:
    return _parse(_inflate(payload))


def _diagrams(text: str) -> list[tuple[str, Callable[[], Any]]]:
    """Return (page name, a function giving its mxGraphModel element) for each page of the file: a
    compressed page is inflated and parsed only when asked for."""
    if len(text) > MAX_BYTES:
        raise DrawioError(f"the file is {len(text):,} bytes; at most {MAX_BYTES:,}")
    root = _parse(text)
    if root.tag.endswith("svg"):  # a .drawio.svg keeps the file in its content attribute
        content = root.get("content")
        if not content:
            raise DrawioError("this SVG has no draw.io diagram in it (no content attribute)")
        root = _parse(html.unescape(content) if content.lstrip().startswith("&lt;") else content)
    if root.tag == "mxGraphModel":
        return [("Page-1", partial(_as_is, root))]
    if root.tag != "mxfile":
        raise DrawioError(f"expected a draw.io file (<mxfile> or <mxGraphModel>), found <{root.tag}>")
    pages: list[tuple[str, Callable[[], Any]]] = []
    for index, diagram in enumerate(root.findall("diagram"), start=1):
        name = diagram.get("name") or f"Page-{index}"
        model = diagram.find("mxGraphModel")
        if model is not None:
            pages.append((name, partial(_as_is, model)))
            continue
        payload = (diagram.text or "").strip()
        if payload:
            pages.append((name, partial(_inflated, payload)))
    if not pages:
        raise DrawioError("the file has no pages")
    return pages


def page_names(text: str) -> list[str]:
    """Return the names of the file's pages, in order."""
    return [name for name, _ in _diagrams(text)]


def _label(value: str) -> str:
    """Reduce an HTML label to its text: tags dropped, entities decoded, whitespace collapsed."""
    text = re.sub(r"<br\s*/?>|</(div|p|li)>", " ", value or "", flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


def _style(style: str) -> dict[str, str]:
    out = {}
    for part in (style or "").split(";"):
        if "=" in part:
            key, _, val = part.partition("=")
            out[key.strip()] = val.strip()
        elif part.strip():
            out[part.strip()] = ""
    return out


def read_drawio(text: str | bytes, page: str | int | None = None) -> BoardImport:
    """Read one page of a draw.io file into a board with inferred kinds.

    ``page`` is a page name or a 1-based number; by default the first page (with a note when there are
    more).

    Raises
    ------
    DrawioError
        For broken or hostile XML, an unknown page, or a file over the limits.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    name, model, warnings = _pick_page(_diagrams(text), page)
    vertices, edges, labels_of = _cells(model(), name)
    nodes, inferred, zones, places = _nodes(vertices, edges)
    board_edges = _edges(edges, nodes, places, labels_of, warnings)
    board = {"nodes": nodes, "edges": board_edges}
    if zones:
        board["zones"] = zones
    unique_edge_ids(board)
    return BoardImport(board, inferred, warnings)


def _pick_page(
    pages: list[tuple[str, Callable[[], Any]]], page: str | int | None
) -> tuple[str, Callable[[], Any], list[str]]:
    """The page asked for by name or 1-based number (the first by default, noting the others)."""
    if page is None:
        name, model = pages[0]
        if len(pages) > 1:
            names = ", ".join(n for n, _ in pages)
            return name, model, [f"the file has {len(pages)} pages ({names}); read {name!r}"]
        return name, model, []
    found = [p for i, p in enumerate(pages, start=1) if str(page) in {p[0], str(i)}]
    if not found:
        raise DrawioError(f"no page {page!r}; the pages are: {', '.join(n for n, _ in pages)}")
    return found[0][0], found[0][1], []


_Cell = tuple[Any, dict[str, str]]  # an mxCell and its parsed style


def _cells(model: Any, page_name: str) -> tuple[list[_Cell], list[_Cell], dict[str, str]]:
    """The page's vertices and edges (each with its style), and the labels that sit on edges."""
    vertices: list[_Cell] = []
    edges: list[_Cell] = []
    labels_of: dict[str, str] = {}
    seen: set[str] = set()
    for count, cell in enumerate(model.iter("mxCell"), start=1):
        check_budget()
        if count > MAX_CELLS:
            raise DrawioError(f"the page has more than {MAX_CELLS:,} cells")
        if not cell.get("id"):  # draw.io gives such a cell an id when it opens the file; so do we
            cell.set("id", f"{page_name}-cell-{count}")
        if cell.get("id") in seen:
            raise DrawioError(f"two cells of page {page_name!r} have the id {cell.get('id')!r}")
        seen.add(cell.get("id"))
        style = _style(cell.get("style", ""))
        if cell.get("vertex") == "1":
            if "edgeLabel" in style:
                labels_of.setdefault(cell.get("parent", ""), _label(cell.get("value", "")))
                continue
            vertices.append((cell, style))
        elif cell.get("edge") == "1":
            edges.append((cell, style))
    return vertices, edges, labels_of


#: Where each vertex sits on the page: its top-left corner and size, containers' offsets added.
_Places = dict[str, tuple[float, float, float, float]]


def _nodes(
    vertices: list[_Cell], edges: list[_Cell]
) -> tuple[list[dict], dict[str, Inference], list[dict], _Places]:
    """The vertices that are boxes, as nodes with inferred kinds, and the labelled containers around
    them as zones (icons, captions, headings, decorations and unlabelled groups are neither). A
    child's geometry is relative to its container: positions are made absolute."""
    connected = {c.get("source") for c, _ in edges} | {c.get("target") for c, _ in edges}
    # an arrow from another cell fixed to it, not only lying on it, nor a loop on itself
    attached = {
        end
        for c, _ in edges
        if c.get("source") != c.get("target")
        for end in (c.get("source"), c.get("target"))
    }
    children: dict[str, list[_Cell]] = {}
    for cell, style in vertices:
        children.setdefault(cell.get("parent"), []).append((cell, style))

    def is_container(cell_id: str) -> bool:
        # A container holds boxes (connected, or with contents of their own); a card holds an icon.
        return any(
            c.get("id") in connected or children.get(c.get("id")) for c, _ in children.get(cell_id, [])
        )

    by_id = {c.get("id"): c for c, _ in vertices}
    container_of = {c.get("id"): c.get("parent") for c, _ in vertices}

    def offset(cell: Any) -> tuple[float, float]:
        """Where the cell's container sits on the page (nested containers add up)."""
        x = y = 0.0
        for parent_id in ancestors(container_of, cell.get("id")):
            geometry = by_id[parent_id].find("mxGeometry")
            x, y = x + _float(geometry, "x"), y + _float(geometry, "y")
        return x, y

    places: _Places = {}
    for cell, _ in vertices:
        geometry = cell.find("mxGeometry")
        dx, dy = offset(cell)
        places[cell.get("id")] = (
            dx + _float(geometry, "x"),
            dy + _float(geometry, "y"),
            _float(geometry, "width"),
            _float(geometry, "height"),
        )
    # An edge's loose end joins the box it lies on (see _edges): that box is connected too, so a
    # container around it holds a connected box, and a labelled container is a zone, not a box.
    anything = Boxes([(i, *place) for i, place in places.items()], margin=SNAP_DISTANCE)
    for cell, _ in edges:
        for end in _loose_points(cell, places):
            connected.add(anything.smallest_holding(*end))

    # A group drawn around boxes without holding them ("AWS Cloud" laid under its services, each
    # still a child of the page): a zone of the boxes its area holds.
    drawn_around = _groups_drawn_around(vertices, places, is_container, connected)
    groups_drawn = set(drawn_around.values())
    zones: list[dict] = []
    zone_ids: set[str] = set()
    for cell, style in vertices:  # a labelled container is a zone: "Availability Zone", "VPC"
        label = _label(cell.get("value", ""))
        written = style.get("designerZone")  # a zone designer wrote, holding boxes or not
        if (
            written in ZONE_KINDS
            or (is_container(cell.get("id")) and (label or "grIcon" in style))
            or cell.get("id") in groups_drawn
        ):
            zone_ids.add(cell.get("id"))
            kind = written if written in ZONE_KINDS else None
            hint = f"{style.get('grIcon', '')} {style.get('shape', '')}"
            zones.append(
                {
                    "data": {
                        "id": cell.get("id"),
                        "label": label or None,
                        "kind": kind or zone_kind(label, hint),
                    }
                }
            )
    zone_parent: dict[str, str | None] = dict.fromkeys(zone_ids)
    for zone in zones:  # nested as drawn, unless the file loops (a cell inside itself)
        here = zone["data"]["id"]
        parent = by_id[here].get("parent")
        if parent not in zone_ids:
            parent = drawn_around.get(here)
        if parent in zone_ids and parent != here and here not in ancestors(zone_parent, parent):
            zone["data"]["parent"] = zone_parent[here] = parent

    nodes: list[dict] = []
    inferred: dict[str, Inference] = {}
    consumed: set[str] = set()
    for cell, style in vertices:
        cell_id = cell.get("id")
        if cell_id in consumed or cell_id in zone_ids or is_container(cell_id):
            continue  # inside a card already read, or a group or a container: it holds boxes
        label, shape = _label(cell.get("value", "")), style.get("shape", "")
        inner = [(c, st) for c, st in children.get(cell_id, []) if _label(c.get("value", ""))]
        if inner and not label:  # a card: its label sits on the icon inside it
            label, shape = _label(inner[0][0].get("value", "")), inner[0][1].get("shape", shape)
        consumed.update(c.get("id") for c, _ in children.get(cell_id, []))
        if not _is_box(style, label, cell_id in connected, bool(inner), cell_id in attached):
            continue
        inferred[cell_id] = inference = _inference(style, label, shape)
        data = {"id": cell_id, "label": label or KINDS[inference.kind], **inference.fields()}
        if style.get("designerKind") in KINDS and style.get("designerNotes"):
            data["notes"] = unquote(style["designerNotes"])[:MAX_TEXT_CHARS]
        if cell.get("parent") in zone_ids:
            data["parent"] = cell.get("parent")
        elif drawn_around.get(cell_id) in zone_ids:
            data["parent"] = drawn_around[cell_id]
        left, top, width, height = places[cell_id]
        nodes.append({"data": data, "position": {"x": left + width / 2, "y": top + height / 2}})
    return nodes, inferred, zones, places


def _drawn_group(style: dict[str, str]) -> bool:
    """Whether a vertex is drawn as a group: a cloud library's group shape or icon, or a container."""
    return style.get("shape", "").startswith(("mxgraph.aws4.group", "mxgraph.aws3.group")) or (
        "grIcon" in style or style.get("container") == "1"
    )


def _groups_drawn_around(
    vertices: list[_Cell], places: _Places, is_container, connected: set[str | None]
) -> dict[str, str]:
    """Each vertex drawn inside a labelled group that holds no cell (AWS's templates lay their
    services over an "AWS Cloud" group, each service still a child of the page), with the smallest
    such group whose area holds its centre (for a group, the smallest larger one). A group arrows
    start or end at is a box (the accounts "Core OU" points at in AWS's landing zone)."""
    groups = [
        cell.get("id")
        for cell, style in vertices
        if _drawn_group(style)
        and _label(cell.get("value", ""))
        and cell.get("id") not in connected
        and not is_container(cell.get("id"))
    ][:MAX_ZONES]
    if not groups:
        return {}

    def area(cell_id: str) -> float:
        return places[cell_id][2] * places[cell_id][3]

    def holds(outer: str, x: float, y: float) -> bool:
        left, top, width, height = places[outer]
        return left <= x <= left + width and top <= y <= top + height

    def centre(cell_id: str) -> tuple[float, float]:
        left, top, width, height = places[cell_id]
        return left + width / 2, top + height / 2

    around: dict[str, str | None] = {}
    index = Boxes([(g, *places[g]) for g in groups])
    is_group = set(groups)
    for cell, _ in vertices:
        check_budget()
        cell_id = cell.get("id")
        if cell_id in is_group:
            x, y = centre(cell_id)
            outer = [g for g in groups if g != cell_id and area(g) > area(cell_id) and holds(g, x, y)]
            around[cell_id] = min(outer, key=area) if outer else None
        else:
            around[cell_id] = index.smallest_holding(*centre(cell_id))
    # a group that holds nothing is a box like any other
    return {cell_id: group for cell_id, group in around.items() if group is not None}


def _is_box(style: dict[str, str], label: str, connected: bool, has_inner: bool, attached: bool) -> bool:
    """Whether a vertex (not a container) is a component rather than something drawn around them.
    Text is a box only where an arrow is fixed to it: a caption an arrow's loose end lies on is not."""
    if style.get("connectable") == "0" and not connected:
        return False  # an icon or a caption, not a box of its own
    if "text" in style and not attached and not any(k in style for k in ("rounded", "shape")):
        return False  # free text is a note, not a component, however it wraps
    if not connected and style.get("strokeColor") == "none" and not has_inner:
        return False  # a heading or a backdrop: it names boxes, it is not one
    return bool(label) or connected  # unlabelled and unconnected: a decoration


def _inference(style: dict[str, str], label: str, shape: str) -> Inference:
    """The kind designer wrote in the style, or the kind inferred from the label and the shape."""
    if style.get("designerKind") in KINDS:
        replicas = style.get("designerReplicas", "1")
        return Inference(
            style["designerKind"],
            "written by designer",
            int(replicas) if replicas.isdigit() else 1,
            style.get("designerManaged") == "1",
        )
    by_label = infer_kind(label, _SHAPE_STYLES.get(shape) or _SHAPE_STYLES.get(next(iter(style), "")))
    return label_or_icon(by_label, _icon(style))


#: The cloud icon libraries draw.io names a shape from: AWS, Azure, GCP, Alibaba, IBM, Kubernetes.
_ICON_SHAPE = re.compile(
    r"^mxgraph\.(?:aws\d*|azure\d*|gcp\d*|alibaba_cloud|ibm\w*|kubernetes|cisco\w*)\.(\w+)$"
)
_ICON_IMAGE = re.compile(r"^img/lib/[\w/.-]*?([\w.-]+)\.svg$")
_ILLUSTRATION_CLIENTS = re.compile(r"desktop|devices|mobile|users?|laptop|client", re.I)


def _icon(style: dict[str, str]) -> str | None:
    """What a box's cloud icon names, in words: ``resIcon=mxgraph.aws4.dynamodb`` → "dynamodb",
    ``shape=mxgraph.aws4.application_load_balancer`` → "application load balancer",
    ``image=img/lib/azure2/databases/Azure_Cosmos_DB.svg`` → "Azure Cosmos DB"; None for no icon.
    AWS's illustrations name a client (a desktop, devices) or nothing."""
    for key in ("resIcon", "prIcon", "shape"):
        found = _ICON_SHAPE.match(style.get(key, ""))
        if found and not found.group(1).startswith(("resourceIcon", "productIcon", "group")):
            name = found.group(1)
            break
    else:
        image = _ICON_IMAGE.match(style.get("image", ""))
        if image is None:
            return None
        name = image.group(1)
    words = " ".join(re.split(r"[_\-\s]+", name)).strip()
    if words.lower().startswith("illustration") and not _ILLUSTRATION_CLIENTS.search(words):
        return None
    return words or None


def _edges(
    edges: list[_Cell], nodes: list[dict], places: _Places, labels_of: dict[str, str], warnings: list[str]
) -> list[dict]:
    """The edges between two boxes (their mode from designer's style or the dash), an end left loose
    beside a box joining it; others noted."""
    node_ids = {n["data"]["id"] for n in nodes}
    labels = {n["data"]["id"]: n["data"]["label"] for n in nodes}
    boxes = Boxes([(i, *places[i]) for i in node_ids if i in places], margin=SNAP_DISTANCE)
    out, joined, undirected = [], [], []
    for cell, style in edges:
        check_budget()
        source, target = cell.get("source"), cell.get("target")
        if source not in node_ids or target not in node_ids:
            ends = snapped_ends((source, target), _end_points(cell, places), node_ids, boxes)
            if ends is None:
                warnings.append(
                    f"the edge {cell.get('id')} was left out: both its ends must be attached to boxes"
                )
                continue
            source, target = ends
            joined.append((cell.get("id"), labels[source], labels[target]))
        mode = (
            style.get("designerMode")
            if style.get("designerMode") in {"sync", "async", "replication"}
            else ("async" if style.get("dashed") == "1" else "sync")
        )
        label = _label(cell.get("value", "")) or labels_of.get(cell.get("id"), "")
        # draw.io's defaults: a head at the end, none at the start
        end_head = style.get("endArrow", "classic") not in ("none", "")
        start_head = style.get("startArrow", "none") not in ("none", "")
        if start_head and not end_head:
            source, target = target, source  # its only head is at its start
        out.append(
            {"data": {"id": cell.get("id"), "source": source, "target": target, "label": label, "mode": mode}}
        )
        if start_head == end_head:
            undirected.append(out[-1])
    warnings[:0] = joined_notes(joined, "edge", "attached to")
    warnings += point_from_clients(undirected, {n["data"]["id"]: n["data"]["kind"] for n in nodes}, labels)
    return out


def _end_points(cell: Any, places: _Places) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """Where on the page an edge's ``sourcePoint`` and ``targetPoint`` lie (relative to its
    container in the file), or None for one it doesn't have."""
    geometry = cell.find("mxGeometry")
    left, top = places.get(cell.get("parent"), (0.0, 0.0, 0.0, 0.0))[:2]
    found = {p.get("as"): p for p in (geometry if geometry is not None else [])}
    source, target = (found.get(name) for name in ("sourcePoint", "targetPoint"))
    return (
        None if source is None else (left + _float(source, "x"), top + _float(source, "y")),
        None if target is None else (left + _float(target, "x"), top + _float(target, "y")),
    )


def _loose_points(cell: Any, places: _Places) -> list[tuple[float, float]]:
    """Where on the page an edge's unattached ends lie."""
    ends = zip((cell.get("source"), cell.get("target")), _end_points(cell, places), strict=True)
    return [point for attached, point in ends if not attached and point is not None]


def _float(geometry, key: str) -> float:
    if geometry is None:
        return 0.0
    try:
        value = float(geometry.get(key, 0))
    except ValueError:
        return 0.0
    return value if value == value and abs(value) < 1e12 else 0.0  # no NaN, no absurd sizes


def _shape_style(kind: str) -> str:
    if kind in {"sql_database", "nosql_database", "read_replica"}:
        return "shape=cylinder3;boundedLbl=1;size=12;"
    if kind == "client":
        return "rounded=1;arcSize=50;"
    return "rounded=1;"


def _vertex(root: Element, data: dict, style: str, parent: str | None, frame: tuple[float, ...]) -> None:
    """A box or a container: its label, its style, the cell it is in and its geometry in that cell."""
    attributes = {"id": data["id"], "value": data.get("label") or "", "style": style, "vertex": "1"}
    cell = SubElement(root, "mxCell", {**attributes, "parent": parent or "1"})
    x, y, width, height = (str(v) for v in frame)
    SubElement(cell, "mxGeometry", x=x, y=y, width=width, height=height, attrib={"as": "geometry"})


def write_drawio(board: dict, compressed: bool = False) -> str:
    """Write a board as a draw.io file (one page), plain or compressed as draw.io saves by default."""
    model = Element("mxGraphModel", dx="1000", dy="800", grid="1", gridSize="10", page="1")
    root = SubElement(model, "root")
    SubElement(root, "mxCell", id="0")
    SubElement(root, "mxCell", {"id": "1", "parent": "0"})
    placed = {
        node["data"]["id"]: node.get("position") or {"x": 220.0 * (index % 5), "y": 140.0 * (index // 5)}
        for index, node in enumerate(board.get("nodes", []))
    }
    frames = zone_frames(board, placed, (160.0, 70.0))
    for zone in outermost_first(board.get("zones") or []):
        data = zone["data"]
        x, y, width, height = frames[data["id"]]
        parent = data.get("parent") if data.get("parent") in frames else None
        px, py = frames[parent][:2] if parent else (0.0, 0.0)
        style = (
            "rounded=0;container=1;collapsible=0;dashed=1;fillColor=none;verticalAlign=top;align=left;"
            f"spacingLeft=8;html=0;designerZone={data.get('kind') or 'zone'};"
        )
        _vertex(root, data, style, parent, (x - px, y - py, width, height))
    for node in board.get("nodes", []):
        data = node["data"]
        pos = placed[data["id"]]
        holder: str | None = data.get("parent") if data.get("parent") in frames else None
        zx, zy = frames[holder][:2] if holder else (0.0, 0.0)  # a child's geometry is its container's
        style = (
            f"{_shape_style(data.get('kind'))}whiteSpace=wrap;html=0;designerKind={data.get('kind')};"
            f"designerReplicas={data.get('replicas', 1)};"
            + ("designerManaged=1;" if data.get("managed") is True else "")
            # a style value can't hold ";" or "=": the notes go percent-encoded
            + (f"designerNotes={quote(data['notes'], safe='')};" if data.get("notes") else "")
        )
        _vertex(root, data, style, holder, (pos["x"] - 80 - zx, pos["y"] - 35 - zy, 160, 70))
    for edge in board.get("edges", []):
        data = edge["data"]
        mode = data.get("mode", "sync")
        style = f"endArrow=classic;html=0;designerMode={mode};" + ("dashed=1;" if mode != "sync" else "")
        attributes = {"id": data["id"], "value": data.get("label") or "", "style": style, "edge": "1"}
        cell = SubElement(
            root, "mxCell", {**attributes, "parent": "1", "source": data["source"], "target": data["target"]}
        )
        SubElement(cell, "mxGeometry", relative="1", attrib={"as": "geometry"})
    mxfile = Element("mxfile", host="designer", type="device")
    diagram = SubElement(mxfile, "diagram", id="designer", name="Page-1")
    if compressed:
        raw = quote(tostring(model, encoding="unicode"), safe="~()*!.'")
        deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
        diagram.text = base64.b64encode(deflater.compress(raw.encode()) + deflater.flush()).decode()
    else:
        diagram.append(model)
    return tostring(mxfile, encoding="unicode")


def from_bytes(data: bytes, suffix: str = ".drawio", page: str | None = None) -> BoardImport:
    """Read a draw.io file's bytes (``.drawio``, ``.xml`` or an ``.svg`` draw.io exported), at ``page``."""
    return read_drawio(decode_text(data), page)
