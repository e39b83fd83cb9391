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
from designer.kind_styles import style_of

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
