"""Excalidraw scenes in and out: ``.excalidraw`` JSON ↔ boards.

Shapes (rectangles, ellipses, diamonds) become boxes, labelled by the text bound to them (or, when
none is bound, by free text that lies inside them). Arrows whose two ends are bound to boxes become
arrows, labelled by their own bound text; dashed and dotted arrows are asynchronous. Deleted
elements, frames, free text, lines, images and drawings are not components. Kinds are inferred from
labels and shapes (:mod:`designer.kinds`).

Writing a board gives a scene Excalidraw opens, with each element's exact kind, replicas and mode in
its ``customData``, which this reader uses, so export then import gives back the same board.
"""

from __future__ import annotations

__all__ = [
    "ExcalidrawError",
    "from_bytes",
    "has_embedded_scene",
    "recognises",
    "read_excalidraw",
    "scene_from_markdown",
    "scene_from_png",
    "scene_from_svg",
    "write_excalidraw",
]

import base64
import binascii
import json
import math
import re
import struct
import zlib
from typing import Any

from designer.errors import DesignerError
from designer.formats.base import (
    SNAP_DISTANCE,
    BoardImport,
    Boxes,
    check_budget,
    decode_text,
    joined_notes,
    point_from_clients,
    snapped_ends,
    unique_edge_ids,
    zone_frames,
)
from designer.formats.lzstring import LZStringError, decompress_from_base64
from designer.inputs import InvalidInput, loads
from designer.kinds import Inference, infer_kind, zone_kind
from designer.session_format import KINDS, MAX_NODES, MAX_TEXT_CHARS, MAX_ZONES, ZONE_KINDS, ancestors

MAX_BYTES = 20 * 1024 * 1024
MAX_ELEMENTS = 20_000
_SHAPES = {"rectangle", "ellipse", "diamond"}


class ExcalidrawError(DesignerError):
    """An Excalidraw file that can't be read; the message says what was expected."""


# Excalidraw's "embed scene" exports carry the scene under this MIME type: in an SVG as a base64
# payload between HTML comments in <metadata>, in a PNG as the keyword of a tEXt chunk.
SCENE_MIME = "application/vnd.excalidraw+json"
# Start and end found apart: one lazy pattern for both re-scans the rest of the file from every start
# marker when there is no end (86,000 markers kept a worker busy for minutes).
_PAYLOAD_START = re.compile(r"<!--\s*payload-start\s*-->")
_PAYLOAD_END = re.compile(r"<!--\s*payload-end\s*-->")
_PAYLOAD_VERSION = re.compile(r"<!--\s*payload-version:(\d+)\s*-->")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def has_embedded_scene(svg_text: str) -> bool:
    """Whether an SVG is an Excalidraw export with its scene embedded (not, say, a draw.io SVG)."""
    return f"payload-type:{SCENE_MIME}" in svg_text


def scene_from_svg(svg_text: str) -> str:
    """The scene JSON embedded in an Excalidraw SVG export ("Embed scene" ticked).

    Raises
    ------
    ExcalidrawError
        When the SVG carries no scene, or its payload is damaged.
    """
    if len(svg_text) > MAX_BYTES:
        raise ExcalidrawError(f"the file is {len(svg_text):,} bytes; at most {MAX_BYTES:,}")
    if not has_embedded_scene(svg_text):
        raise ExcalidrawError(
            'this SVG carries no Excalidraw scene: export it from Excalidraw with "Embed scene" ticked'
        )
    start = _PAYLOAD_START.search(svg_text)
    end = _PAYLOAD_END.search(svg_text, start.end()) if start else None
    if start is None or end is None:
        raise ExcalidrawError("the SVG's Excalidraw payload has no payload-start … payload-end block")
    version = _PAYLOAD_VERSION.search(svg_text)
    try:
        raw = base64.b64decode("".join(svg_text[start.end() : end.start()].split()), validate=True)
    except (binascii.Error, ValueError):
        raise ExcalidrawError("the SVG's Excalidraw payload is not valid base64") from None
    # Version 1 payloads are UTF-8 text; from version 2 on, each character is one byte ("byte string").
    wrapper = raw.decode("latin-1") if version and version.group(1) != "1" else _utf8(raw, "payload")
    return _unwrap(wrapper)


def scene_from_png(data: bytes) -> str:
    """The scene JSON embedded in an Excalidraw PNG export, from its ``tEXt`` chunk.

    Raises
    ------
    ExcalidrawError
        When the file is not a PNG, is cut short, or carries no scene.
    """
    if len(data) > MAX_BYTES:
        raise ExcalidrawError(f"the file is {len(data):,} bytes; at most {MAX_BYTES:,}")
    if not data.startswith(_PNG_SIGNATURE):
        raise ExcalidrawError("this is not a PNG file (it does not start with the PNG signature)")
    offset = len(_PNG_SIGNATURE)
    keyword = SCENE_MIME.encode("latin-1") + b"\0"
    while offset + 8 <= len(data):
        length, chunk_type = struct.unpack(">I4s", data[offset : offset + 8])
        body = data[offset + 8 : offset + 8 + length]
        if len(body) < length:
            raise ExcalidrawError(f"the PNG is cut short inside its {chunk_type.decode('latin-1')} chunk")
        if chunk_type == b"tEXt" and body.startswith(keyword):
            return _unwrap(body[len(keyword) :].decode("latin-1"))
        if chunk_type == b"IEND":
            break
        offset += 12 + length  # length, type, data, CRC
    raise ExcalidrawError(
        'this PNG carries no Excalidraw scene: export it from Excalidraw with "Embed scene" ticked'
    )


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ExcalidrawError(f"the embedded {what} is not UTF-8 text") from None


def _unwrap(wrapper: str) -> str:
    """Excalidraw's encoding: ``{"encoding": "bstring", "compressed": …, "encoded": …}`` or plain JSON."""
    try:
        encoded = loads(wrapper, what="The embedded scene", binary_text=True)
    except InvalidInput as exc:
        raise ExcalidrawError(str(exc)) from None
    if not isinstance(encoded, dict):
        raise ExcalidrawError("the embedded scene is not a JSON object")
    if "encoded" not in encoded:
        return wrapper  # older exports embed the scene JSON itself
    if encoded.get("encoding") != "bstring" or not isinstance(encoded["encoded"], str):
        raise ExcalidrawError(
            f"the embedded scene uses the encoding {encoded.get('encoding')!r}; expected 'bstring'"
        )
    try:
        data = encoded["encoded"].encode("latin-1")
    except UnicodeEncodeError:
        raise ExcalidrawError("the embedded scene's byte string holds characters above U+00FF") from None
    if not encoded.get("compressed"):
        return _utf8(data, "scene")
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(data, MAX_BYTES + 1)
    except zlib.error as exc:
        raise ExcalidrawError(f"the embedded scene can't be inflated: {exc}") from None
    if len(text) > MAX_BYTES or inflater.unconsumed_tail:
        raise ExcalidrawError(f"the embedded scene inflates past {MAX_BYTES:,} bytes")
    return _utf8(text, "scene")


def read_excalidraw(text: str | bytes) -> BoardImport:
    """Read an Excalidraw scene into a board with inferred kinds.

    Raises
    ------
    ExcalidrawError
        For broken JSON, a file that is not an Excalidraw scene, or one over the limits.

    Examples
    --------
    >>> scene = {"type": "excalidraw", "elements": [
    ...   {"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 50},
    ...   {"id": "t", "type": "text", "text": "Redis", "containerId": "a", "x": 0, "y": 0}]}
    >>> read_excalidraw(json.dumps(scene)).board["nodes"][0]["data"]["kind"]
    'cache'
    """
    elements = _live_elements(_scene(text))
    by_id = _elements_by_id(elements)
    texts = [e for e in elements if e.get("type") == "text"]
    bound_text = {str(t["containerId"]): _text(t) for t in texts if t.get("containerId")}
    nodes, inferred = _nodes(elements, texts, bound_text)
    node_ids = {n["data"]["id"] for n in nodes}
    boxes = Boxes([_geometry(by_id[i]) for i in node_ids if i in by_id], margin=SNAP_DISTANCE)
    labels = {n["data"]["id"]: n["data"]["label"] for n in nodes}
    edges, warnings, joined, undirected = [], [], [], []
    for arrow in (e for e in elements if e.get("type") == "arrow"):
        check_budget()
        snapped = _snapped(arrow, node_ids, boxes)
        edge = _edge(snapped or arrow, node_ids, bound_text)
        if isinstance(edge, str):
            warnings.append(f"the arrow {arrow.get('id')} was left out: {_why_left_out(arrow, by_id)}")
            continue
        edges.append(edge)
        # a missing key is the default: a head at the end only (older files never wrote one)
        if bool(arrow.get("startArrowhead")) == bool(arrow.get("endArrowhead", "arrow")):
            undirected.append(edge)
        if snapped:
            ends = [labels[str(snapped[k]["elementId"])] for k in ("startBinding", "endBinding")]
            joined.append((str(arrow.get("id")), *ends))
    warnings[:0] = joined_notes(joined, "arrow", "snapped to")
    warnings += _links_from_lines(elements, node_ids, boxes, bound_text, labels, edges, undirected)
    warnings += point_from_clients(undirected, {n["data"]["id"]: n["data"]["kind"] for n in nodes}, labels)
    nodes, left_out = _without_decoration(nodes, edges, inferred)
    if left_out:
        warnings.append(
            f"{left_out} unlabelled shape{'s' if left_out != 1 else ''} with no arrow "
            f"{'were' if left_out != 1 else 'was'} left out as decoration"
        )
    board: dict = {"nodes": nodes, "edges": edges}
    zones = _zones(elements, nodes, by_id)
    if zones:
        board["zones"] = zones
    unique_edge_ids(board)
    return BoardImport(board, inferred, warnings)


def _links_from_lines(
    elements: list[dict],
    node_ids: set[str],
    boxes: Boxes,
    bound_text: dict[str, str],
    labels: dict[str, str],
    edges: list[dict],
    undirected: list[dict],
) -> list[str]:
    """Add a link for each line drawn between two boxes (the line tool draws links with no head,
    and a line can't be bound to a shape): its ends on or beside two boxes, as a loose arrow's are
    read. A line near one box or none, within one box, or closed into a shape is decoration, left
    out without a word. Returns what the import says of them."""
    joined = []
    for element in (e for e in elements if e.get("type") == "line"):
        check_budget()
        points = element.get("points")
        if element.get("polygon") or not isinstance(points, list) or len(points) < 2:
            continue
        origin = (_num(element.get("x")), _num(element.get("y")))
        start, end = _at(origin, points[0]), _at(origin, points[-1])
        if start is None or end is None or math.dist(start, end) < 1:  # closed: a shape drawn by hand
            continue
        ends = snapped_ends((None, None), (start, end), node_ids, boxes)
        if ends is None:
            continue
        keys = ("startBinding", "endBinding")
        linked = {**element, **{key: {"elementId": box} for key, box in zip(keys, ends, strict=True)}}
        edge = _edge(linked, node_ids, bound_text)
        if isinstance(edge, str):
            continue
        edges.append(edge)
        if bool(element.get("startArrowhead")) == bool(element.get("endArrowhead")):
            undirected.append(edge)
        joined.append(f"the line {element.get('id')} joins {labels[ends[0]]} and {labels[ends[1]]}")
    if len(joined) <= 3:
        return [f"{note}: a line between two boxes is a link" for note in joined]
    return [f"{len(joined):,} lines join the boxes their ends touch: a line between two boxes is a link"]


def _zones(elements: list[dict], nodes: list[dict], by_id: dict[str, dict]) -> list[dict]:
    """Frames as zones (named "Availability zone", "VPC"…), and each box drawn in a frame put in it."""
    frames = [e for e in elements if e.get("type") in ("frame", "magicframe")]
    if len(frames) > MAX_ZONES:
        raise ExcalidrawError(
            f"the scene has {len(frames):,} frames; a board holds at most {MAX_ZONES:,} zones"
        )
    taken = {n["data"]["id"] for n in nodes}
    zones: list[dict] = []
    written_parent: dict[str, object] = {}
    for frame in frames:
        frame_id, name = str(frame.get("id")), str(frame.get("name") or "").strip()
        if frame_id in taken:
            continue
        taken.add(frame_id)
        # what designer wrote: the zone's kind, and the zone it is in (frames themselves don't nest)
        custom = frame.get("customData")
        written: dict = custom if isinstance(custom, dict) else {}
        kind = written["zone"] if written.get("zone") in ZONE_KINDS else zone_kind(name)
        zones.append({"data": {"id": frame_id, "label": name or None, "kind": kind}})
        written_parent[frame_id] = written.get("parent")
    zone_ids: set[str] = {z["data"]["id"] for z in zones}
    parent_of: dict[str, str | None] = dict.fromkeys(zone_ids)
    for zone in zones:
        here, parent = zone["data"]["id"], written_parent[zone["data"]["id"]]
        if (
            isinstance(parent, str)
            and parent in zone_ids
            and here not in [parent, *ancestors(parent_of, parent)]
        ):
            zone["data"]["parent"] = parent_of[here] = parent
    for node in nodes:
        in_frame = str((by_id.get(node["data"]["id"]) or {}).get("frameId") or "")
        if in_frame in zone_ids:
            node["data"]["parent"] = in_frame
    return zones


def _without_decoration(nodes: list[dict], edges: list[dict], inferred: dict) -> tuple[list[dict], int]:
    """The boxes less those that are decoration — no text, no arrow to or from them, no kind written
    by designer: a frame drawn around a group, a divider, a blob of colour — and how many those were."""
    joined = {e["data"][end] for e in edges for end in ("source", "target")}
    kept = []
    for node in nodes:
        node_id = node["data"]["id"]
        said = inferred[node_id].reason == "written by designer"
        if node_id in joined or said or not node["data"].pop("_unlabelled", False):
            kept.append(node)
            continue
        del inferred[node_id]
    for node in kept:
        node["data"].pop("_unlabelled", None)
    return kept, len(nodes) - len(kept)


def _scene(text: str | bytes) -> dict:
    """The scene's JSON, checked to be an Excalidraw scene within the size limit."""
    if len(text) > MAX_BYTES:
        raise ExcalidrawError(f"the file is {len(text):,} bytes; at most {MAX_BYTES:,}")
    try:
        scene = loads(text, what="The file")
    except InvalidInput as exc:
        raise ExcalidrawError(str(exc)) from None
    if (
        not isinstance(scene, dict)
        or scene.get("type") != "excalidraw"
        or not isinstance(scene.get("elements"), list)
    ):
        raise ExcalidrawError(
            'this is not an Excalidraw scene: expected {"type": "excalidraw", "elements": [...]}'
        )
    return scene


def _live_elements(scene: dict) -> list[dict]:
    """The scene's elements that are not deleted, at most :data:`MAX_ELEMENTS` of them."""
    elements = [e for e in scene["elements"] if isinstance(e, dict) and not e.get("isDeleted")]
    if len(elements) > MAX_ELEMENTS:
        raise ExcalidrawError(f"the scene has {len(elements):,} elements; at most {MAX_ELEMENTS:,}")
    return elements


def _elements_by_id(elements: list[dict]) -> dict[str, dict]:
    """Each element by its id, which every element must have, once."""
    by_id: dict[str, dict] = {}
    for element in elements:
        element_id = element.get("id")
        if not isinstance(element_id, str | int) or isinstance(element_id, bool) or str(element_id) == "":
            raise ExcalidrawError(f"an element of type {element.get('type')!r} has no id")
        if str(element_id) in by_id:
            raise ExcalidrawError(f"two elements have the id {element_id!r}; every element needs its own")
        by_id[str(element_id)] = element
    return by_id


def _nodes(elements: list[dict], texts: list[dict], bound_text: dict[str, str]) -> tuple[list, dict]:
    """The boxes (rectangles, ellipses, diamonds), each labelled by its bound text or by free text on it."""
    shapes = [e for e in elements if e.get("type") in _SHAPES]
    if len(shapes) > MAX_NODES:  # before matching free text to shapes, which is texts × shapes
        raise ExcalidrawError(f"the scene has {len(shapes):,} boxes; a board holds at most {MAX_NODES:,}")
    typed_on_top = _texts_on_shapes(shapes, [t for t in texts if not t.get("containerId")])
    nodes, inferred = [], {}
    for shape in shapes:
        node_id = str(shape["id"])
        node, inferred[node_id] = _node(shape, bound_text.get(node_id) or typed_on_top.get(node_id, ""))
        nodes.append(node)
    return nodes, inferred


def _node(shape: dict, label: str) -> tuple[dict, Inference]:
    """A shape as a box at its centre, with the kind designer wrote on it or one inferred from its label."""
    custom = _obj(shape.get("customData"))
    if custom.get("kind") in KINDS:
        inference = Inference(
            custom["kind"],
            "written by designer",
            _int(custom.get("replicas"), 1),
            custom.get("managed") is True,
        )
    else:
        inference = infer_kind(label, "ellipse" if shape["type"] == "ellipse" else None)
    data = {"id": str(shape["id"]), "label": label or KINDS[inference.kind], **inference.fields()}
    if custom.get("kind") in KINDS and isinstance(custom.get("notes"), str) and custom["notes"]:
        data["notes"] = custom["notes"][:MAX_TEXT_CHARS]
    if not label.strip():
        data["_unlabelled"] = True  # read by _without_decoration, never kept
    position = {
        "x": _num(shape.get("x")) + _num(shape.get("width")) / 2,
        "y": _num(shape.get("y")) + _num(shape.get("height")) / 2,
    }
    return {"data": data, "position": position}, inference


def _edge(arrow: dict, node_ids: set[str], bound_text: dict[str, str]) -> dict | str:
    """An arrow bound to two boxes as an edge (its mode from designer's data or its stroke), or
    ``"unbound"`` when an end is not bound to a box."""
    start = str(_obj(arrow.get("startBinding")).get("elementId") or "")
    end = str(_obj(arrow.get("endBinding")).get("elementId") or "")
    if start not in node_ids or end not in node_ids:
        return "unbound"
    custom = _obj(arrow.get("customData"))
    mode = (
        custom.get("mode")
        if custom.get("mode") in {"sync", "async", "replication"}
        else ("async" if arrow.get("strokeStyle") in {"dashed", "dotted"} else "sync")
    )
    if arrow.get("startArrowhead") and not arrow.get("endArrowhead"):
        start, end = end, start  # drawn backwards: the head is at the start
    data = {
        "id": str(arrow["id"]),
        "source": start,
        "target": end,
        "label": bound_text.get(str(arrow["id"]), ""),
        "mode": mode,
    }
    return {"data": data}


def _snapped(arrow: dict, node_ids: set[str], boxes: Boxes) -> dict | None:
    """The arrow with its unbound ends bound to the boxes they touch (:func:`snapped_ends`); None
    when the arrow was snapped already or can't be."""
    keys = ("startBinding", "endBinding")
    bound = tuple(str(_obj(arrow.get(key)).get("elementId") or "") for key in keys)
    if all(b in node_ids for b in bound):
        return None
    points = arrow.get("points")
    if not isinstance(points, list) or len(points) < 2:
        return None
    origin = (_num(arrow.get("x")), _num(arrow.get("y")))
    ends = snapped_ends(
        (bound[0], bound[1]), (_at(origin, points[0]), _at(origin, points[-1])), node_ids, boxes
    )
    if ends is None:
        return None
    return {**arrow, **{key: {"elementId": box} for key, box in zip(keys, ends, strict=True)}}


def _at(origin: tuple[float, float], point: Any) -> tuple[float, float] | None:
    """An arrow's point on the page (its points are relative to the arrow), or None for no point."""
    if not isinstance(point, list | tuple) or len(point) < 2:
        return None
    return origin[0] + _num(point[0]), origin[1] + _num(point[1])


def _why_left_out(arrow: dict, by_id: dict[str, dict]) -> str:
    bindings = [str(_obj(arrow.get(k)).get("elementId") or "") for k in ("startBinding", "endBinding")]
    missing = [b for b in bindings if b and b not in by_id]
    if missing:
        return f"it is bound to {', '.join(missing)}, which the scene does not have"
    return "both its ends must be bound to a box"


def _text(element: dict) -> str:
    text = element.get("originalText") or element.get("text") or ""
    return " ".join(str(text).split())


def _obj(value: Any) -> dict:
    """A part of the scene that should be an object, or an empty one when the file has something else."""
    return value if isinstance(value, dict) else {}


#: A coordinate or size past this is no drawing: clamped, so sums stay finite.
_FAR = 1e9


def _num(value: Any) -> float:
    if not isinstance(value, int | float) or value != value:
        return 0.0
    return max(-_FAR, min(_FAR, float(value)))


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and value >= 1 else default


def _texts_on_shapes(shapes: list[dict], free_texts: list[dict]) -> dict[str, str]:
    """Free text typed on top of a box labels the smallest box its centre lies in.

    The smallest, so that a big box drawn around others (a region, a cluster) does not take the
    label of a box inside it; several texts on one box are joined from top to bottom.
    """
    boxes = Boxes([_geometry(s) for s in shapes])
    found: dict[str, list[tuple[float, str]]] = {}
    for text in free_texts:
        check_budget()
        cx = _num(text.get("x")) + _num(text.get("width")) / 2
        cy = _num(text.get("y")) + _num(text.get("height")) / 2
        best = boxes.smallest_holding(cx, cy)
        if best is not None:
            found.setdefault(best, []).append((cy, _text(text)))
    return {shape_id: " ".join(t for _, t in sorted(parts)) for shape_id, parts in found.items()}


def _geometry(shape: dict) -> tuple[str, float, float, float, float]:
    return (
        str(shape["id"]),
        _num(shape.get("x")),
        _num(shape.get("y")),
        _num(shape.get("width")),
        _num(shape.get("height")),
    )


def _base(element_id: str, kind: str, x: float, y: float, width: float, height: float, seed: int) -> dict:
    return {
        "id": element_id,
        "type": kind,
        "x": x,
        "y": y,
        "width": width,
        "height": height,
        "angle": 0,
        "strokeColor": "#1e1e1e",
        "backgroundColor": "transparent",
        "fillStyle": "solid",
        "strokeWidth": 2,
        "strokeStyle": "solid",
        "roughness": 1,
        "opacity": 100,
        "groupIds": [],
        "frameId": None,
        "roundness": None,
        "seed": seed,
        "version": 1,
        "versionNonce": seed,
        "isDeleted": False,
        "boundElements": [],
        "updated": 1,
        "link": None,
        "locked": False,
    }


def write_excalidraw(board: dict) -> str:
    """Write a board as an Excalidraw scene: boxes with bound labels, bound arrows, ``customData``;
    zones as frames around their boxes (a box in the innermost)."""
    elements: list[dict] = []
    boxes: dict[str, dict] = {}
    width, height = 160.0, 70.0
    placed = {
        node["data"]["id"]: node.get("position") or {"x": 220.0 * (index % 5), "y": 140.0 * (index // 5)}
        for index, node in enumerate(board.get("nodes", []))
    }
    frames = zone_frames(board, placed, (width, height))
    for index, node in enumerate(board.get("nodes", [])):
        data = node["data"]
        pos = placed[data["id"]]
        shape = (
            "ellipse"
            if data.get("kind") == "cache"
            else "diamond"
            if data.get("kind") == "load_balancer"
            else "rectangle"
        )
        box = _base(data["id"], shape, pos["x"] - width / 2, pos["y"] - height / 2, width, height, index + 1)
        box["customData"] = {"kind": data.get("kind"), "replicas": data.get("replicas", 1)}
        if data.get("managed") is True:
            box["customData"]["managed"] = True
        if data.get("notes"):
            box["customData"]["notes"] = data["notes"]
        box["frameId"] = data.get("parent") if data.get("parent") in frames else None
        label = data.get("label") or KINDS.get(data.get("kind"), data["id"])
        text = _base(
            f"{data['id']}-label", "text", box["x"], box["y"] + height / 2 - 10, width, 20, index + 1001
        )
        text.update(
            {
                "text": label,
                "originalText": label,
                "fontSize": 16,
                "fontFamily": 1,
                "textAlign": "center",
                "verticalAlign": "middle",
                "containerId": data["id"],
                "lineHeight": 1.25,
            }
        )
        box["boundElements"].append({"type": "text", "id": text["id"]})
        boxes[data["id"]] = box
        elements += [box, text]
    for index, edge in enumerate(board.get("edges", [])):
        data = edge["data"]
        source, target = boxes[data["source"]], boxes[data["target"]]
        x0, y0 = source["x"] + width / 2, source["y"] + height / 2
        x1, y1 = target["x"] + width / 2, target["y"] + height / 2
        arrow = _base(data["id"], "arrow", x0, y0, abs(x1 - x0), abs(y1 - y0), index + 2001)
        arrow.update(
            {
                "points": [[0, 0], [x1 - x0, y1 - y0]],
                "lastCommittedPoint": None,
                "startBinding": {"elementId": data["source"], "focus": 0, "gap": 4},
                "endBinding": {"elementId": data["target"], "focus": 0, "gap": 4},
                "startArrowhead": None,
                "endArrowhead": "arrow",
                "strokeStyle": {"async": "dashed", "replication": "dotted"}.get(
                    data.get("mode", "sync"), "solid"
                ),
                "customData": {"mode": data.get("mode", "sync")},
            }
        )
        source["boundElements"].append({"type": "arrow", "id": data["id"]})
        target["boundElements"].append({"type": "arrow", "id": data["id"]})
        elements.append(arrow)
        if (data.get("label") or "").strip():
            label = _base(
                f"{data['id']}-label",
                "text",
                x0 + (x1 - x0) / 2 - 40,
                y0 + (y1 - y0) / 2 - 10,
                80,
                20,
                index + 3001,
            )
            label.update(
                {
                    "text": data["label"],
                    "originalText": data["label"],
                    "fontSize": 14,
                    "fontFamily": 1,
                    "textAlign": "center",
                    "verticalAlign": "middle",
                    "containerId": data["id"],
                    "lineHeight": 1.25,
                }
            )
            arrow["boundElements"].append({"type": "text", "id": label["id"]})
            elements.append(label)
    for index, zone in enumerate(board.get("zones") or []):
        data = zone["data"]
        x, y, w, h = frames[data["id"]]
        frame = _base(data["id"], "frame", x, y, w, h, index + 4001)
        frame["name"] = data.get("label") or ZONE_KINDS.get(data.get("kind") or "zone", "Zone")
        frame["customData"] = {"zone": data.get("kind") or "zone", "parent": data.get("parent")}
        elements.append(frame)
    scene = {
        "type": "excalidraw",
        "version": 2,
        "source": "designer",
        "elements": elements,
        "appState": {"viewBackgroundColor": "#ffffff", "gridSize": None},
        "files": {},
    }
    return json.dumps(
        scene, ensure_ascii=False, separators=(",", ":")
    )  # compact: a big scene writes 5x faster


def recognises(data: bytes, suffix: str) -> bool:
    """Whether a file with this ending is Excalidraw's: an SVG only with a scene embedded."""
    return suffix != ".svg" or f"payload-type:{SCENE_MIME}".encode() in data


def from_bytes(data: bytes, suffix: str = ".excalidraw", page: str | None = None) -> BoardImport:
    """Read an ``.excalidraw`` file's bytes, the scene embedded in an Excalidraw SVG or PNG export,
    or the drawing Obsidian's Excalidraw plugin keeps in a Markdown file (``.excalidraw.md``)."""
    if suffix == ".png":
        return read_excalidraw(scene_from_png(data))
    text = decode_text(data)
    if suffix == ".md":
        return read_excalidraw(scene_from_markdown(text))
    return read_excalidraw(scene_from_svg(text) if suffix == ".svg" else text)


#: The fence Obsidian's Excalidraw plugin keeps its drawing in, under "# Drawing": plain JSON or
#: LZ-String's Base64 (the plugin's default).
_DRAWING_FENCE = re.compile(r"^```(json|compressed-json)[ \t]*\r?$", re.M)
_FENCE_END = re.compile(r"^```[ \t]*\r?$", re.M)


def scene_from_markdown(text: str) -> str:
    """The scene Obsidian's Excalidraw plugin keeps in a Markdown file: the last ```` ```json ```` or
    ```` ```compressed-json ```` block (the drawing comes after the text elements and links).

    Raises
    ------
    ExcalidrawError
        For Markdown with no drawing, or a compressed block LZ-String did not write.
    """
    fences = list(_DRAWING_FENCE.finditer(text))
    found = fences[-1] if fences else None
    if found is None:
        raise ExcalidrawError(
            "this Markdown file holds no Excalidraw drawing: Obsidian's Excalidraw plugin keeps one in a "
            "```json or ```compressed-json block under “Drawing”"
        )
    end = _FENCE_END.search(text, found.end())
    block = text[found.end() : end.start() if end else len(text)]
    if found.group(1) == "json":
        return block
    try:
        return decompress_from_base64(block, MAX_BYTES)
    except LZStringError as exc:
        raise ExcalidrawError(f"the drawing's compressed-json block can't be read: {exc}") from None
