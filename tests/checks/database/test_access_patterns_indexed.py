from pathlib import Path

import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("database.access_patterns_indexed")
DDL = (
    "CREATE TABLE messages (chat_id BIGINT, id BIGINT, PRIMARY KEY (chat_id, id));\n"
    "CREATE TABLE users (id BIGINT PRIMARY KEY, phone TEXT, name TEXT);"
)


def db(*patterns):
    return {"database": {"ddl": DDL, "access_patterns": list(patterns)}}


def test_patterns_served_by_keys_pass():
    T.valid(Case(panels=db("last 50 messages of a chat", "user by id")))


def test_unindexed_column_fails_pointing_at_the_pattern():
    T.invalid(
        Case(
            panels=db("messages of a chat", "users by phone"),
            findings=[
                (
                    "unserved",
                    {"table": "users", "columns": "phone"},
                    (("panel", "database.access_patterns[1]"),),
                )
            ],
            outcome=0.5,
        )
    )


def test_pattern_naming_no_table_is_reported():
    T.invalid(Case(panels=db("trending hashtags"), findings=[("unknown_table", None, None)]))


def test_mysql_ddl_with_its_indexes_inside_the_tables_serves_the_same_patterns():
    """The same design written as mysqldump writes it: the index on phone is a KEY line."""
    mysql = (
        "CREATE TABLE `messages` (\n  `chat_id` BIGINT NOT NULL,\n  `id` BIGINT NOT NULL AUTO_INCREMENT,\n"
        "  PRIMARY KEY (`chat_id`, `id`)\n) ENGINE=InnoDB;\n"
        "CREATE TABLE `users` (\n  `id` BIGINT NOT NULL,\n  `phone` VARCHAR(20),\n  PRIMARY KEY (`id`),\n"
        "  KEY `idx_phone` (`phone`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"
    )
    T.valid(
        Case(panels={"database": {"ddl": mysql, "access_patterns": ["messages of a chat", "users by phone"]}})
    )


# The table's own id named after it (user_id in users) is how most people write their keys. "user by
# phone" then mentioned "user", which read as a filter on user_id, and the pattern passed on the
# primary key: the check's own example of a missing index went unnoticed.
NAMED_IDS = (
    "CREATE TABLE users (user_id BIGINT PRIMARY KEY, email TEXT UNIQUE, phone TEXT);\n"
    "CREATE TABLE messages (conversation_id BIGINT, message_id BIGINT, PRIMARY KEY (conversation_id, message_id));"
)


def named(*patterns):
    return {"database": {"ddl": NAMED_IDS, "access_patterns": list(patterns)}}


def test_a_table_named_in_the_pattern_is_not_a_filter_on_its_own_id():
    T.invalid(
        Case(
            panels=named("fetch user by phone number"),
            findings=[
                (
                    "unserved",
                    {"table": "users", "columns": "phone"},
                    (("panel", "database.access_patterns[0]"),),
                )
            ],
        )
    )


def test_the_own_id_still_counts_where_the_pattern_names_it():
    T.valid(Case(panels=named("user by user id", "GET /users/{id}", "user by email", "lookup userId")))


def test_camel_case_names_are_read_as_words():
    camel = "CREATE TABLE posts (postId BIGINT PRIMARY KEY, authorId BIGINT, createdAt TIMESTAMP);"
    T.invalid(
        Case(
            panels={"database": {"ddl": camel, "access_patterns": ["posts by authorId"]}},
            findings=[("unserved", {"table": "posts", "columns": "authorid"}, None)],
        )
    )


def test_a_schema_written_in_dbml_is_judged_as_its_sql_would_be():
    dbml = (
        "Table users {\n  user_id bigint [pk]\n  phone varchar\n}\n"
        "Table messages {\n  chat_id bigint\n  id bigint\n  indexes {\n    (chat_id, id) [pk]\n  }\n}\n"
    )
    T.invalid(
        Case(
            panels={"database": {"ddl": dbml, "access_patterns": ["messages of a chat", "user by phone"]}},
            findings=[("unserved", {"table": "users", "columns": "phone"}, None)],
            outcome=0.5,
        )
    )


DUMPS = sorted((Path(__file__).resolve().parents[2] / "data" / "ddl").glob("chat.*.sql"))


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.name)
def test_a_schema_as_database_tools_dump_it_serves_its_patterns(dump):
    """Keys and indexes written as pg_dump, mysqldump and SQLite write them serve the same lookups:
    pg_dump's keys (ALTER TABLE) left the messages of a chat and a user by id unserved."""
    patterns = ["recent messages of a chat", "user by phone", "user by id", "chats of a user"]
    T.valid(Case(panels={"database": {"ddl": dump.read_text(), "access_patterns": patterns}}))


def test_an_index_for_the_pattern_added_by_alter_table_serves_it():
    T.valid(
        Case(
            panels={
                "database": {
                    "ddl": "CREATE TABLE users (id BIGINT PRIMARY KEY, phone TEXT);\n"
                    "ALTER TABLE users ADD INDEX users_by_phone (phone);",
                    "access_patterns": ["users by phone"],
                }
            }
        )
    )


CHAT = (DUMPS[0].parent / "chat.source.sql").read_text()  # messages.sender_id REFERENCES users, no index


def test_a_foreign_key_is_named_by_the_table_it_refers_to():
    """ "Messages sent by a user" reads messages by sender_id (a foreign key to users): it passed on
    the users table's own key, and on messages' key, while no index served it."""
    T.invalid(
        Case(
            panels={"database": {"ddl": CHAT, "access_patterns": ["messages sent by a user"]}},
            findings=[("unserved", {"table": "messages", "columns": "sender_id"}, None)],
        )
    )
    indexed = CHAT + "\nCREATE INDEX messages_by_sender ON messages (sender_id);"
    T.valid(Case(panels={"database": {"ddl": indexed, "access_patterns": ["messages sent by a user"]}}))


@pytest.mark.parametrize(
    ("pattern", "table"),
    [
        ("Fetch the latest 50 messages in a chat", "messages"),
        ("SELECT * FROM messages WHERE chat_id = ? ORDER BY sent_at DESC LIMIT 50", "messages"),
        ("Find all members of a chat", "chat_members"),
        ("List a user's chats", "chat_members"),
    ],
)
def test_the_table_a_pattern_reads_is_the_one_it_names_wholly_and_first(pattern, table):
    """The explanation named the first table sharing a word ("served by chats" for the messages of a
    chat), or a table looked up by its own key though the pattern filtered another."""
    findings, _, _ = T.outcome(Case(panels={"database": {"ddl": CHAT, "access_patterns": [pattern]}}))
    assert [(f.message, f.data["table"]) for f in findings] == [("served", table)]


def test_a_cql_materialized_view_serves_the_pattern_it_is_keyed_for():
    ddl = (
        "CREATE TABLE chat.users (user_id uuid PRIMARY KEY, phone text, name text);\n"
        "CREATE MATERIALIZED VIEW chat.users_by_phone AS SELECT * FROM chat.users\n"
        "  WHERE phone IS NOT NULL AND user_id IS NOT NULL PRIMARY KEY (phone, user_id);\n"
        "CREATE CUSTOM INDEX ON chat.users (name) USING 'StorageAttachedIndex';"
    )
    T.valid(Case(panels={"database": {"ddl": ddl, "access_patterns": ["user by phone", "users by name"]}}))


def test_a_key_that_is_a_hash_of_the_column_serves_a_lookup_by_it():
    """ "Has this URL been seen?" over seen_urls keyed by url_hash: the lookup hashes the URL first; it
    was "unserved: reads seen_urls by url"."""
    ddl = "CREATE TABLE seen_urls (url_hash CHAR(16) PRIMARY KEY, url TEXT, crawled_at TIMESTAMP);"
    T.valid(Case(panels={"database": {"ddl": ddl, "access_patterns": ["Has this URL been seen?"]}}))
    unkeyed = "CREATE TABLE seen_urls (id BIGINT PRIMARY KEY, url TEXT, url_hash CHAR(16));"
    T.invalid(
        Case(
            panels={"database": {"ddl": unkeyed, "access_patterns": ["Has this URL been seen?"]}},
            findings=[("unserved", {"table": "seen_urls"}, None)],
        )
    )


@pytest.mark.parametrize(
    ("pattern", "table"), [("All links created by an owner", "urls"), ("Tweets by an author", "posts")]
)
def test_a_table_is_named_by_the_other_word_people_use_for_it(pattern, table):
    """A link is a URL and a tweet a post: "names no table of the schema" before."""
    ddl = (
        "CREATE TABLE urls (code VARCHAR(10) PRIMARY KEY, owner_key TEXT);\n"
        "CREATE INDEX urls_by_owner ON urls (owner_key);\n"
        "CREATE TABLE posts (author_id BIGINT, post_id BIGINT, PRIMARY KEY (author_id, post_id));"
    )
    findings, _, _ = T.outcome(Case(panels={"database": {"ddl": ddl, "access_patterns": [pattern]}}))
    assert [(f.message, f.data["table"]) for f in findings] == [("served", table)]


def test_a_reference_named_by_what_it_refers_to_is_the_filter():
    """ "Links of an owner" filters on owner_key, as "messages of a chat" does on chat_id: it was
    "served by urls (code)", the table's own key, whether owner_key was indexed or not."""
    ddl = "CREATE TABLE urls (code VARCHAR(10) PRIMARY KEY, owner_key TEXT, owner_uuid UUID);"
    T.invalid(
        Case(
            panels={"database": {"ddl": ddl, "access_patterns": ["All links created by an owner"]}},
            findings=[("unserved", {"table": "urls", "columns": "owner_key, owner_uuid"}, None)],
        )
    )
    indexed = ddl + "\nCREATE INDEX urls_by_owner ON urls (owner_key);"
    findings, _, _ = T.outcome(
        Case(panels={"database": {"ddl": indexed, "access_patterns": ["links of an owner"]}})
    )
    assert [(f.message, f.data["by"]) for f in findings] == [("served", "owner_key")]


CLICKS = (
    "CREATE TABLE urls (code VARCHAR(10) PRIMARY KEY, long_url TEXT, owner_id BIGINT);\n"
    "CREATE TABLE click_stats (code VARCHAR(10), day DATE, clicks BIGINT, PRIMARY KEY (code, day));"
)


@pytest.mark.parametrize(
    "pattern",
    ["Daily click counts for a link", "Click counts of a URL per day", "Clicks per day for a short code"],
)
def test_what_a_pattern_reads_is_not_what_it_filters_by(pattern):
    """ "Daily click counts for a link" reads the clicks of one link: what comes before "for" is
    what it reads, what comes after what it filters by. It was "reads click_stats by clicks", the
    value column, and unserved by a key that starts with the link's code."""
    findings, _, _ = T.outcome(Case(panels={"database": {"ddl": CLICKS, "access_patterns": [pattern]}}))
    assert [(f.message, f.data["table"], f.data.get("by")) for f in findings] == [
        ("served", "click_stats", "code")
    ]


@pytest.mark.parametrize(
    "pattern",
    ["Top links by clicks this week", "Clicks across all links, top 10", "Links with the most clicks"],
)
def test_a_pattern_that_filters_by_the_value_still_needs_an_index_on_it(pattern):
    """A top list over every link reads by the count: the link's code serves none of them."""
    T.invalid(
        Case(
            panels={"database": {"ddl": CLICKS, "access_patterns": [pattern]}},
            findings=[("unserved", {"table": "click_stats", "columns": "clicks"}, None)],
        )
    )


def test_a_column_named_as_another_tables_key_refers_to_it():
    """Without a REFERENCES clause, click_stats.code is the code of a URL (urls' key is code): "a
    link" names it, as a declared foreign key would. A column called id is everyone's and refers to
    nothing."""
    ddl = (
        "CREATE TABLE urls (code VARCHAR(10) PRIMARY KEY, long_url TEXT);\n"
        "CREATE TABLE visits (id BIGINT PRIMARY KEY, code VARCHAR(10), at TIMESTAMP);"
    )
    T.invalid(
        Case(
            panels={"database": {"ddl": ddl, "access_patterns": ["Recent visits for a link"]}},
            findings=[("unserved", {"table": "visits", "columns": "code"}, None)],
        )
    )
    indexed = ddl + "\nCREATE INDEX visits_by_code ON visits (code, at);"
    T.valid(Case(panels={"database": {"ddl": indexed, "access_patterns": ["Recent visits for a link"]}}))
    declared = ddl.replace("code VARCHAR(10), at", "code VARCHAR(10) REFERENCES urls (code), at")
    T.invalid(
        Case(
            panels={"database": {"ddl": declared, "access_patterns": ["Recent visits for a link"]}},
            findings=[("unserved", {"table": "visits", "columns": "code"}, None)],
        )
    )
