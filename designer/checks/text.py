"""Forgiving matching of the candidate's words: case, punctuation, plurals and listed synonyms."""

from __future__ import annotations

__all__ = ["normalize", "mentions", "mentions_any"]

import re


def _stem(word: str) -> str:
    # Only the plural "s" (and "ies" → "y"): "images" → "image", "queries" → "query", "class" stays.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalize(text: str) -> str:
    """Lower-case, drop punctuation and plural endings: the form both sides are compared in.

    Examples
    --------
    >>> normalize("Read-Receipts, Group chats!")
    ' read receipt group chat '
    """
    words = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    return " " + " ".join(_stem(w) for w in words) + " "


def mentions(text: str, phrase: str) -> bool:
    """True when ``text`` contains ``phrase`` as whole words, forgivingly.

    Examples
    --------
    >>> mentions("Users can send read receipts.", "read receipt")
    True
    >>> mentions("We use a cache", "cac")
    False
    """
    needle = normalize(phrase)
    return needle.strip() != "" and needle in normalize(text)


def mentions_any(text: str, phrases: list[str]) -> str | None:
    """Return the first of ``phrases`` that ``text`` mentions, or None."""
    normalized = normalize(text)
    for phrase in phrases:
        needle = normalize(phrase)
        if needle.strip() and needle in normalized:
            return phrase
    return None
