"""Places named in war-news text: districts, cities, regions, countries, facilities.

Rule- and lexicon-driven (see :mod:`analysis.gazetteer` for the data)::

    >>> g = gazetteer()
    >>> [(m.text, m.kind, m.place) for m in g.find("Russia’s Saratov oil refinery")]
    [('Russia', 'country', 'Russia'), ('Saratov', 'city', 'Saratov'), ('oil refinery', 'facility', 'oil refinery')]

Candidate spans are capitalised word sequences matched against the gazetteer,
longest first, never inside a word.  A following generic word makes the kind
("Samara region", "Obolon district") and is part of the span; a plural generic
applies to every member of a list ("the Bryansk, Kursk and Oryol regions").
Names right after a title ("President Volodymyr Zelensky") are people, and a city
followed by an unknown capitalised word ("Vladimir Putin", "Kyiv Independent")
is not taken as a place.
"""
from __future__ import annotations


import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from analysis.gazetteer import Index, Place, load_index, norm_key, norm_token, tokens_of

__all__ = ["PlaceMention", "Gazetteer", "gazetteer"]


def _namesake_choice(candidates: Sequence[Place], regions: set[str], context_regions: Sequence[str]) -> Place:
    """The namesake of ``candidates`` in the sentence's ``regions``, else in the latest of the article's
    ``context_regions`` that holds exactly one; else a place without coordinates (see ``_namesakes``)."""
    fits = [p for p in candidates if p.admin1 in regions]
    if len(fits) == 1:
        return fits[0]
    for region in reversed(context_regions):
        fits = [p for p in candidates if p.admin1 == region]
        if len(fits) == 1:
            return fits[0]
    admin1s = {p.admin1 for p in candidates} if not regions else regions
    countries = {p.country for p in candidates}
    first = candidates[0]
    return Place("city", first.place, first.place, next(iter(admin1s)) if len(admin1s) == 1 else None,
                 next(iter(countries)) if len(countries) == 1 else None, None, None)

_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)\Z")
_SPACE = re.compile(r"[ \t\u00a0]{1,3}\Z")
_HYPHEN = re.compile(r"[-\u2010\u2011]\Z")


def _is_space(gap: str) -> bool:
    """``_SPACE.match(gap)``, with the one-space gap between most words answered without the regex."""
    return gap == " " or _SPACE.match(gap) is not None
_POSSESSIVE_SPACE = re.compile(r"(?:['’ʼ‘][sS])?[ \t\u00a0]{1,3}\Z")
_ABBREVIATIONS = {"st", "mt", "ft"}
_PREPOSITIONS = {"of", "in", "at", "near", "outside", "around", "on"}
# A headline ("Russian Drones Hit Kyiv Overnight") capitalises most of its long words, so capitals there
# do not mark names: title case is at least _TITLE_WORDS words of _LONG_WORD letters or more, a
# _TITLE_SHARE of them capitalised ("of", "the", "in" are left lower case, so they do not count).
_TITLE_WORDS, _LONG_WORD, _TITLE_SHARE = 3, 4, 0.7
_SHORT_CAPS = 4              # an all-capitals name shorter than this ("AP", "MSK") is an acronym unless listed as one
_FACILITY_WORDS = 6          # longest facility phrase tried ("combined heat and power plant" has five words)
_FACILITY_NAME_WORDS = 2     # capitalised words between a place and its facility: "St Petersburg’s Pulkovo airport"
_FACILITY_PLACE_WORDS = 6    # words after "port of" looked through for its place: "the Baltic port of Ust-Luga"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str              # == given[start:end], as written, with any generic word
    name: str              # as written, without the generic word ("Obolon")
    place: str             # canonical ("Obolonskyi", "Samara Oblast", "oil refinery")
    kind: str              # district | city | region | country | facility
    city: str | None
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    key: str
    cap: bool
    upper: bool
    title: bool            # a title word ("President", "governor"): the names after it are people


@lru_cache(maxsize=65536)
def _word_info(word: str) -> tuple[str, bool, bool]:
    """A word's key, whether it is capitalised, and whether it is an acronym (cached: words recur)."""
    upper = word.isupper() and sum(ch.isalpha() for ch in word) >= 2
    return norm_token(word), word[:1].isupper(), upper


@dataclass(slots=True)
class _Chunk:
    i: int                 # first token
    j: int                 # one past the last token
    key: str
    candidates: tuple[Place, ...] | None = None   # set when a generic word typed the name
    generic_end: int | None = None   # token index one past the generic word, when typed
    namesake: bool = False           # a village name many villages share: the sentence's regions decide


# "moved into eastern Novovasylivka": a compass word may stand between the settlement cue and the name
_COMPASS = ("eastern", "western", "northern", "southern", "central", "north", "south", "east", "west")


class Gazetteer:
    def __init__(self, index: Index):
        self.idx = index
        rules = index.rules
        self._generic = {w: kind for kind, words in rules["generics"].items() for w in words}
        self._connectors = set(rules["connectors"])
        self._titles_any = {t for t in rules["titles"] if t.islower()}
        self._titles_cap = {t for t in rules["titles"] if not t.islower()}
        self._title_phrases: dict[str, list[list[str]]] = {}
        for phrase in rules["title_phrases"]:
            words = norm_key(phrase).split()
            self._title_phrases.setdefault(words[0], []).append(words)
        self._fac_prefixes = {" ".join(k.split()[:n]) for k in index.facilities for n in range(1, len(k.split()) + 1)}
        self._particles = set(rules["name_particles"])
        self._descriptors = {norm_key(d) for d in rules["descriptors"]}
        self._not_before = set(rules["not_before"])
        self._rivers = {norm_key(r) for r in rules["rivers_after_the"]}
        self._settlement_words = set(rules["settlements"]["words"])
        self._given_names = {norm_key(w) for w in rules["given_names"]}
        self._words: dict[str, tuple[str, bool, bool, bool]] = {}   # word → its token fields (``_tok``)

    # -- public API ----------------------------------------------------------------------

    def find(self, text: str, context_cities: Sequence[str] = (),
             context_regions: Sequence[str] = ()) -> list[PlaceMention]:
        words = self._words
        toks = [_Tok(s, e, word, *(words.get(word) or self._word(word)))
                for s, e in tokens_of(text) for word in (text[s:e],)]
        if not toks:
            return []
        gaps = [text[toks[k].end:toks[k + 1].start] for k in range(len(toks) - 1)] + [text[toks[-1].end:]]
        title_case = self._is_title_case(toks)
        blocked = self._person_tokens(toks, gaps)
        chunks = self._place_chunks(toks, gaps, blocked)
        used = set()
        for c in chunks:
            used.update(range(c.i, c.j))
        self._type_generics(text, toks, gaps, chunks, used)
        facilities = self._facility_chunks(toks, gaps, used)
        fac_starts = {c.i for c in facilities}
        chunk_at = {c.i: c for c in chunks}

        mentions: list[tuple[_Chunk, PlaceMention]] = []
        seen_cities: list[str] = []   # cities this sentence names; the context's are looked up only when needed
        for c in chunks:
            candidates = c.candidates
            if c.namesake:
                continue   # resolved below, once the sentence's other places are known
            if candidates is None:
                if c.key in self.idx.blocked or c.key not in self.idx.general:
                    continue
                candidates = self.idx.general[c.key]
                if not self._keep(toks, gaps, c, candidates[0], title_case, chunk_at, fac_starts):
                    continue
            place = candidates[0]
            if place.kind == "district":
                place = self._choose_district(candidates, context_cities, seen_cities, chunks, c)
            m = self._mention(text, toks, c, place)
            mentions.append((c, m))
            if m.kind == "city":
                seen_cities.append(m.place)

        mentions += self._namesakes(text, toks, chunks, mentions, context_regions)
        mentions.sort(key=lambda cm: cm[0].i)
        place_end = {c.j - 1 if c.generic_end is None else c.generic_end - 1: m for c, m in mentions}
        place_start = {c.i: m for c, m in mentions}
        out = [m for _, m in mentions]
        taken = used | {k for f in facilities for k in range(f.i, f.j)}
        for f in facilities:
            assoc = self._facility_place(toks, gaps, f, place_end, place_start, taken)
            out.append(self._facility_mention(text, toks, f, assoc))
        out.sort(key=lambda m: m.start)
        return out

    def lookup(self, name: str) -> PlaceMention | None:
        key = norm_key(name)
        if not key:
            return None
        place = None
        if key in self.idx.general:
            candidates = self.idx.general[key]
            place = max(candidates, key=lambda p: p.population) if candidates[0].kind == "district" else candidates[0]
        elif key in self.idx.region_stems:
            place = self.idx.region_stems[key]
        elif key in self.idx.district_stems:
            place = max(self.idx.district_stems[key], key=lambda p: p.population)
        elif key in self.idx.facilities:
            place = Place("facility", self.idx.facilities[key], None, None, None, None, None)
        if place is None:
            return None
        return PlaceMention(0, len(name), name, name, place.place, place.kind, place.city, place.admin1,
                            place.country, place.latitude, place.longitude)

    # -- tokens ------------------------------------------------------------------------------

    def _word(self, word: str) -> tuple[str, bool, bool, bool]:
        """A word's token fields, kept for the next sentence: words recur, and a sentence has dozens
        (one lookup per word instead of a title test and a cached call)."""
        if len(self._words) >= 65536:
            self._words.clear()
        key, cap, upper = _word_info(word)
        info = self._words[word] = (key, cap, upper, word.lower() in self._titles_any or word in self._titles_cap)
        return info

    @staticmethod
    def _joinable(gap: str, left: _Tok) -> bool:
        """May a multi-word name continue across this gap?"""
        if _is_space(gap) or _HYPHEN.match(gap) or _POSSESSIVE_SPACE.match(gap):
            return True
        return left.key in _ABBREVIATIONS and gap in (". ", ".")

    @staticmethod
    def _is_title_case(toks: list[_Tok]) -> bool:
        words = [t for t in toks if len(t.text) >= _LONG_WORD and t.text[:1].isalpha()]
        return len(words) >= _TITLE_WORDS and sum(t.cap for t in words) / len(words) >= _TITLE_SHARE

    @staticmethod
    def _is_title(t: _Tok) -> bool:
        return t.title

    def _person_tokens(self, toks: list[_Tok], gaps: list[str]) -> set[int]:
        """Tokens of personal names written after a title, and surnames right after a given name ("Alexander
        Gusev, governor of the Voronezh region": Gusev, Kaliningrad region, is not meant)."""
        n = len(toks)
        given = self._given_names
        blocked = {k + 1 for k in range(n - 1)
                   if toks[k].cap and toks[k].key in given and toks[k + 1].cap and gaps[k] == " "}
        phrases = self._title_phrases
        # only a title or a title phrase's first word opens a name: the other tokens are passed over at once
        k = 0
        for c in [c for c, t in enumerate(toks) if t.title or t.key in phrases]:
            if c < k:
                continue   # inside the name read last
            k, j = c, None
            for phrase in phrases.get(toks[k].key, ()):
                if [t.key for t in toks[k:k + len(phrase)]] == phrase:
                    j = k + len(phrase)
                    break
            if j is None and self._is_title(toks[k]):
                j = k + 1
            if j is None:
                continue
            while j < n and _is_space(gaps[j - 1]) and self._is_title(toks[j]):
                j += 1
            while j < n and (_is_space(gaps[j - 1]) or _HYPHEN.match(gaps[j - 1])):
                t = toks[j]
                particle = t.key in self._particles and j + 1 < n and toks[j + 1].cap
                if not (t.cap or particle) or self._is_known_place(t.key):
                    break
                blocked.add(j)
                j += 1
            k = j
        return blocked

    def _is_known_place(self, key: str) -> bool:
        found = self.idx.general.get(key)
        return bool(found) and (found[0].kind != "city" or found[0].tier == 0)

    # -- chunks --------------------------------------------------------------------------------

    def _place_chunks(self, toks: list[_Tok], gaps: list[str], blocked: set[int]) -> list[_Chunk]:
        idx = self.idx
        chunks: list[_Chunk] = []
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if i in blocked or not t.cap:
                i += 1
                continue
            best = None
            keys = [t.key]
            j = i + 1
            while True:
                key = " ".join(keys)
                last = toks[j - 1]
                if last.cap and self._usable_key(key, toks[i:j]):
                    best = (j, key)
                if j >= n or j - i >= idx.max_tokens or j in blocked or not self._joinable(gaps[j - 1], toks[j - 1]):
                    break
                nxt = toks[j]
                if not (nxt.cap or nxt.key in self._connectors):
                    break
                keys.append(nxt.key)
                j += 1
            if best and not self._bad_compound(toks, gaps, i, best[0]):
                chunks.append(_Chunk(i, best[0], best[1]))
                i = best[0]
            elif (small := self._settlement_chunk(toks, gaps, i, self._listed(toks, gaps, chunks, i))) is not None:
                chunks.append(small)
                i = small.j
            else:
                i += 1
        return chunks

    def _namesakes(self, text: str, toks, chunks: list[_Chunk], mentions,
                   context_regions: Sequence[str] = ()) -> list[tuple[_Chunk, PlaceMention]]:
        """A village whose name many villages share is the one in the region the sentence's other places
        lie in ("…near Borivske in Luhansk Oblast…, but the occupiers managed to seize Mykolaivka" → the
        Mykolaivka of Luhansk Oblast), else the one in the region the article named last that holds one
        of them. When none, or several, fit, the village is still where it happened: a mention named as
        the namesakes are, without coordinates, in the region all of them (or the sentence) name, if any."""
        regions = {m.admin1 for _, m in mentions if m.admin1 and m.kind in ("city", "region", "district")}
        out = []
        for c in chunks:
            if not c.namesake:
                continue
            place = _namesake_choice(c.candidates, regions, context_regions)
            if place.latitude is not None or c.j == len(toks) or not toks[c.j].cap:
                out.append((c, self._mention(text, toks, c, place)))   # "on Leninsky Prospekt": a street
        return out

    @staticmethod
    def _listed(toks: list[_Tok], gaps: list[str], chunks: list[_Chunk], i: int) -> bool:
        """Does token ``i`` continue a list of villages ("seized Yampil, Stavky and Novoselivka")? The
        chunk just before it, after a comma or "and", was a village taken on its cue."""
        if not chunks or chunks[-1].candidates is None:
            return False
        end = chunks[-1].j
        if end == i:
            return gaps[i - 1].strip() == ","
        return end == i - 1 and toks[i - 1].key in ("and", "or") and gaps[end - 1].strip() in ("", ",")

    def _settlement_chunk(self, toks: list[_Tok], gaps: list[str], i: int, listed: bool = False) -> _Chunk | None:
        """A village or small town no other place is named like, right after a settlement word ("the
        village of Borivske", "the town Kurakhove") or further on in a list it opens ("Yampil, Stavky and
        Novoselivka"): bare, such names are too often people or words."""
        cue = i - 2 if i >= 2 and toks[i - 1].key in ("of", *_COMPASS) else i - 1
        if not listed and (cue < 0 or toks[cue].key not in self._settlement_words):
            return None
        for j in (i + 2, i + 1):
            if j > len(toks) or not all(t.cap for t in toks[i:j]):
                continue
            if j - i == 2 and not self._joinable(gaps[i], toks[i]):
                continue
            key = " ".join(t.key for t in toks[i:j])
            if key in self.idx.settlements and not self._bad_compound(toks, gaps, i, j):
                return _Chunk(i, j, key, (self.idx.settlements[key],))
            namesakes = getattr(self.idx, "namesakes", {})   # an index pickled by an older version has none
            if key in namesakes and not self._bad_compound(toks, gaps, i, j):
                return _Chunk(i, j, key, namesakes[key], namesake=True)
        return None

    def _usable_key(self, key: str, span: list[_Tok]) -> bool:
        idx = self.idx
        if not (key in idx.general or key in idx.region_stems or key in idx.district_stems or key in idx.blocked):
            return False
        all_caps = all(t.upper for t in span)
        if key in idx.acronyms:
            return all_caps
        return not (all_caps and len(key) < _SHORT_CAPS)

    @staticmethod
    def _bad_compound(toks: list[_Tok], gaps: list[str], i: int, j: int) -> bool:
        """'Iskander-M', 'Geran-2', 'KN-23': a name glued to a model designation."""
        def designation(t: _Tok) -> bool:
            return any(ch.isdigit() for ch in t.text) or (t.upper and len(t.text) <= 2) or len(t.text) == 1
        if j < len(toks) and _HYPHEN.match(gaps[j - 1]) and designation(toks[j]):
            return True
        return i > 0 and _HYPHEN.match(gaps[i - 1]) is not None and designation(toks[i - 1])

    def _type_generics(self, text: str, toks, gaps, chunks: list[_Chunk], used: set[int]) -> None:
        """'Samara region', 'Obolon district', 'the Kyivskyi and Osnovianskyi districts'."""
        n = len(toks)
        for pos, c in enumerate(chunks):
            g = c.j
            if g >= n or g in used or not _is_space(gaps[g - 1]):
                continue
            kind = self._generic.get(toks[g].key)
            if kind is None:
                continue
            typed = self._typed(c.key, kind)
            if typed is None:
                continue
            c.candidates, c.generic_end = typed, g + 1
            used.add(g)
            if not toks[g].key.endswith("s"):
                continue
            prev, k = c, pos - 1
            while k >= 0:
                p = chunks[k]
                if not _LIST_SEP.match(text, toks[p.j - 1].end, toks[prev.i].start):
                    break
                member = self._typed(p.key, kind)
                if member is None:
                    break
                p.candidates = member
                prev, k = p, k - 1

    def _typed(self, key: str, kind: str) -> tuple[Place, ...] | None:
        if kind == "region":
            found = self.idx.region_stems.get(key)
            return (found,) if found else None
        if kind == "district":
            found = self.idx.district_stems.get(key)
            return tuple(found) if found else None
        found = self.idx.general.get(key)
        return (found[0],) if found and found[0].kind == "city" else None

    def _facility_chunks(self, toks, gaps, used: set[int]) -> list[_Chunk]:
        idx = self.idx
        out: list[_Chunk] = []
        n = len(toks)
        i = 0
        while i < n:
            if i in used or toks[i].key not in self._fac_prefixes:
                i += 1
                continue
            best = None
            keys: list[str] = []
            for j in range(i, min(n, i + _FACILITY_WORDS)):
                if j > i and (j in used or not _is_space(gaps[j - 1]) and not _HYPHEN.match(gaps[j - 1])):
                    break
                keys.append(toks[j].key)
                key = " ".join(keys)
                if key not in self._fac_prefixes:
                    break
                if key in idx.facilities and (key not in idx.acronyms or all(t.upper for t in toks[i:j + 1])):
                    best = j + 1
            if best:
                out.append(_Chunk(i, best, " ".join(t.key for t in toks[i:best])))
                i = best
            else:
                i += 1
        return out

    # -- filters and choices -----------------------------------------------------------------

    def _keep(self, toks, gaps, c: _Chunk, place: Place, title_case: bool, chunk_at, fac_starts) -> bool:
        n = len(toks)
        if c.key in self._rivers and c.i > 0 and toks[c.i - 1].key == "the":
            return False   # "east of the Dnipro": the river
        nxt = toks[c.j] if c.j < n and _is_space(gaps[c.j - 1]) else None
        if nxt is None:
            return True
        if place.kind == "city" and nxt.key in self._not_before and not nxt.cap:
            return False
        if not nxt.cap or title_case and c.key not in self.idx.person_like:
            return True
        if nxt.key in self._descriptors or self._is_title(nxt) or nxt.key in self._generic or c.j in fac_starts:
            return True
        if c.key in self.idx.person_like:
            return c.j in chunk_at
        if place.kind != "city" or c.j in chunk_at:
            return True
        # an unknown capitalised word follows: keep only when a facility name goes on ("Kharkiv Tractor Plant")
        k = c.j
        while k < n and toks[k].cap and (k == c.j or _is_space(gaps[k - 1])) and k - c.j < 4:
            if k in fac_starts:
                return True
            k += 1
        return False

    def _canonical_city(self, name: str) -> str:
        found = self.idx.general.get(norm_key(name))
        return found[0].place if found and found[0].kind == "city" else name

    def _choose_district(self, candidates: Sequence[Place], context_cities: Sequence[str], seen: list[str],
                         chunks, c: _Chunk) -> Place:
        """The district of the city named last (in this sentence, else before it), else of a city named
        after it, else the most populous. Context cities are canonicalised lazily: most sentences name
        no ambiguous district, and doing it for every sentence costs the article's city count each time."""
        if len(candidates) == 1:
            return candidates[0]
        earlier = (self._canonical_city(name) for name in reversed(context_cities))
        for city in itertools.chain(reversed(seen), earlier):
            for p in candidates:
                if p.city == city:
                    return p
        later = [ch.key for ch in chunks if ch.i > c.i]
        later = [self.idx.general[k][0].place for k in later if k in self.idx.general]
        for p in candidates:
            if p.city in later:
                return p
        return max(candidates, key=lambda p: p.population)

    # -- building mentions ----------------------------------------------------------------------

    def _mention(self, text: str, toks, c: _Chunk, place: Place) -> PlaceMention:
        start, name_end = toks[c.i].start, toks[c.j - 1].end
        end = toks[c.generic_end - 1].end if c.generic_end else name_end
        return PlaceMention(start, end, text[start:end], text[start:name_end], place.place, place.kind,
                            place.city, place.admin1, place.country, place.latitude, place.longitude)

    def _facility_place(self, toks, gaps, f: _Chunk, place_end, place_start, taken) -> PlaceMention | None:
        # backwards: "Saratov oil refinery", "St Petersburg’s Pulkovo airport"
        k, skipped = f.i - 1, 0
        while k >= 0 and skipped < _FACILITY_NAME_WORDS and k not in place_end and toks[k].cap and k not in taken \
                and _is_space(gaps[k]):
            k, skipped = k - 1, skipped + 1
        if k >= 0 and k in place_end and _POSSESSIVE_SPACE.match(gaps[k]):
            return place_end[k]
        # forwards: "the port of Ust-Luga", "a terminal at the Baltic port of Ust-Luga"
        j = f.j
        if j >= len(toks) or toks[j].key not in _PREPOSITIONS or not _is_space(gaps[j - 1]):
            return None
        for k in range(j + 1, min(len(toks), j + 1 + _FACILITY_PLACE_WORDS)):
            if not _is_space(gaps[k - 1]):
                return None
            if k in place_start:
                return place_start[k]
        return None

    def _facility_mention(self, text: str, toks, f: _Chunk, assoc: PlaceMention | None) -> PlaceMention:
        start, end = toks[f.i].start, toks[f.j - 1].end
        canonical = self.idx.facilities[f.key]
        if assoc is None:
            return PlaceMention(start, end, text[start:end], text[start:end], canonical, "facility",
                                None, None, None, None, None)
        city = assoc.city if assoc.kind in ("city", "district") else None
        return PlaceMention(start, end, text[start:end], text[start:end], canonical, "facility", city,
                            assoc.admin1, assoc.country, assoc.latitude, assoc.longitude)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer (built once per process, index cached on disk between processes)."""
    return Gazetteer(load_index())
