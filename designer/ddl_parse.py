"""The SQL side of :mod:`designer.ddl`: sqlglot's parse of each statement, read into the schema.

Kept apart so that reading a session without DDL (and starting the CLI) does not import sqlglot.
"""

from __future__ import annotations

__all__ = ["read_statement"]

import logging
import re

import sqlglot
from sqlglot import exp

from designer.ddl_model import DdlError, Index, Schema, Table

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


def read_statement(sql: str, chunk_line: int, dialect: str | None, schema: Schema) -> None:
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
