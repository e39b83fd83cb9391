"""Read a candidate's schema DDL with sqlglot: tables, columns, keys and indexes.

What the workspace shows back to the candidate, and what the database checks read. Statements
sqlglot can't read as SQL (CQL's ``WITH CLUSTERING ORDER BY``, say) are reported, not fatal.
"""

from __future__ import annotations

__all__ = ["Table", "Index", "Schema", "DdlError", "read_ddl"]

import logging
import re
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp

logger = logging.getLogger(__name__)
# sqlglot warns on stderr for every statement it falls back on (CQL options); we report those ourselves.
logging.getLogger("sqlglot").setLevel(logging.ERROR)


@dataclass
class Index:
    """An index (or a unique constraint, which is served by one) over columns of a table."""

    name: str
    table: str
    columns: list[str]
    unique: bool = False


@dataclass
class Table:
    """A table: its columns (name → type), primary key, foreign keys and indexes."""

    name: str
    columns: dict[str, str] = field(default_factory=dict)
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[tuple[list[str], str]] = field(default_factory=list)
    indexes: list[Index] = field(default_factory=list)


@dataclass
class DdlError:
    """A statement that could not be read, with its 1-based line."""

    line: int
    message: str


@dataclass
class Schema:
    """Everything read from the DDL text."""

    tables: dict[str, Table] = field(default_factory=dict)
    errors: list[DdlError] = field(default_factory=list)

    def key_prefixes(self, table: str) -> list[list[str]]:
        """Return the column lists that can serve a lookup on ``table``: its key and its indexes."""
        t = self.tables.get(table.lower())
        if t is None:
            return []
        lists = [t.primary_key] if t.primary_key else []
        return lists + [ix.columns for ix in t.indexes]


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
    line = 1
    # Statement by statement, so one typo costs one table, not the whole schema.
    for chunk in text.split(";"):
        chunk_line = line
        line += chunk.count("\n")
        if chunk.strip():
            _read_statement(chunk, chunk_line, dialect, schema)
    return schema


def _read_statement(sql: str, chunk_line: int, dialect: str | None, schema: Schema) -> None:
    first_line = chunk_line + sql[: len(sql) - len(sql.lstrip())].count("\n")
    statement: exp.Expr | None
    try:
        statement = sqlglot.parse_one(sql, read=dialect)
    except sqlglot.errors.ParseError as exc:
        for err in exc.errors[:1]:
            line = chunk_line + (err.get("line") or 1) - 1
            schema.errors.append(DdlError(line, _parse_message(err)))
        return
    except sqlglot.errors.SqlglotError as exc:
        schema.errors.append(DdlError(first_line, f"can't read the DDL: {exc}"))
        return
    if isinstance(statement, exp.Command):
        statement = _without_table_options(statement.sql(), dialect)
        if statement is None:
            schema.errors.append(
                DdlError(first_line, f"can't read this statement as SQL: {sql.strip()[:60]}…")
            )
            return
    if isinstance(statement, exp.Create):
        _read_create(statement, schema)
    else:
        schema.errors.append(DdlError(first_line, "only CREATE TABLE and CREATE INDEX are read here"))


def _without_table_options(sql: str, dialect: str | None) -> exp.Expr | None:
    """Read a CREATE TABLE again without its trailing options (CQL's ``WITH CLUSTERING ORDER``)."""
    match = re.match(r"(?is)\s*(CREATE\s+TABLE\b.*\))\s*WITH\b.*$", sql)
    if not match:
        return None
    try:
        return sqlglot.parse_one(match.group(1), read=dialect)
    except sqlglot.errors.SqlglotError:
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
        schema.tables[table.name] = table
    elif kind == "INDEX" and isinstance(statement.this, exp.Index):
        index = statement.this
        table_name = _ident(index.args.get("table"))
        params = index.args.get("params")
        cols = _columns(params.args.get("columns") or []) if params else []
        entry = Index(_ident(index.this), table_name, cols, bool(statement.args.get("unique")))
        schema.tables.setdefault(table_name, Table(table_name)).indexes.append(entry)


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
    elif isinstance(item, exp.UniqueColumnConstraint):
        target = item.this
        cols = _columns(target.expressions if isinstance(target, exp.Schema) else [])
        table.indexes.append(Index(f"{table.name}_{'_'.join(cols)}_key", table.name, cols, True))
    elif isinstance(item, exp.ForeignKey):
        ref = item.args.get("reference")
        table.foreign_keys.append((_columns(item.expressions), _ident(ref.find(exp.Table)) if ref else ""))
    elif isinstance(item, exp.Constraint):
        for inner in item.expressions:
            _read_table_item(inner, table)
