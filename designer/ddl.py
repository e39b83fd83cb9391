"""Read a candidate's schema DDL with sqlglot: tables, columns, keys and indexes.

What the workspace shows back to the candidate, and what the database checks read. Statements
sqlglot can't read as SQL (CQL's ``WITH CLUSTERING ORDER BY``, say) are reported, not fatal.
"""

from __future__ import annotations

__all__ = ["Table", "Index", "Schema", "DdlError", "read_ddl"]

from designer.ddl_model import DdlError, Index, Schema, Table


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
    from designer.ddl_parse import read_statement

    line = 1
    # Statement by statement, so one typo costs one table, not the whole schema.
    for chunk in text.split(";"):
        chunk_line = line
        line += chunk.count("\n")
        if chunk.strip():
            read_statement(chunk, chunk_line, dialect, schema)
    return schema
