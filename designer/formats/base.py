"""What every importer returns."""

from __future__ import annotations

__all__ = ["BoardImport", "unique_edge_ids", "decode_text"]

from dataclasses import dataclass, field

from designer.errors import DesignerError
from designer.formats.kinds import Inference


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


def decode_text(data: bytes) -> str:
    """A text file's bytes as text: UTF-8 (a byte-order mark dropped), line endings made ``\\n``.

    Raises
    ------
    DesignerError
        When the bytes are not UTF-8 text.

    Examples
    --------
    >>> decode_text(b"\\xef\\xbb\\xbfgraph LR\\r\\nA --> B\\r")
    'graph LR\\nA --> B\\n'
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DesignerError(f"the file is not UTF-8 text (line {line}: {exc.reason})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
