"""The category registry: what each category is called, looks like and counts, declared once as data.

Why: category knowledge used to be scattered (weapon roles in the event builder and in consolidation,
labels and colours in the palette, nouns and count verbs in the brief and the charts, air classes in the
pipeline), so adding a category meant edits in six modules. Now ``data/categories.yaml`` declares each
category in its ``categories:`` section, and every module asks here. A category that attributes its
actors in a way of its own adds one function, registered by name with ``@attributes``.

The same file holds the shared vocabularies (``vocabularies:``): nouns written once and named as
``{weapon_nouns}`` in trigger patterns and in the regexes of ``facts`` and ``events`` (see ``expand``).

Example::

    >>> CATEGORIES[0], category("air_defense").count_verb, category("attack").plural
    ('attack', 'intercepted', 'attacks')
    >>> expand("(?:{attack_nouns})")
    '(?:attacks?|strikes?)'
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable

from analysis.lexicon import LexiconError, load_yaml, require, words

FILE = "categories.yaml"
# The roles weapons.py gives a weapon mention; a role outside these is a typo that would match nothing.
WEAPON_ROLES = ("launched", "intercepted", "supplied", "mentioned")
REQUIRED = ("label", "colour", "noun", "plural")
OPTIONAL = ("count_verb", "weapon_roles", "absorb_weapon_roles", "air_classes", "attribution")
FALLBACK = "other"     # the contract's catch-all; its colour also marks a name outside the vocabulary
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_NOUN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*(?: [A-Za-z0-9-]+)*$")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::(plural))?\}")


@dataclass(frozen=True, slots=True)
class CategorySpec:
    """One category as ``categories.yaml`` declares it."""

    name: str
    label: str                          # "Air defence"
    colour: str                         # "#0072B2"
    noun: str                           # "air-defence event"
    plural: str                         # "air-defence events"
    count_verb: str | None              # what a weapon count means: "intercepted"; None = no count
    weapon_roles: tuple[str, ...]       # roles a new event takes its weapon from (events._weapon)
    absorb_weapon_roles: tuple[str, ...]   # roles a supporting sentence's weapon may have (consolidate.absorb)
    air_classes: frozenset[str]         # weapon classes that make a strike an ACLED "Air/drone strike"
    attribution: str                    # name of the function that decides actor1 and actor2


@dataclass(frozen=True)
class Registry:
    """Everything ``categories.yaml`` declares besides the triggers (``categories.lexicon`` reads those)."""

    categories: dict[str, CategorySpec]    # in the file's order
    vocabularies: dict[str, tuple[str, ...]]


def _error(entry: str, message: str) -> LexiconError:
    """An error naming ``categories.yaml`` and the entry: "categories.yaml categories.cyber: missing key 'noun'"."""
    return LexiconError(FILE, entry, message)


def _strings(entry: str, value, allowed=None) -> tuple[str, ...]:
    """A list of words in the YAML, checked (``allowed``: the only values that mean something)."""
    if value is None:
        return ()
    items = words(value, FILE, entry)
    bad = [v for v in items if allowed is not None and v not in allowed]
    if bad:
        raise _error(entry, f"unknown {', '.join(map(repr, bad))} — use any of {', '.join(allowed)}")
    return tuple(items)


def _spec(name: str, entry) -> CategorySpec:
    """One ``categories:`` entry as a spec, or a LexiconError naming the entry and what is wrong."""
    where = f"categories.{name}"
    if not _NAME.match(name):
        raise _error(where, "a category name is lower-case letters, digits and _ (e.g. air_defense)")
    require(entry, FILE, where, *REQUIRED)
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise _error(where, f"unknown key {', '.join(map(repr, unknown))} — keys are {', '.join(REQUIRED + OPTIONAL)}")
    for key in REQUIRED + ("count_verb", "attribution"):
        if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
            raise _error(f"{where}.{key}", f"expected a non-empty text, found {entry[key]!r}")
    if not _COLOUR.match(entry["colour"]):
        raise _error(where, f"colour {entry['colour']!r} is not a #RRGGBB colour — write it like \"#D55E00\"")
    return CategorySpec(
        name, entry["label"], entry["colour"], entry["noun"], entry["plural"], entry.get("count_verb"),
        _strings(f"{where}.weapon_roles", entry.get("weapon_roles"), WEAPON_ROLES),
        _strings(f"{where}.absorb_weapon_roles", entry.get("absorb_weapon_roles"), WEAPON_ROLES),
        frozenset(_strings(f"{where}.air_classes", entry.get("air_classes"))), entry.get("attribution", name))


def _categories(data) -> dict[str, CategorySpec]:
    section = data.get("categories")
    if not isinstance(section, dict) or not section:
        raise _error("categories", "the file needs a non-empty `categories:` mapping, one entry per category")
    specs = {name: _spec(str(name), entry) for name, entry in section.items()}
    if FALLBACK not in specs:
        raise _error("categories", f"declare a category {FALLBACK!r}: the catch-all of the contract's vocabulary")
    seen: dict[str, str] = {}
    for spec in specs.values():
        other = seen.setdefault(spec.colour.lower(), spec.name)
        if other != spec.name:
            raise _error(f"categories.{spec.name}", f"colour {spec.colour} is already {other}'s — pick another")
    return specs


def _vocabularies(data) -> dict[str, tuple[str, ...]]:
    section = data.get("vocabularies") or {}
    if not isinstance(section, dict):
        raise _error("vocabularies", "must be a mapping of name: [noun, noun, …]")
    out = {}
    for name, listed in section.items():
        where = f"vocabularies.{name}"
        if not _NAME.match(str(name)):
            raise _error(where, "a vocabulary name is lower-case letters, digits and _ (e.g. weapon_nouns)")
        nouns = _strings(where, listed)
        if not nouns:
            raise _error(where, "list at least one noun, e.g. [missile, drone]")
        bad = [w for w in nouns if not _NOUN.match(w)]
        if bad:
            raise _error(where, f"list plain nouns in the singular (not {', '.join(map(repr, bad))})")
        out[str(name)] = nouns
    return out


def load() -> Registry:
    """Read and check ``categories.yaml``'s categories and vocabularies (``registry()`` caches this)."""
    data = load_yaml(FILE)
    return Registry(_categories(data), _vocabularies(data))


@functools.cache
def registry() -> Registry:
    """The registry, loaded once."""
    return load()


CATEGORIES: tuple[str, ...] = tuple(registry().categories)


def category(name: str) -> CategorySpec:
    """The spec of a category; a KeyError naming the known ones for any other name."""
    try:
        return registry().categories[name]
    except KeyError:
        raise KeyError(f"unknown category {name!r} — {FILE} declares {', '.join(CATEGORIES)}") from None


def expand(pattern: str, entry: str = "pattern") -> str:
    """``pattern`` with each ``{vocabulary}`` replaced by its nouns, singular or plural (``nouns?|…``), and
    each ``{vocabulary:plural}`` by their plurals (``nouns|…``); ``entry`` names the pattern in an error.

    Other braces (``{0,2}``) are regex quantifiers and stay as they are."""
    if not isinstance(pattern, str):
        raise _error(entry, f"expected a regular expression, found {pattern!r}")
    vocabularies = registry().vocabularies

    def nouns(m: re.Match) -> str:
        if m.group(1) not in vocabularies:
            raise _error(entry, f"{{{m.group(1)}}} names no vocabulary — known: {', '.join(vocabularies)}")
        suffix = "s" if m.group(2) else "s?"
        return "|".join(noun + suffix for noun in vocabularies[m.group(1)])

    return _PLACEHOLDER.sub(nouns, pattern)


_ATTRIBUTIONS: dict[str, Callable] = {}


def attributes(name: str) -> Callable[[Callable], Callable]:
    """Decorator: register the function that decides who acted and on whom for the categories whose
    ``attribution`` is ``name`` (by default, the category of that name)."""
    def register(fn: Callable) -> Callable:
        if name in _ATTRIBUTIONS:
            raise ValueError(f"two attribution functions registered as {name!r}: "
                             f"{_ATTRIBUTIONS[name].__qualname__} and {fn.__qualname__}")
        _ATTRIBUTIONS[name] = fn
        return fn
    return register


def attribution(name: str) -> Callable:
    """The attribution function of category ``name``."""
    spec = category(name)
    try:
        return _ATTRIBUTIONS[spec.attribution]
    except KeyError:
        raise _error(f"categories.{name}", f"attribution {spec.attribution!r} names no function — register one "
                                           f"with @registry.attributes({spec.attribution!r}) in events.py, or name "
                                           f"one of {', '.join(sorted(_ATTRIBUTIONS))}") from None
