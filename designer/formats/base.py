"""What every importer returns."""

from __future__ import annotations

__all__ = [
    "Boxes",
    "SNAP_DISTANCE",
    "snapped_ends",
    "joined_notes",
    "zone_frames",
    "outermost_first",
    "BoardImport",
    "IMPORT_SECONDS",
    "unique_edge_ids",
    "decode_text",
    "fit_session_limits",
    "import_budget",
    "check_budget",
]

import contextlib
import math
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from designer.errors import DesignerError, SessionFormatError
from designer.kinds import Inference
from designer.session_format import (
    MAX_EDGES,
    MAX_ID_CHARS,
    MAX_NODES,
    MAX_TEXT_CHARS,
    ancestors,
    validate_board,
)

#: The most time one import may take: every limit is checked while reading, so a real diagram takes
#: milliseconds; this is the backstop for a file built to be slow in a way no limit foresaw.
IMPORT_SECONDS = 1.5
_DEADLINE: ContextVar[float | None] = ContextVar("import_deadline", default=None)


@contextlib.contextmanager
def import_budget(seconds: float = IMPORT_SECONDS) -> Iterator[None]:
    """Give the imports inside this block ``seconds`` of wall-clock time (see :func:`check_budget`)."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_budget() -> None:
    """Raise :class:`DesignerError` once the import's time is up; importers call it in their loops."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise DesignerError(
            "reading this diagram took too long (over the import's time budget); "
            "it is larger or more tangled than any design this app reads"
        )


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


def _short_ids(elements: list[dict], prefix: str, taken: set[str]) -> dict[str, str]:
    """Give each element whose id is longer than a session allows a short one; old id → new."""
    renamed: dict[str, str] = {}
    for element in elements:
        old = element["data"]["id"]
        if len(old) > MAX_ID_CHARS:
            n = len(renamed) + 1
            while f"{prefix}{n}" in taken:
                n += 1
            renamed[old] = f"{prefix}{n}"
            taken.add(renamed[old])
            element["data"]["id"] = renamed[old]
    return renamed


def fit_session_limits(result: BoardImport) -> BoardImport:
    """Make an imported board one a session can hold, noting each cut; refuse one that can't be cut.

    Every importer's board passes here, so none imports what the product would then refuse: more
    boxes or arrows than a board holds is an error; an id over 200 characters is shortened, a label
    or note over 20 KB is cut and a NUL character dropped, each with a note.

    Raises
    ------
    DesignerError
        When the diagram has more boxes or arrows than a board holds.
    """
    nodes, edges = result.board["nodes"], result.board["edges"]
    if len(nodes) > MAX_NODES:
        raise DesignerError(f"the diagram has {len(nodes):,} boxes; a board holds at most {MAX_NODES:,}")
    if len(edges) > MAX_EDGES:
        raise DesignerError(f"the diagram has {len(edges):,} arrows; a board holds at most {MAX_EDGES:,}")
    taken = {e["data"]["id"] for e in nodes + edges}
    renamed = _short_ids(nodes, "box", taken)
    renamed_edges = _short_ids(edges, "arrow", taken)
    for edge in edges:
        for end in ("source", "target"):
            edge["data"][end] = renamed.get(edge["data"][end], edge["data"][end])
    result.inferred = {renamed.get(k, k): v for k, v in result.inferred.items()}
    cut = dropped = 0
    for element in nodes + edges:
        data = element["data"]
        for key in ("label", "notes"):
            text = data.get(key)
            if not isinstance(text, str):
                continue
            if "\x00" in text:
                text, dropped = text.replace("\x00", ""), dropped + 1
            if len(text) > MAX_TEXT_CHARS:
                text, cut = text[: MAX_TEXT_CHARS - 1] + "…", cut + 1
            data[key] = text
    if renamed or renamed_edges:
        result.warnings.append(
            f"{len(renamed) + len(renamed_edges):,} ids over {MAX_ID_CHARS} characters were shortened "
            f"(a box or arrow id holds at most {MAX_ID_CHARS})"
        )
    if cut:
        result.warnings.append(f"{cut:,} labels over 20 KB were cut to 20 KB, the most a text holds")
    if dropped:
        result.warnings.append(f"NUL characters were dropped from {dropped:,} labels")
    try:
        validate_board(result.board)
    except SessionFormatError as exc:  # an importer's bug, said plainly rather than saved
        raise DesignerError(f"the diagram can't become a board: {exc}") from None
    return result


def zone_frames(
    board: dict, placed: dict[str, dict], box: tuple[float, float]
) -> dict[str, tuple[float, float, float, float]]:
    """Each zone's frame on the page (x, y, width, height) for a drawing tool that has none of its
    own: around its boxes (``box`` wide and high, centred on ``placed``) and the zones in it, with
    room for its name at the top; an empty zone where it was, or above the board."""
    zones = board.get("zones") or []
    half_w, half_h = box[0] / 2, box[1] / 2
    parent_of = {z["data"]["id"]: z["data"].get("parent") for z in zones}
    boxes: dict[str, list[tuple[float, float, float, float]]] = {z: [] for z in parent_of}
    for node in board.get("nodes", []):
        p, inner_zone = placed[node["data"]["id"]], node["data"].get("parent")
        if inner_zone in boxes:
            for holder in [inner_zone, *ancestors(parent_of, inner_zone)]:
                boxes[holder].append((p["x"] - half_w, p["y"] - half_h, p["x"] + half_w, p["y"] + half_h))
    frames: dict[str, tuple[float, float, float, float]] = {}
    # the innermost first, so that a zone's frame holds the frames of the zones in it
    for zone in sorted(zones, key=lambda z: -len(list(ancestors(parent_of, z["data"]["id"])))):
        zone_id = zone["data"]["id"]
        inner = boxes[zone_id] + [
            (x, y, x + w, y + h) for z, (x, y, w, h) in frames.items() if parent_of[z] == zone_id
        ]
        if inner:
            x1, y1 = min(r[0] for r in inner) - 30, min(r[1] for r in inner) - 40
            x2, y2 = max(r[2] for r in inner) + 30, max(r[3] for r in inner) + 30
        else:
            at = zone.get("position") or {"x": 0.0, "y": -200.0}
            x1, y1, x2, y2 = at["x"] - 100, at["y"] - 60, at["x"] + 100, at["y"] + 60
        frames[zone_id] = (x1, y1, x2 - x1, y2 - y1)
    return frames


def outermost_first(zones: list[dict]) -> list[dict]:
    """Zones ordered so that each comes after the zone it is in (drawn under it, or read after it)."""
    parent_of = {z["data"]["id"]: z["data"].get("parent") for z in zones}
    return sorted(zones, key=lambda z: len(list(ancestors(parent_of, z["data"]["id"]))))


#: How far (px) beside a box an arrow's loose end may stop and still be taken as attached to it
#: (drawn without snapping): about the gap drawing tools leave between a snapped arrow and its box.
SNAP_DISTANCE = 24.0


class Boxes:
    """Boxes found by the points they hold: put in a grid of cells about one box wide, so a point
    is compared with the boxes near it (and with the few that span many cells), not with every box.
    ``margin`` grows every box by that much on each side."""

    def __init__(self, boxes: list[tuple[str, float, float, float, float]], margin: float = 0.0):
        sizes = sorted(max(w, h) for _, _, _, w, h in boxes) or [1.0]
        self.cell = cell = max(sizes[len(sizes) // 2], 1.0)
        self.grid: dict[tuple[int, int], list[tuple]] = {}
        self.spanning: list[tuple] = []
        for box_id, x, y, w, h in boxes:
            w, h = max(w, 0.0), max(h, 0.0)
            # (its own area, its id, the box grown by the margin): the smallest is the box's own
            box = (w * h, box_id, x - margin, y - margin, x + w + margin, y + h + margin)
            columns = range(math.floor(box[2] / cell), math.floor(box[4] / cell) + 1)
            rows = range(math.floor(box[3] / cell), math.floor(box[5] / cell) + 1)
            if len(columns) * len(rows) > 64:  # a region drawn around others: few, checked for every point
                self.spanning.append(box)
                continue
            for column in columns:
                for row in rows:
                    self.grid.setdefault((column, row), []).append(box)
        # Smallest first (stable: of equal boxes, the first drawn), so the first box that holds a
        # point is the one wanted: boxes stacked on one spot cost one comparison, not one each.
        for cell_boxes in self.grid.values():
            cell_boxes.sort(key=_area)
        self.spanning.sort(key=_area)

    def smallest_holding(self, px: float, py: float) -> str | None:
        """The id of the smallest box that holds the point, or None."""
        near = self.grid.get((math.floor(px / self.cell), math.floor(py / self.cell)), [])
        held = [
            box
            for candidates in (near, self.spanning)
            if (box := next((b for b in candidates if b[2] <= px <= b[4] and b[3] <= py <= b[5]), None))
        ]
        return min(held, key=_area)[1] if held else None


def _area(box: tuple) -> float:
    return box[0]


def snapped_ends(
    attached: tuple[str | None, str | None],
    points: tuple[tuple[float, float] | None, tuple[float, float] | None],
    node_ids: set[str],
    boxes: Boxes,
) -> tuple[str, str] | None:
    """The two boxes an arrow joins: an end attached to a box, that box; a loose end (attached to
    nothing), the box its point lies on or within :data:`SNAP_DISTANCE` of (``boxes`` grown by it),
    the smallest where boxes nest. None when an end is attached to what is not a box, has no point
    or touches no box, or when both ends touch one box."""
    ends = []
    for was, point in zip(attached, points, strict=True):
        if was in node_ids:
            ends.append(was)
            continue
        touched = None if was or point is None else boxes.smallest_holding(*point)
        if touched is None:
            return None
        ends.append(touched)
    return (ends[0], ends[1]) if ends[0] != ends[1] else None


def joined_notes(joined: list[tuple[str, str, str]], thing: str, verb: str) -> list[str]:
    """What the import says of the arrows it joined to boxes by their loose ends (``(id, start
    box's label, end box's label)``): each on its own, or past three, one line naming the first few.
    ``thing`` is what the tool calls an arrow; ``verb`` what drawing one to a box is called there."""
    if len(joined) <= 3:
        return [
            f"the {thing} {arrow_id} was not {verb} its boxes; its ends touch {start} and {end}, so it joins them"
            for arrow_id, start, end in joined
        ]
    return [
        f"{len(joined):,} {thing}s were not {verb} their boxes; each joins the boxes its ends touch "
        f"({', '.join(a for a, _, _ in joined[:3])}…)"
    ]


#: Where a kind of box sits on a request's way from the clients to the data, nearest first. A link
#: drawn with no head, or a head at each end, says no direction; the checks read every arrow as a
#: request's, so such a link is pointed from the nearer box to the farther. Kinds not here
#: (monitoring, coordination, external, other) and two boxes of one place leave it as written.
REQUEST_ORDER = {
    "client": 0,
    "dns": 1,
    "cdn": 1,
    "load_balancer": 2,
    "api_gateway": 2,
    "rate_limiter": 2,
    "web_server": 3,
    "service": 3,
    "websocket_server": 3,
    "auth_service": 3,
    "cache": 4,
    "queue": 4,
    "stream": 4,
    "worker": 5,
    "notification_service": 6,
    "sql_database": 6,
    "nosql_database": 6,
    "object_storage": 6,
    "search_index": 6,
    "read_replica": 7,
}


def point_from_clients(links: list[dict], kind_of: dict[str, str], label_of: dict[str, str]) -> list[str]:
    """Point each of ``links`` (edges drawn without a direction) from the clients' side to the
    data's (:data:`REQUEST_ORDER`); what the import says about the ones it turned round."""
    turned = []
    for edge in links:
        data = edge["data"]
        near = REQUEST_ORDER.get(kind_of.get(data["source"], ""))
        far = REQUEST_ORDER.get(kind_of.get(data["target"], ""))
        if near is not None and far is not None and near > far:
            data["source"], data["target"] = data["target"], data["source"]
            turned.append(f"{label_of[data['source']]} → {label_of[data['target']]}")
    if not turned:
        return []
    shown = ", ".join(turned[:3]) + ("…" if len(turned) > 3 else "")
    many = len(turned) != 1
    return [
        f"{len(turned):,} link{'s' if many else ''} drawn without a direction (no arrowhead, or one at "
        f"each end) {'were' if many else 'was'} turned to run from the clients' side to the data's: {shown}"
    ]
