"""Counts and lists in the report's sentences, so that a count and its noun always agree.

Every "N things" phrase in the report goes through ``count`` (never ``f"{n} things"``), so "1 events" or
"1 places" cannot be written. Examples::

    >>> count(1, "event"), count(3, "undated event"), count(2, "person", "people")
    ('1 event', '3 undated events', '2 people')
    >>> plural("Iskander ballistic missile", 4), plural("artillery gun", 1)
    ('Iskander ballistic missiles', 'artillery gun')
    >>> none_of(3, "selected event", "names a weapon"), none_of(1, "selected event", "names a weapon")
    ('None of the 3 selected events names a weapon', 'No selected event names a weapon')
    >>> join(["Kyiv", "Odesa", "Lviv"])
    'Kyiv, Odesa and Lviv'
"""
from __future__ import annotations


def plural(noun: str, n: int = 2, irregular: str | None = None) -> str:
    """``noun`` as it reads after the number ``n``: unchanged for 1, else its plural (English -s rules;
    a noun already ending in -s is left as it is; ``irregular`` for the rest: person → people)."""
    if n == 1:
        return noun
    if irregular:
        return irregular
    if noun.endswith("s"):
        return noun
    if noun.endswith(("ch", "sh", "x", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def count(n: int, noun: str, irregular: str | None = None) -> str:
    """``1 event``, ``2 events``, ``18,448 events``: the number (thousands separated) and the noun in agreement."""
    return f"{n:,} {plural(noun, n, irregular)}"


def verb(n: int, singular: str, plural_form: str) -> str:
    """The verb agreeing with a count: ``verb(n, "is", "are")``."""
    return singular if n == 1 else plural_form


def none_of(n: int, noun: str, clause: str) -> str:
    """``None of the 3 selected events names a weapon``; ``No selected event names a weapon`` for 0 or 1
    (never "None of the 1 selected event")."""
    if n <= 1:
        return f"No {noun} {clause}"
    return f"None of the {count(n, noun)} {clause}"


def join(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
