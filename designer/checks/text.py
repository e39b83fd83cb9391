"""Forgiving matching of the candidate's words: case, punctuation, plurals, short forms (msg, img,
pic…) and listed synonyms."""

from __future__ import annotations

__all__ = ["PhraseIndex", "normalize", "mentions", "mentions_any", "singular", "shared_words", "tokenize"]

import functools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

#: Short forms people write in paths and names, read as the word: ``/v1/msgs`` names messages.
_SHORT_FORMS = {
    "msg": "message",
    "img": "image",
    "pic": "picture",
    "vid": "video",
    "notif": "notification",
    "txn": "transaction",
    "usr": "user",
    "doc": "document",
    "thumb": "thumbnail",
    "pref": "preference",
    "ms": "millisecond",  # "p99 < 200 ms" and "within 200 milliseconds" say the same
}


@functools.lru_cache(maxsize=16384)
def _forms(word: str) -> frozenset[str]:
    """The word, what it may be the plural of ("aliases" → alias, "queries" → query, "caches" →
    cache) and what it may be short for ("msgs" → message). Cached: a grade asks for the same few
    hundred words thousands of times."""
    forms = {word}
    if len(word) > 3 and word.endswith("s"):
        forms.add(word[:-1])
        if word.endswith("es"):
            forms.add(word[:-2])
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
    for form in tuple(forms):
        if form in _SHORT_FORMS:
            forms.add(_SHORT_FORMS[form])
    return frozenset(forms)


def normalize(text: str) -> str:
    """Lower-case and drop punctuation: the words both sides are compared in.

    Examples
    --------
    >>> normalize("Read-Receipts, Group chats!")
    ' read receipts group chats '
    """
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()) + " "


def _contains(words: Sequence[AbstractSet[str]], needle: Sequence[AbstractSet[str]]) -> bool:
    if not needle:
        return False
    for start in range(len(words) - len(needle) + 1):
        if all(words[start + i] & needle[i] for i in range(len(needle))):
            return True
    return False


def _tokens(text: str) -> list[frozenset[str]]:
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


class Words(list):
    """A text's words (each a set of the forms it may stand for) and every form used, read once and
    matched against many phrases: a board of 10,000 boxes asks each deep dive 10,000 times."""

    def __init__(self, words: list[frozenset[str]]):
        super().__init__(words)
        self.vocabulary: set[str] = set().union(*words)


def tokenize(text: str) -> Words:
    """The words of ``text`` with the forms each may stand for: read once, matched many times."""
    return Words(_tokens(text))


@functools.lru_cache(maxsize=8192)
def _phrase_tokens(phrase: str) -> tuple[frozenset[str], ...]:
    """A phrase's tokens, read once: the same phrases (a rubric's, the kind rules') are asked of
    every row and every box."""
    return tuple(frozenset(token) for token in _tokens(phrase))


def mentions_any(text: str | list[frozenset[str]], phrases: list[str] | tuple[str, ...]) -> str | None:
    """Return the first of ``phrases`` that ``text`` (or its :func:`tokenize` words) mentions, or None."""
    words = text if isinstance(text, Words) else Words(text if isinstance(text, list) else _tokens(text))
    vocabulary = words.vocabulary
    for phrase in phrases:
        needle = _phrase_tokens(phrase)
        # A phrase with a word the text never uses can't be in it: most are ruled out without a scan.
        if all(token & vocabulary for token in needle) and _contains(words, needle):
            return phrase
    return None


class PhraseIndex:
    """Many things' names, indexed by the forms of each name's first word, so a text is matched against
    only the things whose names could start in it: a deep dive against 10,000 boxes asks a handful.

    Examples
    --------
    >>> index = PhraseIndex([("db", ["message store"]), ("cache", ["redis"])])
    >>> index.mentioned(tokenize("Messages go to the message store."))
    ['db']
    """

    def __init__(self, named: list[tuple[str, list[str]]]):
        self._order = {key: position for position, (key, _) in enumerate(named)}
        self._names = dict(named)
        self._by_first_form: dict[str, set[str]] = {}
        for key, names in named:
            for name in names:
                needle = _phrase_tokens(name)
                for form in needle[0] if needle else ():
                    self._by_first_form.setdefault(form, set()).add(key)

    def mentioned(self, words: Words) -> list[str]:
        """The keys whose names ``words`` mention, in the order they were given."""
        candidates = set().union(*(self._by_first_form.get(form, ()) for form in words.vocabulary))
        return [
            key
            for key in sorted(candidates, key=self._order.__getitem__)
            if mentions_any(words, self._names[key])
        ]


def singular(text: str) -> str:
    """The words of ``text`` each in its shortest form, for comparing names: "Chat_Members" ~ "chat member"."""
    return " ".join(min(_forms(w), key=len) for w in normalize(text.replace("_", " ")).split())


def shared_words(a: str, b: str) -> int:
    """How many words of ``b`` appear in ``a``, forgiving plurals."""
    words = _tokens(a)
    return sum(1 for token in _tokens(b) if any(token & w for w in words))


# Negation and scope, in the manner of NegEx (Chapman et al., 2001, "A simple algorithm for
# identifying negated findings"): a cue negates a phrase near it in the same clause. Short cues
# reach two words ahead ("no media", "not real-time"); "need" cues reach the end of the clause
# ("analytics do not need to be realtime"); trailing cues reach back three ("voice calls: no",
# "media later", "realtime is out of scope"). A sentence says something or says it isn't needed;
# only the first makes a demand.
_CLAUSE = re.compile(r"[.;!?,()\[\]\n]+|\s(?:but|however|except|although|though|whereas)\s", re.IGNORECASE)
_NEAR_CUES = (
    ("no",),
    ("not",),
    ("never",),
    ("without",),
    ("nothing",),
    ("skip",),
    ("exclude",),
    ("excluding",),
)
_CLAUSE_CUES = (
    ("no", "need"),
    ("not", "need"),
    ("not", "needed"),
    ("not", "required"),
    ("not", "necessary"),
    ("not", "a", "requirement"),
    ("not", "in", "scope"),
    ("out", "of", "scope"),
    ("non", "goal"),
    ("nongoal",),
)
_TRAILING_CUES = (
    ("no",),
    ("not",),
    ("later",),
    ("out", "of", "scope"),
    ("excluded",),
    ("deferred",),
    ("non", "goal"),
    ("nope",),
    ("n", "a"),
)
#: An answer that turns its question down: "No", "Not now", "Out of scope for now", "Later".
_REFUSALS = (
    ("no",),
    ("nope",),
    ("not",),
    ("none",),
    ("never",),
    ("out", "of", "scope"),
    ("later",),
    ("skip",),
    ("non", "goal"),
    ("n", "a"),
)


def _plain(text: str) -> list[str]:
    # "don't" / "doesn't" / "won't" → "do not": the cue is "not" whatever the contraction.
    text = re.sub(r"n['’]t\b", " not", text.lower()).replace("cannot", "can not")
    return normalize(text).split()


def _starts(words: list[str], at: int, cue: tuple[str, ...]) -> bool:
    return tuple(words[at : at + len(cue)]) == cue


_CLAUSE_CUE_FIRSTS = frozenset(cue[0] for cue in _CLAUSE_CUES)


class _Negations:
    """Where the cues of one clause reach, found in one pass over it: each phrase found in the
    clause asks :meth:`negated`. Looking back over the clause from each phrase instead made a 20 KB
    label of "replicas not replicas not …" a quarter of a minute's work."""

    _NEAR_REACH = 2  # words between a near cue and its phrase
    _TRAILING_REACH = 4  # the words after a phrase where a trailing cue may start
    _LONGEST_NEAR = max(len(cue) for cue in _NEAR_CUES)

    def __init__(self, words: list[str]):
        self.words = words
        # a clause cue negates every phrase from where the first one ends
        self.clause_cue_end = min(
            (
                at + len(cue)
                for at, word in enumerate(words)
                if word in _CLAUSE_CUE_FIRSTS
                for cue in _CLAUSE_CUES
                if _starts(words, at, cue)
            ),
            default=len(words) + 1,
        )

    def negated(self, start: int, end: int) -> bool:
        """Whether the phrase at ``words[start:end]`` is negated within its clause."""
        if self.clause_cue_end <= start:
            return True
        words = self.words
        for at in range(max(0, start - self._NEAR_REACH - self._LONGEST_NEAR), start):
            if any(
                _starts(words, at, cue) and start - (at + len(cue)) <= self._NEAR_REACH for cue in _NEAR_CUES
            ):
                return True
        return any(
            _starts(words, at, cue)
            for at in range(end, min(len(words), end + self._TRAILING_REACH))
            for cue in _TRAILING_CUES
        )


def _vocabulary(text: str) -> frozenset[str]:
    """Every form of every word of ``text``, as :func:`affirms` reads its clauses."""
    return frozenset(form for word in set(_plain(text)) for form in _forms(word))


def clauses(text: str) -> list[str]:
    """The clauses of ``text``: a negation reaches no further than its clause."""
    return [part for part in _CLAUSE.split(text) if part and part.strip()]


def affirms(text: str, phrases: list[str] | tuple[str, ...]) -> str | None:
    """Return the first of ``phrases`` that ``text`` mentions and doesn't negate, or None.

    Examples
    --------
    >>> affirms("Messages arrive in real time", ["real time"])
    'real time'
    >>> affirms("Page view analytics do not need to be realtime", ["realtime"]) is None
    True
    >>> affirms("Images yes, voice calls no", ["voice call"]) is None
    True
    >>> affirms("No message is lost while the user is offline", ["offline"])
    'offline'
    """
    # The whole text's words first, in one pass: a phrase with a word the text never uses is in
    # none of its clauses. Most texts are done here; a 20 KB line of ten thousand clauses ("1.1.1.…")
    # took 80 ms a call, clause by clause.
    everywhere = _vocabulary(text)
    needles = [(phrase, needle) for phrase in phrases if (needle := _phrase_tokens(phrase))]
    needles = [(phrase, needle) for phrase, needle in needles if all(t & everywhere for t in needle)]
    if not needles:
        return None
    for clause in clauses(text):
        words = _plain(clause)
        tokens = [_forms(w) for w in words]
        vocabulary = frozenset().union(*tokens)
        negations: _Negations | None = None  # read only in a clause where a phrase is found
        for phrase, needle in needles:
            if vocabulary.isdisjoint(needle[0]):
                continue  # its first word is nowhere in the clause: no place to look
            for start in range(len(tokens) - len(needle) + 1):
                matched = needle and all(tokens[start + i] & needle[i] for i in range(len(needle)))
                if not matched:
                    continue
                negations = negations or _Negations(words)
                if not negations.negated(start, start + len(needle)):
                    return phrase
    return None


def refuses(answer: str) -> bool:
    """Whether an answer turns its question down ("No", "Not for now", "Out of scope", "Later").

    Examples
    --------
    >>> refuses("Out of scope for now"), refuses("No."), refuses("Yes, 5 years"), refuses("Nobody knows")
    (True, True, False, False)
    """
    words = _plain(answer)
    return any(_starts(words, 0, cue) for cue in _REFUSALS)
