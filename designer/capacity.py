"""Capacity and failure drills: the board checked against the candidate's own numbers.

Three questions an interviewer asks of a design, answered from the board and the estimates panel:

* **Will it hold your peak?** :func:`capacity` takes the peak read and write rates from the
  estimates (:func:`find_peak`), routes them from the clients along the arrows (:func:`route`) and
  gives each box its offered load and utilisation = load ÷ (replicas × one instance's capacity).
* **What breaks when this dies?** :func:`drill` fails a whole box, or one instance of it, and says
  which arrows stop being served (broken), which boxes are left with less capacity than their load
  (degraded), and what survives.
* **How available is each client path?** :func:`availability` composes per-kind availability in
  series along a path and in parallel over replicas, as nines.

Every figure can be traced: a box's load lists the arrows it came in by and the share each carried,
and the peak lists the estimate rows it was read from. The figures per kind are in :data:`PROFILES`
(their sources in ``docs/capacity.md``); a box overrides them with ``capacity`` in its data, a rubric
with the ``capacity`` parameter of the checks that use them.

Routing rules (documented in ``docs/capacity.md``, each a line of :func:`route`):

1. The peak is shared equally between the clients.
2. An arrow whose label says it reads ("read history", "fetch", "download") carries only reads, one
   that says it writes ("write message", "publish", "upload") only writes; others carry both. An
   arrow into a read replica carries reads; a replication arrow carries its source's writes to the
   copy and goes no further.
3. A load balancer, gateway, DNS or rate limiter sends each request to one of its targets: its load
   is split equally between them. Any other box calls each kind of box it points at; boxes of one
   kind behind it share that load equally (a pool, or data split between them).
4. A cache absorbs its hit ratio: a cache's arrows onward carry the misses of its reads, and a box
   that reads from a cache and from a datastore sends the datastore only the misses (cache-aside).
   A CDN passes on the misses of its reads. Hit ratios come from an estimate row (``cache_hit``,
   ``cdn_hit_ratio``) or the defaults, 80% and 90%.
5. An arrow back to a box already on the way (a delivery from the fan-out back to the chat servers)
   adds its load to that box, which does not pass it on again.

This module is Flask-free and reads only the validated session: the workspace, the CLI, the report
and the checks compute the same figures.
"""

from __future__ import annotations

__all__ = [
    "Profile",
    "PROFILES",
    "Peak",
    "find_peak",
    "rate_row",
    "BoxLoad",
    "Capacity",
    "capacity",
    "route",
    "Drill",
    "drill",
    "single_failures",
    "client_paths",
    "availability",
    "path_availability",
    "nines",
    "verdict",
    "explain",
    "rubric_settings",
    "per_second",
]

import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

import networkx as nx

from designer.board import as_requests, node_label, provider_run, said_replicated
from designer.checks.text import _forms, mentions_any, normalize
from designer.estimates import Evaluated, evaluate_rows
from designer.session_format import DATASTORE_KINDS, same_family
from designer.units import quantity

GB = 1e9


@dataclass(frozen=True)
class Profile:
    """What one typical instance of a kind does: operations per second it serves (reads and
    writes; None where the kind is not modelled), its latency, availability, storage and network."""

    reads: float | None
    writes: float | None
    latency_ms: float
    availability: float
    storage_bytes: float | None = None
    bandwidth_bytes: float | None = 1.25 * GB  # a 10 Gbit/s network card


# Order-of-magnitude figures for one instance; docs/capacity.md gives each one's source.
PROFILES: dict[str, Profile] = {
    "client": Profile(None, None, 0, 1.0, bandwidth_bytes=None),
    "dns": Profile(100_000, 100_000, 1, 0.9999),
    "cdn": Profile(100_000, 10_000, 20, 0.9999, bandwidth_bytes=12.5 * GB),
    "load_balancer": Profile(50_000, 50_000, 1, 0.995),
    "api_gateway": Profile(10_000, 10_000, 5, 0.995),
    "web_server": Profile(2_000, 2_000, 20, 0.995),
    "service": Profile(1_000, 1_000, 20, 0.995),
    "websocket_server": Profile(50_000, 50_000, 5, 0.995),
    "cache": Profile(100_000, 100_000, 1, 0.995, storage_bytes=64 * GB),
    "sql_database": Profile(10_000, 5_000, 5, 0.995, storage_bytes=10_000 * GB),
    "read_replica": Profile(10_000, 5_000, 5, 0.995, storage_bytes=10_000 * GB),
    "nosql_database": Profile(5_000, 10_000, 5, 0.995, storage_bytes=2_000 * GB),
    "object_storage": Profile(5_500, 3_500, 50, 0.9999, storage_bytes=None),
    "queue": Profile(20_000, 20_000, 5, 0.995, storage_bytes=1_000 * GB),
    "stream": Profile(100_000, 100_000, 5, 0.995, storage_bytes=10_000 * GB),
    "worker": Profile(1_000, 1_000, 20, 0.995),
    "search_index": Profile(1_000, 5_000, 20, 0.995, storage_bytes=1_000 * GB),
    "notification_service": Profile(10_000, 10_000, 100, 0.995),
    "rate_limiter": Profile(50_000, 50_000, 1, 0.995),
    "auth_service": Profile(2_000, 2_000, 10, 0.995),
    "coordination": Profile(50_000, 10_000, 5, 0.995),
    "monitoring": Profile(None, None, 0, 0.995),
    "external": Profile(None, None, 100, 0.995, bandwidth_bytes=None),
    "other": Profile(None, None, 0, 0.995),
}
#: Kinds outside the candidate's design: not failed in a drill of every box.
NOT_DRILLED = frozenset({"client", "external", "monitoring"})
#: A managed service is run by its provider, who adds instances as the load grows.
MANAGED_AVAILABILITY = 0.9999
ROUTERS = frozenset({"load_balancer", "api_gateway", "dns", "rate_limiter"})
DEFAULT_HIT = {"cache": 0.8, "cdn": 0.9}

READ_WORDS = (
    "read", "get", "fetch", "fetched", "download", "view", "viewed", "query", "search", "redirect", "load",
    "list", "lookup", "visit", "click", "open", "opened", "served", "timeline", "feed",
)  # fmt: skip
WRITE_WORDS = (
    "write", "written", "post", "posted", "send", "sent", "upload", "uploaded", "insert", "update",
    "create", "created", "shorten", "shortened", "publish", "ingest", "store", "save", "message",
    "msg", "event", "order", "tweet", "signup", "like", "comment",
)  # fmt: skip
#: The peak assumed of an average when no row gives one: the top of the framework's 2–3×.
PEAK_FACTOR = 3
PEAK_WORDS = (
    "peak",
    "max",
    "maximum",
    "busiest",
    "busy hour",
    "rush hour",
    "spike",
    "burst",
    "surge",
    "worst case",
)
#: Each word of PEAK_WORDS, to take a peak's name apart ("busy_hour_rps" → "rps").
PEAK_TOKENS = frozenset(word for phrase in PEAK_WORDS for word in phrase.split())


# ---------------------------------------------------------------------------------------- peak ---


@dataclass(frozen=True)
class Peak:
    """The peak read and write rates (per second) and the estimate rows they were read from."""

    reads: float = 0.0
    writes: float = 0.0
    read_rows: tuple[int, ...] = ()
    write_rows: tuple[int, ...] = ()
    #: Hit ratios the estimates state, by kind ("cache", "cdn"), with the row each came from.
    hits: Mapping[str, tuple[float, int]] = field(default_factory=dict)
    #: What a person should know about how the figures were chosen.
    notes: tuple[str, ...] = ()
    #: What each class is of, in the words of its rows' names ("msg" for ``msgs_per_day``): arrows
    #: that name what they carry carry a class only when they name its subject.
    subjects: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Rows named as a peak, or as a rate of a class no peak row gives, that do not evaluate: the
    #: load is then larger than the figures by an unknown amount.
    unreadable: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return self.reads > 0 or self.writes > 0

    def scaled(self, factor: float) -> Peak:
        """The same peak ``factor`` times over (a drill for a 10× peak)."""
        return replace(self, reads=self.reads * factor, writes=self.writes * factor)


def rate_row(row: Evaluated) -> bool:
    """Whether an estimate row is a rate (per second, per day…) the peak can be read from."""
    return _rate(row) is not None


#: A rate "per" one of these is what one box takes ("max_qps_per_server = 1K"), not the system's.
PER_BOX = re.compile(
    r"\bper (?:server|node|instance|host|machine|box|shard|partition|worker|core|cpu|pod|container|replica"
    r"|broker|process|thread|vm)s?\b",
    re.IGNORECASE,
)


def per_box(name: str) -> bool:
    """Whether an estimate row's name says it is one box's rate: ``qps_per_server``, "writes per node"."""
    return PER_BOX.search(name.replace("_", " ")) is not None


def _rate(row: Evaluated) -> float | None:
    if not row.ok or row.quantity is None or per_box(row.name):
        return None
    if row.quantity.dimensionality != quantity(1.0, "1/second").dimensionality:
        return None
    value = float(row.quantity.to("1/second").magnitude)
    return value if math.isfinite(value) and value > 0 else None


def _class_of(name: str) -> str | None:
    words = name.replace("_", " ")
    if mentions_any(words, READ_WORDS):
        return "reads"
    if mentions_any(words, WRITE_WORDS):
        return "writes"
    return None


def _evaluated(estimates: Sequence[dict] | Sequence[Evaluated]) -> list[Evaluated]:
    """The rows evaluated: as given when they already are, else by the estimate evaluator."""
    items = list(estimates)
    if all(isinstance(row, Evaluated) for row in items):
        return cast(list[Evaluated], items)
    return evaluate_rows(cast(list[dict], items))


def find_peak(
    estimates: Sequence[dict] | Sequence[Evaluated], read_row: str | None = None, write_row: str | None = None
) -> Peak:
    """Read the peak read and write rates from the estimate rows.

    A rate row is a read when its name says so (``read_qps``, ``redirects_per_s``), a write when
    its name says so (``write_qps``, ``msgs_per_day``). Rows named peak are preferred. A peak row
    that names neither (``peak_qps``) belongs to the class of the rows it is worked out from, or is
    split between reads and writes in the ratio of their averages when it is worked out from both;
    a peak that says nothing at all is taken as reads (requests that don't say they write).
    Without a peak row three times the average is used (the top of the framework's peak = 2–3×
    average, so leaving the peak out never passes what a stated peak fails), and a note says so.
    ``read_row`` / ``write_row`` name the rows to use instead, when the candidate picks them.
    """
    rows = _evaluated(estimates)
    rates = {i: r for i, row in enumerate(rows) if (r := _rate(row)) is not None}
    names = {i: rows[i].name for i in rates}
    notes: list[str] = []
    chosen: dict[str, tuple[float, tuple[int, ...]]] = {}
    for cls, wanted in (("reads", read_row), ("writes", write_row)):
        if wanted is None:
            continue
        index = next((i for i, n in names.items() if n == wanted), None)
        if index is None:
            notes.append(f"No estimate row {wanted!r} with a rate: the {cls} were chosen as usual.")
        else:
            chosen[cls] = (rates[index], (index,))
    by_class: dict[str, list[int]] = {"reads": [], "writes": []}
    generic_peaks: list[int] = []
    generic_averages: list[int] = []  # "qps", "avg_rps": a rate that says neither
    for i, name in names.items():
        named_class = _class_of(name)
        if named_class:
            by_class[named_class].append(i)
        elif mentions_any(name.replace("_", " "), PEAK_WORDS):
            generic_peaks.append(i)
        else:
            generic_averages.append(i)

    def is_peak(i: int) -> bool:
        return mentions_any(names[i].replace("_", " "), PEAK_WORDS) is not None

    for cls in ("reads", "writes"):
        if cls in chosen:
            continue
        peaks = [i for i in by_class[cls] if is_peak(i)]
        if peaks:
            best = max(peaks, key=lambda i: rates[i])
            chosen[cls] = (rates[best], (best,))
            if len(peaks) > 1:
                notes.append(_ambiguous(cls, best, peaks, names))
    averages = {cls: max(by_class[cls], key=lambda i: rates[i]) for cls in by_class if by_class[cls]}
    for p in sorted(generic_peaks, key=lambda i: -rates[i]):
        inputs = rows[p].inputs
        from_classes = [cls for cls in ("reads", "writes") if any(i in inputs for i in by_class[cls])]
        if len(from_classes) == 1:
            cls = from_classes[0]
            if cls not in chosen:
                chosen[cls] = (rates[p], (p,))
        elif len(from_classes) == 2 and "reads" not in chosen and "writes" not in chosen:
            r, w = rates[averages["reads"]], rates[averages["writes"]]
            chosen["reads"] = (rates[p] * r / (r + w), (p, averages["reads"], averages["writes"]))
            chosen["writes"] = (rates[p] * w / (r + w), (p, averages["reads"], averages["writes"]))
            notes.append(
                f"{names[p]} is split between reads and writes as {names[averages['reads']]} : "
                f"{names[averages['writes']]}."
            )
        elif not from_classes and not chosen:
            chosen["reads"] = (rates[p], (p,))
            notes.append(f"{names[p]} does not say whether it reads or writes: taken as reads.")
    # Without a peak the design is judged at the top of the framework's peak = 2–3× average: judged
    # at the average, leaving the peak row out would pass capacity checks a stated 3× peak fails.
    for cls in ("reads", "writes"):
        if cls not in chosen and cls in averages:
            best = averages[cls]
            chosen[cls] = (rates[best] * PEAK_FACTOR, (best,))
            notes.append(
                f"No peak row for {cls}: {PEAK_FACTOR}× the average {names[best]} is used (peak = 2–3× "
                "average). Add a peak row."
            )
    if "reads" not in chosen and generic_averages:  # taken as reads, as a peak that says nothing is
        best = max(generic_averages, key=lambda i: rates[i])
        chosen["reads"] = (rates[best] * PEAK_FACTOR, (best,))
        notes.append(
            f"No peak row for reads: {PEAK_FACTOR}× the average {names[best]}, which does not say whether "
            "it reads or writes, is used as reads (peak = 2–3× average). Add a peak row."
        )
    peaked = {cls for cls in chosen if any(is_peak(i) for i in chosen[cls][1])}

    def hides_load(name: str) -> bool:
        """Whether a row that does not evaluate may hold load the figures miss: a rate of a class
        no peak row gives, or a peak that names no class."""
        cls = _class_of(name)
        if cls is None:
            return mentions_any(name.replace("_", " "), PEAK_WORDS) is not None
        return cls not in peaked

    unreadable = tuple(
        row.name for row in rows if not row.ok and not per_box(row.name) and hides_load(row.name)
    )
    for cls in ("reads", "writes"):
        if cls not in chosen:
            notes.append(f"No {cls[:-1]} rate in the estimates: {cls} are taken as 0.")
    hits: dict[str, tuple[float, int]] = {}
    for i, row in enumerate(rows):
        name = row.name.replace("_", " ")
        if not mentions_any(name, ("hit",)) or not row.ok or row.quantity is None:
            continue
        if row.quantity.dimensionless and 0 < float(row.quantity.magnitude) <= 1:
            hits["cdn" if mentions_any(name, ("cdn",)) else "cache"] = (float(row.quantity.magnitude), i)
    reads, read_rows = chosen.get("reads", (0.0, ()))
    writes, write_rows = chosen.get("writes", (0.0, ()))
    subjects = {
        "reads": _subject(rows, read_rows),
        "writes": _subject(rows, write_rows),
    }
    return Peak(reads, writes, read_rows, write_rows, hits, tuple(notes), subjects, unreadable)


#: Words of a row's name that say how it is measured, not what of.
_MEASURE_WORDS = (
    frozenset(
        [
            "qps",
            "rps",
            "tps",
            "ops",
            "op",
            "per",
            "a",
            "an",
            "the",
            "of",
            "in",
            "out",
            "by",
            "day",
            "days",
            "daily",
            "second",
            "seconds",
            "sec",
            "s",
            "hour",
            "hours",
            "month",
            "months",
            "monthly",
            "year",
            "years",
            "yr",
            "week",
            "minute",
            "peak",
            "avg",
            "average",
            "max",
            "maximum",
            "mean",
            "total",
            "rate",
            "rates",
            "read",
            "reads",
            "write",
            "writes",
            "count",
            "number",
            "num",
            "user",
            "users",
            "dau",
            "mau",
            "active",
            "new",
            "request",
            "requests",
            "req",
            "reqs",
            "bandwidth",
            "storage",
            "size",
            "bytes",
            "byte",
            "kb",
            "mb",
            "gb",
            "tb",
            "traffic",
            "load",
            "throughput",
            "query",
            "queries",
            "x",
            "factor",
            "ratio",
            "spike",
            "busiest",
        ]
    )
    | PEAK_TOKENS
)
_SUBJECT_SYNONYMS = {"msg": "message", "msgs": "message", "tweets": "tweet", "img": "image", "pic": "photo"}


def _subject(rows: list[Evaluated], chosen: tuple[int, ...]) -> frozenset[str]:
    """The words that say what a class's rows count: their names and the names they're worked
    out from, less the words of measure (``msgs_per_day`` → ``message``)."""
    indexes = set(chosen)
    for i in chosen:
        indexes |= set(rows[i].inputs)
    words: set[str] = set()
    for i in sorted(indexes):
        for word in normalize(rows[i].name.replace("_", " ")).split():
            if word not in _MEASURE_WORDS and not word.isdigit() and len(word) > 1:
                words.add(_SUBJECT_SYNONYMS.get(word, word))
    return frozenset(words)


def _ambiguous(cls: str, best: int, candidates: list[int], names: dict[int, str]) -> str:
    others = ", ".join(names[i] for i in candidates if i != best)
    return (
        f"Several peak {cls} rows: {names[best]} (the largest) is used, not {others}. Pick one to change it."
    )


# ------------------------------------------------------------------------------------- routing ---


@dataclass
class Inflow:
    """Load that came into a box by one arrow: which, from where, and what share it carried."""

    arrow: str
    source: str
    reads: float
    writes: float
    why: str = ""


@dataclass
class BoxLoad:
    """One box's offered load against its capacity."""

    id: str
    label: str
    kind: str
    replicas: int
    managed: bool
    #: Grows with its load: managed, run by a provider, or said to autoscale — reported, not judged.
    elastic: bool = False
    reads: float = 0.0
    writes: float = 0.0
    #: One instance's capacity (reads/s, writes/s); None where the kind is not modelled.
    capacity_reads: float | None = None
    capacity_writes: float | None = None
    #: The load by each arrow it came in by, by arrow id.
    inflows: dict[str, Inflow] = field(default_factory=dict)
    on_client_path: bool = False

    @property
    def load(self) -> float:
        return self.reads + self.writes

    @property
    def modelled(self) -> bool:
        return self.capacity_reads is not None and self.capacity_writes is not None

    def utilisation(self, instances: float | None = None) -> float | None:
        """Load ÷ capacity, reads and writes each taking their share of the instances' time."""
        if not self.modelled:
            return None
        n = self.replicas if instances is None else instances
        if n <= 0:
            return math.inf if self.load > 0 else 0.0
        assert self.capacity_reads is not None and self.capacity_writes is not None
        return self.reads / (n * self.capacity_reads) + self.writes / (n * self.capacity_writes)


@dataclass
class Capacity:
    """The load on every box for one peak, the bottleneck and the slowest synchronous path."""

    peak: Peak
    boxes: dict[str, BoxLoad]
    #: The box on a client path with the highest utilisation (None when no box is loaded).
    bottleneck: str | None
    #: The client path with the most latency along sync arrows, and its total in milliseconds.
    slowest_path: list[str]
    latency_ms: float
    notes: list[str]

    def over(self, limit: float) -> list[str]:
        """The boxes on client paths whose utilisation exceeds ``limit``, highest first."""
        found = [
            b.id
            for b in self.boxes.values()
            if b.on_client_path and not b.elastic and (u := b.utilisation()) is not None and u > limit
        ]
        return sorted(found, key=lambda b: -(self.boxes[b].utilisation() or 0.0))


def profile_of(data: Mapping[str, Any], overrides: Mapping[str, Mapping[str, float]] | None) -> Profile:
    kind = data.get("kind", "other")
    profile = PROFILES.get(kind, PROFILES["other"])
    for source in ((overrides or {}).get(kind), data.get("capacity")):
        if isinstance(source, (int, float)) and not isinstance(source, bool) and source > 0:
            profile = replace(profile, reads=float(source), writes=float(source))
        elif isinstance(source, Mapping):
            changes = {
                k: float(v)
                for k, v in source.items()
                if k in ("reads", "writes", "latency_ms", "availability", "storage_bytes", "bandwidth_bytes")
                and isinstance(v, (int, float))
                and not isinstance(v, bool)
                and v >= 0
            }
            profile = replace(profile, **changes)
    return profile


def elastic(data: Mapping[str, Any], kind: str) -> bool:
    """Whether a box grows with its load, so its utilisation is reported but not judged: managed,
    a provider's kind (DNS, CDN), or a label or notes that say it autoscales — unless the box
    states its own ``capacity``, which is then the limit the candidate claims."""
    if data.get("capacity") is not None:
        return False
    if provider_run({**data, "kind": kind}):
        return True
    said = f"{data.get('label') or ''} {data.get('notes') or ''}".lower()
    return "autoscal" in said.replace("-", "").replace(" ", "")


@functools.lru_cache(maxsize=4096)
def words_of(text: str) -> frozenset[str]:
    """Every word of ``text`` and what it may be the plural of, to match single words against:
    labels repeat ("calls", "write"), so each is read once."""
    return frozenset(form for word in normalize(text).split() for form in _forms(word))


_READ_SET = frozenset(READ_WORDS)
_WRITE_SET = frozenset(WRITE_WORDS)


def _arrow_class(arrow: Mapping[str, Any], target_kind: str) -> str:
    if arrow.get("mode") == "replication":
        return "writes"
    if target_kind == "read_replica":
        return "reads"
    words = words_of(arrow.get("label") or "")
    if words & _READ_SET:
        return "reads"
    if words & _WRITE_SET:
        return "writes"
    return "both"


class _Board:
    """The board's boxes and arrows as the load model reads them, built once per computation."""

    def __init__(self, board: Mapping[str, Any], overrides: Mapping[str, Mapping[str, float]] | None = None):
        self.nodes: dict[str, Mapping[str, Any]] = {
            n["data"]["id"]: n["data"] for n in board.get("nodes") or []
        }
        # a consumer drawn pulling from its queue takes its load from it (as the checks read it)
        self.arrows: list[Mapping[str, Any]] = [
            e["data"] for e in as_requests(dict(board)).get("edges") or []
        ]
        self.kind = {n: d.get("kind", "other") for n, d in self.nodes.items()}
        self.profile = {n: profile_of(d, overrides) for n, d in self.nodes.items()}
        #: The arrows out of and into each box that carry requests (not replication, not to itself).
        self.out: dict[str, list[Mapping[str, Any]]] = {n: [] for n in self.nodes}
        self.into: dict[str, list[Mapping[str, Any]]] = {n: [] for n in self.nodes}
        for arrow in self.arrows:
            if arrow.get("mode", "sync") != "replication" and arrow["source"] != arrow["target"]:
                self.out[arrow["source"]].append(arrow)
                self.into[arrow["target"]].append(arrow)
        self.clients = [n for n, k in self.kind.items() if k == "client"]
        self.by_id = {a["id"]: a for a in self.arrows}
        #: What each arrow carries: reads, writes or both.
        self.cls = {a["id"]: _arrow_class(a, self.kind[a["target"]]) for a in self.arrows}
        self.elastic = {n: elastic(d, self.kind[n]) for n, d in self.nodes.items()}
        #: Said to be replicated on the box ("primary + 2 replicas", "RF=3"): one instance lost fails over.
        self.said_replicated = {n: said_replicated(d) for n, d in self.nodes.items()}
        self.position = {a["id"]: i for i, a in enumerate(self.arrows)}
        self.standby: dict[str, str] | None = None  # built when a drill first asks

    def replicas(self, box: str) -> int:
        value = self.nodes[box].get("replicas", 1)
        return value if isinstance(value, int) and value >= 1 else 1

    def order(self, dead: frozenset[str] = frozenset()) -> tuple[list[str], set[str]]:
        """The boxes the clients reach, in an order where each comes after every box that sends it
        load, and the arrows (by id) that lead back to a box already on the way."""
        colour: dict[str, int] = {}  # 1 = on the current path, 2 = done
        post: list[str] = []
        back: set[str] = set()
        for client in self.clients:
            if client in colour or client in dead:
                continue
            colour[client] = 1
            stack = [(client, iter(self.out[client]))]
            while stack:
                box, arrows = stack[-1]
                for arrow in arrows:
                    target = arrow["target"]
                    if target in dead:
                        continue
                    state = colour.get(target)
                    if state == 1:
                        back.add(arrow["id"])
                    elif state is None:
                        colour[target] = 1
                        stack.append((target, iter(self.out[target])))
                        break
                else:
                    stack.pop()
                    colour[box] = 2
                    post.append(box)
        post.reverse()
        return post, back


def route(
    board: Mapping[str, Any],
    peak: Peak,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
    dead: Iterable[str] = (),
    _model: _Board | None = None,
) -> dict[str, BoxLoad]:
    """Route the peak from the clients along the arrows; return each box's load (the module's rules)."""
    model = _model or _Board(board, overrides)
    dead_set = frozenset(dead)
    loads = {
        n: BoxLoad(
            n,
            node_label(dict(d)),
            model.kind[n],
            model.replicas(n),
            d.get("managed") is True,
            model.elastic[n],
            capacity_reads=model.profile[n].reads,
            capacity_writes=model.profile[n].writes,
        )
        for n, d in model.nodes.items()
    }
    order, back = model.order(dead_set)
    clients = [c for c in model.clients if c not in dead_set]
    for client in clients:
        loads[client].reads = peak.reads / len(clients)
        loads[client].writes = peak.writes / len(clients)
    hit = {kind: peak.hits.get(kind, (DEFAULT_HIT[kind], -1))[0] for kind in DEFAULT_HIT}
    named, leads = _subject_routes(model, peak, dead_set)
    for box in order:
        load = loads[box]
        load.on_client_path = True
        # What the box passes on: its own load, less what came by arrows leading back.
        reads = load.reads - sum(i.reads for i in load.inflows.values() if i.arrow in back)
        writes = load.writes - sum(i.writes for i in load.inflows.values() if i.arrow in back)
        kind = model.kind[box]
        arrows = [a for a in model.out[box] if a["target"] not in dead_set]
        reads_from_cache = any(
            model.kind[a["target"]] == "cache" and model.cls[a["id"]] != "writes" for a in arrows
        )
        classes = [model.cls[a["id"]] for a in arrows]
        picks_one = kind in ROUTERS or kind == "client"
        for cls_name in ("reads", "writes"):
            carriers = [a for a, c in zip(arrows, classes, strict=True) if c in (cls_name, "both")]
            amount = reads if cls_name == "reads" else writes
            if not carriers or amount <= 0:
                continue
            subject_note = ""
            if picks_one and leads[cls_name]:
                towards = [
                    a for a in carriers if a["target"] in leads[cls_name] or a["id"] in named[cls_name]
                ]
                if towards and len(towards) < len(carriers):
                    carriers = towards
                    subject_note = f"{cls_name} of {' '.join(sorted(peak.subjects[cls_name]))} go this way"
            groups: dict[str, list[Mapping[str, Any]]] = {}
            for arrow in carriers:
                groups.setdefault("*" if picks_one else model.kind[arrow["target"]], []).append(arrow)
            for group in groups.values():
                split = amount / len(group)
                for arrow in group:
                    target_kind = model.kind[arrow["target"]]
                    carried, why = split, subject_note
                    if len(group) > 1:
                        why = _join(why, f"1/{len(group)} of {load.label}'s {cls_name}")
                    if cls_name == "reads" and kind in DEFAULT_HIT:
                        carried *= 1 - hit[kind]
                        why = _join(why, f"misses at {1 - hit[kind]:.0%}")
                    elif cls_name == "reads" and reads_from_cache and target_kind in DATASTORE_KINDS:
                        carried *= 1 - hit["cache"]
                        why = _join(why, f"cache-aside misses at {1 - hit['cache']:.0%}")
                    share = _share(arrow)
                    if share is not None:
                        carried *= share
                        why = _join(why, f"its share {share:g}")
                    _add(loads[arrow["target"]], arrow, box, cls_name, carried, why)
    for arrow in model.arrows:
        source, target = arrow["source"], arrow["target"]
        if (
            arrow.get("mode") == "replication"
            and loads[source].on_client_path
            and target not in dead_set
            and source != target
        ):
            _add(loads[target], arrow, source, "writes", loads[source].writes, "replicated writes")
    return loads


def _share(arrow: Mapping[str, Any]) -> float | None:
    """The share of its source's load an arrow says it carries (``share`` in its data, 0 to 1)."""
    value = arrow.get("share")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    return None


def _subject_routes(
    model: _Board, peak: Peak, dead: frozenset[str]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Per class, the arrows whose label names its subject ("write message" for messages) and the
    boxes from which such an arrow can be reached: where a router sends that class."""
    named: dict[str, set[str]] = {"reads": set(), "writes": set()}
    leads: dict[str, set[str]] = {"reads": set(), "writes": set()}
    for cls in ("reads", "writes"):
        subject = frozenset(form for word in peak.subjects.get(cls) or () for form in _forms(word))
        if not subject:
            continue
        for arrow in model.arrows:
            if (
                arrow.get("mode", "sync") != "replication"
                and arrow["target"] not in dead
                and words_of(arrow.get("label") or "") & subject
            ):
                named[cls].add(arrow["id"])
        frontier = [model.by_id[a]["source"] for a in named[cls]]
        seen = set(frontier)
        while frontier:
            box = frontier.pop()
            for arrow in model.into[box]:
                source = arrow["source"]
                if source not in seen and source not in dead:
                    seen.add(source)
                    frontier.append(source)
        leads[cls] = seen
    return named, leads


def _join(a: str, b: str) -> str:
    return f"{a}, {b}" if a else b


def _add(load: BoxLoad, arrow: Mapping[str, Any], source: str, cls: str, amount: float, why: str) -> None:
    if cls == "reads":
        load.reads += amount
    else:
        load.writes += amount
    inflow = load.inflows.get(arrow["id"])
    if inflow is None:
        load.inflows[arrow["id"]] = Inflow(
            arrow["id"], source, amount if cls == "reads" else 0.0, amount if cls == "writes" else 0.0, why
        )
        return
    inflow.reads += amount if cls == "reads" else 0.0
    inflow.writes += amount if cls == "writes" else 0.0
    inflow.why = inflow.why if not why or why in inflow.why else _join(inflow.why, why)


def _slowest_path(model: _Board, order: list[str], back: set[str]) -> tuple[list[str], float]:
    """The client path with the most latency along sync arrows (async ones end what a user waits for)."""
    best: dict[str, tuple[float, str | None]] = {c: (0.0, None) for c in model.clients if c in order}
    for box in order:
        if box not in best:
            continue  # reached only by async arrows: nobody waits for it
        total = best[box][0]
        for arrow in model.out[box]:
            if arrow.get("mode", "sync") != "sync" or arrow["id"] in back:
                continue
            target = arrow["target"]
            candidate = total + model.profile[target].latency_ms
            if target not in best or candidate > best[target][0]:
                best[target] = (candidate, box)
    if not best:
        return [], 0.0
    end = max(best, key=lambda b: best[b][0])
    path: list[str] = []
    current: str | None = end
    seen: set[str] = set()
    while current is not None and current not in seen:
        seen.add(current)
        path.append(current)
        current = best[current][1]
    return path[::-1], best[end][0]


def capacity(
    session: Mapping[str, Any],
    peak: Peak | None = None,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
    _model: _Board | None = None,
) -> Capacity:
    """The load on every box of a session's board at its peak (or at ``peak``), and the bottleneck."""
    board = session.get("board") or {}
    if peak is None:
        peak = find_peak(((session.get("panels") or {}).get("estimates")) or [])
    model = _model or _Board(board, overrides)
    loads = route(board, peak, overrides, _model=model)
    order, back = model.order()
    path, latency = _slowest_path(model, order, back)
    candidates = [
        b
        for b in loads.values()
        if b.on_client_path and not b.elastic and b.load > 0 and b.utilisation() is not None
    ]
    bottleneck = max(candidates, key=lambda b: b.utilisation() or 0.0).id if candidates else None
    notes = list(peak.notes)
    if not model.clients:
        notes.append("No client on the board: nothing sends load.")
    return Capacity(peak, loads, bottleneck, path, latency, notes)


# -------------------------------------------------------------------------------------- drills ---


@dataclass
class Drill:
    """What happens when a box fails: the whole box (``whole``) or one of its instances."""

    box: str
    whole: bool
    #: Arrows no longer served, by id, each with the box whose loss (or stall) stopped it.
    broken: dict[str, str]
    #: Boxes left with less capacity than their load: id → utilisation after the failure.
    degraded: dict[str, float]
    #: The arrows the clients used before the failure (shared between drills: not to be changed).
    served: list[str]
    #: Workers that stop because a box they call for every job is gone.
    stalled: list[str]
    #: What the box fails over to (a standby it replicates with), if anything.
    failover: str | None = None
    #: For one instance lost: the utilisation of the instances left (None where not modelled).
    rest_utilisation: float | None = None

    @property
    def verdict(self) -> str:
        return "breaks" if self.broken else "degrades" if self.degraded else "survives"

    @property
    def surviving(self) -> list[str]:
        """The arrows still served."""
        return [a for a in self.served if a not in self.broken]


def _alive_reach(model: _Board, dead: frozenset[str], stalled: frozenset[str]) -> set[str]:
    seen = {c for c in model.clients if c not in dead}
    frontier = list(seen)
    while frontier:
        box = frontier.pop()
        if box in stalled:
            continue
        for arrow in model.out[box]:
            target = arrow["target"]
            if target not in seen and target not in dead:
                seen.add(target)
                frontier.append(target)
    return seen


def _standby(model: _Board, box: str) -> str | None:
    """The box ``box`` replicates with in its family (a standby it fails over to), if any."""
    if model.standby is None:
        model.standby = {}
        for arrow in model.arrows:
            a, b = arrow["source"], arrow["target"]
            if arrow.get("mode") == "replication" and a != b and same_family(model.kind[a], model.kind[b]):
                model.standby.setdefault(a, b)
                model.standby.setdefault(b, a)
    return model.standby.get(box)


_ROOT = object()  # the virtual source before every client, as in the single-point-of-failure check


@dataclass
class _DrillContext:
    """What every drill of one board shares: the arrows served, and the dominator tree of the flow
    from the clients (a box's loss cuts off exactly the boxes in its subtree), numbered so that a
    subtree is a slice of the preorder."""

    model: _Board
    base: Capacity
    served: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        model = self.model
        self.reach = _alive_reach(model, frozenset(), frozenset())
        self.served = [
            a["id"]
            for a in model.arrows
            if a["source"] in self.reach
            and a["source"] != a["target"]
            and a.get("mode", "sync") != "replication"
        ]
        flow: nx.DiGraph = nx.DiGraph()
        flow.add_edges_from((_ROOT, c) for c in model.clients)
        flow.add_edges_from((a["source"], a["target"]) for b in self.reach for a in model.out[b])
        children: dict[Any, list[str]] = {}
        if model.clients:
            for box, parent in nx.immediate_dominators(flow, _ROOT).items():
                if box is not _ROOT:
                    children.setdefault(parent, []).append(box)
        self.preorder: list[str] = []
        self.first: dict[str, int] = {}
        self.last: dict[str, int] = {}
        stack: list[tuple[Any, bool]] = [(_ROOT, False)]
        while stack:
            box, done = stack.pop()
            if done:
                self.last[box] = len(self.preorder) - 1
                continue
            if box is not _ROOT:
                self.first[box] = len(self.preorder)
                self.preorder.append(box)
                stack.append((box, True))
            stack.extend((child, False) for child in reversed(children.get(box, [])))
        #: Workers that call each box with a sync arrow: its loss stalls them.
        self.callers: dict[str, list[str]] = {}
        for worker in self.reach:
            if model.kind[worker] == "worker":
                for arrow in model.out[worker]:
                    if arrow.get("mode", "sync") == "sync":
                        self.callers.setdefault(arrow["target"], []).append(worker)

    def cut_off(self, box: str) -> list[str]:
        """The boxes the clients no longer reach without ``box`` (itself included)."""
        if box not in self.first:
            return []
        return self.preorder[self.first[box] : self.last[box] + 1]


def drill(
    session: Mapping[str, Any],
    box: str,
    whole: bool = True,
    base: Capacity | None = None,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
    _model: _Board | None = None,
) -> Drill:
    """Fail ``box`` — the whole box, or (``whole=False``) one of its instances — and say what breaks.

    A whole box that is lost stops every arrow into it and out of it, and every arrow out of a box
    the clients then no longer reach. A worker handles a job as one unit: when a box it calls with a
    sync arrow is gone, its jobs fail, so its other arrows stop too (the queue keeps the jobs: they
    are delayed, not lost). The load is then routed again over what is left, and boxes whose
    capacity is now below their load are degraded.

    One instance of a box with several replicas leaves the rest serving its load; a managed box
    is replaced by its provider; a box with a standby (a replication arrow to its family, or said on
    the box: "primary + replica", "RF=3") fails over. Only when none of these holds does one
    instance's failure lose the box.
    """
    model = _model or _Board(session.get("board") or {}, overrides)
    if box not in model.nodes:
        raise KeyError(box)
    context = _DrillContext(model, base or capacity(session, overrides=overrides))
    return _drill(context, box, whole, overrides)


def _drill(context: _DrillContext, box: str, whole: bool, overrides) -> Drill:
    model, base = context.model, context.base
    replicas = model.replicas(box)
    elastic = model.elastic[box]
    failover = None if whole else _standby(model, box)
    if not whole and (replicas >= 2 or elastic or failover or model.said_replicated[box]):
        degraded: dict[str, float] = {}
        load = base.boxes[box]
        after = load.utilisation(replicas - 1 if replicas >= 2 and not elastic else replicas)
        if after is not None and after > 1 and load.on_client_path and not elastic:
            degraded[box] = after
        return Drill(box, False, {}, degraded, context.served, [], failover, after)
    dead = frozenset({box})
    stalled: set[str] = set()
    broken: dict[str, str] = {}
    if box in context.callers:
        # A worker stalls: the boxes it alone led to go too. Rare; walked in full.
        while True:
            reach = _alive_reach(model, dead, frozenset(stalled))
            newly = {
                w
                for w in reach
                if model.kind[w] == "worker"
                and w not in stalled
                and any(a.get("mode", "sync") == "sync" and a["target"] in dead for a in model.out[w])
            }
            if not newly:
                break
            stalled |= newly
        for arrow_id in context.served:
            arrow = model.by_id[arrow_id]
            source, target = arrow["source"], arrow["target"]
            cut_off = source not in reach and source != box
            if cut_off or (
                box in (source, target) and not _alternative(model, arrow, box, reach.__contains__)
            ):
                broken[arrow_id] = box
            elif source in stalled:
                broken[arrow_id] = source
    else:
        # Only the boxes in its dominator subtree lose the clients: look at their arrows alone.
        gone = set(context.cut_off(box))
        alive = lambda b: b in context.reach and b not in gone  # noqa: E731
        for lost in gone:
            for arrow in model.out[lost]:
                if lost != box or not _alternative(model, arrow, box, alive):
                    broken[arrow["id"]] = box
        for arrow in model.into[box]:
            if arrow["source"] in context.reach and not _alternative(model, arrow, box, alive):
                broken[arrow["id"]] = box
        broken = {a: broken[a] for a in sorted(broken, key=model.position.__getitem__)}  # board order
    degraded = _degraded(context, box, dead, overrides) if _shifts_load(model, box) else {}
    return Drill(box, True, broken, degraded, context.served, sorted(stalled), None)


#: Up to this many boxes, a drill routes the whole load again; past it, the survivors of a split take
#: the lost box's share and the load further on is taken as unchanged (every drill of 2,000 boxes
#: in well under 2 s, not one full routing each).
EXACT_UP_TO = 300


def _degraded(context: _DrillContext, box: str, dead: frozenset[str], overrides) -> dict[str, float]:
    model, base = context.model, context.base
    degraded: dict[str, float] = {}
    if len(model.nodes) <= EXACT_UP_TO:
        loads = route({}, base.peak, overrides, dead=dead, _model=model)
        for b, load in loads.items():
            u = load.utilisation()
            worse = u is not None and u > 1 and u > (base.boxes[b].utilisation() or 0.0) + 1e-9
            if b != box and worse and load.on_client_path and not load.elastic:
                degraded[b] = u  # type: ignore[assignment]
        return degraded
    extra: dict[str, list[float]] = {}
    for inflow in base.boxes[box].inflows.values():
        source = inflow.source
        picks_one = model.kind[source] in ROUTERS or model.kind[source] == "client"
        siblings = [
            a["target"]
            for a in model.out[source]
            if a["target"] != box
            and (picks_one or model.kind[a["target"]] == model.kind[box])
            and a["id"] in base.boxes[a["target"]].inflows
        ]
        for sibling in siblings:
            add = extra.setdefault(sibling, [0.0, 0.0])
            add[0] += inflow.reads / len(siblings)
            add[1] += inflow.writes / len(siblings)
    for sibling, (reads, writes) in extra.items():
        load = base.boxes[sibling]
        after = replace(load, reads=load.reads + reads, writes=load.writes + writes).utilisation()
        if (
            after is not None
            and after > 1
            and after > (load.utilisation() or 0.0) + 1e-9
            and not load.elastic
        ):
            degraded[sibling] = after
    return degraded


def _alternative(model: _Board, arrow: Mapping[str, Any], lost: str, alive: Callable[[str], bool]) -> bool:
    """Whether what ``arrow`` did goes on without ``lost``: its source sends the same requests to
    another box of the lost one's kind, or another box of that kind, sent the same requests,
    makes the same call."""
    kind = model.kind[lost]
    if arrow["target"] == lost:
        return any(
            other["target"] != lost and alive(other["target"]) and model.kind[other["target"]] == kind
            for other in model.out[arrow["source"]]
        )
    peers = {
        other["target"]
        for into in model.into[lost]
        for other in model.out[into["source"]]
        if other["target"] != lost and alive(other["target"]) and model.kind[other["target"]] == kind
    }
    return any(out["target"] == arrow["target"] for peer in peers for out in model.out[peer])


def _shifts_load(model: _Board, box: str) -> bool:
    """Whether losing ``box`` can put more load on another: only when a box that sent it load splits
    that load between it and others (a router's targets, a pool of one kind)."""
    for arrow in model.into[box]:
        source = arrow["source"]
        picks_one = model.kind[source] in ROUTERS or model.kind[source] == "client"
        for other in model.out[source]:
            if other["target"] != box and (picks_one or model.kind[other["target"]] == model.kind[box]):
                return True
    return False


def single_failures(
    session: Mapping[str, Any],
    base: Capacity | None = None,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
    _model: _Board | None = None,
) -> dict[str, Drill]:
    """Every box on a client path failed once, one at a time, as one failure takes it: one instance
    of a redundant box, the whole of one that isn't. The board is read once for all of them."""
    board = session.get("board") or {}
    model = _model or _Board(board, overrides)
    base = base or capacity(session, overrides=overrides)
    context = _DrillContext(model, base)
    return {
        box: _drill(context, box, whole=False, overrides=overrides)
        for box, load in base.boxes.items()
        if load.on_client_path and model.kind[box] not in NOT_DRILLED
    }


def client_paths(session: Mapping[str, Any], _model: _Board | None = None) -> dict[str, list[str]]:
    """For each arrow the clients reach, the shortest path of boxes from a client through it."""
    model = _model or _Board(session.get("board") or {})
    parent: dict[str, str | None] = {c: None for c in model.clients}
    frontier = list(model.clients)
    while frontier:
        following = []
        for box in frontier:
            for arrow in model.out[box]:
                if arrow["target"] not in parent:
                    parent[arrow["target"]] = box
                    following.append(arrow["target"])
        frontier = following
    paths: dict[str, list[str]] = {}
    for arrow in model.arrows:
        if arrow["source"] not in parent or arrow.get("mode") == "replication":
            continue
        path, current = [arrow["target"]], arrow["source"]
        while current is not None:
            path.append(current)
            current = parent[current]
        paths[arrow["id"]] = path[::-1]
    return paths


# -------------------------------------------------------------------------------- availability ---


def nines(availability: float) -> float:
    """How many nines an availability has: 0.999 → 3.0, 0.9995 → 3.3."""
    if availability >= 1:
        return math.inf
    return -math.log10(1 - availability)


def availability(session: Mapping[str, Any], path: list[str], overrides=None) -> float:
    """The availability of a client path: its boxes in series, each box's instances in parallel
    (any one of ``replicas`` serving is enough, a standby counting as one more), a managed box at
    its provider's figure."""
    return _path_availability(_Board(session.get("board") or {}, overrides), path)


def _path_availability(model: _Board, path: list[str]) -> float:
    total = 1.0
    for box in dict.fromkeys(path):  # a box a path passes twice fails once
        one = model.profile[box].availability
        if model.nodes[box].get("managed") is True:
            total *= max(one, MANAGED_AVAILABILITY)
            continue
        copies = model.replicas(box) + (1 if _standby(model, box) or model.said_replicated[box] else 0)
        total *= 1 - (1 - one) ** copies
    return total


def path_availability(
    session: Mapping[str, Any], overrides=None, _model: _Board | None = None
) -> list[dict[str, Any]]:
    """Every client path to where it ends (an arrow into a box that sends nothing on), with its
    availability and nines, least available first."""
    model = _model or _Board(session.get("board") or {}, overrides)
    paths = client_paths(session, model)
    found = []
    for arrow_id, path in paths.items():
        if model.out[model.by_id[arrow_id]["target"]]:
            continue  # the path goes on: judged where it ends
        a = _path_availability(model, path)
        found.append({"arrow": arrow_id, "path": path, "availability": a, "nines": nines(a)})
    return sorted(found, key=lambda p: (p["availability"], model.position[p["arrow"]]))


# ------------------------------------------------------------------------------------- report ---


def verdict(utilisation: float | None, load: float, limit: float = 0.7, elastic: bool = False) -> str:
    """A box's state in a word: over (past its capacity), hot (past ``limit``), ok, idle, scales
    (grows with its load: managed, a provider's, autoscaling) or not modelled (a kind without
    figures: clients, external systems, monitoring)."""
    if utilisation is None:
        return "not modelled"
    if load <= 0:
        return "idle"
    if elastic:
        return "scales"
    return "over" if utilisation > 1 else "hot" if utilisation > limit else "ok"


def explain(
    session: Mapping[str, Any],
    fail: str | None = None,
    whole: bool = True,
    times: float = 1.0,
    read_row: str | None = None,
    write_row: str | None = None,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
    limit: float = 0.7,
    failures: bool = False,
) -> dict[str, Any]:
    """The capacity view and, with ``fail``, a drill, as plain data: what the CLI prints, the
    report shows and the workspace draws. Every figure names the rows and arrows it came from.
    ``failures`` adds every single failure's verdict (what ``scale.survives_single_failure`` reads)."""
    rows = evaluate_rows(((session.get("panels") or {}).get("estimates")) or [])
    peak = find_peak(rows, read_row, write_row)
    if times != 1.0:
        peak = peak.scaled(times)
    model = _Board(session.get("board") or {}, overrides)  # read once for the view, the drill and the paths
    result = capacity(session, peak, overrides, _model=model)
    labels = {box: load.label for box, load in result.boxes.items()}
    arrows = {a["data"]["id"]: a["data"] for a in (session.get("board") or {}).get("edges") or []}

    def row(i: int) -> dict[str, Any]:
        return {"index": i, "name": rows[i].name, "value": rows[i].display}

    boxes = []
    for load in result.boxes.values():
        u = load.utilisation()
        per_instance = None
        if load.modelled:
            per_instance = {"reads": load.capacity_reads, "writes": load.capacity_writes}
        boxes.append(
            {
                "id": load.id,
                "label": load.label,
                "kind": load.kind,
                "replicas": load.replicas,
                "reads": load.reads,
                "writes": load.writes,
                "load": load.load,
                "capacity": per_instance,
                "utilisation": u,
                "verdict": verdict(u, load.load, limit, load.elastic)
                if load.on_client_path
                else "not on a client path",
                "from": [
                    {
                        "arrow": i.arrow,
                        "label": arrows.get(i.arrow, {}).get("label") or "",
                        "source": labels.get(i.source, i.source),
                        "reads": i.reads,
                        "writes": i.writes,
                        "why": i.why,
                    }
                    for i in load.inflows.values()
                ],
            }
        )
    top = result.boxes.get(result.bottleneck or "")
    top_u = top.utilisation() if top else None
    data: dict[str, Any] = {
        "peak": {
            "reads": peak.reads,
            "writes": peak.writes,
            "times": times,
            "read_rows": [row(i) for i in peak.read_rows],
            "write_rows": [row(i) for i in peak.write_rows],
            "hit_ratios": {kind: {"ratio": r, "row": row(i)} for kind, (r, i) in peak.hits.items()},
        },
        "boxes": boxes,
        "bottleneck": result.bottleneck,
        "holds_up_to": (1 / top_u) if top_u else None,
        "slowest_path": {"boxes": result.slowest_path, "latency_ms": result.latency_ms},
        "notes": result.notes,
    }
    if fail is not None:
        d = drill(session, fail, whole, base=result, overrides=overrides, _model=model)
        paths = client_paths(session, model)
        data["drill"] = {
            "box": fail,
            "whole": d.whole,
            "verdict": d.verdict,
            "failover": d.failover,
            "rest_utilisation": d.rest_utilisation,
            "stalled": d.stalled,
            "broken": [
                {
                    "arrow": a,
                    "label": arrows[a].get("label") or "",
                    "path": [labels[b] for b in paths.get(a, [])],
                    "because": labels[why],
                }
                for a, why in d.broken.items()
            ],
            "degraded": [{"box": b, "label": labels[b], "utilisation": u} for b, u in d.degraded.items()],
            "surviving": len(d.surviving),
        }
    data["paths"] = [
        {**p, "label": arrows[p["arrow"]].get("label") or "", "path": [labels[b] for b in p["path"]]}
        for p in path_availability(session, overrides, model)
    ]
    if failures:
        data["failures"] = [
            {
                "box": box,
                "label": labels[box],
                "whole": d.whole,
                "verdict": d.verdict,
                "failover": labels.get(d.failover or ""),
                "broken": [arrows[a].get("label") or a for a in d.broken],
                "degraded": [{"label": labels[b], "utilisation": u} for b, u in d.degraded.items()],
            }
            for box, d in single_failures(session, result, overrides, model).items()
        ]
    return data


def rubric_settings(rubric: Any) -> tuple[dict[str, dict[str, float]], float]:
    """The per-kind figures and the utilisation limit a rubric gives ``scale.capacity_meets_peak``
    (the defaults when it has none), so the capacity view shows what the grade reads."""
    from designer.checks.registry import get_check

    for _, criterion in rubric.criteria():
        if criterion.check == "scale.capacity_meets_peak" and not criterion.disabled:
            params: Any = get_check(criterion.check).params.model_validate(criterion.params)
            figures = {kind: f.model_dump(exclude_none=True) for kind, f in params.capacity.items()}
            return figures, float(params.max_utilisation)
    return {}, 0.7


def per_second(value: float) -> str:
    """A rate for a person: ``23.1K /s``, ``0``."""
    from designer.units import format_quantity

    return format_quantity(quantity(value, "1/second")) if value else "0"
