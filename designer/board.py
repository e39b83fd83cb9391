"""The whiteboard as a graph: Cytoscape.js elements JSON ↔ networkx, and the questions the UI asks.

The board's JSON is what ``cy.json().elements`` gives; networkx reads it with
:func:`networkx.cytoscape_graph`. The graph is a :class:`networkx.MultiDiGraph` (two boxes may be
joined by a request arrow and a replication arrow at once) whose nodes are keyed by their ``id``
and whose edges are keyed by theirs.
"""

from __future__ import annotations

__all__ = [
    "to_graph",
    "from_graph",
    "add_node",
    "add_edge",
    "remove_element",
    "new_id",
    "node_label",
    "said_replicated",
    "as_requests",
]

import functools
import re
from collections.abc import Mapping
from typing import Any, cast

import networkx as nx

from designer.checks.text import affirms, mentions_any, tokenize
from designer.kinds import COPIES, MANAGED_WORDS, NUMBER_WORDS
from designer.session_format import KINDS, same_family


def to_graph(board: dict) -> nx.MultiDiGraph:
    """Build the networkx graph of a validated board.

    Node attributes are the node's ``data`` plus ``position``; edge attributes are the edge's ``data``.

    Examples
    --------
    >>> g = to_graph({"nodes": [{"data": {"id": "c", "kind": "client"}},
    ...                         {"data": {"id": "lb", "kind": "load_balancer"}}],
    ...               "edges": [{"data": {"id": "e1", "source": "c", "target": "lb"}}]})
    >>> list(g.edges(keys=True))
    [('c', 'lb', 'e1')]
    """
    elements = {
        "nodes": [
            {"data": {**n["data"], "value": n["data"]["id"], **_position(n)}} for n in board.get("nodes", [])
        ],
        "edges": [{"data": {**e["data"], "key": e["data"]["id"]}} for e in board.get("edges", [])],
    }
    # directed and a multigraph, so networkx makes a MultiDiGraph (its stubs say only "a Graph")
    graph = cast(
        nx.MultiDiGraph,
        nx.cytoscape_graph({"data": {}, "directed": True, "multigraph": True, "elements": elements}),
    )
    for _, attrs in graph.nodes(data=True):
        attrs.pop("value", None)
    for _, _, attrs in graph.edges(data=True):
        attrs.pop("key", None)
    return graph


def _position(node: dict) -> dict:
    pos = node.get("position")
    return {"position": dict(pos)} if pos else {}


def from_graph(graph: nx.MultiDiGraph) -> dict:
    """Write a graph built by :func:`to_graph` back as Cytoscape elements JSON."""
    nodes = []
    for _, attrs in graph.nodes(data=True):
        data = {k: v for k, v in attrs.items() if k != "position"}
        node: dict[str, Any] = {"data": data}
        if "position" in attrs:
            node["position"] = dict(attrs["position"])
        nodes.append(node)
    edges = [{"data": dict(attrs)} for _, _, attrs in graph.edges(data=True)]
    return {"nodes": nodes, "edges": edges}


def tidy_zones(board: dict) -> dict:
    """The board with its zones and notes made consistent after putting two boards together: a zone
    or note whose id a box or arrow uses is left out, and a box or zone drawn in a zone that is not
    there any more is drawn outside any.

    Examples
    --------
    >>> tidy_zones({"nodes": [{"data": {"id": "a", "kind": "client", "parent": "gone"}}], "edges": [],
    ...             "zones": [{"data": {"id": "a"}}]})
    {'nodes': [{'data': {'id': 'a', 'kind': 'client'}}], 'edges': [], 'zones': []}
    """
    if "zones" not in board and "notes" not in board:
        return board
    used = {el["data"]["id"] for part in ("nodes", "edges") for el in board.get(part) or []}
    tidy = dict(board)
    for part in ("zones", "notes"):
        if part in board:
            tidy[part] = [el for el in board[part] or [] if el["data"]["id"] not in used]
    zone_ids = {z["data"]["id"] for z in tidy.get("zones") or []}
    for part in ("zones", "nodes"):
        elements = []
        for element in tidy.get(part) or []:
            parent = element["data"].get("parent")
            if parent is not None and parent not in zone_ids:
                element = {**element, "data": {k: v for k, v in element["data"].items() if k != "parent"}}
            elements.append(element)
        tidy[part] = elements
    return tidy


def new_id(board: dict, stem: str) -> str:
    """Return an element id made from ``stem`` that the board does not use yet.

    Examples
    --------
    >>> new_id({"nodes": [{"data": {"id": "cache"}}], "edges": []}, "Cache")
    'cache-2'
    """
    base = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "node"
    taken = {
        el["data"]["id"] for part in ("nodes", "edges", "zones", "notes") for el in board.get(part) or []
    }
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def node_label(node_data: dict) -> str:
    """Return what a box says: its label, or its kind's name when it has none."""
    label = (node_data.get("label") or "").strip()
    return label or KINDS.get(node_data.get("kind", ""), node_data.get("kind", ""))


#: Kinds run by a provider unless the box says otherwise (``managed: false``): nobody draws two CDNs,
#: and object storage (S3, GCS, Azure Blob) keeps its own copies.
PROVIDER_KINDS = frozenset({"dns", "cdn", "object_storage"})
_SINGLE = re.compile(r"\bsingle[- ]node\b|\bone node\b|\bself[- ]hosted\b", re.IGNORECASE)


def provider_run(node_data: Mapping[str, Any]) -> bool:
    """Whether a box is run by a provider: marked managed, or of a provider's kind or named for a
    service a provider runs replicated ("DynamoDB", "Aurora", "APNs": what the importers mark managed),
    and not marked ``managed: false`` nor said to be one self-hosted node ("MinIO (single node)")."""
    if node_data.get("managed") is True:
        return True
    if node_data.get("managed") is False:
        return False
    label = node_data.get("label") or ""
    if node_data.get("kind") not in PROVIDER_KINDS and not _names_provider(label):
        return False
    return _SINGLE.search(f"{label} {node_data.get('notes') or ''}") is None


@functools.lru_cache(maxsize=4096)
def _names_provider(label: str) -> bool:
    """Whether a label names a service its provider runs replicated (:data:`designer.kinds.MANAGED_WORDS`)."""
    return mentions_any(tokenize(label), MANAGED_WORDS) is not None


#: How a box's label or notes say it is replicated, in words rather than its replicas field…
_SAID_REPLICATED = (
    "replica",
    "replicated",
    "replica set",
    "standby",
    "failover",
    "fail over",
    "master slave",
    "primary secondary",
    "primary replica",
    "leader follower",
    "replication",
    "active passive",
    "active active",
    # not "HA" alone: "HA Proxy" is a load balancer's name, not its copies
    "ha pair",
    "ha cluster",
    "ha setup",
    "sentinel",
    "multi az",
    "highly available",
    "high availability",
)
# each phrase's first word, looked for before the negation reading: derived, so a phrase added above
# is never filtered out unread
_REPLICATION_WORDS = re.compile("|".join(sorted({p.split()[0] for p in _SAID_REPLICATED})), re.IGNORECASE)
#: …or by the number of its copies: "RF=3", "replication factor of 3", "3-node cluster", "3 brokers",
#: "2 followers", "three-node" (not "followers" alone: a social network's "Followers DB" is one store).
_COPIES = re.compile(
    r"\b(?:rf\s*=?\s*|replication factor (?:of )?)(?:[2-9]|\d\d)\b"
    rf"|\b(?:[2-9]|\d\d|{'|'.join(NUMBER_WORDS[2:])})[ -]?(?:nodes?|brokers?|followers)\b",
    re.IGNORECASE,
)


def said_replicated(node_data: Mapping[str, Any]) -> bool:
    """Whether a box's label or notes say, not negated, that it is replicated: "Postgres (primary +
    2 replicas)", "MySQL master-slave", "hot standby", "RF=3", "3-node cluster" — what a candidate
    writes on the box instead of setting its replicas. "No replicas yet" says it is not.

    Examples
    --------
    >>> said_replicated({"label": "Postgres (primary + 2 replicas)"}), said_replicated({"label": "Postgres"})
    (True, False)
    >>> said_replicated({"label": "MySQL", "notes": "replicas later"})
    False
    """
    return _says_replicated(f"{node_data.get('label') or ''}. {node_data.get('notes') or ''}")


@functools.lru_cache(maxsize=4096)
def _says_replicated(words: str) -> bool:
    """:func:`said_replicated` of a box's words, read once however many load models ask."""
    if _COPIES.search(words):
        return True
    # most boxes say none of it: a scan for the phrases' words spares them the negation reading
    return _REPLICATION_WORDS.search(words) is not None and affirms(words, _SAID_REPLICATED) is not None


#: The names of what runs copies of one service, on a box ("API (Auto Scaling group)") or on a zone
#: drawn around boxes: an auto scaling group (AWS), a scale set (Azure), a managed instance group
#: (Google Cloud), Kubernetes' autoscaler or replica set.
_RUNS_COPIES = (
    r"auto[ -]?scal\w*|asg|scale ?sets?|managed instance groups?"
    r"|hpa|horizontal pod autoscaler|replica ?sets?"
)
#: How a box's label or notes say it stands for several instances: a plural of what runs ("API servers",
#: "pods", ECS "tasks"), a pool ("fleet", "cluster", "auto-scaling group", "HPA", "ReplicaSet"), or a
#: count ("x N", "×3")…
_POOL = re.compile(
    rf"\b(?:{COPIES}|workers|consumers)\b"
    rf"|\b(?:fleet|cluster|pool|farm|horizontally scal\w*|scal(?:ed|es|ing) out|statefulset|daemonset|{_RUNS_COPIES})\b"
    r"|(?P<count>(?:\bx|×)\s*(?:n|\d+))\b",
    re.IGNORECASE,
)
#: …unless it says there is one ("single API server", "one server for now").
_ONE = re.compile(
    r"\b(?:single|one|1|no)\s+(?:\w+\s+){0,2}?(?:servers?|instances?|nodes?|pods?|hosts?|box)\b|\bsingle\b",
    re.I,
)


def said_pool(node_data: Mapping[str, Any]) -> bool:
    """Whether a box's label or notes say it is a pool of instances, as a whiteboard draws one box for
    them: "API servers", "Web server fleet", "API (Auto Scaling group)", "API x N" — and don't negate
    it ("API (no autoscaling yet)").

    Examples
    --------
    >>> said_pool({"label": "API servers"}), said_pool({"label": "API server"}), said_pool({"label": "Single API server"})
    (True, False, False)
    >>> said_pool({"label": "API", "notes": "no autoscaling yet"})
    False
    """
    return _says_pool(f"{node_data.get('label') or ''}. {node_data.get('notes') or ''}")


@functools.lru_cache(maxsize=4096)
def _says_pool(words: str) -> bool:
    """:func:`said_pool` of a box's words, read once however many checks ask."""
    if _ONE.search(words) is not None:
        return False
    said: dict[str, None] = {}  # the pool words used, in order, each once
    for match in _POOL.finditer(words):
        if match["count"]:
            return True  # a count is no word the negation reading can see ("×3")
        said.setdefault(match.group(0).lower())
        if len(said) == _MOST_POOL_WORDS:
            break  # a label of a thousand different pool words is read as far as its first few
    # a pool word the words negate ("without an auto scaling group") says nothing
    return bool(said) and affirms(words, list(said)) is not None


_MOST_POOL_WORDS = 8


#: What a zone drawn around boxes is called when it is the pool that runs them. Narrower than a
#: box's pool words: a "cluster" or a subnet around boxes runs each of them once as far as it says.
_POOL_ZONE = re.compile(rf"\b(?:{_RUNS_COPIES})\b", re.IGNORECASE)


def zone_says_pool(label: str) -> bool:
    """Whether a zone's label says it is the pool running the boxes in it ("Auto Scaling group").

    Examples
    --------
    >>> zone_says_pool("Auto Scaling group"), zone_says_pool("web-asg"), zone_says_pool("Kubernetes cluster")
    (True, True, False)
    """
    return _POOL_ZONE.search(label) is not None


_QUEUES = frozenset({"queue", "stream"})
#: What an arrow to a queue says when its source takes work from it, rather than puts work on it.
_PULLS = (
    "poll",
    "pull",
    "consume",
    "consumer",
    "subscribe",
    "dequeue",
    "listen",
    "fetch",
    "read",
    "pop",
    "receive",
)
_PUSHES = ("publish", "produce", "enqueue", "send", "emit", "push", "write", "put")


#: What an arrow between two stores of one family says when it copies one to the other.
_COPY_WORDS = ("replicate", "replication", "replica", "standby", "mirror", "binlog", "wal", "failover")
_STORES = frozenset(
    {"sql_database", "nosql_database", "read_replica", "cache", "object_storage", "search_index"}
)


def _copying(source: str | None, target: str | None, label: str) -> bool | None:
    """Whether an arrow between these kinds copies a store: True from the original to its copy,
    False drawn the other way (a replica pulling the log), None when it is no copy. An arrow between
    a store and a read replica of its family is one whatever its mode or label (Mermaid's dotted
    ``primary -.- replica`` reads as asynchronous); between two stores of one family (not replicas),
    only when its label says so ("streams WAL to standby")."""
    if source not in _STORES or target not in _STORES or not same_family(source, target):
        return None
    if "read_replica" in (source, target):
        return not (source == "read_replica" and target != "read_replica")
    return True if mentions_any(label, _COPY_WORDS) is not None else None


def as_requests(board: dict) -> dict:
    """The board as every check reads it: an arrow reads as what a box sends.

    An arrow between a store and its copy (a read replica of its family, or a standby its label
    says it copies to) is replication, whatever mode it was drawn with, from the store to the copy.

    An arrow a consumer draws to the queue or stream it takes work from is turned round, to run as
    the work does: from the queue to the consumer. Drawn pulling is how many draw a consumer
    (Kafka's poll).

    An arrow to a queue is a consumer's when its label says so ("poll", "consume", "subscribe"…),
    or, unlabelled by a push ("publish", "enqueue"…), when its source is a worker nothing else feeds
    and the queue feeds no one else. A scheduler putting jobs on a queue its workers take, or a
    worker publishing results, stays as drawn. The board itself is left alone.

    Examples
    --------
    >>> b = {"nodes": [{"data": {"id": "q", "kind": "queue"}}, {"data": {"id": "w", "kind": "worker"}}],
    ...      "edges": [{"data": {"id": "e1", "source": "w", "target": "q", "label": "poll"}}]}
    >>> [(e["data"]["source"], e["data"]["target"]) for e in as_requests(b)["edges"]]
    [('q', 'w')]
    """
    edges = board.get("edges") or []
    kinds = {n["data"]["id"]: n["data"].get("kind") for n in board.get("nodes") or []}
    fed = {e["data"]["target"] for e in edges}
    feeding = {e["data"]["source"] for e in edges}
    turned = []
    for edge in edges:
        data = edge["data"]
        source, target, label = data["source"], data["target"], data.get("label") or ""
        copy = (
            _copying(kinds.get(source), kinds.get(target), label)
            if data.get("mode") != "replication"
            else None
        )
        if copy is not None:
            ends = {"source": source, "target": target} if copy else {"source": target, "target": source}
            turned.append({**edge, "data": {**data, **ends, "mode": "replication"}})
            continue
        if kinds.get(target) not in _QUEUES or kinds.get(source) in _QUEUES | {"client", None}:
            turned.append(edge)
            continue
        pulls = mentions_any(label, _PULLS) is not None
        lone_consumer = (
            kinds.get(source) == "worker"
            and source not in fed
            and target not in feeding
            and mentions_any(label, _PUSHES) is None
        )
        if pulls or lone_consumer:
            edge = {**edge, "data": {**data, "source": target, "target": source}}
        turned.append(edge)
    return {**board, "edges": turned}


def add_node(
    board: dict, kind: str, label: str = "", replicas: int = 1, position: dict | None = None
) -> tuple[dict, str]:
    """Return a copy of the board with one more box, and the new box's id."""
    node_id = new_id(board, label or kind)
    data: dict[str, Any] = {"id": node_id, "kind": kind, "label": label or KINDS.get(kind, kind)}
    if replicas != 1:
        data["replicas"] = replicas
    node: dict[str, Any] = {"data": data}
    if position is None:
        # Place new boxes on a loose grid so keyboard-added boxes do not stack on one spot.
        n = len(board.get("nodes", []))
        position = {"x": 120 + (n % 5) * 170, "y": 80 + (n // 5) * 120}
    node["position"] = position
    return {**board, "nodes": [*board.get("nodes", []), node]}, node_id


def add_edge(board: dict, source: str, target: str, label: str = "", mode: str = "sync") -> tuple[dict, str]:
    """Return a copy of the board with one more arrow, and the new arrow's id."""
    edge_id = new_id(board, f"{source}-{target}")
    data = {"id": edge_id, "source": source, "target": target, "label": label, "mode": mode}
    return {**board, "edges": [*board.get("edges", []), {"data": data}]}, edge_id


def remove_element(board: dict, element_id: str) -> dict:
    """Return a copy of the board without this box (and its arrows) or this arrow."""
    nodes = [n for n in board.get("nodes", []) if n["data"]["id"] != element_id]
    edges = [
        e
        for e in board.get("edges", [])
        if element_id not in (e["data"]["id"], e["data"]["source"], e["data"]["target"])
    ]
    return {**board, "nodes": nodes, "edges": edges}


def merge(board: dict, incoming: dict) -> dict:
    """Return the board with another board's boxes and arrows added to the right of it.

    Ids the board already uses are renamed (``cache`` → ``cache-2``) and arrows follow their boxes.

    Examples
    --------
    >>> a = {"nodes": [{"data": {"id": "db", "kind": "sql_database"}, "position": {"x": 0, "y": 0}}], "edges": []}
    >>> b = {"nodes": [{"data": {"id": "db", "kind": "cache"}, "position": {"x": 0, "y": 0}}], "edges": []}
    >>> [(n["data"]["id"], n["position"]["x"]) for n in merge(a, b)["nodes"]]
    [('db', 0), ('db-2', 300.0)]
    """
    merged = {**board, "nodes": list(board.get("nodes", [])), "edges": list(board.get("edges", []))}
    right = max((n.get("position", {}).get("x", 0) for n in merged["nodes"]), default=-300.0)
    renamed: dict[str, str] = {}
    # the incoming zones (renamed like boxes, nested as they were) and notes come along
    added_zones = []
    for part in ("zones", "notes"):
        for element in incoming.get(part) or []:
            data = dict(element["data"])
            renamed[data["id"]] = data["id"] = new_id(merged, data["id"])
            moved: dict[str, Any] = {"data": data}
            if element.get("position"):
                at = element["position"]
                moved["position"] = {"x": float(at["x"]) + right + 300.0, "y": float(at["y"])}
            merged[part] = [*(merged.get(part) or []), moved]
            if part == "zones":
                added_zones.append(data)
    for data in added_zones:  # nested as they were, under their new ids
        if data.get("parent") is not None:
            data["parent"] = renamed.get(data["parent"])
    for node in incoming.get("nodes", []):
        data = dict(node["data"])
        if data.get("parent") is not None:
            data["parent"] = renamed.get(data["parent"])
        renamed[data["id"]] = data["id"] = new_id(merged, data["id"])
        position = node.get("position") or {"x": 0.0, "y": 0.0}
        merged["nodes"].append(
            {"data": data, "position": {"x": float(position["x"]) + right + 300.0, "y": float(position["y"])}}
        )
    for edge in incoming.get("edges", []):
        data = dict(edge["data"])
        data["source"], data["target"] = (
            renamed.get(data["source"], data["source"]),
            renamed.get(data["target"], data["target"]),
        )
        data["id"] = new_id(merged, data["id"])
        merged["edges"].append({"data": data})
    return tidy_zones(merged)
