"""Bring boards in from other diagram tools, and take them out again.

Every importer turns a file into a board (Cytoscape elements JSON) plus what it inferred about each
box, for the user to confirm or correct before anything is saved.
"""

from __future__ import annotations

__all__ = [
    "EXPORTS",
    "IMPORTABLE",
    "export_board",
    "import_board",
    "import_upload",
    "session_from_board",
    "confirmed_board",
]

import json
import tempfile
from pathlib import Path

from designer.errors import DesignerError
from designer.session_format import FORMAT, empty_panels

#: File endings each importer reads.
IMPORTABLE = {
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".excalidraw": "excalidraw",
    ".drawio": "drawio",
    ".xml": "drawio",
    ".svg": "drawio or excalidraw",
    ".png": "excalidraw",
}


#: Export formats: file ending → (content type, writer module, writer function).
EXPORTS = {
    "mmd": ("text/plain; charset=utf-8", "designer.importers.mermaid", "write_mermaid"),
    "excalidraw": ("application/json; charset=utf-8", "designer.importers.excalidraw", "write_excalidraw"),
    "drawio": ("application/xml; charset=utf-8", "designer.importers.drawio", "write_drawio"),
    "svg": ("image/svg+xml; charset=utf-8", "designer.importers.svg", "write_svg"),
}


def export_board(board: dict, fmt: str) -> str:
    """Write a board in one of :data:`EXPORTS`' formats.

    Raises
    ------
    DesignerError
        When there is no export to ``fmt``.
    """
    import importlib

    if fmt not in EXPORTS:
        known = ", ".join("." + f for f in EXPORTS)
        raise DesignerError(f"there is no export to .{fmt}; the exports are {known}")
    _, module, function = EXPORTS[fmt]
    return getattr(importlib.import_module(module), function)(board)


def import_board(path: Path, page: str | None = None):
    """Read a diagram file into a board; returns the importer's result (board, inferred, warnings).

    ``page`` picks a page of a draw.io file by name or number (the first by default).

    Raises
    ------
    DesignerError
        When no importer reads this kind of file, or the file can't be read.
    """
    from designer.importers import excalidraw
    from designer.importers.drawio import read_drawio
    from designer.importers.mermaid import read_mermaid

    if path.suffix.lower() not in IMPORTABLE:
        known = ", ".join(sorted(IMPORTABLE))
        raise DesignerError(
            f"{path.name}: no importer reads {path.suffix or 'files without an ending'}; the importers read {known}"
        )
    suffix = path.suffix.lower()
    try:
        if suffix == ".png":  # only Excalidraw's PNG exports carry a diagram
            return excalidraw.read_excalidraw(excalidraw.scene_from_png(path.read_bytes()))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DesignerError(f"can't read {path}: {exc}") from None
    if suffix == ".svg" and excalidraw.has_embedded_scene(text):
        return excalidraw.read_excalidraw(excalidraw.scene_from_svg(text))
    kind = IMPORTABLE[suffix]
    if kind.startswith("drawio"):
        return read_drawio(text, page)
    return excalidraw.read_excalidraw(text) if kind == "excalidraw" else read_mermaid(text)


def import_upload(filename: str, data: bytes, page: str | None = None):
    """Read an uploaded diagram file's bytes (named by the browser) into a board, as :func:`import_board`.

    Raises
    ------
    DesignerError
        With a message naming the file.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(filename).suffix.lower()}"
        path.write_bytes(data)
        try:
            return import_board(path, page)
        except DesignerError as exc:
            raise DesignerError(f"{filename}: {exc}") from None


def session_from_board(board: dict, problem_id: str = "imported", title: str = "") -> dict:
    """Wrap an imported board in a ``designer.session/1`` file (empty panels, no history)."""
    return {
        "format": FORMAT,
        "problem": {"id": problem_id, "title": title},
        "board": board,
        "panels": empty_panels(),
    }


def confirmed_board(form) -> dict:
    """The board a confirmation form carries, with the kind the user chose for each box.

    Raises
    ------
    ValueError
        When the form's board is missing or not a board (the page was tampered with or truncated).
    """
    try:
        board = json.loads(form.get("board", ""))
        for node in board["nodes"]:
            chosen = form.get(f"kind-{node['data']['id']}")
            if chosen is not None:
                node["data"]["kind"] = chosen
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError("the form carries no board") from exc
    return board
