"""The shipped rubrics against answers written in other people's words and with their choices.

Each concept a problem rubric expects (``requirements.mentions_concepts``) is looked for by its name
and the rubric's synonyms. Requirements written the way strong candidates write them — none of
them in the rubric's own words — scored one concept in six on the chat app. Each phrase below must
be found as its concept, through the shipped rubric; the near misses must not be (a highly
available service is no online status, a reader of history no read receipt). The same holds for
the rows a range criterion judges (``Messages/sec``), the endpoints an operation needs
(``POST /v1/tweets``), the path criteria on boards drawn with other systems' stores, and the ranges
under other reasonable assumptions (100 messages a user a day, a 1 KB message).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from designer.checks.base import SessionView
from designer.checks.registry import get_check
from designer.rubric import list_rubrics, load_rubric

#: (rubric, criterion) → concept → phrases that say it without the rubric's words.
WORDINGS: dict[tuple[str, str], dict[str, list[str]]] = {
    ("chat-app", "chat_concepts"): {
        "group chat": [
            "1:1 conversations and conversations with up to 256 members",
            "Multi-user chat rooms",
            "Send one message to several people at once",
            "Chats with more than two participants",
        ],
        "read receipts": [
            "The sender can see when the recipient has opened the message",
            "Two ticks when delivered, blue when read",
            "Show whether a message has been read",
        ],
        "online status": [
            "Users see which contacts are available right now",
            "Show last active time",
            "A green dot next to contacts who are active now",
        ],
        "offline delivery": [
            "If the recipient's phone is unreachable, the message waits on the server",
            "Deliver messages sent while the user was disconnected",
            "Messages to a user without a connection are queued until they connect",
        ],
        "latency": [
            "Messages arrive within 200 milliseconds on the same continent",
            "Sub-second delivery",
            "Delivery feels instant",
        ],
        "message history": [
            "Chats are kept forever",
            "Scroll back through old conversations",
            "Sync past messages across devices",
        ],
    },
    ("url-shortener", "shortener_concepts"): {
        "custom alias": [
            "Users may pick their own short code",
            "Custom short links such as bit.ly/my-brand",
        ],
        "expiry": [
            "Links stop working after a chosen date",
            "Links are deleted after 5 years",
            "A link can have a lifetime",
        ],
        "analytics": [
            "Owners see how many times a link was visited",
            "Count redirects per link",
            "A dashboard of visits per day",
        ],
        "read heavy": [
            "Redirects far outnumber new links",
            "Many more redirects than creations",
            "Reads dominate writes",
        ],
        "latency": [
            "Redirect within 50 milliseconds",
            "Redirects must be quick",
            "Low latency redirects",
        ],
    },
    ("news-feed", "feed_concepts"): {
        "follow": [
            "Users subscribe to other users",
            "A user's feed shows posts from the people they follow",
        ],
        "celebrities": [
            "Some accounts have tens of millions of subscribers",
            "Stars with huge audiences",
        ],
        "ordering": [
            "Posts appear in reverse chronological order",
            "The feed is sorted by recency",
            "Newest posts at the top",
        ],
        "freshness": [
            "A new post shows up in followers' feeds within 5 s",
            "New posts appear almost immediately",
            "Feed updates in near real time",
        ],
        "images": [
            "Posts can include pictures and videos",
            "Attach photos to a post",
        ],
    },
    ("rate-limiter", "limiter_concepts"): {
        "limit key": [
            "Limits apply to each API client separately",
            "Throttle by IP address",
            "Different quotas for each customer",
        ],
        "rejection": [
            "Requests over the limit get HTTP 429 Too Many Requests",
            "Excess requests are refused with a Retry-After header",
            "Drop requests above the quota",
        ],
        "latency": [
            "The check adds under 5 milliseconds",
            "Must not slow down requests noticeably",
        ],
        "distributed": [
            "The limit holds across many API servers",
            "Counts are shared between all gateway instances",
        ],
        "failure mode": [
            "If the counter store is unavailable, let traffic through",
            "When Redis goes down we allow all requests",
            "What happens when the limiter itself fails?",
        ],
    },
    ("web-crawler", "crawler_concepts"): {
        "politeness": [
            "Respect robots.txt",
            "Never hit the same website more than once a second",
            "Throttle requests to each host",
        ],
        "duplicate content": [
            "Skip pages whose content we have stored already",
            "Detect mirrors and near-identical pages",
        ],
        "recrawl": [
            "Revisit pages that change often",
            "Pages are crawled again every few weeks",
            "Keep the index fresh",
        ],
        "scale": [
            "1 billion pages a month",
            "Crawl 15 billion pages",
            "About 400 pages per second",
        ],
    },
    ("news-feed", "fanout_strategy"): {
        "fan-out on write": [
            "When a post is written, push it into every follower's timeline",
            "Precompute each follower's feed at write time",
        ],
        "fan-out on read": [
            "Celebrity posts are merged into the feed when the user opens it",
            "Build the feed on request by pulling from the followed accounts",
        ],
    },
    ("rate-limiter", "algorithm"): {
        "algorithm": [
            "A token bucket per client, refilled at 10 tokens a second",
            "Count requests in a rolling 60-second window",
            "GCRA, the generic cell rate algorithm",
        ],
        "atomicity": [
            "INCR and EXPIRE run in one Lua script so two servers can't both pass",
            "The read and the update must happen in one step, or concurrent requests slip through",
        ],
    },
    ("web-crawler", "dedupe_store"): {
        "url deduplication": [
            "Keep a set of visited URLs and skip those already crawled",
            "Normalise each URL and check it against the URLs we have fetched before",
        ],
        "content deduplication": [
            "Hash each page body with SHA-256 and drop pages whose hash we know",
            "MinHash signatures find near-duplicate pages",
        ],
    },
}

#: (rubric, criterion) → concept → phrases that must not count for it.
NEAR_MISSES: dict[tuple[str, str], dict[str, list[str]]] = {
    ("chat-app", "chat_concepts"): {
        "online status": ["The service is highly available", "Available on iOS, Android and the web"],
        "read receipts": ["Users read their messages on any device"],
        "group chat": ["Each user has a contact list"],
    },
    ("url-shortener", "shortener_concepts"): {
        "expiry": ["Links are short and easy to type"],
    },
}


def _criterion(rubric_id: str, criterion_id: str):
    rubric = load_rubric(rubric_id)
    found = [c for section in rubric.sections for c in section.criteria if c.id == criterion_id]
    assert found, f"{rubric_id} has no criterion {criterion_id}"
    return found[0]


def _shipped(check_id: str) -> list[tuple[str, Any]]:
    """Every shipped rubric's criteria of one check: (rubric id, criterion)."""
    return [
        (rubric_id, criterion)
        for rubric_id in list_rubrics()
        for section in load_rubric(rubric_id).sections
        for criterion in section.criteria
        if criterion.check == check_id
    ]


def _check(rubric_id: str, criterion_id: str, **override: Any) -> tuple[Any, Any]:
    """A shipped criterion's check and its params (some overridden)."""
    criterion = _criterion(rubric_id, criterion_id)
    check = get_check(criterion.check)
    return check, check.params.model_validate({**criterion.params, **override})


def _run(check: Any, params: Any, panels: dict) -> list:
    """What the check yields for an empty board and these panels."""
    return list(check.run(SessionView({"board": {"nodes": [], "edges": []}, "panels": panels}), params))


def _found(rubric_id: str, criterion_id: str, text: str) -> dict[str, str | None]:
    """Each concept of the criterion: what it was found as in ``text`` (as a requirement), or None."""
    check, params = _check(rubric_id, criterion_id)
    panels: dict = {
        "requirements": {"requirements": {"functional": [text]}},
        "detailed": {"detailed": [{"topic": "Deep dive", "notes": text}]},
    }[params.fields[0]]
    return {
        finding.data["concept"]: finding.data.get("as") if finding.passed else None
        for finding in _run(check, params, panels)
        if hasattr(finding, "data")
    }


CASES = [
    pytest.param(rubric, criterion, concept, phrase, id=f"{rubric}-{concept}-{phrase[:40]}")
    for (rubric, criterion), concepts in WORDINGS.items()
    for concept, phrases in concepts.items()
    for phrase in phrases
]


@pytest.mark.parametrize("rubric, criterion, concept, phrase", CASES)
def test_a_concept_in_a_candidates_own_words_is_found(rubric, criterion, concept, phrase):
    assert _found(rubric, criterion, phrase)[concept] is not None


@pytest.mark.parametrize(
    "rubric, criterion, concept, phrase",
    [
        pytest.param(rubric, criterion, concept, phrase, id=f"{rubric}-{concept}-{phrase[:40]}")
        for (rubric, criterion), concepts in NEAR_MISSES.items()
        for concept, phrases in concepts.items()
        for phrase in phrases
    ],
)
def test_a_near_miss_is_not_the_concept(rubric, criterion, concept, phrase):
    assert _found(rubric, criterion, phrase)[concept] is None


def test_every_concept_of_every_shipped_rubric_has_wordings():
    shipped = {
        (rubric_id, criterion.id): {c["name"] for c in criterion.params["concepts"]}
        for rubric_id, criterion in _shipped("requirements.mentions_concepts")
    }
    assert len(shipped) >= 8
    assert shipped == {key: set(concepts) for key, concepts in WORDINGS.items()}


#: (rubric, criterion) → a row's value that lies in the criterion's range → names people give that row.
ROW_NAMES: dict[tuple[str, str], tuple[str, str, list[str]]] = {
    ("chat-app", "write_qps_range"): (
        "12K / s",
        "1/s",
        [
            "Messages/sec",
            "msgs/s",
            "Write QPS",
            "writes per second",
            "message rate",
            "Messages sent per second",
        ],
    ),
    ("chat-app", "storage_range"): (
        "180 TB",
        "TB",
        ["Storage (5 years)", "Total data after 5 yrs", "5-year storage", "Disk needed (5y)"],
    ),
    ("news-feed", "read_qps_range"): (
        "50K / s",
        "1/s",
        [
            "Feed loads/s",
            "Read QPS",
            "Timeline requests per second",
            "feed views per sec",
            "Feed fetches/sec",
        ],
    ),
    ("rate-limiter", "qps_range"): (
        "1M / s",
        "1/s",
        ["Requests/sec", "RPS", "Peak load", "Total request rate", "Throughput"],
    ),
    ("url-shortener", "read_qps_range"): (
        "4K / s",
        "1/s",
        ["Redirects/s", "Clicks per second", "Read QPS", "Lookups/sec", "Short link visits/s"],
    ),
    ("url-shortener", "storage_range"): ("3 TB", "TB", ["Storage (5 years)", "Total data after 5 yrs"]),
    ("web-crawler", "fetch_qps_range"): (
        "400 / s",
        "1/s",
        ["Pages/sec", "Crawl QPS", "Downloads per second", "fetch rate", "Pages crawled per second"],
    ),
    ("web-crawler", "storage_range"): ("10 PB", "TB", ["Storage (5 years)", "Total data after 5 yrs"]),
}


@pytest.mark.parametrize(
    "rubric, criterion, expr, unit, row_name",
    [
        pytest.param(rubric, criterion, expr, unit, name, id=f"{rubric}-{criterion}-{name}")
        for (rubric, criterion), (expr, unit, names) in ROW_NAMES.items()
        for name in names
    ],
)
def test_a_figure_under_a_name_people_give_it_is_the_one_judged(rubric, criterion, expr, unit, row_name):
    """A range criterion judges the row its names find; a row named otherwise left it 'not
    assessable', which counts as missing."""
    check, params = _check(rubric, criterion, assume=[])
    outcomes = _run(check, params, {"estimates": [{"name": row_name, "expr": expr, "unit": unit}]})
    assert [(type(o).__name__, getattr(o, "passed", None)) for o in outcomes] == [("Finding", True)]


def test_every_range_criterion_of_every_shipped_rubric_has_row_names():
    shipped = {(rubric_id, criterion.id) for rubric_id, criterion in _shipped("estimates.value_in_range")}
    assert shipped == set(ROW_NAMES)


#: (rubric, criterion) → operation → endpoints (method, path, purpose) that serve it in other APIs' words.
ENDPOINTS: dict[tuple[str, str], dict[str, list[tuple[str, str, str]]]] = {
    ("chat-app", "chat_endpoints"): {
        "send a message": [
            ("POST", "/v1/chats/{chatId}/messages", "send"),
            ("WS", "/v1/ws", "send_message frames"),
        ],
        "read a chat's history": [
            ("GET", "/v1/chats/{chatId}/messages?before={cursor}", "page back"),
            ("GET", "/v1/sync?since={seq}", "catch up on a device"),
            ("GET", "/v1/inbox", "what arrived while offline"),
        ],
        "mark messages read": [
            ("PATCH", "/v1/chats/{chatId}/cursor", "move the last-read pointer"),
            ("PUT", "/v1/conversations/{id}/watermark", "advance the watermark"),
            ("POST", "/v1/messages/{id}/acknowledge", "the recipient's client acknowledges"),
            ("POST", "/v1/messages/{id}/delivered", "delivery report"),
        ],
    },
    ("news-feed", "feed_endpoints"): {
        "publish a post": [
            ("POST", "/v1/tweets", "tweet"),
            ("POST", "/v1/statuses", "new status"),
            ("POST", "/v1/stories", "share a story"),
        ],
        "read the feed": [
            ("GET", "/v1/newsfeed?cursor={c}", "page the home screen"),
            ("GET", "/v1/home", "the home page's items"),
        ],
        "follow a user": [
            ("POST", "/v1/users/{id}/subscriptions", "subscribe to an author"),
            ("POST", "/v1/friendships", "befriend"),
        ],
    },
    ("url-shortener", "shortener_endpoints"): {
        "shorten a URL": [
            ("POST", "/v1/aliases", "make an alias for a long address"),
            ("POST", "/api/encode", "encode"),
        ],
        "redirect": [
            ("GET", "/{token}", "301 to the original"),
            ("GET", "/:alias", "301 to the original"),
            ("GET", "/r/{id}", "resolve a short id"),
        ],
    },
}


def _endpoints_found(rubric_id: str, criterion_id: str, endpoint: tuple[str, str, str]) -> dict[str, bool]:
    check, params = _check(rubric_id, criterion_id)
    method, path, purpose = endpoint
    panels = {"api": [{"method": method, "path": path, "purpose": purpose}]}
    return {f.data["operation"]: f.passed for f in _run(check, params, panels) if hasattr(f, "data")}


@pytest.mark.parametrize(
    "rubric, criterion, operation, endpoint",
    [
        pytest.param(rubric, criterion, operation, endpoint, id=f"{rubric}-{operation}-{endpoint[1]}")
        for (rubric, criterion), operations in ENDPOINTS.items()
        for operation, endpoints in operations.items()
        for endpoint in endpoints
    ],
)
def test_an_endpoint_in_another_apis_words_serves_its_operation(rubric, criterion, operation, endpoint):
    assert _endpoints_found(rubric, criterion, endpoint)[operation]


def test_every_endpoints_criterion_of_every_shipped_rubric_has_wordings():
    shipped = {
        (rubric_id, criterion.id): {o["name"] for o in criterion.params["operations"]}
        for rubric_id, criterion in _shipped("api.endpoints_present")
    }
    assert shipped == {key: set(operations) for key, operations in ENDPOINTS.items()}


@pytest.mark.parametrize(
    "rubric, criterion, operation, endpoint",
    [
        (
            "url-shortener",
            "shortener_endpoints",
            "redirect",
            ("GET", "/v1/urls/{id}/stats", "clicks per day"),
        ),
        ("url-shortener", "shortener_endpoints", "shorten a URL", ("POST", "/v1/users", "sign up")),
        ("news-feed", "feed_endpoints", "publish a post", ("POST", "/v1/users", "sign up")),
        (
            "chat-app",
            "chat_endpoints",
            "mark messages read",
            ("GET", "/v1/chats/{id}/messages", "read history"),
        ),
    ],
)
def test_an_endpoint_for_something_else_does_not_serve_the_operation(rubric, criterion, operation, endpoint):
    assert not _endpoints_found(rubric, criterion, endpoint)[operation]


def _strong_with(rubric_id: str, kinds: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Grade a rubric's strong answer with some boxes redrawn (``kind → (new kind, label)``): each
    criterion's status."""
    from pathlib import Path

    from designer.grading import grade

    session = json.loads(
        (Path(__file__).parent.parent / "rubrics" / rubric_id / "strong.session.json").read_text()
    )
    for box in session["board"]["nodes"]:
        if box["data"].get("kind") in kinds:
            box["data"]["kind"], box["data"]["label"] = kinds[box["data"]["kind"]]
    return {r["criterion"]: r["status"] for r in grade(session, load_rubric(rubric_id))["results"]}


@pytest.mark.parametrize(
    "rubric_id, redrawn, criteria",
    [
        # bit.ly's and Slack's stores are relational
        ("url-shortener", {"nosql_database": ("sql_database", "PostgreSQL (sharded)")}, ["lb_path"]),
        ("chat-app", {"nosql_database": ("sql_database", "MySQL (Vitess)")}, ["lb_path", "message_buffer"]),
        # Instagram keeps timelines in Cassandra, not a cache
        ("news-feed", {"cache": ("nosql_database", "Cassandra: feed timelines")}, ["fanout_buffer"]),
        # a limiter drawn as middleware before the API servers, no gateway product
        (
            "rate-limiter",
            {
                "api_gateway": ("service", "API servers"),
                "rate_limiter": ("rate_limiter", "Rate limiter middleware"),
            },
            ["limiter_on_path"],
        ),
    ],
)
def test_the_strong_answer_drawn_as_other_systems_are_keeps_its_path_criteria(rubric_id, redrawn, criteria):
    """The path from the clients to the store, and the buffer or the limiter on it, is the same
    shape whichever store or product is drawn; the criteria asked for one kind and failed the same
    board with another. Whether the store suits the problem is the database step's criterion."""
    results = _strong_with(rubric_id, redrawn)
    assert {c: results[c] for c in criteria} == {c: "pass" for c in criteria}


def _range_status(rubric_id: str, criterion_id: str, rows: list[dict]) -> tuple[str, dict]:
    check, params = _check(rubric_id, criterion_id)
    findings = [o for o in _run(check, params, {"estimates": rows}) if hasattr(o, "data")]
    assert len(findings) == 1, findings
    return findings[0].message, findings[0].data


def _chat_rows(per_user: str, size: str) -> list[dict]:
    return [
        {"name": "dau", "expr": "50M", "unit": "users"},
        {"name": "msgs_per_user", "expr": per_user, "unit": "1/day"},
        {"name": "msg_size", "expr": size},
        {"name": "msgs_per_day", "expr": "dau * msgs_per_user", "unit": "1/day"},
        {"name": "write_qps", "expr": "msgs_per_day / 86400 s", "unit": "1/s"},
        {"name": "storage_5y", "expr": "msgs_per_day * msg_size * 365 * 5", "unit": "TB"},
    ]


@pytest.mark.parametrize(
    "per_user, size",
    [("20", "100 bytes"), ("100", "100 bytes"), ("50", "1 KB"), ("40", "200 bytes"), ("10", "2 KB")],
)
def test_the_chat_apps_ranges_follow_other_reasonable_assumptions(per_user, size):
    """100 messages a user a day, or a 1 KB message with its metadata, are assumptions answers make;
    the ranges were written for 20 and 100 bytes and failed them as if the arithmetic were wrong."""
    assert _range_status("chat-app", "write_qps_range", _chat_rows(per_user, size))[0] == "within"
    assert _range_status("chat-app", "storage_range", _chat_rows(per_user, size))[0] == "within"


def test_an_implausible_assumption_is_named_as_the_reason():
    message, data = _range_status("chat-app", "storage_range", _chat_rows("20", "1 MB"))
    assert (message, data["assumption"]) == ("assumption_high", "bytes per message")
    message, data = _range_status("chat-app", "write_qps_range", _chat_rows("5000", "100 bytes"))
    assert (message, data["assumption"]) == ("assumption_high", "messages a user sends a day")


@pytest.mark.parametrize(
    "rubric_id, criterion, rows",
    [
        # 100 feed loads a user a day (the range was written for 10)
        (
            "news-feed",
            "read_qps_range",
            [
                {"name": "dau", "expr": "300M", "unit": "users"},
                {"name": "feed_reads_per_user", "expr": "100", "unit": "1/day"},
                {"name": "read_qps", "expr": "dau * feed_reads_per_user / 86400 s", "unit": "1/s"},
            ],
        ),
        # 1,000 redirects a link (the range was written for 100)
        (
            "url-shortener",
            "read_qps_range",
            [
                {"name": "new_urls_per_month", "expr": "100M", "unit": "1/month"},
                {"name": "read_write_ratio", "expr": "1000"},
                {"name": "read_qps", "expr": "new_urls_per_month / 30 day * read_write_ratio", "unit": "1/s"},
            ],
        ),
        # a 2 MB page, images and scripts kept (the range was written for 500 KB of HTML)
        (
            "web-crawler",
            "storage_range",
            [
                {"name": "pages_per_month", "expr": "1B", "unit": "1/month"},
                {"name": "page_size", "expr": "2 MB"},
                {
                    "name": "storage_5y",
                    "expr": "pages_per_month * 30 day * page_size * 12 * 5 / 30 day",
                    "unit": "PB",
                },
            ],
        ),
    ],
)
def test_the_ranges_follow_other_reasonable_per_item_assumptions(rubric_id, criterion, rows):
    assert _range_status(rubric_id, criterion, rows)[0] == "within"
