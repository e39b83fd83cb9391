"""Forgiving matching of the candidate's words: case, punctuation, plurals and listed synonyms."""

from __future__ import annotations

__all__ = ["normalize", "mentions", "mentions_any", "singular", "shared_words", "tokenize"]

import functools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet


def _forms(word: str) -> set[str]:
    """The word and what it may be the plural of: "aliases" → alias, "queries" → query, "caches" → cache."""
    forms = {word}
    if len(word) > 3 and word.endswith("s"):
        forms.add(word[:-1])
        if word.endswith("es"):
            forms.add(word[:-2])
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
    return forms


def normalize(text: str) -> str:
    """Lower-case and drop punctuation: the words both sides are compared in.

    Examples
    --------
    >>> normalize("Read-Receipts, Group chats!")
    ' read receipts group chats '
    """
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()) + " "


def _contains(words: list[set[str]], needle: Sequence[AbstractSet[str]]) -> bool:
    if not needle:
        return False
    for start in range(len(words) - len(needle) + 1):
        if all(words[start + i] & needle[i] for i in range(len(needle))):
            return True
    return False


def _tokens(text: str) -> list[set[str]]:
    return [_forms(w) for w in normalize(text).split()]


def mentions(text: str, phrase: str) -> bool:
    """True when ``text`` contains ``phrase`` as whole words, forgiving case, punctuation and plurals.

    Examples
    --------
    >>> mentions("Users can send read receipts.", "read receipt")
    True
    >>> mentions("Custom aliases", "custom alias")
    True
    >>> mentions("We use a cache", "cac")
    False
    """
    return _contains(_tokens(text), _tokens(phrase))


def tokenize(text: str) -> list[set[str]]:
    """The words of ``text`` with the forms each may stand for: read once, matched many times."""
    return _tokens(text)


@functools.lru_cache(maxsize=8192)
def _phrase_tokens(phrase: str) -> tuple[frozenset[str], ...]:
    """A phrase's tokens, read once: the same phrases (a rubric's, the kind rules') are asked of
    every row and every box."""
    return tuple(frozenset(token) for token in _tokens(phrase))


def mentions_any(text: str | list[set[str]], phrases: list[str] | tuple[str, ...]) -> str | None:
    """Return the first of ``phrases`` that ``text`` (or its :func:`tokenize` words) mentions, or None."""
    words = text if isinstance(text, list) else _tokens(text)
    vocabulary = set().union(*words)
    for phrase in phrases:
        needle = _phrase_tokens(phrase)
        # A phrase with a word the text never uses can't be in it: most are ruled out without a scan.
        if all(token & vocabulary for token in needle) and _contains(words, needle):
            return phrase
    return None


def singular(text: str) -> str:
    """The words of ``text`` each in its shortest form, for comparing names: "Chat_Members" ~ "chat member"."""
    return " ".join(min(_forms(w), key=len) for w in normalize(text.replace("_", " ")).split())


def shared_words(a: str, b: str) -> int:
    """How many words of ``b`` appear in ``a``, forgiving plurals."""
    words = _tokens(a)
    return sum(1 for token in _tokens(b) if any(token & w for w in words))
