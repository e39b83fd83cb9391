"""What every check is built from: its metadata, the findings it yields, and the session it reads.

A check is a module with a ``CHECK = Check(...)`` whose ``run(view, params)`` yields:

* :class:`Finding` — something found on the board or in a panel, with a message id, the data for the
  message and where it is. ``passed=True`` marks evidence of what was done well; otherwise it is a
  problem, and any problem fails the check.
* :class:`Partial` — the check earns only this fraction of its points (with its problems listed).
* :class:`NotAssessable` — the answer lacks what the check reads (no requirements, no client, no
  tables…): an omission, graded as a fail worth nothing, so leaving a part out never scores higher
  than writing it with mistakes.
* :class:`DoesNotApply` — the check has nothing to ask of this answer (no NoSQL store to partition)
  or the session can't tell (no history recorded): its points are neither earned nor possible.

Checks never format text, never write, and never raise on an odd board: an empty board is valid input.
"""

from __future__ import annotations

__all__ = [
    "Check",
    "Finding",
    "Partial",
    "NotAssessable",
    "DoesNotApply",
    "SessionView",
    "Where",
    "node",
    "edge",
    "panel",
    "counting_check",
    "each_discussed",
    "KindChoice",
    "kinds_of",
]

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, create_model

from designer.board import (
    as_requests,
    node_label,
    provider_run,
    said_pool,
    said_replicated,
    to_graph,
    zone_says_pool,
)
from designer.checks.text import Words, affirms, mentions_any, refuses
from designer.ddl import Schema, read_ddl
from designer.estimates import Evaluated, evaluate_rows
from designer.kinds import KIND_RULES
from designer.session_format import DATASTORE_KINDS, KINDS, Panels, ancestors, same_family

Where = tuple[str, str]  # ("node", id) | ("edge", id) | ("panel", "requirements.functional[2]")


def node(node_id: str) -> Where:
    """Point at a box."""
    return ("node", node_id)


def edge(edge_id: str) -> Where:
    """Point at an arrow."""
    return ("edge", edge_id)


def panel(path: str) -> Where:
    """Point at a panel field or row: ``"estimates[3]"``, ``"requirements.non_functional"``."""
    return ("panel", path)


@dataclass(frozen=True)
class Finding:
    """One thing a check found: a message id, its data, and where it is."""

    message: str
    data: dict[str, Any] = field(default_factory=dict)
    where: tuple[Where, ...] = ()
    passed: bool = False


@dataclass(frozen=True)
class Partial:
    """The check earns ``fraction`` of its points."""

    fraction: float


@dataclass(frozen=True)
class NotAssessable:
    """The answer lacks what the check reads; ``message`` is a message id of the check that says
    what to add. It earns nothing and its points stay possible: an omission is a fail."""

    message: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DoesNotApply(NotAssessable):
    """The check asks nothing of this answer, or the session can't tell (no history): the
    criterion counts towards neither the points earned nor the points possible."""


class NoParams(BaseModel):
    """A check without parameters."""

    model_config = {"extra": "forbid"}


@dataclass(frozen=True)
class Check:
    """A check's metadata and function, as the registry lists it."""

    id: str
    summary: str
    messages: dict[str, str]
    run: Callable[[SessionView, Any], Iterator[Finding | Partial | NotAssessable]]
    params: type[BaseModel] = NoParams
    points: int = 1
    serves: str = ""  # the framework step or checklist item it serves
    #: What a passing answer has, in plain words ("Every box is connected"): a criterion's title
    #: when the rubric gives none, as the summary is the check's own rule.
    statement: str = ""
    doc: str = ""
    #: It reads ``view.history``: only these need the history read (the costliest part of a session,
    #: a row per autosave), so a grade for a step whose checks don't may be made without it.
    reads_history: bool = False
    #: The check whose findings this one reads (``wrap_up.spofs_discussed`` reads the single points
    #: of failure ``graph.no_single_point_of_failure`` finds): when that one can't judge the answer,
    #: neither can this one, and it says so rather than passing on nothing.
    depends_on: str | None = None


_SOURCE = object()  # a node id no board can contain: the virtual source before every client
#: Kinds whose boxes only call others: nothing "uses" them, and they are not buzzwords for that.
SOURCE_KINDS = frozenset({"client", "monitoring", "dns", "external", "coordination"})


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


_METHOD_IN_PATH = re.compile(r"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|WS|SSE)\s+(?=\S)", re.IGNORECASE)


def _method_from_path(endpoint: dict) -> dict:
    """An endpoint typed whole into its path ("POST /v1/messages"), its method blank or the same,
    read as its method and path."""
    path, method = endpoint.get("path") or "", (endpoint.get("method") or "").strip()
    typed = _METHOD_IN_PATH.match(path.lstrip())
    if typed is None or (method and method.upper() != typed[1].upper()):
        return endpoint
    return {**endpoint, "method": typed[1].upper(), "path": path.lstrip()[typed.end() :].strip()}


#: A box's kind in a check's params, or a list of kinds any of which will do
#: (``to_kind: [nosql_database, sql_database]``: the store, whichever the candidate chose).
KindChoice = str | Annotated[list[str], Field(min_length=1)]


def kinds_of(choice: KindChoice) -> tuple[str, ...]:
    """The kinds a :data:`KindChoice` allows."""
    return (choice,) if isinstance(choice, str) else tuple(choice)


class SessionView:
    """A read-only view of a session for the checks, computing each derived thing once.

    Parameters
    ----------
    session : dict
        A validated session file (or its parts): ``board``, ``panels``, ``steps``, ``history``,
        ``duration_minutes``.
    prompt : str
        The problem's prompt (the rubric's ``problem.prompt``), read by the checks that ask what
        the problem demands.
    """

    def __init__(self, session: dict, prompt: str = ""):
        self.session = session
        #: The problem's prompt, as the rubric states it: what the problem itself demands.
        self.prompt = prompt
        # a consumer drawn pulling from its queue is read as fed by it (see as_requests)
        self.board: dict = as_requests(session.get("board") or {"nodes": [], "edges": []})
        self.panels: dict = Panels.model_validate(session.get("panels") or {}).model_dump(mode="json")
        self.panels["api"] = [_method_from_path(e) for e in self.panels["api"]]
        self.steps: list[dict] = session.get("steps") or []
        self.history: list[dict] = session.get("history") or []
        self.duration_minutes: int = session.get("duration_minutes") or 45
        #: What each check (by id and params) found, kept for the checks that read another's verdict.
        self.verdicts: dict[tuple[str, str], Any] = {}

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The whole board as networkx sees it (every arrow, replication included)."""
        return to_graph(self.board)

    @cached_property
    def arrows(self) -> list[dict]:
        """Every arrow's ``data``, in board order: cheaper to scan than networkx's edge views."""
        return [edge["data"] for edge in self.board.get("edges") or []]

    @cached_property
    def degrees(self) -> tuple[dict[str, int], dict[str, int]]:
        """How many arrows leave and enter each box, counting every arrow."""
        out = dict.fromkeys(self._kinds, 0)
        into = dict.fromkeys(self._kinds, 0)
        for arrow in self.arrows:
            out[arrow["source"]] += 1
            into[arrow["target"]] += 1
        return out, into

    @cached_property
    def flow(self) -> nx.DiGraph:
        """The paths requests and data follow: sync and async arrows, not replication."""
        flow: nx.DiGraph[str] = nx.DiGraph()
        flow.add_nodes_from(self.graph.nodes)
        flow.add_edges_from(
            (a["source"], a["target"]) for a in self.arrows if a.get("mode", "sync") != "replication"
        )
        return flow

    @classmethod
    def kinds_name(cls, kinds: KindChoice) -> str:
        """Name one kind, or several as alternatives: ``NoSQL database or SQL database``."""
        return " or ".join(cls.kind_name(kind) for kind in kinds_of(kinds))

    @staticmethod
    def kind_name(kind: str) -> str:
        """Return a kind's readable name: ``websocket_server`` → ``WebSocket server``."""
        name = KINDS.get(kind, kind)
        first = name.split(" ", 1)[0]
        return name[0].lower() + name[1:] if first[1:].islower() else name  # keeps "NoSQL", "WebSocket"

    @cached_property
    def _kinds(self) -> dict[str, str]:
        return {n: attrs.get("kind", "other") for n, attrs in self.graph.nodes(data=True)}

    def kind(self, node_id: str) -> str:
        return self._kinds.get(node_id, "other")

    def label(self, node_id: str) -> str:
        return node_label(self.graph.nodes[node_id])

    def of_kind(self, *kinds: str) -> list[str]:
        """Return the ids of the boxes of these kinds, in board order."""
        return [n for n, kind in self._kinds.items() if kind in kinds]

    @cached_property
    def clients(self) -> list[str]:
        return self.of_kind("client")

    @cached_property
    def datastores(self) -> list[str]:
        return self.of_kind(*DATASTORE_KINDS)

    @cached_property
    def _said_pool(self) -> frozenset[str]:
        """The boxes whose label or notes say they are a pool, or that sit in a zone that says it is
        one (an EC2 box drawn inside an "Auto Scaling group")."""
        zones = [z.get("data") or {} for z in self.board.get("zones") or []]
        parent_of = {str(z.get("id")): z.get("parent") for z in zones}
        pooling = {str(z.get("id")) for z in zones if zone_says_pool(str(z.get("label") or ""))}

        def in_pool_zone(attrs: dict) -> bool:
            holder = attrs.get("parent")
            if not pooling or holder not in parent_of:
                return False
            return holder in pooling or any(z in pooling for z in ancestors(parent_of, holder))

        return frozenset(
            node_id
            for node_id, attrs in self.graph.nodes(data=True)
            if said_pool(attrs) or in_pool_zone(attrs)
        )

    def pool_size(self, node_id: str, least: int) -> int:
        """How many instances a box stands for: its replicas, or ``least`` where its label or notes say
        it is a pool ("API servers", "auto-scaling group") and its replicas say fewer."""
        replicas = self.replicas(node_id)
        return max(replicas, least) if node_id in self._said_pool else replicas

    def replicas(self, node_id: str) -> int:
        value = self.graph.nodes[node_id].get("replicas", 1)
        return value if isinstance(value, int) else 1

    @cached_property
    def _replicated(self) -> frozenset[str]:
        """The boxes with a replication arrow to or from a box of their family (one pass over the arrows)."""
        found: set[str] = set()
        for arrow in self.arrows:
            a, b = arrow["source"], arrow["target"]
            if arrow.get("mode") == "replication" and a != b and same_family(self.kind(a), self.kind(b)):
                found.update((a, b))
        return frozenset(found)

    def is_redundant(self, node_id: str) -> bool:
        """True when the box has 2+ replicas, is run by a provider (managed, or a DNS, CDN or object
        store not said otherwise), replicates with a box of its family, or its label or notes say it
        is replicated ("Postgres (primary + 2 replicas)", "RF=3") or, for a box that is no store, a
        pool ("API servers")."""
        attrs = self.graph.nodes[node_id]
        return (
            self.replicas(node_id) >= 2
            or provider_run(attrs)
            or node_id in self._replicated
            or node_id in self._said_replicated
            or (self.kind(node_id) not in DATASTORE_KINDS and node_id in self._said_pool)
        )

    @cached_property
    def _said_replicated(self) -> frozenset[str]:
        """The boxes whose label or notes say, not negated, that they are replicated."""
        return frozenset(node_id for node_id, attrs in self.graph.nodes(data=True) if said_replicated(attrs))

    def reach(self, sources: list[str], strict: bool = False, backwards: bool = False) -> set[str]:
        """Every box reachable from any of ``sources`` along the flow, in one traversal from all of them.

        ``strict`` leaves out a source that no path leads back to; ``backwards`` follows arrows against
        their direction (the boxes that reach a source).
        """
        adjacency = self.flow.pred if backwards else self.flow.succ
        seen: set[str] = set()
        frontier = (
            [successor for source in sources for successor in adjacency[source]] if strict else list(sources)
        )
        seen.update(frontier)
        while frontier:
            current = frontier.pop()
            for successor in adjacency[current]:
                if successor not in seen:
                    seen.add(successor)
                    frontier.append(successor)
        return seen

    @cached_property
    def cuts(self) -> dict[str, str]:
        """Each box every path from the clients to some datastore runs through → the first such
        datastore (the datastores themselves included), by dominators from a source joined to every
        client; none on a board without clients (nothing to cut them off)."""
        if not self.clients:
            return {}
        flow = self.flow
        flow.add_edges_from((_SOURCE, client) for client in self.clients)
        try:
            idom = nx.immediate_dominators(flow, _SOURCE)
        finally:
            flow.remove_node(_SOURCE)  # the shared view stays as it was, without a copy of the graph
        cuts: dict[str, str] = {}
        for datastore in self.datastores:
            if datastore not in idom:
                continue  # no client reaches it
            current = datastore
            while current is not _SOURCE:
                cuts.setdefault(current, datastore)
                current = idom[current]
        return cuts

    @cached_property
    def single_points_of_failure(self) -> dict[str, str]:
        """The boxes, in board order, whose loss cuts the clients off a datastore (→ that datastore)
        and that are not redundant. A client stands for every user's device: never one of them."""
        cuts = self.cuts
        return {
            n: cuts[n]
            for n in self.graph.nodes
            if n in cuts and self.kind(n) != "client" and not self.is_redundant(n)
        }

    @cached_property
    def reachable_from_clients(self) -> set[str]:
        """Every box some client reaches (the clients included)."""
        return self.reach(self.clients)

    def edges_between(self, source: str, target: str) -> list[str]:
        """Return the ids of the arrows from ``source`` to ``target``."""
        if not self.graph.has_edge(source, target):
            return []
        return list(self.graph[source][target])

    def text(self, *paths: str) -> str:
        """Return the candidate's words in these panel fields, lower-cased, for keyword matching."""
        parts: list[str] = []
        for path in paths:
            value: Any = self.panels
            for key in path.split("."):
                value = value.get(key, "") if isinstance(value, dict) else ""
            parts.append(_flatten(value))
        return _words(" ".join(parts))

    def names_of(self, box: str) -> list[str]:
        """The words that name a box in prose: its label, its label's first word (3+ letters), its
        role as its label's last word ("the primary" of "Postgres primary"), its kind ("SQL
        database"), its kind's last word ("database"), the kind's usual abbreviation ("the DB",
        "the LB", "PG", "the data store") and the products of its kind ("Kafka" for a box labelled
        "Event bus" of kind stream; the importers' table, :data:`designer.kinds.KIND_RULES`)."""
        label = " ".join(self.label(box).lower().split())
        kind_name = self.kind_name(self.kind(box)).lower()
        names = [
            label,
            kind_name,
            kind_name.rsplit(" ", 1)[-1],
            *_ABBREVIATIONS.get(self.kind(box), ()),
            *_PRODUCTS.get(self.kind(box), ()),
        ]
        first = label.split(" ", 1)[0]
        if len(first) >= 3:
            names.append(first)
        last = label.rsplit(" ", 1)[-1].strip("()[]")
        if last in _ROLES and last != first:  # "the primary" of "Postgres primary"
            names.append(last)
        return [n for n in names if n.strip()]

    def demands(self, phrases: list[str] | tuple[str, ...]) -> tuple[str, Where | None] | None:
        """Whether the problem or the candidate's requirements ask for any of ``phrases``: the
        phrase and where it was asked (None for the prompt), or None.

        The prompt demands what it mentions. The candidate's functional and non-functional
        requirements and their questions with the answers demand what they affirm: not "no need
        for real time", not a question answered "Out of scope", not an item put off ("Later: video",
        "Video uploads (v2)", "Video sharing, post-MVP"), never what is listed out of scope.
        So negating a requirement never adds a demand, and removing one never removes a demand the
        problem makes.
        """
        if self.prompt and (hit := affirms(self.prompt, phrases)):
            return hit, None
        requirements = self.panels["requirements"]
        for field_name in ("functional", "non_functional"):
            for index, entry in enumerate(requirements[field_name]):
                for line in entry_lines(entry):  # "Out of scope:" on a line puts off that line
                    if scoped_out(line):
                        continue
                    # each item alone: "Send photos; video (v2)" asks for photos only
                    for item in item_pieces(line):
                        if not put_off(item) and (hit := affirms(item, phrases)):
                            return hit, panel(f"requirements.{field_name}[{index}]")
        for index, pair in enumerate(requirements["questions"]):
            answer = pair.get("answer") or ""
            if not refuses(answer) and (hit := affirms(f"{pair.get('question') or ''}. {answer}", phrases)):
                return hit, panel(f"requirements.questions[{index}]")
        return None

    @cached_property
    def all_text(self) -> str:
        """Every word the candidate wrote in the panels and on the board."""
        board_words = [self.label(n) for n in self.graph.nodes]
        board_words += [d.get("label") or "" for _, _, d in self.graph.edges(data=True)]
        return _words(_flatten(self.panels) + " " + " ".join(board_words))

    @cached_property
    def estimates(self) -> list[Evaluated]:
        return evaluate_rows(self.panels["estimates"])

    @cached_property
    def schema(self) -> Schema:
        return read_ddl(self.panels["database"].get("ddl", ""))

    @cached_property
    def documents_only(self) -> bool:
        """Whether the data is written as NoSQL documents and no DDL: a DynamoDB or MongoDB design has
        no CREATE TABLE to write, so the checks that read tables have nothing to judge. Nor has a
        design whose store is a key-value one (a rate limiter's counters as Redis keys), where no
        relational store is drawn or chosen beside it."""
        database = self.panels["database"]
        if any(t.columns for t in self.schema.tables.values()) or len(database["documents"].split()) < 3:
            return False
        written = f"{database['choice']} {database['documents']}"
        key_value = (
            mentions_any(written, _KEY_VALUE_STORES) is not None
            and not self.of_kind("sql_database")
            and mentions_any(database["choice"], _PRODUCTS["sql_database"]) is None
        )
        return (
            bool(self.of_kind("nosql_database"))
            or key_value
            or (mentions_any(written, _PRODUCTS["nosql_database"]) is not None)
        )

    @cached_property
    def first_drawn(self) -> dict | None:
        """The first revision of the history with a box on the board (None if none ever had one)."""
        return next((h for h in self.history if (h.get("board") or {}).get("nodes")), None)

    @property
    def has_process(self) -> bool:
        """True when the session recorded how it grew (steps or history)."""
        return bool(self.steps) or bool(self.history)


#: Where a line lists several items: a semicolon, a bullet, a line break, or "1) … 2) …" / "a. … b. …".
_ITEM_BREAK = re.compile(r"[;•\n]|(?:^|\s)(?:\d{1,2}|[a-z])[.)](?=\s)")


def item_pieces(line: str) -> list[str]:
    """The items a line lists ("99.99% availability; p99 < 200 ms" is two), stripped of their
    bullets ("- ", "* ", "[ ] "), blank ones left out."""
    return [_BULLET.sub("", piece.strip()) for piece in _ITEM_BREAK.split(line) if _WORD.search(piece)]


#: A list item's bullet or checkbox, as Markdown writes them: "- ", "* ", "+ ", "- [ ] ", "[x] ".
_BULLET = re.compile(r"^(?:[-*+]\s+)?(?:\[[ xX]?\]\s*)?")


_WORD = re.compile(r"\w")


def _items(entry: Any) -> int:
    """How many items an entry holds: a row is one, a question row one per question it asks ("Group
    chats? Media?" is two); a line is one per item it lists, blank ones none."""
    if not isinstance(entry, str):
        if not _flatten(entry).strip():
            return 0
        question = entry.get("question") if isinstance(entry, dict) else None
        # each "?" after words ends a question; split, not a pattern that looks ahead for one from
        # every word of a hostile row with none
        asked = (
            sum(1 for q in question.split("?")[:-1] if _WORD.search(q)) if isinstance(question, str) else 0
        )
        return max(1, asked)
    return len(item_pieces(entry))


def _flatten(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(_flatten(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_flatten(v) for v in value)
    return str(value) if value is not None else ""


#: Left out of _PRODUCTS, the words with another meaning in a design's prose: Cassandra "buckets" its
#: partitions, a "batch" or a "job" is work, "search" a feature, a "consumer" may be a user.
_NOT_NAMES = frozenset(
    {
        "bucket",
        "batch",
        "job",
        "jobs",
        "search",
        "stream",
        "broker",
        "metrics",
        "logging",
        "alerting",
        "replica",
    }
    | {
        "standby",
        "consumer",
        "consumers",
        "processor",
        "identity",
        "login",
        "throttle",
        "external",
        "the web",
    }
    | {"third party", "3rd party", "cron", "file storage", "data lake", "coordination", "ingress", "pubsub"}
)
#: The words the importers read a kind from ("kafka", "kinesis" for a stream), for the kinds whose words
#: name a product or a role: a service's ("api", "backend") or a client's would name any box.
_PRODUCTS: dict[str, tuple[str, ...]] = {
    kind: tuple(
        word
        for rule_kind, words in KIND_RULES
        if rule_kind == kind
        for word in words
        if word not in _NOT_NAMES
    )
    for kind in {rule_kind for rule_kind, _ in KIND_RULES} - {"client", "service", "web_server", "other"}
}

#: Key-value stores a design may keep its data in, named in the database panel: its keys are its
#: schema, with no CREATE TABLE to write.
_KEY_VALUE_STORES = ("redis", "valkey", "keydb", "dragonflydb", "etcd", "memcached", "hazelcast")

#: How people shorten a kind's name in prose: "the DB" is the database, "the LB" the load balancer.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "sql_database": ("db", "sql", "rdbms", "pg", "data store", "datastore"),
    "nosql_database": ("db", "nosql", "data store", "datastore"),
    "read_replica": ("replica", "db"),
    "load_balancer": ("lb",),
    "api_gateway": ("gateway",),
    "object_storage": ("blob store",),  # not "bucket": Cassandra buckets its partitions too
    "websocket_server": ("websocket", "ws server"),
    "queue": ("mq",),
}


#: A box's role, the last word of its label, by which people name it: "when the primary fails" for
#: "Postgres primary". Other last words are too often the data a box holds ("PostgreSQL: users") or a
#: kind of thing ("Auth service") to name it.
_ROLES = frozenset({"primary", "master", "leader", "writer", "coordinator", "standby"})


def each_discussed(
    view: SessionView, boxes: Collection[str], said: Words, names: Callable[[str], list[str]], where: Where
) -> Iterator[Finding | Partial]:
    """For each box, ``discussed`` (passed; the box and ``where`` as evidence) when ``said`` mentions
    one of its ``names``, else ``undiscussed``; and the share discussed when it is some, not all.
    The rule of every check that asks for each of a set of boxes to be talked about."""
    discussed = 0
    for box in boxes:
        data = {"name": view.label(box)}
        if mentions_any(said, names(box)):
            discussed += 1
            yield Finding("discussed", data, (node(box), where), passed=True)
        else:
            yield Finding("undiscussed", data, (node(box),))
    if 0 < discussed < len(boxes):
        yield Partial(discussed / len(boxes))


_REQUIREMENT_LISTS = ("requirements.functional", "requirements.non_functional")
#: A requirement line that says what will *not* be built: "Out of scope: video calls", "Won't support
#: stories", "Not needed: analytics", "Non-goal: payments", "Later: video uploads".
_SCOPED_OUT = re.compile(
    r"\s*(?:we\s+)?(?:out[- ]of[- ]scope|not in scope|non[- ]?goals?|won[’']?t\b|will not\b|not needed"
    r"|excluded|deferred\b|not (?:covering|covered|supporting|supported|building|built|doing|handling|including)\b"
    r"|skip(?:ped|ping)?\s*:|(?:later|future(?: work)?|v2|phase 2|post[- ]mvp)\s*:)",  # put off: "Later: video uploads"
    re.IGNORECASE,
)


def _entries(panels: dict, path: str) -> list[Any]:
    """The list at a panel path (``requirements.functional``), or none; an entry of several lines
    is an entry a line (a Markdown list kept as one entry)."""
    value: Any = panels
    for key in path.split("."):
        value = value.get(key, []) if isinstance(value, dict) else []
    return [line for entry in value for line in entry_lines(entry)] if isinstance(value, list) else []


def entry_lines(entry: Any) -> list[Any]:
    """A text entry's lines, each without its bullet ("- ", "* ", "[ ] "), blank ones left out; any
    other entry (a row) as it is."""
    if not isinstance(entry, str) or "\n" not in entry:
        return [entry]
    return [_BULLET.sub("", line.strip()) for line in entry.splitlines() if line.strip()]


#: An item put off after its words: "Video uploads (v2)", "Stories (phase 2)", "Video, post-MVP",
#: "Video (not in MVP)", "Video sharing in v2". The cue ends the item: "(v2 of the player plays
#: them)" puts nothing off.
_PUT_OFF_AFTER = re.compile(
    r"(?:[(\[,:–—]|\s-)\s*(?:(?:in|for)\s+)?(?:v[2-9]|version [2-9]|phase [2-9]|later|(?:the )?future"
    r"|post[- ]?mvp|not (?:in|for) (?:the )?(?:mvp|v1|first (?:version|release))|out of scope|not in scope"
    r"|stretch(?: goal)?|if time (?:permits|allows)|deferred|next (?:release|version|phase))\s*[)\]]?\s*\.?\s*$"
    r"|\b(?:in|for) (?:v[2-9]|phase [2-9]|a later (?:phase|version|release)|the future)\s*\.?\s*$"
    r"|\b(?:is|are) (?:for )?(?:a )?(?:later|future) (?:phase|version|release)\s*\.?\s*$",
    re.IGNORECASE,
)


def put_off(item: str) -> bool:
    """Whether one item says it will not be built now, before its words or after them."""
    return _SCOPED_OUT.match(item) is not None or _PUT_OFF_AFTER.search(item) is not None


def scoped_out(entry: Any) -> bool:
    """Whether a list entry states what is out of scope rather than a requirement: from its start
    ("Out of scope: video calls"), or, when it is one item, after its words ("Video calls (v2)")."""
    if not isinstance(entry, str):
        return False
    return _SCOPED_OUT.match(entry) is not None or (len(item_pieces(entry)) <= 1 and put_off(entry))


def counting_check(
    check_id: str,
    path: str,
    what: str,
    default_min: int,
    summary: str,
    serves: str,
    doc: str,
    points: int = 1,
    statement: str = "",
    scoping: str = "",
) -> Check:
    """Build a check that requires at least ``min`` non-blank entries in the panel list at ``path``.

    ``scoping``: "requirements" leaves out entries that say what is out of scope ("Out of scope:
    video calls"); "out_of_scope" counts those, written in the requirement lists, too.

    Fewer than asked, but some, earns a part of the points in proportion. Several checks are this
    one rule over different panel fields, each still a module of its own with its own documentation.
    """
    params = create_model(
        f"{check_id.split('.')[-1].title().replace('_', '')}Params",
        __config__=ConfigDict(extra="forbid"),
        min=(int, Field(default=default_min, ge=1)),
    )
    label = what[0].upper() + what[1:]

    def run(view: SessionView, params) -> Iterator[Finding | Partial]:
        value = _entries(view.panels, path)
        if scoping == "requirements":  # what is out of scope, written among them, is none of them
            value = [v for v in value if not scoped_out(v)]
        elif scoping == "out_of_scope":  # …and is said, wherever in the requirements it was written
            value = [
                *value,
                *(v for at in _REQUIREMENT_LISTS for v in _entries(view.panels, at) if scoped_out(v)),
            ]
        count = sum(_items(v) for v in value)
        if count >= params.min:
            yield Finding("enough", {"count": count, "what": label}, (panel(path),), passed=True)
            return
        yield Finding("too_few", {"count": count, "min": params.min, "what": label}, (panel(path),))
        if count:
            yield Partial(count / params.min)

    return Check(
        id=check_id,
        summary=summary,
        messages={"enough": "{what}: {count}.", "too_few": "{what}: {count}; write at least {min}."},
        run=run,
        params=params,
        points=points,
        serves=serves,
        doc=doc,
        statement=statement,
    )
