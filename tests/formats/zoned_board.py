"""A board with nested zones, an empty zone and a box outside any: what every export writes and
reads back (Mermaid subgraphs, draw.io containers, Excalidraw frames)."""

ZONED = {
    "nodes": [
        {
            "data": {"id": "api", "kind": "service", "label": "API", "parent": "az"},
            "position": {"x": 300, "y": 200},
        },
        {
            "data": {"id": "db", "kind": "sql_database", "label": "DB", "parent": "az"},
            "position": {"x": 500, "y": 200},
        },
        {"data": {"id": "web", "kind": "client", "label": "Web"}, "position": {"x": 0, "y": 200}},
    ],
    "edges": [{"data": {"id": "e1", "source": "web", "target": "api", "mode": "sync", "label": ""}}],
    "zones": [
        {"data": {"id": "az", "label": "AZ a", "kind": "availability_zone", "parent": "r"}},
        {"data": {"id": "r", "label": "Europe", "kind": "region"}},
        {"data": {"id": "later", "label": "", "kind": "vpc"}, "position": {"x": 0, "y": 600}},
    ],
}


def zones_of(board: dict) -> list[tuple]:
    return sorted((z["data"]["id"], z["data"]["kind"], z["data"].get("parent")) for z in board["zones"])
