"""The one category palette: every chart, legend, table swatch and map marker takes its colours here,
and every sentence its category names, nouns and count verbs.

The colours, labels, nouns and verbs are declared in ``data/categories.yaml`` (see ``analysis.registry``);
this module gives them to the report, with a fallback for a name outside the contract's vocabulary.
Okabe–Ito colours, chosen to stay distinct for the common forms of colour blindness and in greyscale
print. Example::

    >>> color("attack"), label("air_defense"), noun("air_defense", 2), count_verb("diplomacy")
    ('#D55E00', 'Air defence', 'air-defence events', None)
"""
from __future__ import annotations

from analysis import registry
from analysis.registry import CATEGORIES, FALLBACK

CATEGORY_COLORS: dict[str, str] = {c: registry.category(c).colour for c in CATEGORIES}
CATEGORY_LABELS: dict[str, str] = {c: registry.category(c).label for c in CATEGORIES}

# Series that are not categories (casualties, map background) use neutral tones, never a category colour.
NEUTRAL = {"killed": "#222222", "injured": "#9A9A9A", "land": "#F2F0EB", "water": "#DCE9F2",
           "border": "#8A8A8A", "grid": "#E3E3E3", "text": "#222222", "muted": "#666666"}


def color(category: str) -> str:
    """The colour of a category (the catch-all's grey for a name outside the contract's vocabulary)."""
    return CATEGORY_COLORS.get(category, CATEGORY_COLORS[FALLBACK])


def label(category: str) -> str:
    """A category's name for readers: ``military_support`` → ``Military support``."""
    return CATEGORY_LABELS.get(category, str(category).replace("_", " ").capitalize())


def noun(name: str, n: int = 1) -> str:
    """What ``n`` events of a category are called in a sentence: ``attack``, ``air-defence events``."""
    if name in CATEGORIES:
        spec = registry.category(name)
        return spec.noun if n == 1 else spec.plural
    return f"{name} event" if n == 1 else f"{name} events"


def count_verb(name: str) -> str | None:
    """What a weapon count in a category means (``launched``, ``intercepted``, ``supplied``); None if nothing."""
    return registry.category(name).count_verb if name in CATEGORIES else None


def ordered(categories) -> list[str]:
    """Categories in the contract's order (so colours and legends line up from chart to chart)."""
    present = set(categories)
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
