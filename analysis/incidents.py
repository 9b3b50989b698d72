"""Incidents: one real-world happening reported by many outlets counts once (CONTRACT §8, issue #8).

Five reports of one strike on Kyiv are five events, one per article; they are one incident. Resolution
is automatic and conservative, because a wrong merge hides a happening while a missed one only counts
it twice:

* **Compatibility.** Two events may merge only when they have the same category and side (``actor1``),
  the same target when both name one, the same day (either day of a night when one is "overnight"),
  compatible places (a district lies in its city, a city in its region; a country-wide event never
  merges with a local one) and the same weapon class when both name a weapon. Two events of one
  article never merge: its own reading kept them apart.
* **Blocking.** Candidate pairs come only from blocks (category × side × region for attacks and
  interceptions, category × side for the rest) within the date window, each event compared with a
  bounded number of earlier ones, so the work grows linearly with the corpus.
* **Clustering.** The best-agreeing pairs merge first (the same place, day, weapon, target, toll, and
  the names and figures their sentences share), and two groups merge only when every pair across them is
  compatible (complete linkage): an "overnight" event cannot chain two different days. Groups are linked
  by the sum of their pairs' agreements, so a report that fits two rows of one article joins the one the
  other outlets' reports agree with.

Settings live in ``data/incidents.yaml``. An incident's id is a hash of its earliest-published event's
id, so it stays the same across runs and when later reports join it.
"""
from __future__ import annotations

import functools
import hashlib
import heapq
import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from analysis.lexicon import LexiconError, alternation, load_yaml, require, words

FILE = "incidents.yaml"
# Most specific first: the incident's place is its most specific member's.
LEVELS = {"district": 0, "city": 1, "region": 2, "country": 3, None: 4}


@dataclass(frozen=True)
class Rules:
    strict_place: frozenset
    night: re.Pattern
    night_days: int
    max_neighbours: int
    max_members: int
    count_ratio: int
    tally_count: int
    reciprocal: frozenset
    common_words: frozenset
    shared_words: int


def _whole(data: dict, key: str, low: int, high: int) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise LexiconError(FILE, key, f"{value!r} is not a whole number from {low} to {high}")
    return value


def _categories(data: dict, key: str) -> list[str]:
    from analysis.registry import CATEGORIES

    names = words(data[key], FILE, key)
    for name in names:
        if name not in CATEGORIES:
            raise LexiconError(FILE, key, f"{name!r} is not a category ({', '.join(CATEGORIES)})")
    return names


@functools.cache
def rules() -> Rules:
    """The resolution settings of ``data/incidents.yaml``, validated."""
    data = require(load_yaml(FILE), FILE, None, "strict_place", "night_words", "night_days", "max_neighbours", "max_members",
                   "count_ratio", "tally_count", "reciprocal", "common_words", "shared_words")
    strict = _categories(data, "strict_place")
    night = alternation(words(data["night_words"], FILE, "night_words"), ignore_case=True)
    return Rules(frozenset(strict), re.compile(r"\b" + night + r"\b"), _whole(data, "night_days", 0, 3),
                 _whole(data, "max_neighbours", 1, 100_000), _whole(data, "max_members", 2, 1_000_000),
                 _whole(data, "count_ratio", 1, 1000), _whole(data, "tally_count", 2, 1_000_000),
                 frozenset(_categories(data, "reciprocal")), _common_words(data),
                 _whole(data, "shared_words", 0, 100))


def _common_words(data: dict) -> frozenset:
    """``common_words``, lower-case; each must be one word as ``telling_words`` cuts them."""
    out = set()
    for word in words(data["common_words"], FILE, "common_words"):
        if not _WORD.fullmatch(word):
            raise LexiconError(FILE, "common_words", f"{word!r} is not one word")
        out.add(word.lower())
    return frozenset(out)


@functools.cache
def weapon_class(weapon: str | None) -> str | None:
    """The class of an event's weapon ("Shahed drone" → drone); None for none or a generic "weapon"."""
    if not weapon:
        return None
    from analysis.weapons import find_weapons

    found = find_weapons(weapon)
    return found[0].weapon_class if found and found[0].weapon_class != "other" else None


# Words of a name or title too common to tell two speakers apart.
_COMMON = frozenset({"president", "minister", "prime", "foreign", "defence", "defense", "ministry", "spokesman",
                     "spokeswoman", "spokesperson", "russian", "ukrainian", "russia's", "ukraine's", "forces"})


@functools.cache
def detail_words(detail: str | None) -> frozenset:
    """The telling words of ``actor1_detail``: "British Prime Minister Rishi Sunak" → {british, rishi, sunak}."""
    if not detail:
        return frozenset()
    return frozenset(w for w in re.findall(r"[\w’'-]{4,}", detail.lower()) if w not in _COMMON)


# A word of a sentence: letters, digits and inner hyphens or apostrophes ("Il-76", "Lukoil's").
_WORD = re.compile(r"[^\W_](?:[\w’'-]*[^\W_])?")
_POSSESSIVE = re.compile(r"[’']s$")


def _telling(word: str, first: bool) -> str | None:
    """``word`` as a telling word (lower-case, without a possessive), or None. Names (a capital, not at the
    sentence's start, where any word has one) and models ("Il-76", "Kh-101") tell; so does a figure
    of three digits or more that is not a year: a day of the month or a small count is shared by chance."""
    if any(c.isdigit() for c in word):
        if any(c.isalpha() for c in word):
            return word.lower()
        return word if word.isdigit() and len(word) >= 3 and not (len(word) == 4 and word[:2] in ("19", "20")) else None
    if first or not word[0].isupper():
        return None
    return _POSSESSIVE.sub("", word).lower()


@functools.cache
def telling_words(sentence: str | None) -> frozenset:
    """The words of a sentence that tell one happening from another of the same kind, place and day:
    the names of people, facilities and units, weapon models, figures ("Governor Pavel Malkov", "NORSI
    refinery", "207 prisoners"), less ``common_words``. Why: two outlets' reports of one strike name the
    same governor or plant, and when an article has two rows that fit a report of another outlet
    (two statements of one side on one day), the one sharing its names is the same happening."""
    if not sentence:
        return frozenset()
    common = rules().common_words
    found = (_telling(m.group(), k == 0) for k, m in enumerate(_WORD.finditer(sentence)))
    return frozenset(w for w in found if w and w not in common)


@functools.cache
def _shared_words(sentence: str | None, detail: str | None) -> frozenset:
    """What ``agreement`` compares: the sentence's ``telling_words`` and the speaker's (``detail_words``
    less ``common_words``). Why the speaker: a statement's row often names him only in an earlier
    sentence ("He thanked the team…"), where the extractor found who "he" is."""
    return telling_words(sentence) | (detail_words(detail) - rules().common_words)


@dataclass(slots=True)
class Record:
    """What resolution needs of one event, taken once from the table."""

    row: int
    event_id: str
    article: str
    category: str
    actor1: str
    actor2: str | None
    day: int | None            # days since the epoch
    night: bool
    level: str | None          # district | city | region | country | None (no place)
    location: str | None
    city: str | None
    admin1: str | None
    country: str | None
    weapon: str | None
    wclass: str | None
    count: int | None
    detail: frozenset          # the words of actor1_detail ("president", "zelensky"): who acted, when named
    fatalities: int | None
    published: int             # for the anchor: the earliest report
    words: frozenset | None    # ``_shared_words``: for ``agreement`` only, never compatibility (None: not cut yet)
    strict: bool = False       # the category is one of ``strict_place`` (taken once: compared millions of times)
    reciprocal: bool = False   # the category is one of ``reciprocal``
    warning: bool = False      # an air-raid alert: air defence that shot nothing down (no ACLED event type)


def _places_ok(a: Record, b: Record, strict: bool) -> bool:
    """Compatible places: the same one, or one inside the other (district in city, city in region)."""
    if a.level is None or b.level is None:
        other = b if a.level is None else a
        return not strict or other.level in (None, "country")
    if a.country and b.country and a.country != b.country:
        return False
    if (a.level == "country") != (b.level == "country"):
        return False
    if a.level == b.level:
        return a.location == b.location
    wide, narrow = (a, b) if LEVELS[a.level] > LEVELS[b.level] else (b, a)
    if wide.level == "region":
        return narrow.admin1 == wide.location
    return narrow.city == wide.location      # a district within its city


def _counts_ok(a: Record, b: Record) -> bool:
    """One drone that hit a block and the 17 launched that night are different happenings; 41 and 43
    downed are two tallies of one. Counts more than ``count_ratio`` apart never merge."""
    if a.count is None or b.count is None:
        return True
    low, high = (a.count, b.count) if a.count <= b.count else (b.count, a.count)
    return high <= max(1, low) * rules().count_ratio


def same_tally(a: Record, b: Record) -> bool:
    """Two reports of one national tally may place it differently (the country, or the city a wire leads
    with): the same side, day and weapon class with the same count of at least ``tally_count`` is one."""
    return (a.count is not None and a.count == b.count and a.count >= rules().tally_count
            and a.wclass == b.wclass and a.day == b.day)


def _actors_ok(a: Record, b: Record) -> bool:
    """The same side and target; for a reciprocal happening (an exchange of prisoners) each outlet may
    name either side first, so the two sides compare as a pair."""
    if a.actor1 == b.actor1 and not (a.actor2 and b.actor2 and a.actor2 != b.actor2):
        return True
    if not a.reciprocal:
        return False
    return b.actor1 == a.actor2 and (b.actor2 is None or b.actor2 == a.actor1) or a.actor1 == b.actor2 and a.actor2 is None


def signature(r: Record) -> tuple:
    """Every field ``_alike`` reads: two events with one signature are alike to the same events."""
    return (r.category, r.actor1, r.actor2, r.day, r.night, r.level, r.location, r.city, r.admin1, r.country,
            r.wclass, r.count, r.detail, r.strict, r.reciprocal)


def compatible(a: Record, b: Record) -> bool:
    """May ``a`` and ``b`` report one happening? (The module docstring lists the rules.)

    The cheapest tests come first: a dense block compares each event with hundreds of others."""
    return a.article != b.article and _alike(a, b)


def _alike(a: Record, b: Record) -> bool:
    """``compatible`` but for the article: what two events' own fields allow (see ``signature``)."""
    if a.category != b.category or a.day is None or b.day is None:
        return False
    if a.day != b.day and (abs(a.day - b.day) > rules().night_days or not (a.night or b.night)):
        return False
    if not _actors_ok(a, b) or a.warning != b.warning:
        return False   # the sirens and what air defence shot down that night are two happenings
    strict = a.strict
    national = a.level in (None, "country") and b.level in (None, "country")
    # a national interception tally lists several classes, of which each report keeps one
    if a.wclass and b.wclass and a.wclass != b.wclass and not (national and a.category == "air_defense"):
        return False
    if not _counts_ok(a, b):
        return False
    # who spoke or signed: "President Zelensky" and "Mayor Trukhanov" make two statements of one side
    if not strict and a.detail and b.detail and not a.detail & b.detail:
        return False
    # a tally with no place at all has no country of its own to disagree with
    same_country = a.country == b.country or a.level is None or b.level is None
    return _places_ok(a, b, strict) or (same_country and same_tally(a, b))


def agreement(a: Record, b: Record) -> int:
    """How much two compatible events agree beyond what compatibility demands: the best pairs merge first.
    The place weighs most (what an analyst matches reports on); then the day, the weapon, the target and
    the toll; then each name or figure the two sentences share, up to ``shared_words``."""
    return ((a.location is not None and a.location == b.location) * 2 + (a.day == b.day)
            + (a.weapon is not None and a.weapon == b.weapon) + (a.actor2 is not None and a.actor2 == b.actor2)
            + (a.fatalities is not None and a.fatalities == b.fatalities)
            + min(len(a.words & b.words), rules().shared_words))


COLUMNS = ("event_id", "article_id", "category", "actor1", "actor1_detail", "actor2", "date_text", "geo_precision",
           "location", "city", "admin1", "country", "weapon", "weapon_count", "fatalities", "sentence", "event_type")


def _column(events: pd.DataFrame, name: str) -> list:
    """A column as Python values, None where missing (a column the table lacks is all None)."""
    if name not in events:
        return [None] * len(events)
    return events[name].to_numpy(dtype=object, na_value=None).tolist()


@functools.cache
def _is_night(date_text: str | None) -> bool:
    return bool(date_text and rules().night.search(date_text))


def _no_words(sentence: str | None, detail: str | None) -> None:
    """No ``words`` yet (``records(..., words=False)``): the caller fills them for the records it compares."""
    return None


def _record(i: int, day, published: int, event_id, article, category, actor1, detail, actor2, date_text, geo,
            location, city, admin1, country, weapon, count, fatalities, sentence, event_type=None,
            shared=_shared_words) -> Record:
    level = geo if location is not None else None
    return Record(i, event_id, article, category, actor1, actor2, day, _is_night(date_text), level, location,
                  city if city is not None or level != "city" else location, admin1, country, weapon,
                  weapon_class(weapon), None if count is None else int(count), detail_words(detail),
                  None if fatalities is None else int(fatalities), published, shared(sentence, detail),
                  category in rules().strict_place, category in rules().reciprocal,
                  warning=category == "air_defense" and event_type is None)


def records(events: pd.DataFrame, articles: pd.DataFrame, rows: list[int] | None = None,
            words: bool = True) -> list[Record]:
    """One ``Record`` per event row, in row order; numbered ``rows`` when given (the rows' positions in
    a larger table), else 0, 1, 2…. ``words=False`` leaves ``Record.words`` None: only ``agreement``
    reads them, and cutting a sentence's words is most of a record's cost (a re-run builds the records
    of thousands of events near a changed one and compares few of them)."""
    shared = _shared_words if words else _no_words
    published = dict(zip(_column(articles, "article_id"), (pd.to_datetime(articles["published"]) - pd.Timestamp(0)).dt.days.fillna(0)))
    days = pd.to_datetime(events["event_date"]).dt.normalize()
    # days since the epoch, whatever the column's time unit
    day_numbers = (days - pd.Timestamp(0)).dt.days.astype(object).where(days.notna(), None).tolist()
    cols = [_column(events, c) for c in COLUMNS]
    return [_record(i if rows is None else rows[i], day_numbers[i], int(published.get(values[1], 0)), *values, shared)
            for i, values in enumerate(zip(*cols))]


def _block_key(r: Record) -> tuple:
    """Category × side × region for the categories tied to a place; category × side for the rest."""
    if r.category in rules().reciprocal:
        return (r.category,)
    if r.category not in rules().strict_place:
        return (r.category, r.actor1)
    if r.level in (None, "country"):
        # where a national event fell: its country, else the target's (the defender's, for interceptions)
        return (r.category, r.actor1, "national", r.country or (r.actor1 if r.category == "air_defense" else r.actor2))
    return (r.category, r.actor1, r.admin1 or r.city or r.location)


def _tally_key(r: Record) -> tuple | None:
    """A second block for tallies (``same_tally``): side, day window and count, whatever the place."""
    if r.category in rules().strict_place and r.count is not None and r.count >= rules().tally_count:
        return ("tally", r.category, r.actor1, r.count)
    return None


def candidate_pairs(recs: list[Record]) -> list[tuple[int, int, int]]:
    """(agreement, i, j) for the compatible pairs within each block and date window, best first.

    Place-less and country-wide events block together; in the loose categories every place shares a block.
    Each event meets at most ``max_neighbours`` earlier ones, so the work is linear in the events."""
    blocks: dict[tuple, list[Record]] = defaultdict(list)
    for r in recs:
        if r.day is not None:
            blocks[_block_key(r)].append(r)
            if _tally_key(r) is not None:
                blocks[_tally_key(r)].append(r)
    window, limit = rules().night_days, rules().max_neighbours
    pairs = []
    for members in blocks.values():
        members.sort(key=lambda r: (r.day, r.row))
        for k, b in enumerate(members):
            for a in members[max(0, k - limit):k][::-1]:
                if b.day - a.day > window:
                    break
                if compatible(a, b):
                    pairs.append((agreement(a, b), a.row, b.row))
    pairs = sorted(set(pairs), key=lambda p: (-p[0], p[1], p[2]))   # a pair two blocks share counts once
    return pairs


class _Groups:
    """The growing groups of ``cluster``: members, articles and signatures of each, under the index of its
    first record, and whether two may merge.

    Two groups with no article in common are compatible when their members' signatures are alike, so
    each group keeps its set of signatures and each pair of signatures is compared once (many outlets
    reporting one happening give many events of one signature)."""

    def __init__(self, recs: list[Record]) -> None:
        ids: dict[tuple, int] = {}
        sig = [ids.setdefault(signature(r), len(ids)) for r in recs]
        self.rep = {s: r for s, r in zip(sig, recs)}
        self.memo: dict[tuple[int, int], bool] = {}
        self.group = list(range(len(recs)))
        self.members = {i: [i] for i in range(len(recs))}
        self.articles = {i: {recs[i].article} for i in range(len(recs))}
        self.kinds = {i: {sig[i]} for i in range(len(recs))}

    def _alike(self, x: int, y: int) -> bool:
        if (x, y) not in self.memo:
            self.memo[x, y] = _alike(self.rep[x], self.rep[y])
        return self.memo[x, y]

    def may_merge(self, gi: int, gj: int) -> bool:
        """No article in both, within ``max_members``, and every pair across them compatible."""
        if self.articles[gi] & self.articles[gj] or len(self.members[gi]) + len(self.members[gj]) > rules().max_members:
            return False
        return all(self._alike(x, y) for x in self.kinds[gi] for y in self.kinds[gj])

    def merge(self, keep: int, gone: int) -> None:
        for m in self.members[gone]:
            self.group[m] = keep
        self.members[keep] += self.members.pop(gone)
        self.articles[keep] |= self.articles.pop(gone)
        self.kinds[keep] |= self.kinds.pop(gone)


def cluster(recs: list[Record], pairs: list[tuple[int, int, int]]) -> list[int]:
    """The group of each record (the index of its group's first record). Two groups merge when they may
    (``_Groups.may_merge``: no article in both, every pair across them compatible), the best-linked first:
    two groups are linked by the sum of the agreements of their pairs.

    Why the sum: a report that fits two rows of one article (a lead and its later mention, two statements
    of one side that day) should join the row that the other outlets' reports of the happening agree with
    too, not the first one it met: a row agreeing with a group of three reports outweighs a row agreeing
    with one. A pair's agreement is its link at first, so the best pairs still merge first. Groups only
    grow, so two groups found apart stay apart: ``apart`` remembers them, and their links are dropped."""
    groups = _Groups(recs)
    links: dict[int, dict[int, int]] = defaultdict(dict)
    for q, i, j in pairs:
        if i != j:
            links[i][j] = links[j][i] = max(q, links[i].get(j, 0))
    heap = [(-q, min(i, j), max(i, j)) for i in links for j, q in links[i].items() if i < j]
    heapq.heapify(heap)
    apart: dict[int, set[int]] = defaultdict(set)
    while heap:
        q, gi, gj = heapq.heappop(heap)
        if links.get(gi, {}).get(gj) != -q:
            continue          # a merged group, or a link that has grown since
        if not groups.may_merge(gi, gj):
            apart[gi].add(gj)
            apart[gj].add(gi)
            del links[gi][gj], links[gj][gi]
            continue
        groups.merge(gi, gj)
        _relink(links, apart, heap, gi, gj)
    return groups.group


def _relink(links: dict, apart: dict, heap: list, keep: int, gone: int) -> None:
    """After ``gone`` joined ``keep``: its links add to ``keep``'s (pushed anew), and the groups either was
    found apart from stay apart from ``keep``, unlinked."""
    for other in apart.pop(gone, ()):
        apart[other].discard(gone)
        apart[other].add(keep)
        apart[keep].add(other)
    moved = links.pop(gone)
    del moved[keep], links[keep][gone]
    for other in apart[keep]:
        links[keep].pop(other, None)
        links.get(other, {}).pop(keep, None)
    for other, q in moved.items():
        del links[other][gone]
        if other not in apart[keep]:
            total = links[keep].get(other, 0) + q
            links[keep][other] = links[other][keep] = total
            heapq.heappush(heap, (-total, min(keep, other), max(keep, other)))


def incident_ids(recs: list[Record], group: list[int]) -> list[str]:
    """A stable id per group: a hash of its anchor, the event first published (then the smallest id)."""
    anchor: dict[int, Record] = {}
    for r in recs:
        best = anchor.get(group[r.row])
        if best is None or (r.published, r.event_id) < (best.published, best.event_id):
            anchor[group[r.row]] = r
    return ["inc-" + hashlib.sha1(anchor[group[r.row]].event_id.encode()).hexdigest()[:12] for r in recs]


def resolve(events: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """The ``incident_id`` of every event row, in row order."""
    recs = records(events, articles)
    return incident_ids(recs, cluster(recs, candidate_pairs(recs)))
