"""What every importer returns."""

from __future__ import annotations

__all__ = ["BoardImport", "unique_edge_ids"]

from dataclasses import dataclass, field

from designer.importers.kinds import Inference


@dataclass
class BoardImport:
    """A board read from another tool, the kind inferred for each box, and notes for the user."""

    board: dict
    inferred: dict[str, Inference] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def unique_edge_ids(board: dict) -> None:
    """Rename the arrows whose ids a box (or an earlier arrow) already uses: Cytoscape ids are one namespace."""
    taken = {n["data"]["id"] for n in board["nodes"]}
    for edge in board["edges"]:
        data = edge["data"]
        if data["id"] in taken:
            base, n = data["id"], 2
            while f"{base}-{n}" in taken:
                n += 1
            data["id"] = f"{base}-{n}"
        taken.add(data["id"])
