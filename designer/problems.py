"""The problems a candidate can pick on the home page."""

from __future__ import annotations

__all__ = ["Problem", "PROBLEMS", "get_problem"]

from dataclasses import dataclass

from designer.errors import NotFound


@dataclass(frozen=True)
class Problem:
    """An interview question: an id (slug), a title, a prompt and its usual length."""

    id: str
    title: str
    prompt: str
    duration_minutes: int = 45


PROBLEMS: tuple[Problem, ...] = (
    Problem(
        "chat-app",
        "Design a chat app like WhatsApp",
        "Users send one-to-one and group messages that arrive in real time, see whether their "
        "contacts are online, and read their history on any device. Messages sent while a user "
        "is offline are delivered when they come back. Plan for hundreds of millions of users.",
        45,
    ),
    Problem(
        "url-shortener",
        "Design a URL shortener like bit.ly",
        "Users turn a long URL into a short link, optionally with a custom alias and an expiry; "
        "anyone who opens the short link is redirected to the original. Reads vastly outnumber "
        "writes, and redirects must be fast. Owners can see how often their links are opened.",
        45,
    ),
    Problem(
        "news-feed",
        "Design a news feed like Facebook's or Twitter's",
        "Users publish posts with text and images, follow other users, and see a feed of the "
        "newest posts from the people they follow. Some users have millions of followers. The "
        "feed must load quickly and feel fresh.",
        60,
    ),
    Problem(
        "web-crawler",
        "Design a web crawler",
        "Crawl billions of web pages to feed a search index: start from seed URLs, fetch pages, "
        "extract links, and keep going. Be polite to every site (robots.txt, rate per host), "
        "avoid fetching the same content twice, and recrawl pages as they change.",
        45,
    ),
    Problem(
        "rate-limiter",
        "Design a distributed rate limiter",
        "Protect an API used by millions of clients: each client may make a limited number of "
        "requests per time window, enforced across a fleet of API servers. Over-limit requests "
        "are rejected with a clear answer. Limits are configurable per client and per endpoint, "
        "and the limiter must add almost no latency.",
        45,
    ),
)
_BY_ID = {p.id: p for p in PROBLEMS}


def get_problem(problem_id: str) -> Problem:
    """Return the problem with this id, or raise :class:`NotFound` naming the known ids."""
    try:
        return _BY_ID[problem_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise NotFound(f"Problem {problem_id!r} doesn't exist; the problems are: {known}.") from None
