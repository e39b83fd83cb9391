"""The DDL reader: tables, keys, indexes and errors with their line."""

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


def test_statements_other_than_create_are_reported():
    schema = read_ddl("CREATE TABLE a (id INT PRIMARY KEY);\nDROP TABLE a;")
    assert [(e.line, e.message) for e in schema.errors] == [
        (2, "only CREATE TABLE and CREATE INDEX are read here")
    ]


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
