"""The SQL side of :mod:`designer.ddl`: sqlglot's parse of each statement, read into the schema.

Kept apart so that reading a session without DDL (and starting the CLI) does not import sqlglot.
"""

from __future__ import annotations

__all__ = ["read_statement"]

import logging
import re

import sqlglot
from sqlglot import exp

from designer.ddl_model import SQL_COMMENTS, DdlError, Index, Schema, Table

# sqlglot warns on stderr for every statement it falls back on (CQL options); we report those ourselves.
logging.getLogger("sqlglot").setLevel(logging.ERROR)


def _ident(node: exp.Expression | None) -> str:
    return node.name.lower() if node is not None else ""


def _columns(nodes: list[exp.Expression]) -> list[str]:
    names = []
    for node in nodes:
        target = node.this if isinstance(node, exp.Ordered) else node
        # CQL's composite partition key ((a, b), c) arrives as a nested tuple.
        if isinstance(target, exp.Tuple | exp.Paren):
            names.extend(_columns(list(target.expressions) or [target.this]))
        else:
            names.append(target.name.lower())
    return names


#: The dialects a statement is read in when sqlglot's own can't read it: the DDL people write is
#: MySQL's (backticks, ``KEY`` inside the table, ``ENGINE=``), PostgreSQL's, SQL Server's
#: (``[brackets]``, ``CLUSTERED``) or SQLite's (``WITHOUT ROWID``) as often as anyone's.
OTHER_DIALECTS = ("mysql", "postgres", "tsql", "sqlite")

#: Statements that shape no table, by their first word: what a dump writes around its tables
#: (``SET``, ``DROP TABLE IF EXISTS``, ``BEGIN``…) and what a schema may hold besides them. Listed
#: as skipped without being parsed; ``ALTER`` and ``CREATE`` of anything but a table or an index too.
_SHAPES_NO_TABLE = frozenset({
    "SET", "SELECT", "INSERT", "UPDATE", "DELETE", "DROP", "TRUNCATE", "COMMENT", "GRANT", "REVOKE",
    "LOCK", "UNLOCK", "BEGIN", "START", "COMMIT", "ROLLBACK", "END", "USE", "PRAGMA", "VACUUM",
    "ANALYZE", "ANALYSE", "REINDEX", "CLUSTER", "DECLARE", "EXEC", "EXECUTE", "PRINT", "SAVEPOINT",
    "RELEASE", "COPY", "CALL", "REFRESH", "SHOW", "EXPLAIN", "DO",
})  # fmt: skip
#: Words between CREATE and what it creates.
_CREATE_MODIFIERS = frozenset({
    "OR", "REPLACE", "UNIQUE", "CLUSTERED", "NONCLUSTERED", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL",
    "LOCAL", "FULLTEXT", "SPATIAL", "EXTERNAL", "TRANSIENT", "CUSTOM",
})  # fmt: skip
#: What an ALTER TABLE that sqlglot could not read must not hold to be skipped: words of a key,
#: an index or a column, which the checks would miss.
_SHAPE_WORDS = re.compile(r"\b(?:primary|unique|index|key|foreign|references|add)\b", re.I)


def _what_it_is(plain: str) -> tuple[str, str]:
    """``("read", what it is)`` for a statement that shapes a table (CREATE TABLE or INDEX, ALTER
    TABLE), ``("skip", what it is)`` for SQL that shapes none (``SET``, ``CREATE SEQUENCE``, ``ALTER
    SCHEMA``), ``("refuse", "")`` for anything else (prose, a typo in the first word): an error
    without a parse, which 10,000 statements of ``a;`` made cost half a second. ``plain``: the
    statement without its comments."""
    words = plain.upper().replace("(", " ").split()
    first = words[0] if words else ""
    if first in {"CREATE", "ALTER"}:
        modifiers = _CREATE_MODIFIERS if first == "CREATE" else frozenset()
        shaped = next((w for w in words[1:] if w not in modifiers), "")  # TABLE, INDEX, SEQUENCE…
        what = f"{first} {shaped}".strip()
        return ("read" if what in {"CREATE TABLE", "CREATE INDEX", "ALTER TABLE"} else "skip", what)
    if first in _SHAPES_NO_TABLE:
        return ("skip", first)
    return ("refuse", "")  # no statement that shapes a table starts so: not worth sqlglot's reading


#: What comes before a statement's first word: spaces and comments (a dump's banner over each table).
_LEADING = re.compile(r"(?:\s+|--[^\n]*|/\*.*?(?:\*/|\Z))*", re.S)


def read_statement(sql: str, chunk_line: int, dialect: str | None, schema: Schema) -> None:
    first_line = chunk_line + sql.count("\n", 0, _LEADING.match(sql).end())  # type: ignore[union-attr]  # * always matches
    sql = _CQL_CUSTOM_INDEX.sub(r"\1\2", sql)
    plain = SQL_COMMENTS.sub(" ", sql)  # what each reading below sees, comments read past once
    if _read_cql_view(plain, schema):
        return
    action, what = _what_it_is(plain)
    if action == "skip":
        schema.skipped.append((first_line, what))
        return
    if action == "refuse":
        schema.errors.append(DdlError(first_line, _NOT_READ))
        return
    statement: exp.Expr | None = None
    first_error: DdlError | None = None
    # what is read is a CREATE or an ALTER: worth each dialect's reading
    for each in (dialect, *(d for d in OTHER_DIALECTS if d != dialect)):
        statement, error = _parsed(sql, chunk_line, first_line, each)
        if statement is not None:
            break
        first_error = first_error or error
    if statement is None:
        if what == "ALTER TABLE" and not _SHAPE_WORDS.search(plain):
            # OWNER TO, SET STATISTICS…: sqlglot reads none of them, and they shape nothing read here
            schema.skipped.append((first_line, what))
        elif first_error is not None:  # in the words of the first dialect tried
            schema.errors.append(first_error)
        return
    if isinstance(statement, exp.Create):
        _read_create(statement, schema)
    elif isinstance(statement, exp.Alter) and (statement.args.get("kind") or "").upper() == "TABLE":
        _read_alter(statement, schema)
    else:
        schema.errors.append(DdlError(first_line, _NOT_READ))


#: CQL's ``CREATE CUSTOM INDEX … USING 'class' [WITH OPTIONS = {…}]`` (a SASI or storage-attached
#: index) is an index on its columns like any other: read without ``CUSTOM`` and what follows them.
_CQL_CUSTOM_INDEX = re.compile(
    r"^(\s*create\s+)custom\s+(index\b.*?\))\s*using\s+'[^']*'(?:\s+with\s+options\s*=\s*\{[^{}]*\})?\s*$",
    re.I | re.S,
)
#: CQL's materialized view: a table Cassandra keeps for another key, ``CREATE MATERIALIZED VIEW v AS
#: SELECT … FROM t WHERE … PRIMARY KEY (…)``. Its head is matched here; the FROM and the key are
#: each sought once after it (one regular expression spanning all three took 5 s on 63 KB of FROMs).
_CQL_VIEW = re.compile(
    r"\s*create\s+materialized\s+view\s+(?:if\s+not\s+exists\s+)?(?P<name>[\w.\"]+)\s+as\s+select\s",
    re.I,
)
_FROM = re.compile(r"\sfrom\s+(?P<base>[\w.\"]+)", re.I)
_KEY = re.compile(r"\bprimary\s+key\s*(?=\()", re.I)


def _read_cql_view(text: str, schema: Schema) -> bool:
    """Read a CQL materialized view (``text``, without its comments) as the table it is: its key,
    and the columns it selects (all its base table's for ``*``). False for anything else
    (PostgreSQL's views have no key: skipped)."""
    head = _CQL_VIEW.match(text)
    source = _FROM.search(text, head.end() - 1) if head else None
    key_at = _KEY.search(text, source.end()) if source else None
    if head is None or source is None or key_at is None:
        return False
    selected_text, key_text = text[head.end() : source.start()], text[key_at.end() :]

    def name(text: str) -> str:
        return text.strip().rsplit(".", 1)[-1].strip('"').lower()

    depth, end = 0, len(key_text)
    for at, char in enumerate(key_text):  # the key's own brackets: ((a, b), c)
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            end = at
            break
    key = [name(c) for c in re.split(r"[(),\s]+", key_text[:end]) if c.strip()]
    view = Table(name(head["name"]))
    base = schema.tables.get(name(source["base"]))
    selected = [name(c) for c in selected_text.split(",")]
    columns = (
        list(base.columns) if selected == ["*"] and base is not None else [c for c in selected if c != "*"]
    )
    view.columns = {c: (base.columns.get(c, "") if base else "") for c in dict.fromkeys(key + columns)}
    view.primary_key = key
    schema.tables[view.name] = view
    return True


_NOT_READ = "not a statement read here: the schema is read from CREATE TABLE, CREATE INDEX and ALTER TABLE"


_TOO_DEEP = "this statement is nested too deeply to read (brackets or signs inside one another)"


def _parsed(
    sql: str, chunk_line: int, first_line: int, dialect: str | None
) -> tuple[exp.Expr | None, DdlError | None]:
    """The statement read in ``dialect``, or why it could not be."""
    statement: exp.Expr | None
    try:
        statement = sqlglot.parse_one(sql, read=dialect)
    except sqlglot.errors.ParseError as exc:
        err = exc.errors[0] if exc.errors else {}
        return None, DdlError(chunk_line + (err.get("line") or 1) - 1, _parse_message(err))
    except sqlglot.errors.SqlglotError as exc:
        return None, DdlError(first_line, f"can't read the DDL: {exc}")
    except (
        RecursionError
    ):  # sqlglot reads each bracket and sign by recursion: 10,000 deep is past Python's stack
        return None, DdlError(first_line, _TOO_DEEP)
    if isinstance(statement, exp.Command):  # sqlglot's fallback when the syntax is not its dialect's
        statement = _without_table_options(statement.sql(), dialect)
        if statement is None:
            return None, DdlError(first_line, f"can't read this statement as SQL: {sql.strip()[:60]}…")
    return statement, None


def _without_table_options(sql: str, dialect: str | None) -> exp.Expr | None:
    """Read a CREATE TABLE again without its trailing options (CQL's ``WITH CLUSTERING ORDER``)."""
    match = re.match(r"(?is)\s*(CREATE\s+TABLE\b.*\))\s*WITH\b.*$", sql)
    if not match:
        return None
    try:
        return sqlglot.parse_one(match.group(1), read=dialect)
    except (sqlglot.errors.SqlglotError, RecursionError):
        return None


def _parse_message(err: dict) -> str:
    near = (err.get("highlight") or "").strip()
    return f"{err.get('description', 'syntax error')}" + (f" near {near!r}" if near else "")


def _read_create(statement: exp.Create, schema: Schema) -> None:
    kind = (statement.args.get("kind") or "").upper()
    if kind == "TABLE" and isinstance(statement.this, exp.Schema):
        table = Table(_ident(statement.this.this))
        for item in statement.this.expressions:
            _read_table_item(item, table)
        earlier = schema.tables.get(table.name)
        if earlier is not None:  # an index or ALTER written before the table: what they said stands
            table.columns.update(
                {name: kind for name, kind in earlier.columns.items() if name not in table.columns}
            )
            table.primary_key = table.primary_key or earlier.primary_key
            table.foreign_keys += earlier.foreign_keys
            table.indexes += earlier.indexes
        schema.tables[table.name] = table
    # INDEX, or SQL Server's CLUSTERED and NONCLUSTERED INDEX
    elif kind.endswith("INDEX") and isinstance(statement.this, exp.Index):
        index = statement.this
        table_name = _ident(index.args.get("table"))
        params = index.args.get("params")
        cols = _columns(params.args.get("columns") or []) if params else []
        entry = Index(_ident(index.this), table_name, cols, bool(statement.args.get("unique")))
        schema.tables.setdefault(table_name, Table(table_name)).indexes.append(entry)


def _read_alter(statement: exp.Alter, schema: Schema) -> None:
    """ALTER TABLE's ADD of columns, keys, indexes and foreign keys (as pg_dump and phpMyAdmin write a
    table's keys, after it); a table altered before its CREATE is read all the same."""
    name = _ident(statement.this)
    table = schema.tables.setdefault(name, Table(name))
    for action in statement.args.get("actions") or []:
        if isinstance(action, exp.AddConstraint):
            for item in action.expressions:
                _read_table_item(item, table)
        elif isinstance(action, exp.ColumnDef):
            _read_table_item(action, table)


def _clustered_columns(items: list[exp.Expression]) -> list[str]:
    """The columns of SQL Server's ``CLUSTERED (a ASC, b)`` or ``NONCLUSTERED (…)`` among ``items``."""
    for item in items:
        if isinstance(item, exp.ClusteredColumnConstraint | exp.NonClusteredColumnConstraint):
            return _columns(list(item.this or []))
    return []


def _read_table_item(item: exp.Expression, table: Table) -> None:
    if isinstance(item, exp.ColumnDef):
        name = item.name.lower()
        table.columns[name] = item.args["kind"].sql() if item.args.get("kind") else ""
        for constraint in item.args.get("constraints") or []:
            ckind = constraint.args.get("kind")
            if isinstance(ckind, exp.PrimaryKeyColumnConstraint):
                table.primary_key = [name]
            elif isinstance(ckind, exp.UniqueColumnConstraint):
                table.indexes.append(Index(f"{table.name}_{name}_key", table.name, [name], True))
            elif isinstance(ckind, exp.Reference):
                table.foreign_keys.append(([name], _ident(ckind.find(exp.Table))))
    elif isinstance(item, exp.PrimaryKey):
        table.primary_key = _columns(item.expressions)
    elif isinstance(item, exp.IndexColumnConstraint) or (
        # MySQL's unnamed INDEX (a, b), which sqlglot's own dialect reads as a call
        isinstance(item, exp.Anonymous) and str(item.this).upper() in {"INDEX", "KEY"}
    ):  # MySQL's KEY / INDEX inside the table
        cols = _columns(list(item.expressions))
        named = _ident(item.this) if isinstance(item, exp.IndexColumnConstraint) else ""
        table.indexes.append(Index(named or f"{table.name}_{'_'.join(cols)}_idx", table.name, cols, False))
    elif isinstance(item, exp.UniqueColumnConstraint):
        target = item.this
        cols = (
            _columns(target.expressions) if isinstance(target, exp.Schema) else _clustered_columns([target])
        )
        table.indexes.append(Index(f"{table.name}_{'_'.join(cols)}_key", table.name, cols, True))
    elif isinstance(item, exp.ForeignKey):
        ref = item.args.get("reference")
        table.foreign_keys.append((_columns(item.expressions), _ident(ref.find(exp.Table)) if ref else ""))
    elif isinstance(item, exp.Constraint):
        inner = list(item.expressions)
        if any(isinstance(each, exp.PrimaryKeyColumnConstraint) for each in inner):
            # SQL Server's CONSTRAINT pk PRIMARY KEY CLUSTERED (a, b): the columns follow the key
            table.primary_key = _clustered_columns(inner)
            return
        for each in inner:
            _read_table_item(each, table)
