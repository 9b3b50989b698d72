"""Keyword-first scanning: find a rare word first, then try the full pattern only at the words before it.

Why: the extractors' patterns are long ("at least 21 people were killed", "On the morning of February 12",
"four Iskander ballistic missiles"), and running one at every position of every sentence is ~20× slower
than finding its rare keyword ("killed", "February", "missiles") and walking back a few words from there.
Weapons and casualties walk back with :func:`candidate_starts`, dates and times with :func:`prev_words`.
"""
from __future__ import annotations

__all__ = ["lower", "candidate_starts", "prev_words"]

_PUNCT = "\"'“”‘’()[],.;:!?—–"
_SEPARATORS = frozenset(" \t\n\r\f\v,-\u00a0")


def lower(text: str) -> str:
    """``text.lower()`` with the same length, so offsets found in it hold in ``text`` ("İ" stays)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def candidate_starts(low: str, pos: int, lo: int, starters: frozenset, through: frozenset | None = None,
                     max_words: int = 8, stop: str = ",;:.!?()[]—–\n") -> list[int]:
    """Offsets, ascending, of the words before ``low[pos]`` that may start a phrase ending after ``pos``.

    Walks back from ``pos`` over at most ``max_words`` words, stopping at punctuation or at a word
    neither in ``starters`` nor in ``through`` (``None``: any word goes on); ``stop`` lists the punctuation
    that ends the walk (a comma by default: "drones, two missiles"). A word is a candidate when
    it is in ``starters`` (also without a possessive 's, or after its last hyphen: "French-supplied")
    or starts with a digit. ``low`` is lower-case text (see ``lower``).
    """
    out = []
    while max_words > 0 and pos > lo:
        j = pos
        while j > lo and low[j - 1] in " \t":
            j -= 1
        if j == pos or j <= lo or low[j - 1] in stop:
            break
        k = max(low.rfind(" ", lo, j), low.rfind("\n", lo, j), lo - 1) + 1
        token = low[k:j].lstrip(_PUNCT)
        start, token = j - len(token), token.rstrip(_PUNCT)
        if not token:
            break
        if token[0].isdigit() or token in starters or token.rsplit("-", 1)[-1] in starters \
                or token.removesuffix("'s").removesuffix("’s") in starters:
            out.append(start)
        elif through is not None and token not in through:
            break
        pos, max_words = k, max_words - 1
    out.reverse()
    return out


def prev_words(text: str, p: int, floor: int = 0):
    """Yield (start, word) for the words before position ``p``, nearest first, that are separated by spaces,
    commas or hyphens ("On the morning of", "mid-June"); stops at any other character ("Ukraine’s June 1")
    or at ``floor``. Used to grow a match leftwards from the word that triggered it."""
    i = p
    while i > floor:
        j = i
        while j > floor and text[j - 1] in _SEPARATORS:
            j -= 1
        k = j
        while k > floor and text[k - 1].isalnum():
            k -= 1
        if j == i or k == j:
            return
        yield k, text[k:j]
        i = k
