"""The one category palette: every chart, legend, table swatch and map marker takes its colours here.

Okabe–Ito colours, chosen to stay distinct for the common forms of colour blindness and in greyscale
print. Example::

    >>> color("attack"), label("air_defense")
    ('#D55E00', 'Air defence')
"""
from __future__ import annotations

from analysis.categories import CATEGORIES

CATEGORY_COLORS: dict[str, str] = {
    "attack": "#D55E00",            # vermillion
    "air_defense": "#0072B2",       # blue
    "diplomacy": "#CC79A7",         # reddish purple
    "military_support": "#E69F00",  # orange
    "humanitarian": "#009E73",      # bluish green
    "other": "#8C8C8C",             # grey
}

CATEGORY_LABELS: dict[str, str] = {
    "attack": "Attack",
    "air_defense": "Air defence",
    "diplomacy": "Diplomacy",
    "military_support": "Military support",
    "humanitarian": "Humanitarian",
    "other": "Other",
}

# Series that are not categories (casualties, map background) use neutral tones, never a category colour.
NEUTRAL = {"killed": "#222222", "injured": "#9A9A9A", "land": "#F2F0EB", "water": "#DCE9F2",
           "border": "#8A8A8A", "grid": "#E3E3E3", "text": "#222222", "muted": "#666666"}

if set(CATEGORY_COLORS) != set(CATEGORIES) or set(CATEGORY_LABELS) != set(CATEGORIES):
    raise RuntimeError("palette.py must name a colour and a label for every category in analysis.categories")


def color(category: str) -> str:
    """The colour of a category (grey for a name outside the contract's vocabulary)."""
    return CATEGORY_COLORS.get(category, CATEGORY_COLORS["other"])


def label(category: str) -> str:
    """A category's name for readers: ``military_support`` → ``Military support``."""
    return CATEGORY_LABELS.get(category, str(category).replace("_", " ").capitalize())


def ordered(categories) -> list[str]:
    """Categories in the contract's order (so colours and legends line up from chart to chart)."""
    present = set(categories)
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
