"""The board as an SVG picture: as the whiteboard shows it, on white, legible when printed.

Each box is drawn in its kind's shape and colours (:mod:`designer.kind_styles`, the table the
whiteboard uses), with its label wrapped as on the board; replicated boxes get a double outline.
Arrows run from box to box, dashed when asynchronous, dotted with a diamond head for replication,
labelled at their middle. Zones are dashed areas under the boxes they hold, named at their top left;
notes are stickies with their text. The document is built with ElementTree, so every label is escaped text.
"""

from __future__ import annotations

__all__ = ["write_svg"]

import math
import textwrap
import xml.etree.ElementTree as ET

from designer.board import node_label
from designer.formats.base import outermost_first, zone_frames
from designer.kind_styles import NOTE_STYLE, ZONE_STYLES, style_of
from designer.session_format import ZONE_KINDS

BOX_W, BOX_H = 120.0, 52.0
NOTE_W, NOTE_H = 170.0, 70.0
MARGIN = 40.0
FONT = "Helvetica, Arial, sans-serif"
EDGE_COLOUR = "#64748b"
# Unit outlines (x, y in -1…1) of Cytoscape's polygon shapes; the rest are drawn as rect/ellipse/path.
_POLYGONS: dict[str, list[tuple[float, float]]] = {
    "diamond": [(0, -1), (1, 0), (0, 1), (-1, 0)],
    "hexagon": [(-1, 0), (-0.5, -1), (0.5, -1), (1, 0), (0.5, 1), (-0.5, 1)],
    "pentagon": [(0, -1), (1, -0.24), (0.62, 1), (-0.62, 1), (-1, -0.24)],
    "cut-rectangle": [
        (-0.87, -1),
        (0.87, -1),
        (1, -0.69),
        (1, 0.69),
        (0.87, 1),
        (-0.87, 1),
        (-1, 0.69),
        (-1, -0.69),
    ],
    "concave-hexagon": [(-1, -1), (1, -1), (0.85, 0), (1, 1), (-1, 1), (-0.85, 0)],
    "tag": [(-1, -1), (0.7, -1), (1, 0), (0.7, 1), (-1, 1)],
    "rhomboid": [(-0.67, -1), (1, -1), (0.67, 1), (-1, 1)],
    "octagon": [
        (-0.41, -1),
        (0.41, -1),
        (1, -0.41),
        (1, 0.41),
        (0.41, 1),
        (-0.41, 1),
        (-1, 0.41),
        (-1, -0.41),
    ],
    "vee": [(-1, -1), (0, -0.33), (1, -1), (0, 1)],
    "triangle": [(-1, 1), (0, -1), (1, 1)],
    "star": [
        (
            math.cos(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.45),
            math.sin(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.45),
        )
        for i in range(10)
    ],
}
_ROUNDED = {"round-octagon": "octagon", "round-triangle": "triangle", "round-hexagon": "hexagon"}


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _shape(parent: ET.Element, shape: str, cx: float, cy: float, w: float, h: float, **attrs: str) -> None:
    x, y = cx - w / 2, cy - h / 2
    if shape in ("rectangle", "round-rectangle"):
        rx = "8" if shape == "round-rectangle" else "0"
        ET.SubElement(
            parent,
            "rect",
            {"x": _fmt(x), "y": _fmt(y), "width": _fmt(w), "height": _fmt(h), "rx": rx, **attrs},
        )
    elif shape == "ellipse":
        ET.SubElement(
            parent, "ellipse", {"cx": _fmt(cx), "cy": _fmt(cy), "rx": _fmt(w / 2), "ry": _fmt(h / 2), **attrs}
        )
    elif shape == "barrel":  # a drum: straight sides, curved top and bottom
        bulge = h * 0.15
        d = (
            f"M{_fmt(x)},{_fmt(y + bulge)} Q{_fmt(cx)},{_fmt(y - bulge)} {_fmt(x + w)},{_fmt(y + bulge)} "
            f"L{_fmt(x + w)},{_fmt(y + h - bulge)} Q{_fmt(cx)},{_fmt(y + h + bulge)} {_fmt(x)},{_fmt(y + h - bulge)} Z"
        )
        ET.SubElement(parent, "path", {"d": d, **attrs})
    elif shape in _POLYGONS or shape in _ROUNDED:
        outline = _POLYGONS[_ROUNDED.get(shape, shape)]
        points = " ".join(f"{_fmt(cx + px * w / 2)},{_fmt(cy + py * h / 2)}" for px, py in outline)
        if shape in _ROUNDED:
            attrs = {**attrs, "stroke-linejoin": "round"}
        ET.SubElement(parent, "polygon", {"points": points, **attrs})
    else:  # a shape this table doesn't know: a plain box rather than nothing
        ET.SubElement(
            parent, "rect", {"x": _fmt(x), "y": _fmt(y), "width": _fmt(w), "height": _fmt(h), **attrs}
        )


def _clip(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float]:
    """Where the segment from a box centre (x0, y0) to another (x1, y1) leaves the target box."""
    dx, dy = x0 - x1, y0 - y1
    if dx == 0 and dy == 0:
        return x1, y1
    scale = min(
        (BOX_W / 2 + 4) / abs(dx) if dx else math.inf,
        (BOX_H / 2 + 4) / abs(dy) if dy else math.inf,
    )
    return x1 + dx * min(scale, 1), y1 + dy * min(scale, 1)


def write_svg(board: dict) -> str:
    """Write a board as a standalone SVG document (white background, 1 px = 1 px on the board)."""
    nodes = board.get("nodes", [])
    positions = _positions(nodes)
    placed = {node_id: {"x": x, "y": y} for node_id, (x, y) in positions.items()}
    frames = zone_frames(board, placed, (BOX_W, BOX_H))
    notes = [(n["data"], n.get("position") or {"x": 0.0, "y": 0.0}) for n in board.get("notes") or []]
    extents = [(x - BOX_W / 2, y - BOX_H / 2, x + BOX_W / 2, y + BOX_H / 2) for x, y in positions.values()]
    extents += [(x, y, x + w, y + h) for x, y, w, h in frames.values()]
    extents += [
        (p["x"] - NOTE_W / 2, p["y"] - NOTE_H / 2, p["x"] + NOTE_W / 2, p["y"] + NOTE_H / 2) for _, p in notes
    ]
    svg = _canvas(extents)
    zones = ET.SubElement(svg, "g", {"class": "zones"})
    for zone in outermost_first(board.get("zones") or []):
        _zone(zones, zone["data"], frames[zone["data"]["id"]])
    arrows = ET.SubElement(svg, "g", {"class": "arrows"})
    for edge in board.get("edges", []):
        data = edge["data"]
        if data.get("source") in positions and data.get("target") in positions:
            _arrow(arrows, data, positions[data["source"]], positions[data["target"]])
    boxes = ET.SubElement(svg, "g", {"class": "boxes"})
    for node in nodes:
        _box(boxes, node["data"], positions[node["data"]["id"]])
    stickies = ET.SubElement(svg, "g", {"class": "notes"})
    for data, position in notes:
        _note(stickies, data, (float(position["x"]), float(position["y"])))
    return ET.tostring(svg, encoding="unicode", xml_declaration=False) + "\n"


def _positions(nodes: list[dict]) -> dict[str, tuple[float, float]]:
    """Each box's centre: where it is on the board, or on a grid for a box with no position."""
    positions = {}
    for index, node in enumerate(nodes):
        pos = node.get("position") or {"x": 200.0 * (index % 5), "y": 120.0 * (index // 5)}
        positions[node["data"]["id"]] = (float(pos["x"]), float(pos["y"]))
    return positions


def _canvas(extents: list[tuple[float, float, float, float]]) -> ET.Element:
    """The ``<svg>`` sized to what is drawn (each as x1, y1, x2, y2) with a margin, with the
    arrowheads and a white background."""
    extents = extents or [(-BOX_W / 2, -BOX_H / 2, BOX_W / 2, BOX_H / 2)]
    left, top = min(e[0] for e in extents) - MARGIN, min(e[1] for e in extents) - MARGIN
    width = max(e[2] for e in extents) + MARGIN - left
    height = max(e[3] for e in extents) + MARGIN - top
    svg = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        version="1.1",
        width=_fmt(width),
        height=_fmt(height),
        viewBox=f"{_fmt(left)} {_fmt(top)} {_fmt(width)} {_fmt(height)}",
        role="img",
    )
    ET.SubElement(svg, "title").text = "System design board"
    defs = ET.SubElement(svg, "defs")
    for marker_id, points in (("head", "0,0 10,5 0,10"), ("diamond-head", "0,5 5,0 10,5 5,10")):
        marker = ET.SubElement(
            defs,
            "marker",
            id=marker_id,
            viewBox="0 0 10 10",
            refX="10",
            refY="5",
            markerWidth="8",
            markerHeight="8",
            orient="auto-start-reverse",
        )
        ET.SubElement(marker, "polygon", points=points, fill=EDGE_COLOUR)
    ET.SubElement(
        svg, "rect", x=_fmt(left), y=_fmt(top), width=_fmt(width), height=_fmt(height), fill="#ffffff"
    )
    return svg


def _arrow(parent: ET.Element, data: dict, source: tuple[float, float], target: tuple[float, float]) -> None:
    """An arrow from box edge to box edge, dashed when asynchronous, dotted with a diamond head for
    replication, its label on a white patch at its middle."""
    (x0, y0), (x1, y1) = source, target
    end_x, end_y = _clip(x0, y0, x1, y1)
    start_x, start_y = _clip(x1, y1, x0, y0)
    mode = data.get("mode", "sync")
    attrs = {
        "stroke": EDGE_COLOUR,
        "stroke-width": "2",
        "fill": "none",
        "marker-end": "url(#diamond-head)" if mode == "replication" else "url(#head)",
    }
    if mode == "async":
        attrs["stroke-dasharray"] = "8 5"
    elif mode == "replication":
        attrs["stroke-dasharray"] = "2 4"
    group = ET.SubElement(parent, "g", {"class": "arrow", "data-id": str(data.get("id", ""))})
    ET.SubElement(
        group,
        "line",
        {"x1": _fmt(start_x), "y1": _fmt(start_y), "x2": _fmt(end_x), "y2": _fmt(end_y), **attrs},
    )
    label = (data.get("label") or "").strip()
    if not label:
        return
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    text_w = 6.0 * len(label) + 6
    ET.SubElement(
        group,
        "rect",
        x=_fmt(mx - text_w / 2),
        y=_fmt(my - 8),
        width=_fmt(text_w),
        height="16",
        fill="#ffffff",
        opacity="0.85",
    )
    text_attrs = {"x": _fmt(mx), "y": _fmt(my + 4), "font-size": "11", "text-anchor": "middle"}
    ET.SubElement(group, "text", {**text_attrs, "fill": "#0f172a", "font-family": FONT}).text = label


def _box(parent: ET.Element, data: dict, centre: tuple[float, float]) -> None:
    """A box in its kind's shape and colours (a double outline when replicated), its label wrapped."""
    cx, cy = centre
    style = style_of(data.get("kind", "other"))
    group = ET.SubElement(
        parent, "g", {"class": "box", "data-id": str(data["id"]), "data-kind": str(data.get("kind", ""))}
    )
    paint = {"fill": style.fill, "stroke": style.stroke, "stroke-width": "2"}
    _shape(group, style.shape, cx, cy, BOX_W, BOX_H, **paint)
    if int(data.get("replicas") or 1) > 1:  # the whiteboard's double border
        inner = {"fill": "none", "stroke": style.stroke, "stroke-width": "2"}
        _shape(group, style.shape, cx, cy, BOX_W - 10, BOX_H - 10, **inner)
    lines = textwrap.wrap(node_label(data), 18, break_on_hyphens=False) or [""]
    if len(lines) > 4:  # the board shows about four lines in a box, then cuts off
        lines = lines[:3] + [textwrap.shorten(" ".join(lines[3:]), 18, placeholder="…")]
    text = ET.SubElement(
        group,
        "text",
        {"x": _fmt(cx), "font-size": "12", "text-anchor": "middle", "fill": "#0f172a", "font-family": FONT},
    )
    first_y = cy + 4 - (len(lines) - 1) * 7
    for index, line in enumerate(lines):
        ET.SubElement(text, "tspan", x=_fmt(cx), y=_fmt(first_y + index * 14)).text = line


def _zone(parent: ET.Element, data: dict, frame: tuple[float, float, float, float]) -> None:
    """A zone: a dashed, rounded area in its kind's colours, its name at the top left."""
    x, y, w, h = frame
    kind = data.get("kind") or "zone"
    fill, stroke = ZONE_STYLES.get(kind, ZONE_STYLES["zone"])
    group = ET.SubElement(parent, "g", {"class": "zone", "data-id": str(data["id"]), "data-kind": kind})
    paint = {"fill": fill, "stroke": stroke, "stroke-width": "2", "stroke-dasharray": "6 4"}
    frame_attrs = {"x": _fmt(x), "y": _fmt(y), "width": _fmt(w), "height": _fmt(h), "rx": "10"}
    ET.SubElement(group, "rect", {**frame_attrs, **paint})
    name = data.get("label") or ZONE_KINDS.get(kind, "Zone")
    text = {"x": _fmt(x + 10), "y": _fmt(y + 20), "font-size": "13", "font-weight": "bold", "fill": "#334155"}
    ET.SubElement(group, "text", {**text, "font-family": FONT}).text = name


def _note(parent: ET.Element, data: dict, centre: tuple[float, float]) -> None:
    """A note: a sticky with its text wrapped (as much as fits)."""
    cx, cy = centre
    group = ET.SubElement(parent, "g", {"class": "note", "data-id": str(data["id"])})
    x, y = cx - NOTE_W / 2, cy - NOTE_H / 2
    paint = {"fill": NOTE_STYLE[0], "stroke": NOTE_STYLE[1], "stroke-width": "1"}
    sticky = {"x": _fmt(x), "y": _fmt(y), "width": _fmt(NOTE_W), "height": _fmt(NOTE_H)}
    ET.SubElement(group, "rect", {**sticky, **paint})
    lines = textwrap.wrap(str(data.get("text") or ""), 26, break_on_hyphens=False)
    if len(lines) > 4:
        lines = lines[:3] + [textwrap.shorten(" ".join(lines[3:]), 26, placeholder="…")]
    text = ET.SubElement(
        group,
        "text",
        {"x": _fmt(cx), "font-size": "11", "text-anchor": "middle", "fill": "#0f172a", "font-family": FONT},
    )
    first_y = cy + 4 - (len(lines) - 1) * 6.5
    for index, line in enumerate(lines):
        ET.SubElement(text, "tspan", x=_fmt(cx), y=_fmt(first_y + index * 13)).text = line
