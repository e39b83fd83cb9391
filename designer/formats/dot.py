"""The board as a Graphviz DOT graph, for documentation pipelines that render diagrams with ``dot``.

Each box keeps its label, and its kind's shape and colours as near as Graphviz has them
(:mod:`designer.kind_styles`); a replicated box gets a double outline and says how many it is.
Arrows are dashed when asynchronous and dotted with a diamond head for replication. Boxes stay
where they are on the board (``pos``, for ``neato -n``); ``dot`` lays them out afresh, left to
right. Boxes are named ``n1``, ``n2``… in the graph (DOT would read a backslash in a name other
than it reads one in a label), and every label is a quoted DOT string with its backslashes, quotes
and line breaks escaped, so no text can break the graph or reach Graphviz's own escapes (``\\N``).
"""

from __future__ import annotations

__all__ = ["write_dot"]

from designer.board import node_label
from designer.kind_styles import ZONE_STYLES, style_of
from designer.session_format import ZONE_KINDS

# Cytoscape's shapes (the whiteboard's) → the nearest Graphviz shape and style.
_SHAPES = {
    "rectangle": ("box", ""),
    "round-rectangle": ("box", "rounded"),
    "ellipse": ("ellipse", ""),
    "barrel": ("cylinder", ""),
    "diamond": ("diamond", ""),
    "hexagon": ("hexagon", ""),
    "round-hexagon": ("hexagon", "rounded"),
    "pentagon": ("pentagon", ""),
    "octagon": ("octagon", ""),
    "round-octagon": ("octagon", "rounded"),
    "triangle": ("triangle", ""),
    "round-triangle": ("triangle", "rounded"),
    "rhomboid": ("parallelogram", ""),
    "star": ("star", ""),
    "tag": ("cds", ""),
    "vee": ("invtriangle", ""),
    "cut-rectangle": ("octagon", ""),
    "concave-hexagon": ("hexagon", ""),
}
# Graphviz reads a point as 1/72 inch; the board's pixels are 1/96.
_POINTS_PER_PIXEL = 72 / 96


def _quoted(text: object) -> str:
    r"""A DOT quoted string: backslashes and quotes escaped, line breaks as ``\n``.

    Examples
    --------
    >>> _quoted('say "hi" \\ bye')
    '"say \\"hi\\" \\\\ bye"'
    """
    value = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def _attributes(pairs: dict[str, object]) -> str:
    return "[" + ", ".join(f"{key}={_quoted(value)}" for key, value in pairs.items() if value != "") + "]"


def write_dot(board: dict) -> str:
    """Write a board as a DOT ``digraph``; boxes are ``n1``, ``n2``… in board order.

    Examples
    --------
    >>> print(write_dot({"nodes": [{"data": {"id": "db", "kind": "sql_database", "label": "Orders"}}],
    ...                  "edges": []}), end="")
    digraph board {
      graph [rankdir="LR"];
      node [fontname="Helvetica", fontsize="12", style="filled"];
      edge [fontname="Helvetica", fontsize="10", color="#64748b"];
      n1 [label="Orders", shape="cylinder", style="filled", fillcolor="#dbeafe", color="#1d4ed8", designer_kind="sql_database"];
    }
    """
    lines = [
        "digraph board {",
        '  graph [rankdir="LR"];',
        '  node [fontname="Helvetica", fontsize="12", style="filled"];',
        '  edge [fontname="Helvetica", fontsize="10", color="#64748b"];',
    ]
    names = {node["data"]["id"]: f"n{index}" for index, node in enumerate(board.get("nodes", []), start=1)}
    for node in board.get("nodes", []):
        data = node["data"]
        kind = data.get("kind", "other")
        style = style_of(kind)
        shape, extra = _SHAPES.get(style.shape, ("box", ""))
        replicas = int(data.get("replicas") or 1)
        label = node_label(data) + (f" ×{replicas}" if replicas > 1 else "")
        attributes: dict[str, object] = {
            "label": label,
            "shape": shape,
            "style": ",".join(s for s in ("filled", extra) if s),
            "fillcolor": style.fill,
            "color": style.stroke,
            "peripheries": 2 if replicas > 1 else "",
            "designer_kind": kind,
        }
        position = node.get("position")
        if position:
            x, y = position["x"] * _POINTS_PER_PIXEL, -position["y"] * _POINTS_PER_PIXEL  # y grows upwards
            attributes["pos"] = f"{x:g},{y:g}"
        lines.append(f"  {names[data['id']]} {_attributes(attributes)};")
    lines += _clusters(board, names)
    for edge in board.get("edges", []):
        data = edge["data"]
        if data.get("source") not in names or data.get("target") not in names:
            continue  # an arrow to nowhere (a board is checked before it is saved, but not every caller's)
        mode = data.get("mode", "sync")
        attributes = {
            "label": data.get("label") or "",
            "style": {"async": "dashed", "replication": "dotted"}.get(mode, ""),
            "arrowhead": "diamond" if mode == "replication" else "",
            "designer_mode": mode,
        }
        lines.append(f"  {names[data['source']]} -> {names[data['target']]} {_attributes(attributes)};")
    return "\n".join(lines) + "\n}\n"


def _clusters(board: dict, names: dict[str, str]) -> list[str]:
    """Zones as clusters (``cluster_z1``…), nested as on the board, each naming the boxes in it."""
    zones = board.get("zones") or []
    zone_ids = {z["data"]["id"]: f"cluster_z{index}" for index, z in enumerate(zones, start=1)}
    held: dict[str | None, list[str]] = {}  # what each zone holds: its zones' ids, its boxes' names
    for zone in zones:
        parent = zone["data"].get("parent")
        held.setdefault(parent if parent in zone_ids else None, []).append(zone["data"]["id"])
    for node in board.get("nodes", []):
        if node["data"].get("parent") in zone_ids:
            held.setdefault(node["data"]["parent"], []).append(names[node["data"]["id"]])
    by_id = {z["data"]["id"]: z["data"] for z in zones}
    lines: list[str] = []

    def cluster(zone_id: str, indent: str) -> None:
        data = by_id[zone_id]
        kind = data.get("kind") or "zone"
        fill, stroke = ZONE_STYLES.get(kind, ZONE_STYLES["zone"])
        lines.append(f"{indent}subgraph {zone_ids[zone_id]} {{")
        label = data.get("label") or ZONE_KINDS.get(kind, "Zone")
        attributes = {"label": label, "style": "dashed,rounded,filled", "fillcolor": fill, "color": stroke}
        lines.append(f"{indent}  graph {_attributes({**attributes, 'designer_zone': kind})};")
        for member in held.get(zone_id, []):
            if member in zone_ids:
                cluster(member, indent + "  ")
            else:
                lines.append(f"{indent}  {member};")
        lines.append(f"{indent}}}")

    for zone_id in held.get(None, []):
        if zone_id in zone_ids:
            cluster(zone_id, "  ")
    return lines
