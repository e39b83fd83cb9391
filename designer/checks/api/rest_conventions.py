"""Require REST conventions: versioned noun paths, standard methods, pagination on lists.

What it checks
    Every HTTP endpoint uses a standard method (GET, POST, PUT, PATCH, DELETE), a path that starts
    with ``/`` and carries a version (``/v1/…``, ``/api/v1.0/…``, ``/v1beta/…``, ``?api-version=``;
    or a version header in its request: ``Accept-Version``, ``X-API-Version``,
    ``application/vnd.x.v2+json``), and no verb in the path
    (``/getMessages``, ``/get_user``, ``/users/{id}/delete``; ``/addresses`` and ``/settings`` are
    nouns, and so are ``/add-ons``). A GET of a collection (a path whose last segment is a plural
    noun; not ``/status``, ``/address``, ``/stats``, ``/settings``, ``/analytics``) takes paging
    parameters (``limit``, ``cursor``, ``page``, ``offset``, ``before``, ``after``, in any case or
    compound: ``pageToken``, ``per_page``, ``max_results``, ``since_id``; ``skip``/``take``,
    OData's ``$top``/``$skip``, S3's ``start_after``, DynamoDB's ``ExclusiveStartKey``) or a range
    (``from``/``to``, ``since``/``until``, ``start``/``end``, an HTTP ``Range`` of items), keyset
    paging by the last row seen (``last_id``), in its path, its request or its purpose ("paged"),
    or its response hands back where the next page starts (``next_cursor``, ``nextPageToken``,
    ``has_more``, a ``Link`` header's ``rel="next"``, DynamoDB's ``LastEvaluatedKey``).

Why it matters
    "RESTful, clear naming, consistent" are the framework's API design principles; an unpaged list
    is an outage waiting for the first big account.

Example
    ``GET /v1/chats/{id}/messages?before={cursor}&limit=50`` passes; ``GET /getMessages`` fails
    twice (no version, a verb).

Params
    ``require_version`` (default true), ``require_pagination`` (default true).

Known limits
    WebSocket and SSE channels, GraphQL endpoints (``/graphql``) and gRPC calls (method ``RPC`` or
    ``gRPC``, a path ``Service.Method`` or ``rpc Method(…)``) are not judged here: an API of those
    alone leaves the check out of the score. Other RPC-style paths (``/getMessages``) fail.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from designer.checks.api.endpoints_present import served_methods
from designer.checks.base import Check, DoesNotApply, Finding, NotAssessable, Partial, SessionView, panel

_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
#: Last path segments ending in "s" that name one thing, not a list to page: a status, a set of
#: settings, the statistics of something.
_NOT_LISTS = frozenset(
    {"status", "bus", "alias", "news", "stats", "statistics", "analytics", "metrics", "settings"}
    | {"preferences", "details", "series"}
)
_REALTIME = {"WS", "WSS", "WEBSOCKET", "SSE"}
# A verb is a whole path segment or the first word of one (camelCase, snake_case, kebab-case): so
# /getMessages and /users/{id}/delete, but not the nouns /addresses, /settings, /updates, /listings.
_VERB = re.compile(
    r"/(?i:get|create|update|delete|fetch|add(?!-ons?\b)|remove|list|make|set)(?=[A-Z_-]|/|\?|$)"
)
# A version in the path (/v1/, /api/v1.0/, Google's /v1beta/ and /v1alpha1/, Azure's ?api-version=) or
# in a header the request names (Accept-Version, X-API-Version, GitHub's application/vnd.x.v3+json).
_VERSION = re.compile(
    r"/(?:api/)?v\d+(?:\.\d+)*(?:(?:alpha|beta|rc)\d*)?(?=/|\?|$)|[?&](?:api-?)?version=", re.I
)
_VERSION_HEADER = re.compile(r"\b(?:x-)?api-?version\b|\baccept-version\b|\bvnd\.[\w.-]*v\d+", re.I)
# An answer that hands back where the next page starts (next_cursor, nextPageToken, has_more): the
# list is paged. "The next 10,000 messages" is not.
_NEXT_PAGE = re.compile(
    r"next[\s_-]?(?:page|cursor|token|link|key|offset|marker)|cursor|page[\s_-]?token|continuation"
    r"|has[\s_-]?more|paginat|\bpaged\b|\brel\s*=\s*\"?next\b|last[\s_-]?evaluated[\s_-]?key",  # rel="next", DynamoDB's
    re.I,
)
#: Words that page a list, read in the words of a path or request split at camelCase and "_"
#: (``pageToken``, ``per_page``, ``max_results``, ``since_id``, "paginated by cursor").
_PAGING_WORDS = frozenset(
    {"limit", "cursor", "page", "offset", "before", "after", "next", "from", "to", "since", "until"}
    | {"paginate", "paginated", "pagination", "continuation", "marker", "max", "count"}
    # skip/take (Prisma, .NET), $top/$skip (OData), start/end ranges, S3's start_after, page size,
    # DynamoDB's ExclusiveStartKey
    | {"skip", "take", "top", "start", "end", "size"}
    # keyset paging by the last row seen (last_id, DynamoDB's LastEvaluatedKey), an HTTP Range of items,
    # and a purpose that says it ("list, paged")
    | {"last", "range", "paged"}
)


def _pages(text: str) -> bool:
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", text)
    return any(word.lower() in _PAGING_WORDS for word in words)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    require_version: bool = True
    require_pagination: bool = True


def _rpc_style(endpoint: dict) -> bool:
    """A GraphQL or gRPC endpoint: another style of API, with conventions of its own."""
    graphql = (endpoint.get("path") or "").rstrip("/").lower().endswith("graphql")
    return graphql or served_methods(endpoint) is None


def run(view: SessionView, params: Params):
    written = [
        (i, e)
        for i, e in enumerate(view.panels["api"])
        if e.get("method", "").strip().upper() not in _REALTIME and (e.get("path") or "").strip()
    ]
    endpoints = [(i, e) for i, e in written if not _rpc_style(e)]
    if not endpoints:
        # an API of GraphQL or gRPC only asks nothing of REST; no endpoint at all is an omission
        yield DoesNotApply("rpc_style") if written else NotAssessable("none")
        return
    bad = 0
    for index, e in endpoints:
        method, written_path = e.get("method", "").strip().upper(), e["path"].strip()
        where = (panel(f"api[{index}]"),)
        data = {"endpoint": f"{method} {written_path}"}
        # "v1/users/{id}", written without its first slash, is the same route
        path = written_path if written_path.startswith(("/", "http:", "https:")) else f"/{written_path}"
        problems = []
        if method not in _METHODS:
            problems.append(Finding("method", {**data, "method": method or "(none)"}, where))
        if params.require_version and not (
            _VERSION.search(path) or _VERSION_HEADER.search(e.get("request", ""))
        ):
            problems.append(Finding("version", data, where))
        if _VERB.search(path.split("?")[0]):
            problems.append(Finding("verb", data, where))
        last = path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        # /messages, not /presence, /{id}, /status, /address or /stats
        is_collection = (
            last.endswith("s") and not last.endswith(("}", "ss")) and last.lower() not in _NOT_LISTS
        )
        if (
            params.require_pagination
            and method == "GET"
            and is_collection
            and not _pages(f"{path} {e.get('request', '')} {e.get('purpose', '')}")
            and not _NEXT_PAGE.search(e.get("response", ""))
        ):
            problems.append(Finding("paging", data, where))
        bad += bool(problems)
        yield from problems
    if not bad:
        yield Finding("restful", {"count": len(endpoints)}, (panel("api"),), passed=True)
    elif bad < len(endpoints):
        yield Partial(1 - bad / len(endpoints))


CHECK = Check(
    id="api.rest_conventions",
    statement="The endpoints are versioned nouns with standard methods, and lists are paged",
    summary="Require versioned noun paths, standard methods and pagination on lists",
    messages={
        "restful": "All {count} endpoints follow REST conventions.",
        "method": "{endpoint}: {method} is not an HTTP method; use GET, POST, PUT, PATCH or DELETE.",
        "version": "{endpoint}: version the API (/v1/…) so clients survive changes.",
        "verb": "{endpoint}: name resources, not actions — the method is the verb.",
        "paging": "{endpoint} returns a list: page it (limit and a cursor).",
        "rpc_style": "The API is GraphQL or gRPC, not REST: its conventions are the interviewer's call.",
        "none": "There are no HTTP endpoints to judge: write each as a method and a path (e.g. "
        "“POST /v1/messages”).",
    },
    run=run,
    params=Params,
    points=1,
    serves="Define system interface",
    doc=__doc__,
)
