"""Require every stated access pattern to be served by a key or an index.

What it checks
    For each access pattern, the tables it may read are those whose names share a word with it
    ("messages of a chat" → ``messages``), and the columns it filters on are those whose names it
    mentions (``chat`` → ``chat_id``, ``owner`` → ``owner_key``; ``authorId`` and "author id" →
    ``authorid``). A link is a URL and a tweet a post, and a key that hashes a column
    (``url_hash``) serves a lookup by it. A table's own id named after it (``user_id`` in
    ``users``) is named by "id", not by the table's name: "user by phone" reads users by phone. A
    foreign key is named by the table it refers to as well: "messages
    sent by a user" filters on ``sender_id REFERENCES users``, and so does a column named as another
    table's one-column key, declared or not (``code`` in click_stats, where urls is keyed by ``code``:
    "a link"; not "all links"). What the pattern names before the word that says what it filters by ("for", "by",
    "of", "per"…) is what it reads: "daily click counts for a link" reads clicks by the link, not by
    ``clicks``. Where the pattern filters on a column
    of some table, the tables it names only as what it filters by are not looked up by their own key
    instead. The pattern is served when, in one of those tables, the primary key or an index starts
    with one of those columns; the table named most wholly, then first, is the one the explanation
    names ("members of a chat" reads ``chat_members``).

Why it matters
    Every query the design relies on must be a key lookup or an index scan, or the database scans
    the table at interview scale (framework: database design).

Example
    Pattern "last 50 messages of a chat" with ``PRIMARY KEY ((chat_id), id)`` passes; "user by
    phone" with no index on ``phone`` fails, pointing at the pattern.

Params
    none.

Known limits
    Matching is by words: a pattern that names neither a table nor a column it filters on is
    reported as not understood rather than failed. What a pattern reads and what it filters by are
    told apart by its first "for", "by", "of"…, not by its grammar: "which link got the most clicks"
    reads as clicks of a link, served by the link's code, though it ranks every link. A design written as NoSQL documents and no DDL
    has no tables to hold the patterns to: the check is left out of its score.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter

from designer.checks.base import Check, DoesNotApply, Finding, NotAssessable, Partial, SessionView, panel
from designer.checks.text import mentions, normalize, singular, tokenize

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _words(name: str) -> str:
    """A name as words: ``user_id`` and ``userId`` are "user id"."""
    return _CAMEL.sub(" ", name).replace("_", " ")


def _column_words(column: str) -> list[str]:
    """A column's name as words, and what it names without the word that makes it a reference:
    ``chat_id`` is "chat", ``owner_key`` "owner", ``user_uuid`` "user"."""
    words = [_words(column)]
    base, _, last = words[0].rpartition(" ")
    if base and last.lower() in {"id", "key", "uuid", "ref", "fk"}:
        words.append(base)
    return words


def _own_id(column: str, table: str) -> bool:
    """Whether ``column`` is the table's id named after it: ``user_id`` in ``users``, or ``userid``
    (how the schema reader keeps an unquoted ``userId``)."""
    words = _words(column).lower()
    own = singular(_words(table))
    return (words.endswith(" id") and singular(words[:-3]) == own) or (
        " " not in words and words.endswith("id") and singular(words[:-2]) == own
    )


def _run_together(pattern: str, column: str) -> bool:
    """Whether two to four words of ``pattern`` in a row spell ``column`` run together: "author id"
    is ``authorid``, what an unquoted ``authorId`` is in the schema."""
    target = re.sub(r"[^a-z0-9]", "", column.lower())
    words = normalize(pattern).split()
    return any(
        "".join(words[start : start + n]) == target for n in (2, 3, 4) for start in range(len(words) - n + 1)
    )


def _filters_on(pattern: str, column: str, table, names: _TableNames) -> bool:
    """Whether ``pattern`` mentions ``column`` as what it filters on. The table's own id is named by
    the table's name, which says what is read ("user by phone"), not by what: it counts only where
    the pattern says "id" ("user by id", "user by user id"), and not another column's ("posts by
    author id"). A foreign key is named by the table it refers to: "messages sent by a user" filters
    on ``sender_id REFERENCES users``."""
    if _own_id(column, table.name):
        return _says_own_id(pattern, table)
    return (
        any(mentions(pattern, w) for w in _column_words(column))
        or _run_together(pattern, column)
        or any(
            column in columns and other in names.named_by(pattern)
            for columns, other in names.references(table)
        )
    )


#: "all links", "every user": the pattern reads across them, it does not pick one by its reference.
_EVERY = re.compile(r"\b(?:all|every)\s+(?:the\s+|of\s+the\s+)?\w+", re.I)


def _says_own_id(pattern: str, table) -> bool:
    words = normalize(pattern).split()
    others = {
        re.sub(r"[^a-z0-9]", "", c.lower())
        for c in table.columns
        if not _own_id(c, table.name) and _words(c).lower().replace(" ", "").endswith("id")
    }
    return any(
        word == "id"
        and (at == 0 or f"{singular(words[at - 1])}id" not in others and f"{words[at - 1]}id" not in others)
        for at, word in enumerate(words)
    )


#: The words after which a pattern says what it filters by: "daily click counts | for a link".
_FILTERED_BY = re.compile(r"\b(?:by|for|of|per|from|in|on|with|where|whose)\b", re.I)


def _served_by(view: SessionView, pattern: str, table, names: _TableNames) -> tuple[bool, list[str], str]:
    """Whether ``table`` serves ``pattern``: the columns it filters on, and what serves them. What the
    pattern names before it says what it filters by ("click counts" before "for a link") is what it
    reads, not a filter, where the rest names a column."""
    columns = [c for c in table.columns if _filters_on(pattern, c, table, names)]
    split = _FILTERED_BY.search(pattern)
    if split and len(columns) > 1:
        after = pattern[split.start() :]
        columns = [c for c in columns if _filters_on(after, c, table, names)] or columns
    # "of a chat" filters on chat_id; a table named after the thing itself is looked up by its key.
    columns = [c for c in columns if singular(c) != singular(table.name)]
    if not columns:
        return bool(table.primary_key), ["its key"], ", ".join(table.primary_key)
    leading = {cols[0] for cols in view.schema.key_prefixes(table.name) if cols}
    # a key that is the column hashed serves a lookup by the column: the lookup hashes it first
    hit = sorted(c for c in leading if c in columns or _derived(c) in columns)
    return bool(hit), columns, ", ".join(hit)


def _derived(column: str) -> str | None:
    """The column ``column`` is a hash of (``url_hash``, ``urlDigest`` → ``url``), or None."""
    match = _HASHED.search(column)
    return column[: match.start()].rstrip("_") or None if match else None


# the end of a name only: a search from each place, each a few letters long, not a pattern over the name
_HASHED = re.compile(r"(?:hash|digest|fingerprint|checksum|sha\d*|md5)$", re.I)


#: The other words people use for what a table holds: a link is a URL, a tweet a post.
_OTHER_WORDS = {"url": "link", "link": "url", "post": "tweet", "tweet": "post"}


class _TableNames:
    """The schema's tables by the words of their names, so that a pattern finds the tables it may
    read through its own words rather than by a comparison with every table (1,000 patterns over a
    schema of 870 tables took 4.7 s)."""

    #: A pattern reads a table or two: the best named few are judged, not every table sharing a word
    #: with it (1,000 patterns over 670 tables all named users_<n> took 12 s).
    MOST = 8

    def __init__(self, tables: dict):
        self.tables = tables
        self.words = {name: tokenize(_words(name)) for name in tables}
        self.order = {name: at for at, name in enumerate(tables)}
        self.naming: dict[str, list[tuple[str, int]]] = {}  # a form: the (table, word of its name) it is
        for name, forms in self.words.items():
            for word, variants in enumerate(forms):
                # a plural's forms hold its singular, and a pattern's too: "links" finds "url"
                for form in variants | {_OTHER_WORDS[v] for v in variants if v in _OTHER_WORDS}:
                    self.naming.setdefault(form, []).append((name, word))
        self.keyed_by: dict[str, list[str]] = {}  # a one-column key's name: the tables keyed by it
        for name, table in tables.items():
            if len(table.primary_key) == 1 and table.primary_key[0].lower() != "id":
                self.keyed_by.setdefault(table.primary_key[0], []).append(name)
        self._references: dict[str, list[tuple[list[str], str]]] = {}
        self._named: dict[str, frozenset[str]] = {}

    def named_by(self, pattern: str) -> frozenset[str]:
        """The tables ``pattern`` names by a word of their names or the other word for one ("a
        link": urls), not counting what it names as all of them ("all links", "every user"): what a
        reference to a table is named by. Each pattern's once: a pattern is judged against a few
        tables, each column by each reference."""
        if pattern not in self._named:
            self._named[pattern] = frozenset(
                name
                for forms in tokenize(_EVERY.sub(" ", pattern))
                for form in forms
                for name, _ in self.naming.get(form, ())
            )
        return self._named[pattern]

    def references(self, table) -> list[tuple[list[str], str]]:
        """The table's foreign keys, and the columns named as another table's one-column key (``code``
        in click_stats, where urls is keyed by ``code``): a reference people leave undeclared. A
        column called ``id`` is every table's and refers to nothing."""
        if table.name not in self._references:
            declared = {column for columns, _ in table.foreign_keys for column in columns}
            implied = [
                ([column], other)
                for column in table.columns
                if column not in declared
                for other in self.keyed_by.get(column, ())
                if other != table.name
            ]
            self._references[table.name] = [*table.foreign_keys, *implied]
        return self._references[table.name]

    def named_in(self, pattern: str) -> list:
        """The tables ``pattern`` may read: those sharing a word with it, the most wholly named first
        ("members of a chat": chat_members before chats), then the first named ("messages of a
        chat"), at most :attr:`MOST`."""
        named_words: set[tuple[str, int]] = set()
        first: dict[str, int] = {}
        for at, forms in enumerate(tokenize(pattern)):
            for form in forms:
                for name, word in self.naming.get(form, ()):
                    named_words.add((name, word))
                    first.setdefault(name, at)
        shares = Counter(name for name, _ in named_words)
        best = heapq.nsmallest(
            self.MOST,
            shares,
            key=lambda name: (-shares[name] / len(self.words[name]), first[name], self.order[name]),
        )
        return [self.tables[name] for name in best]


def _judge(view: SessionView, pattern: str, names: _TableNames) -> tuple | None:
    """The table that serves ``pattern`` (or the one it reads, unserved): ``(table, served, columns,
    what serves them)``; None if it names no table."""
    candidates = names.named_in(pattern)
    if not candidates:
        return None
    outcomes = [(t, *_served_by(view, pattern, t, names)) for t in candidates]
    # Where the pattern filters on a column of some table, it reads that table: a table it names
    # only as the thing filtered by ("a user" in "messages sent by a user") is not looked up by
    # its key instead.
    outcomes = [o for o in outcomes if o[2] != ["its key"]] or outcomes
    return next((o for o in outcomes if o[1]), outcomes[0])


def run(view: SessionView, params):
    patterns = [(i, p) for i, p in enumerate(view.panels["database"]["access_patterns"]) if p.strip()]
    tables = view.schema.tables
    if patterns and not tables and view.documents_only:
        yield DoesNotApply("documents")  # no tables to hold the patterns to: the interviewer's call
        return
    if not patterns or not tables:
        yield NotAssessable("nothing")
        return
    served = judged = 0
    names = _TableNames(tables)
    judgements: dict[str, tuple | None] = {}  # a pattern written twice is judged once
    for index, written in patterns:
        where = (panel(f"database.access_patterns[{index}]"),)
        if written not in judgements:
            judgements[written] = _judge(view, _words(written), names)  # "authorId" names author_id
        judgement = judgements[written]
        if judgement is None:
            yield Finding("unknown_table", {"pattern": written}, where)
            continue
        judged += 1
        table, good, columns, by = judgement
        if good:
            served += 1
            yield Finding("served", {"pattern": written, "table": table.name, "by": by}, where, passed=True)
        else:
            yield Finding(
                "unserved", {"pattern": written, "table": table.name, "columns": ", ".join(columns)}, where
            )
    if judged and 0 < served < judged:
        yield Partial(served / judged)


CHECK = Check(
    id="database.access_patterns_indexed",
    statement="Every access pattern is served by a key or an index",
    summary="Require every access pattern to be served by a key or an index",
    messages={
        "served": "“{pattern}” is served by {table} ({by}).",
        "unserved": "“{pattern}” reads {table} by {columns}, but no key or index starts with it: add an index.",
        "unknown_table": "“{pattern}” names no table of the schema: say which table it reads.",
        "documents": "The data is written as NoSQL documents, not tables: whether their keys serve the access "
        "patterns is the interviewer's call.",
        "nothing": "There are no access patterns and tables to compare: list the queries the design runs most and "
        "write the tables they read.",
    },
    run=run,
    points=2,
    serves="Database design",
    doc=__doc__,
)
