"""How each component kind is drawn: its shape and colours, on the whiteboard and in SVG exports.

One table, so the board in the browser (Cytoscape reads it from the page as JSON) and the SVG the
server writes look the same. Shapes are Cytoscape's node shape names.
"""

from __future__ import annotations

__all__ = ["KindStyle", "KIND_STYLES", "ZONE_STYLES", "NOTE_STYLE", "style_of"]

from typing import NamedTuple


class KindStyle(NamedTuple):
    shape: str
    fill: str
    stroke: str


KIND_STYLES: dict[str, KindStyle] = {
    "client": KindStyle("round-rectangle", "#e0f2fe", "#0369a1"),
    "dns": KindStyle("diamond", "#f1f5f9", "#475569"),
    "cdn": KindStyle("hexagon", "#fef9c3", "#a16207"),
    "load_balancer": KindStyle("diamond", "#dcfce7", "#15803d"),
    "api_gateway": KindStyle("pentagon", "#dcfce7", "#166534"),
    "web_server": KindStyle("rectangle", "#ede9fe", "#6d28d9"),
    "service": KindStyle("round-rectangle", "#ede9fe", "#5b21b6"),
    "websocket_server": KindStyle("cut-rectangle", "#ede9fe", "#7c3aed"),
    "cache": KindStyle("ellipse", "#ffedd5", "#c2410c"),
    "sql_database": KindStyle("barrel", "#dbeafe", "#1d4ed8"),
    "nosql_database": KindStyle("barrel", "#e0e7ff", "#4338ca"),
    "read_replica": KindStyle("barrel", "#f0f9ff", "#0284c7"),
    "object_storage": KindStyle("concave-hexagon", "#fae8ff", "#a21caf"),
    "queue": KindStyle("tag", "#fee2e2", "#b91c1c"),
    "stream": KindStyle("rhomboid", "#ffe4e6", "#be123c"),
    "worker": KindStyle("octagon", "#f3e8ff", "#7e22ce"),
    "search_index": KindStyle("vee", "#ecfccb", "#4d7c0f"),
    "notification_service": KindStyle("star", "#fef3c7", "#b45309"),
    "rate_limiter": KindStyle("triangle", "#fce7f3", "#be185d"),
    "auth_service": KindStyle("round-octagon", "#e2e8f0", "#334155"),
    "coordination": KindStyle("round-triangle", "#ccfbf1", "#0f766e"),
    "monitoring": KindStyle("round-hexagon", "#f5f5f4", "#57534e"),
    "external": KindStyle("round-rectangle", "#ffffff", "#71717a"),
    "other": KindStyle("rectangle", "#ffffff", "#a1a1aa"),
}


#: A zone's colours (fill, outline) by its kind: a dashed, rounded area drawn under its boxes.
ZONE_STYLES: dict[str, tuple[str, str]] = {
    "region": ("#f5f3ff", "#7c3aed"),
    "availability_zone": ("#f0f9ff", "#0369a1"),
    "vpc": ("#f0fdf4", "#15803d"),
    "subnet": ("#fffbeb", "#b45309"),
    "zone": ("#f8fafc", "#64748b"),
}
#: A note's colours (fill, outline): a sticky.
NOTE_STYLE = ("#fef9c3", "#ca8a04")


def style_of(kind: str) -> KindStyle:
    """The style of a kind; an unknown kind is drawn as "other"."""
    return KIND_STYLES.get(kind, KIND_STYLES["other"])
