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
