"""The session file, ``designer.session/1``: its pydantic models, limits and error paths.

One shape serves the browser, the server, exports, the CLI and test fixtures. Unknown keys are kept
(``extra="allow"``) so later versions can add keys; a wrong type or a missing required key becomes a
:class:`~designer.errors.FieldError` naming its JSON path, such as ``board.nodes[3].data.kind``.
"""

from __future__ import annotations

__all__ = [
    "FORMAT",
    "KINDS",
    "DATASTORE_KINDS",
    "EDGE_MODES",
    "same_family",
    "MAX_NODES",
    "MAX_EDGES",
    "MAX_TEXT_CHARS",
    "MAX_REQUEST_BYTES",
    "MAX_SESSION_FILE_BYTES",
    "MAX_REPLICAS",
    "Board",
    "Panels",
    "SessionFile",
    "PANEL_MODELS",
    "json_path",
    "describe_error",
    "validate_session",
    "check_session_size",
    "validate_board",
    "board_integrity",
    "validate_panel",
    "empty_panels",
    "session_file_text",
    "check_board_json",
]

import json
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, NotRequired

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    TypeAdapter,
    ValidationError,
    with_config,
)
from pydantic_core import SchemaValidator
from typing_extensions import TypedDict

from designer.errors import FieldError, LimitExceeded, SessionFormatError
from designer.framework import STEP_IDS
from designer.inputs import MAX_DEPTH, deeper_than, loads, needs_checking

FORMAT = "designer.session/1"

#: Every component kind with the name a box gets when it has no label.
KINDS: dict[str, str] = {
    "client": "Client",
    "dns": "DNS",
    "cdn": "CDN",
    "load_balancer": "Load balancer",
    "api_gateway": "API gateway",
    "web_server": "Web server",
    "service": "Service",
    "websocket_server": "WebSocket server",
    "cache": "Cache",
    "sql_database": "SQL database",
    "nosql_database": "NoSQL database",
    "read_replica": "Read replica",
    "object_storage": "Object storage",
    "queue": "Queue",
    "stream": "Stream",
    "worker": "Worker",
    "search_index": "Search index",
    "notification_service": "Notification service",
    "rate_limiter": "Rate limiter",
    "auth_service": "Auth service",
    "coordination": "Coordination",
    "monitoring": "Monitoring",
    "external": "External system",
    "other": "Other",
}
DATASTORE_KINDS = frozenset(
    {"sql_database", "nosql_database", "read_replica", "object_storage", "search_index"}
)
EDGE_MODES = ("sync", "async", "replication")
#: What a zone is: a labelled area that groups boxes (never a component; the grader reads no zone as one).
ZONE_KINDS: dict[str, str] = {
    "region": "Region",
    "availability_zone": "Availability zone",
    "vpc": "VPC",
    "subnet": "Subnet",
    "zone": "Zone",
}
# Kinds a replication arrow can join as copies of one store: a read replica is an SQL database's copy.
_REPLICATION_FAMILY = {"sql_database": "sql", "read_replica": "sql"}


def same_family(kind: str, other: str) -> bool:
    """Whether a replication arrow between boxes of these kinds makes them copies of one store.

    Examples
    --------
    >>> same_family("sql_database", "read_replica"), same_family("cache", "sql_database")
    (True, False)
    """
    return _REPLICATION_FAMILY.get(kind, kind) == _REPLICATION_FAMILY.get(other, other)


MAX_NODES = 2_000
MAX_EDGES = 10_000
MAX_TEXT_CHARS = 20 * 1024
MAX_REQUEST_BYTES = 2 * 1024 * 1024
#: The most a session file may be where one is imported by an account (the page, the API, a batch
#: import): a download keeps every revision's board and panels, ~6 KB each once a design has grown,
#: so half an hour's work passes the 2 MB one request may otherwise carry.
MAX_SESSION_FILE_BYTES = 16 * 1024 * 1024
SESSION_FILE = "a session file"  # what MAX_SESSION_FILE_BYTES bounds, as a refusal names it
MAX_ID_CHARS = 200
MAX_REPLICAS = 10_000
MAX_ZONES = 500
MAX_NOTES = 1_000
#: Rows a panel's list may hold (requirements, estimates, endpoints…): far past any design, and it
#: bounds what checking a hostile list costs. Lists are counted before their items are checked.
MAX_ITEMS = 1_000
#: Estimates are evaluated with units on every save, grade and view (~1 ms a row): fewer of them.
MAX_ESTIMATE_ROWS = 200
MAX_STEP_EVENTS = 10_000
#: The text one panel holds, every field and row together: 90 times the longest panel of the strong
#: reference answers (~700 characters). The checks read a panel clause by clause on every hint and
#: grade, and 2 MB of it (what one save may carry) took a check 4–20 s.
MAX_PANEL_CHARS = 64 * 1024
#: The least a snapshot takes in a file designer writes (its time, a board and every panel's fields,
#: all empty: 452 bytes). Checking and keeping a snapshot costs about the same however little of it
#: is written, so a history may hold one snapshot per this many bytes of its file (and at least
#: MIN_SNAPSHOTS): 20,000 bare ``{"at": 0}`` in 180 KB cost 6 s and 130 MB to import.
SNAPSHOT_BYTES = 400
MIN_SNAPSHOTS = 1_000
MAX_SNAPSHOTS = MAX_SESSION_FILE_BYTES // SNAPSHOT_BYTES
#: The most problems one refusal lists; the rest are counted. Checking a body within the 2 MB limit
#: could otherwise name a million (and take a worker half a minute and gigabytes to list them).
MAX_REPORTED_ERRORS = 100


# A text field holds at most 20 KB, counted in characters so pydantic-core checks it natively
# (the board is validated on every autosave); the 2 MB request limit bounds the bytes.
Text = Annotated[str, Field(max_length=MAX_TEXT_CHARS)]
Ident = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)]
if TYPE_CHECKING:  # a Literal built from a table is pydantic's to check, not mypy's
    Kind = str
    ZoneKind = str
else:
    Kind = Literal[tuple(KINDS)]
    ZoneKind = Literal[tuple(ZONE_KINDS)]


class _Open(BaseModel):
    """A part of the file that keeps keys it does not know."""

    model_config = ConfigDict(extra="allow")


# The board is validated on every autosave, so it is described with TypedDicts: pydantic-core checks
# them natively, 3× faster than models, and the board stays the plain dict Cytoscape sent.
_OPEN = ConfigDict(extra="allow")


Coordinate = Annotated[StrictFloat, Field(allow_inf_nan=False)]  # NaN is no JSON, and PostgreSQL refuses it


@with_config(_OPEN)
class Position(TypedDict):
    x: Coordinate
    y: Coordinate


@with_config(_OPEN)
class NodeData(TypedDict):
    id: Ident
    kind: Kind
    label: NotRequired[Text | None]
    replicas: NotRequired[Annotated[StrictInt, Field(ge=1, le=MAX_REPLICAS)]]
    managed: NotRequired[StrictBool]
    notes: NotRequired[Text]
    parent: NotRequired[Ident | None]  # the zone the box is drawn in (Cytoscape's compound parent)


@with_config(_OPEN)
class Node(TypedDict):
    data: NodeData
    position: NotRequired[Position | None]


@with_config(_OPEN)
class EdgeData(TypedDict):
    id: Ident
    source: Ident
    target: Ident
    label: NotRequired[Text | None]
    mode: NotRequired[Literal["sync", "async", "replication"]]


@with_config(_OPEN)
class Edge(TypedDict):
    data: EdgeData


@with_config(_OPEN)
class ZoneData(TypedDict):
    id: Ident
    label: NotRequired[Text | None]
    kind: NotRequired[ZoneKind]
    parent: NotRequired[Ident | None]  # a zone inside another (a subnet in an availability zone)


@with_config(_OPEN)
class Zone(TypedDict):
    data: ZoneData
    position: NotRequired[Position | None]


@with_config(_OPEN)
class NoteData(TypedDict):
    id: Ident
    text: Text


@with_config(_OPEN)
class Note(TypedDict):
    data: NoteData
    position: NotRequired[Position | None]


@with_config(_OPEN)
class Board(TypedDict):
    # Counted before their elements are checked (no million errors for a million empty elements);
    # _check_board_size says it in the product's words.
    nodes: NotRequired[Annotated[list[Node], Field(max_length=MAX_NODES)]]
    edges: NotRequired[Annotated[list[Edge], Field(max_length=MAX_EDGES)]]
    # Drawn on the board but never components: the grader, capacity and the exports' graph ignore
    # them (a zone groups boxes, a note is free text). Older files have neither.
    zones: NotRequired[Annotated[list[Zone], Field(max_length=MAX_ZONES)]]
    notes: NotRequired[Annotated[list[Note], Field(max_length=MAX_NOTES)]]


@cache
def _board_adapter() -> TypeAdapter[Board]:
    """The board's validator, built on first use: a grade never needs it (the session's model has
    the board's schema), and building it costs a command-line grade ~1% of its start."""
    return TypeAdapter(Board)


def board_integrity(board: Mapping[str, Any], path: str = "board") -> list[FieldError]:
    """Return the errors a well-typed board can still have: duplicate ids, arrows to missing boxes.

    Examples
    --------
    >>> board_integrity({"nodes": [{"data": {"id": "a"}}],
    ...                  "edges": [{"data": {"id": "a", "source": "a", "target": "b"}}]})[1].path
    'board.edges[0].data.target'
    """
    if _plainly_whole(board):  # the autosave's case: decided without building a message
        return []
    seen: dict[str, str] = {}
    errors: list[FieldError] = []
    for part in ("zones", "notes", "nodes", "edges"):
        for i, element in enumerate(board.get(part) or []):
            ident = element["data"]["id"]
            if ident in seen:
                errors.append(
                    FieldError(f"{path}.{part}[{i}].data.id", f"{ident!r} is already used by {seen[ident]}")
                )
            else:
                seen[ident] = f"{part}[{i}]"
        if part == "zones":
            zone_ids = set(seen)
        if part == "nodes":
            node_ids = {e["data"]["id"] for e in board.get("nodes") or []}
    for part in ("zones", "nodes"):
        for i, element in enumerate(board.get(part) or []):
            parent = element["data"].get("parent")
            if parent is not None and parent not in zone_ids:
                errors.append(FieldError(f"{path}.{part}[{i}].data.parent", f"no zone has the id {parent!r}"))
    errors += _zone_cycles(board.get("zones") or [], path)
    for i, edge in enumerate(board.get("edges") or []):
        for end in ("source", "target"):
            if edge["data"][end] not in node_ids:
                errors.append(
                    FieldError(f"{path}.edges[{i}].data.{end}", f"no node has the id {edge['data'][end]!r}")
                )
    return errors


class Question(_Open):
    question: Text = ""
    answer: Text = ""


class Requirements(_Open):
    functional: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    non_functional: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    questions: list[Question] = Field(default_factory=list, max_length=MAX_ITEMS)
    out_of_scope: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)


class Estimate(_Open):
    name: Text = ""
    expr: Text = ""
    unit: Text = ""
    stated: Text | None = None


class Endpoint(_Open):
    method: Text = ""
    path: Text = ""
    purpose: Text = ""
    request: Text = ""
    response: Text = ""


class Database(_Open):
    choice: Text = ""
    ddl: Text = ""
    documents: Text = ""
    access_patterns: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    notes: Text = ""


class Topic(_Open):
    topic: Text = ""
    notes: Text = ""


class Bottleneck(_Open):
    problem: Text = ""
    fix: Text = ""


class Scale(_Open):
    bottlenecks: list[Bottleneck] = Field(default_factory=list, max_length=MAX_ITEMS)
    tradeoffs: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)


class WrapUp(_Open):
    metrics: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    alerts: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    failure_cases: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    security: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    summary: Text = ""
    improvements: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)


class Panels(_Open):
    requirements: Requirements = Field(default_factory=Requirements)
    estimates: list[Estimate] = Field(default_factory=list, max_length=MAX_ESTIMATE_ROWS)
    api: list[Endpoint] = Field(default_factory=list, max_length=MAX_ITEMS)
    database: Database = Field(default_factory=Database)
    detailed: list[Topic] = Field(default_factory=list, max_length=MAX_ITEMS)
    scale: Scale = Field(default_factory=Scale)
    wrap_up: WrapUp = Field(default_factory=WrapUp)


#: The panel steps and the model of each; ``high_level`` is the board, not a panel.
PANEL_MODELS: dict[str, Any] = {
    "requirements": Requirements,
    "estimates": Annotated[list[Estimate], Field(max_length=MAX_ESTIMATE_ROWS)],
    "api": Annotated[list[Endpoint], Field(max_length=MAX_ITEMS)],
    "database": Database,
    "detailed": Annotated[list[Topic], Field(max_length=MAX_ITEMS)],
    "scale": Scale,
    "wrap_up": WrapUp,
}


@cache
def _panel_adapter(step: str) -> TypeAdapter[Any]:
    """One step's panel validator, built on first use, as the board's."""
    return TypeAdapter(PANEL_MODELS[step])


class Problem(_Open):
    id: Ident
    title: Text = ""


#: Seconds from a session's start that a step or snapshot may carry: a year (practice sessions are
#: reopened over weeks; a later time is no session, and would overflow the start date it gives).
MAX_SECONDS = 366 * 24 * 3600
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False)]


class StepEvent(_Open):
    step: Literal[STEP_IDS]  # type: ignore[valid-type]
    at: Seconds


class Snapshot(_Open):
    at: Seconds
    board: Board = Field(default_factory=lambda: Board(nodes=[], edges=[]))
    panels: Panels = Field(default_factory=Panels)


class SessionFile(_Open):
    format: Literal["designer.session/1"]
    problem: Problem
    duration_minutes: StrictInt = Field(default=45, ge=5, le=600)
    board: Board
    panels: Panels = Field(default_factory=Panels)
    steps: list[StepEvent] = Field(default_factory=list, max_length=MAX_STEP_EVENTS)
    # Checked up to the first snapshot that is wrong: one board's problems are bounded by its limits,
    # a whole history's are not.
    history: list[Snapshot] = Field(default_factory=list, max_length=MAX_SNAPSHOTS, fail_fast=True)


def json_path(loc: tuple[str | int, ...]) -> str:
    """Write a pydantic error location as a JSON path.

    Examples
    --------
    >>> json_path(("board", "nodes", 3, "data", "kind"))
    'board.nodes[3].data.kind'
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("function-", "literal[", "list[")) and part != "constrained-str":
            out += f".{part}" if out else str(part)
    return out


def too_many(count: int, limit: int) -> str:
    """What is said of a list over its count limit."""
    return f"the list holds {count:,} items; it may hold at most {limit:,}"


def describe_error(err: Mapping[str, Any]) -> str:
    """Say in a sentence what a pydantic error expected and what it got."""
    kind = err["type"]
    if kind == "missing":
        return "this key is required"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}, got {err.get('input')!r}"
    if kind in {"int_type", "int_parsing"}:
        return f"expected an integer, got {err.get('input')!r}"
    if kind == "bool_type":
        return f"expected true or false, got {err.get('input')!r}"
    if kind == "string_type":
        return f"expected text, got {type(err.get('input')).__name__}"
    if kind == "list_type":
        return f"expected a list, got {type(err.get('input')).__name__}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected an object, got {type(err.get('input')).__name__}"
    if kind == "too_long":
        ctx = err.get("ctx", {})
        return too_many(ctx.get("actual_length", 0), ctx.get("max_length", 0))
    if kind == "string_too_long":
        size = len(err.get("input") or "")
        return f"text is {size:,} characters; a text field holds at most {MAX_TEXT_CHARS:,} (20 KB)"
    return err["msg"][0].lower() + err["msg"][1:] if err.get("msg") else kind


def refusal(
    errors: list[FieldError], found: int | None = None, kind: type[SessionFormatError] = SessionFormatError
) -> SessionFormatError:
    """The error listing the first :data:`MAX_REPORTED_ERRORS` of ``errors`` and counting the rest
    (``found`` in all, when more were found than are in ``errors``). A history is checked up to its
    first wrong snapshot, so the count is of what was checked."""
    found = len(errors) if found is None else found
    listed = errors[:MAX_REPORTED_ERRORS]
    return kind(listed, unlisted=found - len(listed))


def _raise(exc: ValidationError, prefix: tuple = ()) -> None:
    every = exc.errors(include_url=False)  # bounded: lists are counted first, a history stops early
    listed = every[:MAX_REPORTED_ERRORS]
    errors = [FieldError(json_path(prefix + tuple(err["loc"])), describe_error(err)) for err in listed]
    limit = any(err["type"] in ("string_too_long", "too_long") for err in every)
    raise refusal(errors, len(every), LimitExceeded if limit else SessionFormatError) from None


def ancestors(parent_of: Mapping[str, str | None], start: str) -> Iterator[str]:
    """The ids that hold `start` (its parent, the parent's parent…), each once: the walk stops at an
    id `parent_of` does not have and at a loop, so that a loop through `start` ends with `start`."""
    seen: set[str] = set()
    here = parent_of.get(start)
    while here is not None and here in parent_of and here not in seen:
        yield here
        seen.add(here)
        here = parent_of.get(here)


def _plainly_whole(board: Mapping[str, Any]) -> bool:
    """Whether :func:`board_integrity` would find nothing, where that is quick to tell: every id
    used once, every box's zone a zone, every arrow's ends boxes, and no zone inside another (a
    nested zone may make a loop: the full check looks)."""
    zones, nodes = board.get("zones") or [], board.get("nodes") or []
    ids = [e["data"]["id"] for part in ("zones", "notes", "nodes", "edges") for e in board.get(part) or []]
    if len(set(ids)) != len(ids) or any(z["data"].get("parent") is not None for z in zones):
        return False
    zone_ids = {z["data"]["id"] for z in zones}
    parents = (n["data"].get("parent") for n in nodes)
    if any(parent is not None and parent not in zone_ids for parent in parents):
        return False
    node_ids = {n["data"]["id"] for n in nodes}
    return all(
        e["data"]["source"] in node_ids and e["data"]["target"] in node_ids for e in board.get("edges") or []
    )


def _zone_cycles(zones: list, path: str) -> list[FieldError]:
    """A zone inside itself, directly or through others, is an error at each zone of the loop."""
    parent_of = {z["data"]["id"]: z["data"].get("parent") for z in zones}
    errors = []
    for i, zone in enumerate(zones):
        zone_id = zone["data"]["id"]
        if zone_id in ancestors(parent_of, zone_id):
            errors.append(
                FieldError(f"{path}.zones[{i}].data.parent", f"the zone {zone_id!r} would be inside itself")
            )
    return errors


def _check_board_size(raw: Any, path: str) -> None:
    if not isinstance(raw, dict):
        return
    nodes, edges = raw.get("nodes"), raw.get("edges")
    errors = []
    for part, limit in (("zones", MAX_ZONES), ("notes", MAX_NOTES)):
        found = raw.get(part)
        if isinstance(found, list) and len(found) > limit:
            errors.append(
                FieldError(f"{path}{part}", f"the board has {len(found):,} {part}; the limit is {limit:,}")
            )
    if isinstance(nodes, list) and len(nodes) > MAX_NODES:
        errors.append(
            FieldError(f"{path}nodes", f"the board has {len(nodes):,} nodes; the limit is {MAX_NODES:,}")
        )
    if isinstance(edges, list) and len(edges) > MAX_EDGES:
        errors.append(
            FieldError(f"{path}edges", f"the board has {len(edges):,} edges; the limit is {MAX_EDGES:,}")
        )
    if errors:
        raise LimitExceeded(errors)


def snapshot_limit(size: int | None) -> int:
    """The most snapshots a session file of ``size`` bytes may hold (None: a file of any size).

    Examples
    --------
    >>> snapshot_limit(100), snapshot_limit(2 * 1024 * 1024), snapshot_limit(None)
    (1000, 5242, 41943)
    """
    if size is None:
        return MAX_SNAPSHOTS
    return min(MAX_SNAPSHOTS, max(MIN_SNAPSHOTS, size // SNAPSHOT_BYTES))


def check_session_size(raw: Any, size: int | None = None) -> None:
    """Refuse a parsed session file over the size limits (its board's, its steps', its snapshots',
    each snapshot's board), by counting: nothing in it is walked, so a file of a million empty
    snapshots is refused at the cost of a ``len``. ``size`` as for :func:`validate_session`; a value
    that is not an object is left to the validator.

    Raises
    ------
    LimitExceeded
        Naming the list over its limit.
    """
    if not isinstance(raw, dict):
        return
    _check_board_size(raw.get("board"), "board.")
    # Counted before anything in them is checked (the model's own count comes after the items it
    # checks once one fails, and only the first wrong snapshot is checked).
    steps, history, most = raw.get("steps"), raw.get("history"), snapshot_limit(size)
    if isinstance(steps, list) and len(steps) > MAX_STEP_EVENTS:
        raise LimitExceeded([FieldError("steps", too_many(len(steps), MAX_STEP_EVENTS))])
    if isinstance(history, list) and len(history) > most:
        message = too_many(len(history), most)
        if most < MAX_SNAPSHOTS:
            message += (
                f" in a file of {size:,} bytes (one snapshot for each {SNAPSHOT_BYTES} bytes, and at least "
                f"{MIN_SNAPSHOTS:,}; a snapshot designer writes takes more)"
            )
        raise LimitExceeded([FieldError("history", message)])
    for i, snap in enumerate(history if isinstance(history, list) else []):
        if isinstance(snap, dict):
            _check_board_size(snap.get("board"), f"history[{i}].board.")


def validate_session(raw: Any, size: int | None = None) -> SessionFile:
    """Validate a parsed session file and return its model; ``size`` is its file's bytes, when it
    was read from one (see :func:`snapshot_limit`).

    Raises
    ------
    SessionFormatError
        With one :class:`FieldError` per invalid field; :class:`LimitExceeded` past a size limit.
    """
    if not isinstance(raw, dict):
        raise SessionFormatError([FieldError("", f"expected a JSON object, got {type(raw).__name__}")])
    check_session_size(raw, size)
    try:
        session = SessionFile.model_validate(raw)
    except ValidationError as exc:
        _raise(exc)
        raise  # unreachable: _raise always raises
    errors = board_integrity(session.board)
    for i, snap in enumerate(session.history):
        wrong = board_integrity(snap.board, f"history[{i}].board")
        errors += wrong
        if wrong:
            break  # as the model's check: no further than the first wrong snapshot
    if errors:
        raise refusal(errors)
    too_long = _panel_text_errors(raw.get("panels"), "panels")
    for i, snap in enumerate(raw.get("history") or []):
        too_long += _panel_text_errors(snap.get("panels"), f"history[{i}].panels")
    if too_long:
        raise refusal(too_long, kind=LimitExceeded)
    return session


def validate_board(raw: Any) -> Board:
    """Validate a board (Cytoscape elements JSON) and return it; errors are paths under ``board``."""
    _check_board_size(raw, "board.")
    try:
        board = _board_adapter().validate_python(raw)
    except ValidationError as exc:
        _raise(exc, ("board",))
        raise
    errors = board_integrity(board)
    if errors:
        raise refusal(errors)
    return board


def board_from_json(text: str, what: str = "The input") -> Board:
    """Read a board's JSON text: what ``validate_board(loads(text, "board", what))`` returns or raises,
    but that a board over the size limits is refused for its size before anything walks it.

    The autosave's hot path: where the text can hold nothing the input boundary refuses but depth
    (:func:`~designer.inputs.needs_checking`), nor more objects than a board within its limits
    holds (:data:`_MOST_PLAIN_OBJECTS`), pydantic-core parses and validates it in one pass,
    at half the cost of parsing then validating. Anything else, or anything that pass refuses, goes
    the long way, which says what is wrong in the boundary's and the validator's words.
    """
    board = _in_one_pass(text, _board_adapter().validate_json, keeps_unknown=True)
    if board is not None:
        return board
    return validate_board(loads(text, "board", what, first=_board_size_checked))


def check_board_json(text: str, what: str = "The input") -> None:
    """Refuse a board's JSON text as :func:`board_from_json` would, without keeping what the board
    holds: for a caller that stores the text as it came (the autosave), which needs the verdict, not
    the board. Keys the schema does not know are read past, not kept (a quarter of the one pass's
    cost); a text whose objects and arrays are not all the board's own goes the long way."""
    if _in_one_pass(text, _board_checker().validate_json, keeps_unknown=False) is None:
        board_from_json(text, what)


def _in_one_pass(text: str, validate_json: Callable[[str], Any], keeps_unknown: bool) -> Any:
    """The board read by ``validate_json`` in one pass, or its refusal, where that is safe; None
    where the text must go the long way (it may hold what the boundary refuses, more objects than
    a board within its limits, or what that pass refuses).

    ``keeps_unknown``: the validator keeps the keys the schema doesn't know, so a text with
    containers beyond the board's own shape can still be walked for its depth; a validator that
    reads past them can't say how deep they go, and sends such a text the long way."""
    objects = text.count("{")
    if objects > _MOST_PLAIN_OBJECTS or needs_checking(text):
        return None
    try:
        board = validate_json(text)
    except ValidationError:
        return None
    if not _no_other_containers(board, text, objects) and (
        not keeps_unknown or deeper_than(board, MAX_DEPTH)
    ):
        return None
    _check_board_size(board, "board.")
    errors = board_integrity(board)
    if errors:
        raise SessionFormatError(errors)
    return board


@cache
def _board_checker() -> SchemaValidator:
    """The board's validator reading past the keys it does not know instead of keeping them: the
    same schema (pydantic-core's own, with each ``extra="allow"`` made ``"ignore"``)."""

    def ignoring(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: "ignore"
                if key in {"extra_behavior", "extra_fields_behavior"} and value == "allow"
                else ignoring(value)
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [ignoring(item) for item in node]
        return node

    return SchemaValidator(ignoring(_board_adapter().core_schema))


def _board_size_checked(raw: Any) -> None:
    _check_board_size(raw, "board.")


#: The most objects a board of plain elements within its limits holds: itself, and each element with
#: its ``data`` and ``position``. Past it the text goes the long way, counted before it is checked:
#: 2 MB of empty boxes cost the one pass 80 ms before it found them too many.
_MOST_PLAIN_OBJECTS = 1 + 3 * (MAX_NODES + MAX_ZONES + MAX_NOTES) + 2 * MAX_EDGES


def _no_other_containers(board: Mapping[str, Any], text: str, objects: int) -> bool:
    """Whether the board, parsed from ``text``, holds no object or array but its own shape's (the
    board, its lists, each element, its ``data`` and ``position``), all at most four levels down: so
    it is not too deep, without walking it. Each object or array parsed comes from one ``{`` or
    ``[`` of the text (more when a duplicate key's value was dropped or a string holds one: the
    counts then differ and the walk decides); ``objects`` is the text's count of ``{``."""
    known = 1
    for part in ("nodes", "edges", "zones", "notes"):
        elements = board.get(part)
        if elements is not None:
            known += 1 + 2 * len(elements) + sum(type(e.get("position")) is dict for e in elements)
    return known == objects + text.count("[")


def validate_panel(step: str, raw: Any) -> Any:
    """Validate one step's panel; errors are paths under ``panels.<step>``."""
    if step not in PANEL_MODELS:
        raise SessionFormatError(
            [FieldError("panels", f"{step!r} has no panel; the panels are {', '.join(PANEL_MODELS)}")]
        )
    try:
        panel = _panel_adapter(step).validate_python(raw)
    except ValidationError as exc:
        _raise(exc, ("panels", step))
        raise
    errors = _panel_text_errors({step: raw}, "panels")
    if errors:
        raise LimitExceeded(errors)
    return panel


def _text_chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_chars(v) for v in value.values())
    if isinstance(value, list):
        return sum(_text_chars(v) for v in value)
    return 0


def _panel_text_errors(panels: Any, path: str) -> list[FieldError]:
    """Each panel of ``panels`` (validated) holding more than :data:`MAX_PANEL_CHARS` of text."""
    errors = []
    for step, panel in panels.items() if isinstance(panels, dict) else ():
        chars = _text_chars(panel)
        if chars > MAX_PANEL_CHARS:
            errors.append(
                FieldError(
                    f"{path}.{step}",
                    f"the panel holds {chars:,} characters of text; it may hold at most {MAX_PANEL_CHARS:,}",
                )
            )
    return errors


def empty_panels() -> dict:
    """Return the panels of a new session, every field present and empty."""
    return Panels().model_dump(mode="json")


def session_file_text(session: Mapping[str, Any]) -> str:
    """A session file as the text a download holds: indented to read, but each ``history`` snapshot
    on one compact line. A snapshot is the whole board and panels, nested five deep, so indenting it
    makes it 1.6 times as large: a long session's download would pass the 16 MB it may be imported
    again at (:data:`MAX_SESSION_FILE_BYTES`) an hour of autosaves sooner.

    Examples
    --------
    >>> print(session_file_text({"format": "f", "history": [{"at": 0, "board": {"nodes": []}}]}))
    {
      "format": "f",
      "history": [
        {"at":0,"board":{"nodes":[]}}
      ]
    }
    """
    history = session.get("history")
    if not history:
        return json.dumps(session, indent=2, ensure_ascii=False)
    # Written with the history empty, then the snapshots put in its place: at the top level its key
    # is the only one at two spaces (a string's own line breaks are escaped in JSON).
    text = json.dumps({**session, "history": []}, indent=2, ensure_ascii=False)
    snapshots = ",\n".join(
        "    " + json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")) for snapshot in history
    )
    return text.replace('\n  "history": []', '\n  "history": [\n' + snapshots + "\n  ]", 1)
