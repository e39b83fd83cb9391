"""The DDL reader: tables, keys, indexes and errors with their line."""

import time
from pathlib import Path

from designer.ddl import read_ddl


def test_reads_tables_keys_and_indexes():
    schema = read_ddl(
        "CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT UNIQUE NOT NULL, org BIGINT "
        "REFERENCES orgs(id));\n"
        "CREATE TABLE members (org BIGINT, user_id BIGINT, CONSTRAINT pk PRIMARY KEY (org, user_id));\n"
        "CREATE INDEX members_by_user ON members (user_id);"
    )
    users, members = schema.tables["users"], schema.tables["members"]
    assert users.primary_key == ["id"]
    assert [i.columns for i in users.indexes] == [["email"]]
    assert users.foreign_keys == [(["org"], "orgs")]
    assert members.primary_key == ["org", "user_id"]
    assert members.indexes[0].name == "members_by_user"
    assert schema.key_prefixes("members") == [["org", "user_id"], ["user_id"]]
    assert schema.errors == []


def test_cql_partition_key_and_clustering_order_are_read():
    schema = read_ddl(
        "CREATE TABLE messages (chat_id BIGINT, id BIGINT, body TEXT, PRIMARY KEY ((chat_id), id))"
        " WITH CLUSTERING ORDER BY (id DESC);"
    )
    assert schema.tables["messages"].primary_key == ["chat_id", "id"]
    assert schema.errors == []


def test_a_syntax_error_names_its_line_and_the_other_tables_survive():
    schema = read_ddl(
        "CREATE TABLE ok (id INT PRIMARY KEY);\n\nCREATE TABLE broken (a INT,\n  b INT PRIMARY,, KEY);"
    )
    assert list(schema.tables) == ["ok"]
    assert len(schema.errors) == 1
    assert schema.errors[0].line == 4
    assert "PRIMARY" in schema.errors[0].message


def test_a_table_without_a_key_has_an_empty_primary_key():
    assert read_ddl("CREATE TABLE logs (at TIMESTAMP, line TEXT)").tables["logs"].primary_key == []


def test_statements_that_shape_no_table_are_skipped_and_listed_not_errors():
    """A dump's SET, DROP, GRANT and the like are SQL, just none of the schema's shape: the panel lists
    them as skipped. Each used to be an error in red on a schema with nothing wrong."""
    schema = read_ddl(
        "SET NAMES utf8mb4;\nDROP TABLE IF EXISTS `a`;\nCREATE TABLE a (id INT PRIMARY KEY);\n"
        "GRANT SELECT ON a TO reader;\nCOMMENT ON TABLE a IS 'the a''s';\nCREATE SEQUENCE a_seq;"
    )
    assert schema.errors == []
    assert schema.tables["a"].primary_key == ["id"]
    assert schema.skipped == [(1, "SET"), (2, "DROP"), (4, "GRANT"), (5, "COMMENT"), (6, "CREATE SEQUENCE")]


def test_prose_in_the_ddl_is_still_an_error():
    schema = read_ddl("CREATE TABLE a (id INT PRIMARY KEY);\nusers table keyed by id, with a phone")
    assert [e.line for e in schema.errors] == [2] and schema.skipped == []


def test_an_alter_table_that_cannot_be_read_but_speaks_of_keys_is_an_error():
    schema = read_ddl("CREATE TABLE a (id INT);\nALTER TABLE a ADD CONSTRAINT PRIMARY KEY id ((;")
    assert [e.line for e in schema.errors] == [2] and schema.tables["a"].primary_key == []


def test_alter_table_adds_keys_indexes_foreign_keys_and_columns():
    """phpMyAdmin and pg_dump write a table's keys after it, as ALTER TABLE; several ADDs may share
    one statement; a table may be altered before it is created in the text."""
    schema = read_ddl(
        "CREATE TABLE `users` (`id` int(11) NOT NULL, `email` varchar(255) NOT NULL);\n"
        "ALTER TABLE `users`\n  ADD PRIMARY KEY (`id`),\n  ADD UNIQUE KEY `email` (`email`);\n"
        "ALTER TABLE `users` MODIFY `id` int(11) NOT NULL AUTO_INCREMENT, AUTO_INCREMENT=5;\n"
        "ALTER TABLE messages ADD COLUMN sender_id BIGINT REFERENCES users(id);\n"
        "CREATE TABLE messages (chat_id BIGINT, id BIGINT);\n"
        "ALTER TABLE ONLY public.messages ADD CONSTRAINT messages_pkey PRIMARY KEY (chat_id, id);\n"
        "ALTER TABLE messages ADD INDEX by_sender (sender_id), ADD CONSTRAINT fk FOREIGN KEY (chat_id) "
        "REFERENCES chats (id);"
    )
    assert schema.errors == []
    users, messages = schema.tables["users"], schema.tables["messages"]
    assert users.primary_key == ["id"]
    assert [(i.columns, i.unique) for i in users.indexes] == [(["email"], True)]
    assert messages.primary_key == ["chat_id", "id"]
    assert list(messages.columns) == ["chat_id", "id", "sender_id"]
    assert messages.foreign_keys == [(["sender_id"], "users"), (["chat_id"], "chats")]
    assert [i.columns for i in messages.indexes] == [["sender_id"]]


DUMPS = Path(__file__).resolve().parents[1] / "data" / "ddl"


def _chat_schema_as_dumped(name: str):
    schema = read_ddl((DUMPS / name).read_text())
    assert schema.errors == []
    assert sorted(schema.tables) == ["chat_members", "chats", "messages", "users"]
    assert schema.tables["chat_members"].primary_key == ["chat_id", "user_id"]
    assert schema.tables["messages"].primary_key == ["chat_id", "id"]
    assert ["chat_id", "sent_at"] in schema.key_prefixes("messages")
    assert ["user_id"] in schema.key_prefixes("chat_members")
    return schema


def test_pg_dump_schema_has_its_keys_from_alter_table_and_nothing_in_red():
    """pg_dump writes every key and foreign key as ALTER TABLE ONLY … ADD CONSTRAINT after the tables,
    between SET lines, psql's \\restrict and OWNER TO: every table read as keyless, 30 errors."""
    schema = _chat_schema_as_dumped("chat.pg_dump.sql")
    users = schema.tables["users"]
    assert users.primary_key == ["id"]
    assert [(i.columns, i.unique) for i in users.indexes] == [(["phone"], True)]
    assert sorted(schema.tables["messages"].foreign_keys) == [
        (["chat_id"], "chats"),
        (["sender_id"], "users"),
    ]
    assert ("SET", 11) in {(what, line) for line, what in schema.skipped}


def test_mysqldump_schema_is_read_without_errors():
    """mysqldump's DROP TABLE IF EXISTS `t` was an error for each table (backticks in a DROP)."""
    schema = _chat_schema_as_dumped("chat.mysqldump.sql")
    assert schema.tables["users"].primary_key == ["id"]
    assert {what for _, what in schema.skipped} == {"DROP"}


def test_sqlite_dump_keeps_its_without_rowid_table():
    """A WITHOUT ROWID table (SQLite's clustered key) could not be read: the messages table was lost."""
    schema = _chat_schema_as_dumped("chat.sqlite-iterdump.sql")
    assert schema.tables["chats"].primary_key == ["id"]
    assert {what for _, what in schema.skipped} == {"BEGIN", "DELETE", "COMMIT"}


def test_sql_server_script_with_go_and_clustered_keys():
    """As SQL Server Management Studio scripts a table: [brackets], GO between batches, keys and
    unique constraints CLUSTERED or NONCLUSTERED, inside the table or added after it."""
    schema = read_ddl(
        "USE [chat]\nGO\nSET ANSI_NULLS ON\nGO\n"
        "CREATE TABLE [dbo].[users](\n\t[id] [bigint] IDENTITY(1,1) NOT NULL,\n\t[phone] [nvarchar](20) NOT NULL,\n"
        " CONSTRAINT [PK_users] PRIMARY KEY CLUSTERED \n(\n\t[id] ASC\n)WITH (PAD_INDEX = OFF) ON [PRIMARY]\n"
        ") ON [PRIMARY]\nGO\n"
        "CREATE TABLE [dbo].[messages]([chat_id] [bigint] NOT NULL, [id] [bigint] NOT NULL, [body] [nvarchar](max))\n"
        "GO\n"
        "ALTER TABLE [dbo].[messages] ADD CONSTRAINT [PK_messages] PRIMARY KEY CLUSTERED ([chat_id] ASC, [id] ASC)\n"
        "GO\n"
        "ALTER TABLE [dbo].[users] ADD CONSTRAINT [UQ_users_phone] UNIQUE NONCLUSTERED ([phone] ASC)\nGO\n"
        "CREATE NONCLUSTERED INDEX [IX_messages_body] ON [dbo].[messages] ([chat_id] ASC) INCLUDE ([body])\nGO\n"
    )
    assert schema.errors == []
    assert schema.tables["users"].primary_key == ["id"]
    assert schema.tables["messages"].primary_key == ["chat_id", "id"]
    assert [(i.columns, i.unique) for i in schema.tables["users"].indexes] == [(["phone"], True)]
    assert [i.columns for i in schema.tables["messages"].indexes] == [["chat_id"]]


def test_empty_ddl_is_an_empty_schema():
    schema = read_ddl("  \n ")
    assert schema.tables == {} and schema.errors == []


def test_mysql_ddl_as_mysqldump_writes_it_is_read_with_its_inline_indexes():
    """Backticks, AUTO_INCREMENT, KEY/INDEX inside the table and ENGINE=: MySQL's own words."""
    schema = read_ddl(
        "CREATE TABLE `messages` (\n"
        "  `id` BIGINT NOT NULL AUTO_INCREMENT,\n"
        "  `chat_id` BIGINT NOT NULL,\n"
        "  `sent_at` DATETIME,\n"
        "  PRIMARY KEY (`id`),\n"
        "  KEY `idx_chat_time` (`chat_id`, `sent_at`),\n"
        "  UNIQUE KEY `uk_chat_id` (`chat_id`, `id`)\n"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
        "CREATE TABLE t (id INT PRIMARY KEY, u INT, INDEX (u));"
    )
    assert schema.errors == []
    messages = schema.tables["messages"]
    assert messages.primary_key == ["id"]
    assert [(i.columns, i.unique) for i in messages.indexes] == [
        (["chat_id", "sent_at"], False),
        (["chat_id", "id"], True),
    ]
    assert [i.columns for i in schema.tables["t"].indexes] == [["u"]]


def test_sql_server_brackets_are_read_too():
    schema = read_ddl("CREATE TABLE [users] ([id] INT IDENTITY(1,1) PRIMARY KEY, [name] NVARCHAR(100));")
    assert schema.errors == [] and schema.tables["users"].primary_key == ["id"]


def test_a_semicolon_in_a_string_or_a_comment_ends_no_statement():
    schema = read_ddl(
        "-- users; one row a person\n"
        "CREATE TABLE users (id INT PRIMARY KEY, note TEXT DEFAULT 'a;b', x TEXT DEFAULT 'it''s; fine');\n"
        "/* messages; by chat */ CREATE TABLE messages (id INT PRIMARY KEY);"
    )
    assert schema.errors == []
    assert sorted(schema.tables) == ["messages", "users"]


def test_statements_written_without_semicolons_are_read_one_by_one_with_their_lines():
    schema = read_ddl(
        "CREATE TABLE a (id INT PRIMARY KEY)\n\nCREATE TABLE b (\n  id INT PRIMARY KEY\n)\n"
        "CREATE INDEX b_by_id ON b (id)\ncreate table c (id int primary,, key)"
    )
    assert sorted(schema.tables) == ["a", "b"]
    assert [i.columns for i in schema.tables["b"].indexes] == [["id"]]
    assert [e.line for e in schema.errors] == [7]


# DBML, as dbdiagram.io (the schema tool most candidates sketch in) exports it: no CREATE TABLE, so it
# read as one statement that could not be read, and every database check found no tables.
DBML = """// chat schema, from dbdiagram.io
Table users {
  id bigint [pk, increment]
  email varchar [unique, not null]
  phone varchar
}

Table messages {
  chat_id bigint
  id bigint
  sender_id bigint [ref: > users.id]
  body text
  indexes {
    (chat_id, id) [pk]
    sender_id [name: 'idx_sender']
  }
}
"""


def test_dbml_is_read_as_its_tables_keys_and_indexes():
    schema = read_ddl(DBML)
    assert schema.errors == []
    assert schema.tables["users"].primary_key == ["id"]
    assert schema.tables["messages"].primary_key == ["chat_id", "id"]
    assert schema.key_prefixes("messages") == [["chat_id", "id"], ["sender_id"]]
    assert ["email"] in schema.key_prefixes("users")


def test_broken_dbml_says_which_line():
    schema = read_ddl("Table users {\n  id bigint [pk\n}\n")
    assert schema.tables == {} and schema.errors[0].line == 3 and "DBML" in schema.errors[0].message


import pytest  # noqa: E402


@pytest.mark.parametrize("nest", ["( ", "- ", "((", "NOT "])
def test_a_statement_nested_past_reading_is_an_error_at_its_line_not_a_crash(nest):
    """Brackets or signs inside one another ten thousand deep made sqlglot recurse past Python's
    limit: the database checks then failed as a bug ("error", 0 points) and the panel could not show
    the schema. Now it is the statement's error, and the statements around it are still read."""
    ddl = "CREATE TABLE users (id BIGINT PRIMARY KEY);\nCREATE TABLE t (a INT DEFAULT " + nest * 10_000 + ");"
    schema = read_ddl(ddl)
    assert list(schema.tables) == ["users"]
    assert [e.line for e in schema.errors] == [2]
    assert "nested" in schema.errors[0].message


def test_a_prisma_schema_is_named_as_such_not_a_syntax_error():
    schema = read_ddl(
        '// chat\ngenerator client {\n  provider = "prisma-client-js"\n}\n'
        "model User {\n  id    Int    @id @default(autoincrement())\n  phone String @unique\n}\n"
    )
    assert schema.tables == {}
    assert [(e.line, e.message.split(" (")[0]) for e in schema.errors] == [(5, "this is a Prisma schema")]
    assert "CREATE TABLE" in schema.errors[0].message and "DBML" in schema.errors[0].message


# As cqlsh's DESCRIBE KEYSPACE lays a schema out: the keyspace, table options after WITH … AND …, a
# storage-attached (SASI) index and a materialized view keyed by another column.
CQL_DESCRIBED = """CREATE KEYSPACE chat WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': '3'}  AND durable_writes = true;

CREATE TABLE chat.users (
    user_id uuid PRIMARY KEY,
    phone text,
    name text
) WITH additional_write_policy = '99p'
    AND bloom_filter_fp_chance = 0.01
    AND caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'};

CREATE CUSTOM INDEX users_name_sasi ON chat.users (name) USING 'org.apache.cassandra.index.sasi.SASIIndex' WITH OPTIONS = {'mode': 'CONTAINS'};

CREATE MATERIALIZED VIEW chat.users_by_phone AS
    SELECT *
    FROM chat.users
    WHERE phone IS NOT NULL AND user_id IS NOT NULL
    PRIMARY KEY (phone, user_id)
 WITH CLUSTERING ORDER BY (user_id ASC)
    AND bloom_filter_fp_chance = 0.01;

CREATE TYPE chat.attachment (url text, size int);
"""


def test_a_cql_materialized_view_is_the_table_it_keeps_and_a_custom_index_an_index():
    """Cassandra's answer to a second access path — a materialized view keyed by phone, a SASI index
    on name — was skipped or an error, so "user by phone" and "users by name" went unserved."""
    schema = read_ddl(CQL_DESCRIBED)
    assert schema.errors == []
    view = schema.tables["users_by_phone"]
    assert view.primary_key == ["phone", "user_id"] and list(view.columns) == ["phone", "user_id", "name"]
    assert [i.columns for i in schema.tables["users"].indexes] == [["name"]]
    assert schema.skipped == [(1, "CREATE KEYSPACE"), (21, "CREATE TYPE")]


def test_a_postgres_materialized_view_has_no_key_and_is_skipped():
    schema = read_ddl(
        "CREATE TABLE users (id INT PRIMARY KEY, phone TEXT);\n"
        "CREATE MATERIALIZED VIEW phones AS SELECT phone, count(*) FROM users GROUP BY phone;"
    )
    assert list(schema.tables) == ["users"] and schema.skipped == [(2, "CREATE MATERIALIZED")]


def _read_time(head: str, unit: str, chars: int) -> float:
    text = (head + unit * (chars // len(unit) + 1))[:chars]
    started = time.perf_counter()
    read_ddl(text)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    ("head", "unit"),
    [
        (
            "create materialized view v as select ",
            "from t ",
        ),  # 5.4 s at 63 KB: a view's key, sought after each FROM
        ("create materialized view v as select a from t where ", "primary key ("),
        ("create custom index i on t ", "(a) "),
        ("create custom index i on t (a) ", "using 'x' "),
        ("create custom index i on t ", "(a) using 'x' with options = {} "),  # 66 ms against 1.5 for a tenth
        ("alter table t ", "add "),
        ("", "GO\n"),
        ("", "\\x\n"),
        ("", "SET a = 1;\n"),
    ],
)
def test_hostile_ddl_is_read_in_time_that_grows_with_it_not_its_square(head, unit):
    """Timed against a tenth of the text in the same run (a slow host slows both)."""
    small = min(_read_time(head, unit, 6_000) for _ in range(2))
    large = min(
        _read_time(head, unit, 60_000) for _ in range(2)
    )  # a collection mid-run is not the text's cost
    assert large < 30 * small + 0.05, f"{large:.2f} s against {small:.3f} s for a tenth"


def test_a_statement_is_placed_at_its_first_word_not_at_the_comments_above_it():
    """A dump's banner comments over a statement put its line at the banner's."""
    schema = read_ddl(
        "-- header\n\nSET a = 1;\n-- c1\n-- c2\nCREATE TABLE x (a INT PRIMARY,, KEY);\n/* block\n comment */\n"
        "SET b = 2;\n-- Table users\nusers are keyed by id;"
    )
    assert schema.skipped == [(3, "SET"), (9, "SET")]
    assert [e.line for e in schema.errors] == [6, 11]


def test_external_and_transient_tables_are_tables():
    schema = read_ddl(
        "CREATE EXTERNAL TABLE logs (id BIGINT, at STRING) STORED AS PARQUET LOCATION 's3://b/logs/';\n"
        "CREATE OR REPLACE TRANSIENT TABLE t (id INT PRIMARY KEY);"
    )
    assert schema.errors == [] and sorted(schema.tables) == ["logs", "t"]
    assert schema.tables["t"].primary_key == ["id"]


@pytest.mark.parametrize(
    ("text", "line", "named"),
    [
        (
            'ActiveRecord::Schema[7.1].define(version: 2024_01_01) do\n  create_table "users", force: :cascade do |t|\n'
            '    t.string "phone"\n  end\nend\n',
            2,
            "a Rails schema",
        ),
        (
            "from django.db import models\n\nclass Message(models.Model):\n    body = models.TextField()\n",
            3,
            "Django models",
        ),
    ],
)
def test_another_frameworks_schema_is_named_as_such_not_a_syntax_error(text, line, named):
    """Pasted from an app's schema.rb or models.py, each line was "not a statement read here"."""
    schema = read_ddl(text)
    assert schema.tables == {}
    assert [(e.line, e.message.split(" (")[0]) for e in schema.errors] == [(line, f"this is {named}")]
