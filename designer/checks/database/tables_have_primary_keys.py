"""Require a primary key on every table of the schema.

What it checks
    Every table read from the DDL has a primary key (a column constraint, a table constraint or a
    named ``CONSTRAINT … PRIMARY KEY``, in the table or added after it by ``ALTER TABLE … ADD``, as
    pg_dump writes it; CQL's ``PRIMARY KEY ((a), b)`` counts).

Why it matters
    A table without a key can't be looked up, deduplicated or partitioned (framework: database
    design).

Example
    ``CREATE TABLE users (id BIGINT PRIMARY KEY, …)`` passes; ``CREATE TABLE logs (at TIMESTAMP,
    line TEXT)`` fails, pointing at the DDL.

Params
    none.

Known limits
    NoSQL documents are not read as tables: a design written as documents and no DDL (a DynamoDB or
    MongoDB design, with a NoSQL box or store named; or keys in a key-value store such as Redis or
    etcd, with no relational store chosen or drawn) leaves this check out of the score, and
    ``database.nosql_partition_key`` looks at its keys. No DDL and no documents is an omission.
"""

from __future__ import annotations

from designer.checks.base import Check, DoesNotApply, Finding, NotAssessable, SessionView, panel


def run(view: SessionView, params):
    tables = [t for t in view.schema.tables.values() if t.columns]
    if not tables:
        yield DoesNotApply("documents") if view.documents_only else NotAssessable("no_tables")
        return
    keyless = [t for t in tables if not t.primary_key]
    for table in keyless:
        yield Finding("no_key", {"table": table.name}, (panel("database.ddl"),))
    if not keyless:
        yield Finding("keyed", {"count": len(tables)}, (panel("database.ddl"),), passed=True)


CHECK = Check(
    id="database.tables_have_primary_keys",
    statement="Every table has a primary key",
    summary="Require a primary key on every table",
    messages={
        "keyed": "All {count} tables have a primary key.",
        "no_key": "The table {table} has no primary key: say how a row is found.",
        "documents": "The data is written as NoSQL documents, not DDL: their keys are judged by the partition-key "
        "criterion and the interviewer.",
        "no_tables": "The DDL defines no tables to check: write a CREATE TABLE for each table, with its primary key.",
    },
    run=run,
    points=1,
    serves="Database design",
    doc=__doc__,
)
