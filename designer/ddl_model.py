"""What :mod:`designer.ddl` reads a schema into: tables, columns, keys, indexes and errors (no
sqlglot here, so reading them needs no parser)."""

from __future__ import annotations

__all__ = ["Table", "Index", "Schema", "DdlError", "SQL_COMMENTS"]

import re
from dataclasses import dataclass, field

#: SQL's comments, ``-- …`` to the line's end and ``/* … */`` (an unclosed one to the text's end):
#: what the statement splitter and the dialect fallback read past.
SQL_COMMENTS = re.compile(r"--[^\n]*|/\*.*?(?:\*/|\Z)", re.S)


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
    #: Statements that shape no table (a dump's ``SET``, ``DROP``, ``GRANT``, ``CREATE SEQUENCE``…):
    #: each one's line and what it is, shown as skipped rather than as an error.
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def skipped_kinds(self) -> list[tuple[str, int]]:
        """What was skipped, each kind once in the order first met, with how many: ``[("SET", 12), …]``."""
        counts: dict[str, int] = {}
        for _line, what in self.skipped:
            counts[what] = counts.get(what, 0) + 1
        return list(counts.items())

    def key_prefixes(self, table: str) -> list[list[str]]:
        """Return the column lists that can serve a lookup on ``table``: its key and its indexes."""
        t = self.tables.get(table.lower())
        if t is None:
            return []
        lists = [t.primary_key] if t.primary_key else []
        return lists + [ix.columns for ix in t.indexes]
