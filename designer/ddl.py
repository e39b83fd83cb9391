"""Read a candidate's schema DDL with sqlglot (or DBML, as dbdiagram.io writes it): tables, columns,
keys and indexes.

What the workspace shows back to the candidate, and what the database checks read. Statements
sqlglot can't read as SQL (CQL's ``WITH CLUSTERING ORDER BY``, say) are reported, not fatal.
"""

from __future__ import annotations

__all__ = ["Table", "Index", "Schema", "DdlError", "read_ddl", "statements"]

import re
import warnings

from designer.ddl_model import SQL_COMMENTS, DdlError, Index, Schema, Table


def read_ddl(text: str, dialect: str | None = None) -> Schema:
    """Read CREATE TABLE and CREATE INDEX statements.

    Parameters
    ----------
    text : str
        The DDL as the candidate typed it; several statements separated by ``;``.
    dialect : str, optional
        A sqlglot dialect; by default sqlglot's own, which reads most PostgreSQL and MySQL.

    Returns
    -------
    Schema
        Tables by lower-cased name, and one :class:`DdlError` per statement that could not be read.

    Examples
    --------
    >>> s = read_ddl("CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT UNIQUE);")
    >>> s.tables["users"].primary_key, [i.columns for i in s.tables["users"].indexes]
    (['id'], [['email']])
    >>> read_ddl("CREATE TABLE x (a INT,\\n b INT PRIMARY,, KEY)").errors[0].line
    2
    """
    schema = Schema()
    if not text.strip():
        return schema  # no DDL: sqlglot (a tenth of a second to import) is not needed
    sql = _CREATE.search(text) is not None
    if not sql and _DBML.search(text):
        text = _dbml_as_sql(text, schema)
    elif not sql and (other := _other_schema_language(text)):
        # a framework's own schema language, which no well-kept Python library reads: say so, rather
        # than an error on every line
        line, named = other
        schema.errors.append(
            DdlError(
                line,
                f"this is {named}, which is not read here: write the tables as SQL (CREATE TABLE …) or as "
                "DBML (Table users { id bigint [pk] })",
            )
        )
        return schema
    from designer.ddl_parse import read_statement

    text = _CLIENT_COMMANDS.sub(";", text)
    # Statement by statement, so one typo costs one table, not the whole schema.
    for chunk, chunk_line in statements(text):
        if chunk.strip():
            read_statement(chunk, chunk_line, dialect, schema)
    return schema


# DBML (dbdiagram.io's schema language): a ``Table name {`` line, and no CREATE TABLE
_DBML = re.compile(
    r'^[ \t]*Table[ \t]+[\w."]+(?:[ \t]+as[ \t]+\w+)?[ \t]*(?:\[[^\]\n]*\])?[ \t]*\{', re.M | re.I
)
_CREATE = re.compile(r"\bcreate\s+table\b", re.I)
#: Other schema languages people paste, each by a line only it writes: Prisma's ``model Name {``,
#: Rails' ``create_table "name"``, Django's ``class Name(models.Model):``.
_OTHER_SCHEMA_LANGUAGES = (
    (re.compile(r"^[ \t]*model[ \t]+\w+[ \t]*\{", re.M), "a Prisma schema (model … { })"),
    (re.compile(r"^[ \t]*create_table[ \t(]+[\"':]\w+", re.M), "a Rails schema (create_table …)"),
    (
        re.compile(r"^[ \t]*class[ \t]+\w+[ \t]*\([ \t]*models\.Model[ \t]*\)", re.M),
        "Django models (class … (models.Model))",
    ),
)


def _other_schema_language(text: str) -> tuple[int, str] | None:
    """Where ``text`` is written in another schema language, the line that shows it and its name."""
    for pattern, named in _OTHER_SCHEMA_LANGUAGES:
        if found := pattern.search(text):
            return 1 + text.count("\n", 0, found.start()), named
    return None


def _dbml_as_sql(text: str, schema: Schema) -> str:
    """DBML written as the SQL it stands for, by PyDBML (DBML's parser for Python), to be read as any
    DDL is; a DBML syntax error is the schema's error at its line, and no SQL."""
    from pyparsing import ParseBaseException

    try:
        # PyDBML 1.2 builds its grammar with pyparsing names pyparsing 3.3 calls deprecated: its
        # warnings are no concern of the candidate's
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from pydbml import PyDBML  # only for DBML: pyparsing costs a start-up that SQL never pays

            return str(PyDBML(text).sql)
    except ParseBaseException as exc:
        schema.errors.append(DdlError(exc.lineno, f"DBML: {exc.msg} (line {exc.lineno}, column {exc.col})"))
    except Exception as exc:  # noqa: BLE001 - PyDBML's own checks (a reference to a missing table…)
        schema.errors.append(DdlError(1, f"DBML: {exc}"))
    return ""


#: Lines for the client that runs a script, not SQL: psql's meta-commands (pg_dump writes
#: ``\restrict``) and SQL Server's ``GO`` between batches. Each ends the statement before it (a
#: ``GO`` script has no semicolons) and is read as ``;``, so every line keeps its number.
_CLIENT_COMMANDS = re.compile(r"^[ \t]*(?:\\[a-z].*|go(?:[ \t]+\d+)?[ \t]*)$", re.I | re.M)

# What decides where a statement ends: quoted text and comments (whose ";" and parentheses are
# their own; an unclosed one runs to the end), parentheses, ";", and a line that starts a CREATE.
_MARKS = re.compile(
    r"""'(?:[^']|'')*'? | "[^"]*"? | `[^`]*`? | --[^\n]* | /\*.*?(?:\*/|\Z) | [();] | \n(?=[ \t]*(?:create|alter)\b)""",
    re.I | re.S | re.X,
)


def statements(text: str) -> list[tuple[str, int]]:
    """The DDL's statements, each with the line it starts on: ended by a ";" outside quotes,
    comments and parentheses, or by a line that starts another ``CREATE`` or ``ALTER`` (DDL
    written without semicolons, one statement after another).

    Examples
    --------
    >>> statements("CREATE TABLE a (s TEXT DEFAULT 'x;y'); -- a; b\\nCREATE TABLE b (id INT)\\nCREATE INDEX i ON b (id)")
    [("CREATE TABLE a (s TEXT DEFAULT 'x;y')", 1), ('CREATE TABLE b (id INT)', 2), ('CREATE INDEX i ON b (id)', 3)]
    """
    found, start, depth = [], 0, 0
    line, counted = 1, 0  # the line at ``counted``: lines are counted once, not from the top each time

    def line_at(position: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, position)
        counted = position
        return line

    for mark in _MARKS.finditer(text):
        token = mark.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif token == ";" or (token == "\n" and depth == 0):
            depth = 0  # a ";" ends even a statement with a parenthesis left open: one typo, one table
            found.append((text[start : mark.start()], line_at(start)))
            start = mark.end()
    found.append((text[start:], line_at(start)))
    return [(chunk, line) for chunk, line in found if SQL_COMMENTS.sub("", chunk).strip()]
