"""Bring boards in from other diagram tools, and take them out again.

Every reader turns a file into a board (Cytoscape elements JSON) plus what it inferred about each
box, for the user to confirm or correct before anything is saved. :data:`FORMATS` is the one table
of formats: the CLI, the import routes, the workspace's export menu and the file pickers'
``accept=`` all read it, so a new format is one module and one row here.
"""

from __future__ import annotations

__all__ = [
    "Format",
    "FORMATS",
    "IMPORTABLE",
    "session_from_upload",
    "upload_too_large",
    "session_json",
    "EXPORTS",
    "accepted_suffixes",
    "export_board",
    "import_board",
    "import_upload",
    "read_diagram",
    "session_from_board",
    "confirmed_board",
]

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from designer.errors import DesignerError
from designer.formats import dot, drawio, excalidraw, mermaid, plantuml, svg
from designer.formats.base import BoardImport, fit_session_limits, import_budget
from designer.inputs import InvalidInput, loads, read_file, too_large
from designer.session_format import (
    FORMAT,
    MAX_REQUEST_BYTES,
    MAX_SESSION_FILE_BYTES,
    SESSION_FILE,
    check_session_size,
    empty_panels,
)


@dataclass(frozen=True)
class Format:
    """One diagram format: the file endings it reads and how, and the ending it writes and how.

    ``recognises`` settles an ending that two formats read (an ``.svg`` is Excalidraw's when it
    carries a scene, else draw.io's): the first format in :data:`FORMATS` that reads the ending and
    recognises the bytes (or has no ``recognises``) reads the file.
    """

    id: str
    label: str
    reads: tuple[str, ...] = ()
    read: Callable[[bytes, str, str | None], BoardImport] | None = None
    recognises: Callable[[bytes, str], bool] | None = None
    writes: str | None = None
    write: Callable[[dict], str] | None = None
    content_type: str = "text/plain; charset=utf-8"


FORMATS: tuple[Format, ...] = (
    Format(
        "mermaid",
        "Mermaid",
        reads=(".mmd", ".mermaid"),
        read=mermaid.from_bytes,
        writes="mmd",
        write=mermaid.write_mermaid,
    ),
    Format(
        "excalidraw",
        "Excalidraw",
        reads=(".excalidraw", ".svg", ".png", ".md"),  # .md: Obsidian's .excalidraw.md
        read=excalidraw.from_bytes,
        recognises=excalidraw.recognises,
        writes="excalidraw",
        write=excalidraw.write_excalidraw,
        content_type="application/json; charset=utf-8",
    ),
    Format(
        "drawio",
        "draw.io",
        reads=(".drawio", ".xml", ".svg"),
        read=drawio.from_bytes,
        writes="drawio",
        write=drawio.write_drawio,
        content_type="application/xml; charset=utf-8",
    ),
    Format("plantuml", "C4-PlantUML", reads=(".puml", ".plantuml"), read=plantuml.from_bytes),
    Format("svg", "SVG", writes="svg", write=svg.write_svg, content_type="image/svg+xml; charset=utf-8"),
    Format(
        "dot", "Graphviz", writes="dot", write=dot.write_dot, content_type="text/vnd.graphviz; charset=utf-8"
    ),
)

#: File ending → the labels of the formats that read it.
IMPORTABLE: dict[str, str] = {}
for _format in FORMATS:
    for _suffix in _format.reads:
        IMPORTABLE[_suffix] = (
            f"{IMPORTABLE[_suffix]} or {_format.id}" if _suffix in IMPORTABLE else _format.id
        )
#: Written file ending → its format.
EXPORTS: dict[str, Format] = {f.writes: f for f in FORMATS if f.writes and f.write}


def accepted_suffixes() -> str:
    """The endings the importers read, as a file picker's ``accept`` attribute wants them.

    Examples
    --------
    >>> accepted_suffixes()
    '.mmd,.mermaid,.excalidraw,.svg,.png,.md,.drawio,.xml,.puml,.plantuml'
    """
    return ",".join(IMPORTABLE)


def export_board(board: dict, fmt: str) -> str:
    """Write a board in one of :data:`EXPORTS`' formats (by the file ending it writes).

    Raises
    ------
    DesignerError
        When there is no export to ``fmt``.
    """
    if fmt not in EXPORTS:
        known = ", ".join("." + f for f in EXPORTS)
        raise DesignerError(f"there is no export to .{fmt}; the exports are {known}")
    write = EXPORTS[fmt].write
    assert write is not None  # EXPORTS holds only formats that write
    return write(board)


def read_diagram(name: str, data: bytes, page: str | None = None) -> BoardImport:
    """Read a diagram file's bytes into a board; ``name`` is the file's name (its ending picks the reader).

    ``page`` picks a page of a draw.io file by name or number (the first by default).

    Raises
    ------
    DesignerError
        When no importer reads this kind of file, or the file can't be read.
    """
    suffix = Path(name).suffix.lower()
    for candidate in FORMATS:
        recognised = candidate.recognises is None or candidate.recognises(data, suffix)
        if candidate.read and suffix in candidate.reads and recognised:
            with import_budget():
                return fit_session_limits(candidate.read(data, suffix, page))
    known = ", ".join(sorted(".excalidraw.md" if ending == ".md" else ending for ending in IMPORTABLE))
    raise DesignerError(
        f"{Path(name).name}: no importer reads {suffix or 'files without an ending'}; the importers read {known}"
    )


def import_board(path: Path, page: str | None = None) -> BoardImport:
    """Read a diagram file into a board: :func:`read_diagram` of the file at ``path``.

    Raises
    ------
    DesignerError
        When no importer reads this kind of file, or the file can't be read.
    """
    if path.suffix.lower() not in IMPORTABLE:
        return read_diagram(path.name, b"", page)  # names the endings that can be read
    return read_diagram(path.name, read_file(path, MAX_REQUEST_BYTES, _DIAGRAM), page)


def import_upload(filename: str, data: bytes, page: str | None = None) -> BoardImport:
    """Read an uploaded diagram (named by the browser) into a board; errors start with the file's name.

    Raises
    ------
    DesignerError
        With a message naming the file.
    """
    try:
        return read_diagram(filename, data, page)
    except DesignerError as exc:
        message = str(exc)
        if message.startswith(f"{Path(filename).name}: "):
            raise
        raise DesignerError(f"{filename}: {message}") from None


def session_from_board(board: dict, problem_id: str = "imported", title: str = "") -> dict:
    """Wrap an imported board in a ``designer.session/1`` file (empty panels, no history)."""
    return {
        "format": FORMAT,
        "problem": {"id": problem_id, "title": title},
        "board": board,
        "panels": empty_panels(),
    }


def session_from_upload(filename: str, data: bytes) -> dict:
    """An uploaded file as a session file to import: a session file as written (the import validates
    it), or a diagram (Mermaid, Excalidraw, draw.io) read into a board with the kinds as guessed.

    Raises
    ------
    DesignerError
        With a message naming the file.
    """
    suffix = Path(filename).suffix.lower()
    if suffix in IMPORTABLE and suffix != ".json":
        return session_from_board(import_upload(filename, data).board, title=Path(filename).stem)
    if suffix != ".json":
        raise DesignerError(
            f"{filename} is neither a session file (.json) nor a diagram ({', '.join(sorted(IMPORTABLE))})."
        )
    return session_json(filename, data)


_DIAGRAM = "a diagram file"


def upload_too_large(filename: str, size: int) -> str | None:
    """Why an uploaded file of ``size`` bytes is too large to import, or None. A diagram may be
    MAX_REQUEST_BYTES; a session file MAX_SESSION_FILE_BYTES, since a long session's download keeps
    every revision."""
    suffix = Path(filename).suffix.lower()
    if suffix in IMPORTABLE and suffix != ".json":  # a diagram, as session_from_upload reads it
        limit, what = MAX_REQUEST_BYTES, _DIAGRAM
    else:
        limit, what = MAX_SESSION_FILE_BYTES, SESSION_FILE
    return None if size <= limit else too_large(filename, limit, what)


def session_json(filename: str, data: bytes) -> Any:
    """An uploaded session file's JSON, read at the input boundary, its lists counted against the
    file's limits before anything walks them (:func:`~designer.session_format.check_session_size`).

    Raises
    ------
    DesignerError
        ``<file> is not valid JSON: <what and where>``.
    LimitExceeded
        Naming the list over its limit, as the import's validation would.
    """
    try:
        return loads(data, what=filename, first=lambda raw: check_session_size(raw, len(data)))
    except InvalidInput as exc:
        raise DesignerError(
            f"{filename} is not valid JSON: {'; '.join(str(e) for e in exc.errors)}"
        ) from None


def confirmed_board(form) -> dict:
    """The board a confirmation form carries, with the kind the user chose for each box.

    Raises
    ------
    ValueError
        When the form's board is missing or not a board (the page was tampered with or truncated).
    """
    try:
        board = loads(form.get("board", ""), "board")
        for node in board["nodes"]:
            chosen = form.get(f"kind-{node['data']['id']}")
            if chosen is not None:
                node["data"]["kind"] = chosen
    except (InvalidInput, ValueError, KeyError, TypeError) as exc:
        raise ValueError("the form carries no board") from exc
    return board
