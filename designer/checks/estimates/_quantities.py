"""Finding estimate rows by what they measure, the way checks of the estimates area share it."""

from __future__ import annotations

__all__ = ["find_rows", "DIMENSIONS", "dimension_of"]

import re
from functools import cache

from designer.checks.text import mentions_any, tokenize
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


#: A rate or a span written short in a row's name: "msgs/s", "pages/sec", "data after 5 yrs".
_SLASH = re.compile(r"\s*/\s*")
_PER_SECOND = re.compile(r"\bper (?:s|sec|secs)\b", re.IGNORECASE)
_YEARS = re.compile(r"\b(\d+|five|ten) ?(?:y|yr|yrs)\b", re.IGNORECASE)


def as_words(name: str) -> str:
    """A row's name (or a name looked for) in words: ``msgs/s`` → ``msgs per second``,
    ``storage_5_yrs`` → ``storage 5 years``, so the two are compared in the same terms.

    Examples
    --------
    >>> as_words("Pages/sec"), as_words("write_qps"), as_words("Total data after 5 yrs")
    ('Pages per second', 'write qps', 'Total data after 5 years')
    """
    words = _SLASH.sub(" per ", name.replace("_", " "))
    return _YEARS.sub(r"\1 years", _PER_SECOND.sub("per second", words))


def find_rows(rows: list[Evaluated], names: list[str], dimension: str | None = None) -> list[int]:
    """Return the indexes of the rows whose name matches one of ``names`` (and the dimension).

    A name matches when its words appear in the row's name: ``peak`` matches ``peak_write_qps``,
    ``messages per second`` matches ``Messages/sec``.
    """
    hits = []
    wanted = [as_words(n) for n in names]
    for index, row in enumerate(rows):
        # read once and matched by vocabulary first: a hostile row name of 10,000 words was scanned
        # once for every name asked
        if mentions_any(tokenize(as_words(row.name)), wanted) is not None and (
            dimension is None or dimension_of(row) == dimension
        ):
            hits.append(index)
    return hits
