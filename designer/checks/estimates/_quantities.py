"""Finding estimate rows by what they measure, the way checks of the estimates area share it."""

from __future__ import annotations

__all__ = ["find_rows", "DIMENSIONS", "dimension_of"]

from functools import cache

from designer.checks.text import mentions
from designer.estimates import Evaluated, quantity

#: What a quantity is: the unit whose pint dimensionality a row's value is compared with.
DIMENSIONS = {"count": "", "rate": "1/second", "bytes": "byte", "bytes_rate": "byte/second"}


@cache
def _dimensionality(unit: str):  # noqa: ANN202 - pint's own type, imported only once a unit is needed
    return quantity(1.0, unit).dimensionality


def dimension_of(row: Evaluated) -> str | None:
    """Return which of :data:`DIMENSIONS` the row's value has, or None."""
    if row.quantity is None:
        return None
    for name, unit in DIMENSIONS.items():
        if row.quantity.dimensionality == _dimensionality(unit):
            return name
    return None


def find_rows(rows: list[Evaluated], names: list[str], dimension: str | None = None) -> list[int]:
    """Return the indexes of the rows whose name matches one of ``names`` (and the dimension).

    A name matches when its words appear in the row's name: ``peak`` matches ``peak_write_qps``.
    """
    hits = []
    for index, row in enumerate(rows):
        row_name = row.name.replace("_", " ")
        if any(mentions(row_name, n) for n in names) and (
            dimension is None or dimension_of(row) == dimension
        ):
            hits.append(index)
    return hits
