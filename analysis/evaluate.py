"""Gold-standard evaluation (CONTRACT §6): recall, precision and attribute accuracy per article.

A gold event matches an extracted row when the category is the same, the date is the same (if the
gold gives one), and the gold ``actor1`` and ``place`` are found, case-insensitively and through
common aliases (Kiev/Kyiv, US/United States), in the row's ``actor1`` and place columns. Each gold
event matches at most one row and each row at most one gold event; core events are matched first, with
a maximum bipartite matching so that one greedy choice cannot cost another event its only row.

Recall = core gold events found / core gold events. Precision = rows matching a core or optional gold
event / all rows. Attribute accuracy = correct ``actor2``/``weapon``/``weapon_count``/``fatalities``/
``time_local`` over those the gold gives, on matched core events.

Incidents (CONTRACT §8): when the gold gives events an ``incident`` id shared across articles, every pair
of matched gold events (core or optional) of one category from two different articles is a gold pair if
they share an incident, and a found pair if their rows share an ``incident_id``. Pair precision = right
found pairs / found pairs; pair recall = right found pairs / gold pairs. Pairs within one article and
pairs across categories are left out: an incident is one category's happening (issue #8), and an
article's own reading keeps its events apart.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.actors import lexicon as actor_lexicon
from analysis.corpus import extract
from analysis.errors import InputError

ATTRIBUTES = ("actor2", "weapon", "weapon_count", "fatalities", "time_local")
PLACE_COLUMNS = ("location", "city", "admin1")


@dataclass
class Score:
    article: str
    gold: int = 0
    found: int = 0
    rows: int = 0
    rows_matched: int = 0
    attributes: int = 0
    attributes_correct: int = 0
    places: int = 0
    places_correct: int = 0
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)
    unmatched_rows: list = field(default_factory=list)
    # (article, gold incident, category, the matched row's incident_id) of each matched gold event
    links: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.rows_matched / self.rows if self.rows else 1.0

    @property
    def attribute_accuracy(self) -> float:
        return self.attributes_correct / self.attributes if self.attributes else 1.0

    @property
    def place_accuracy(self) -> float:
        return self.places_correct / self.places if self.places else 1.0

    def add(self, other: "Score") -> None:
        for name in ("gold", "found", "rows", "rows_matched", "attributes", "attributes_correct", "places", "places_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.wrong += other.wrong
        self.unmatched_rows += other.unmatched_rows
        self.links += other.links

    def incident_pairs(self) -> tuple[int, int, int]:
        """(right found pairs, found pairs, gold pairs) over the matched gold events of different articles."""
        right = found = gold = 0
        for i, (art_a, inc_a, cat_a, row_a) in enumerate(self.links):
            for art_b, inc_b, cat_b, row_b in self.links[i + 1:]:
                if art_a == art_b or cat_a != cat_b:
                    continue
                same_gold, same_found = inc_a == inc_b, row_a == row_b
                gold += same_gold
                found += same_found
                right += same_gold and same_found
        return right, found, gold

    @property
    def pair_precision(self) -> float | None:
        right, found, gold = self.incident_pairs()
        return right / found if found else (None if not self.links else 1.0)

    @property
    def pair_recall(self) -> float | None:
        right, found, gold = self.incident_pairs()
        return right / gold if gold else None

    def pair_errors(self) -> list[str]:
        """The wrong and the missed pairs, for ``--verbose``."""
        out = []
        for i, (art_a, inc_a, cat_a, row_a) in enumerate(self.links):
            for art_b, inc_b, cat_b, row_b in self.links[i + 1:]:
                if art_a != art_b and cat_a == cat_b and (inc_a == inc_b) != (row_a == row_b):
                    what = "missed" if inc_a == inc_b else "wrong"
                    out.append(f"{what} pair: {art_a} {inc_a} ({cat_a}) ~ {art_b} {inc_b} ({cat_b})")
        return out


def _names(value: str) -> set[str]:
    """A name and its aliases, lower-case: "US" → {"us", "united states"}; "Kiev" → {"kiev", "kyiv"}."""
    names = {value.lower()}
    hit = actor_lexicon().surface.get(value)
    if hit and hit[0]:
        names.add(hit[0].lower())
    from analysis.places import gazetteer

    place = gazetteer().lookup(value)
    if place is None:
        # "Ryazan region" is read as text names it ("… in the Ryazan region"), not as a gazetteer key: Ryazan Oblast
        whole = [m for m in gazetteer().find(value) if m.start == 0 and m.end == len(value)]
        place = whole[0] if whole else None
    if place is not None:
        names.add(place.place.lower())
    return names


def _found(value, cells) -> bool:
    names = _names(str(value))
    text = " | ".join(str(c).lower() for c in cells if c is not None and not pd.isna(c))
    return any(n in text for n in names)


def _matches(gold: dict, row: pd.Series) -> bool:
    if gold.get("category") != row["category"]:
        return False
    if gold.get("date"):
        if pd.isna(row["event_date"]) or row["event_date"].date().isoformat() != gold["date"]:
            return False
    if gold.get("actor1") and not _found(gold["actor1"], [row["actor1"]]):
        return False
    if gold.get("place") and not _found(gold["place"], [row.get(c) for c in PLACE_COLUMNS]):
        return False
    return True


def _attribute_ok(name: str, expected, row: pd.Series) -> bool:
    got = row.get(name)
    if got is None or pd.isna(got):
        return False
    if name == "actor2":
        return _found(expected, [got])
    if name == "weapon":
        return str(expected).lower() in str(got).lower()
    if name == "time_local":
        return str(got) == str(expected)
    return int(got) == int(expected)


def _max_matching(golds: list[dict], rows: pd.DataFrame, free: set) -> dict[int, int]:
    """Kuhn's augmenting paths: gold index → row index, as many golds matched as possible."""
    def agreement(gold: dict, r: int) -> int:
        return sum(_attribute_ok(n, gold[n], rows.loc[r]) for n in ATTRIBUTES if gold.get(n) is not None)

    # Each gold tries its best-agreeing rows first, so that two similar events are not matched crosswise.
    options = {g: sorted((r for r in rows.index if r in free and _matches(gold, rows.loc[r])),
                         key=lambda r, gold=gold: -agreement(gold, r))
               for g, gold in enumerate(golds)}
    owner: dict[int, int] = {}

    def augment(g: int, seen: set) -> bool:
        for r in options[g]:
            if r in seen:
                continue
            seen.add(r)
            if r not in owner or augment(owner[r], seen):
                owner[r] = g
                return True
        return False

    for g in range(len(golds)):
        augment(g, set())
    matched = {g: r for r, g in owner.items()}
    score = {(g, r): agreement(golds[g], r) for g, rs in options.items() for r in rs}
    return _improve(matched, options, score)


def _improve(matched: dict[int, int], options: dict[int, list], score: dict) -> dict[int, int]:
    """Among matchings of the same size, one whose events agree better: move a gold event to a free row
    that agrees more, or swap two golds' rows when both may take the other's and the total agrees more.
    Maximum matching alone may pair an event with a worse row than one left unmatched."""
    better = True
    while better:
        better = False
        used = set(matched.values())
        for g, r in list(matched.items()):
            best = max((x for x in options[g] if x not in used), key=lambda x: score[(g, x)], default=None)
            if best is not None and score[(g, best)] > score[(g, r)]:
                used.discard(r)
                matched[g] = best
                used.add(best)
                better = True
        better = _swap_or_shift(matched, options, score) or better
    return matched


def _swap_or_shift(matched: dict[int, int], options: dict[int, list], score: dict) -> bool:
    """One improving step between two golds: swap their rows, or move the second to a free row so that
    the first can take the row it agrees with more."""
    used = set(matched.values())
    for g1, g2 in ((a, b) for a in matched for b in matched if a != b):
        r1, r2 = matched[g1], matched[g2]
        if (g1, r2) not in score:
            continue
        if (g2, r1) in score and score[(g1, r2)] + score[(g2, r1)] > score[(g1, r1)] + score[(g2, r2)]:
            matched[g1], matched[g2] = r2, r1
            return True
        for x in options[g2]:
            if x not in used and score[(g1, r2)] + score[(g2, x)] > score[(g1, r1)] + score[(g2, r2)]:
                matched[g1], matched[g2] = r2, x
                return True
    return False


def _agreement(gold: dict, row: pd.Series) -> int:
    return sum(_attribute_ok(n, gold[n], row) for n in ATTRIBUTES if gold.get(n) is not None)


def _yield_ties(core: dict[int, int], optional: dict[int, int], gold: dict, events: pd.DataFrame) -> None:
    """A core event whose row ties with a free row moves to it when an unmatched optional event can take
    the row it leaves: of two equally good readings, the one that explains more rows. Why: a national
    total annotated without its count ties with a regional breakdown of it; matching the total to the
    breakdown's row would call the breakdown a false row and blame the total's own row."""
    golds, extras = gold.get("events", []), gold.get("optional", [])
    for o, item in enumerate(extras):
        if o in optional:
            continue
        used = set(core.values()) | set(optional.values())
        free = [x for x in events.index if x not in used]
        for g, r in list(core.items()):
            if not _matches(item, events.loc[r]):
                continue
            here = _agreement(golds[g], events.loc[r])
            tie = next((x for x in free if _matches(golds[g], events.loc[x])
                        and _agreement(golds[g], events.loc[x]) == here), None)
            if tie is not None:
                core[g], optional[o] = tie, r
                break


def match_rows(gold: dict, events: pd.DataFrame) -> tuple[dict[int, int], dict[int, int]]:
    """Gold index → row index, for the core events and then the optional ones among the rows left."""
    core = _max_matching(gold.get("events", []), events, set(events.index))
    optional = _max_matching(gold.get("optional", []), events, set(events.index) - set(core.values()))
    _yield_ties(core, optional, gold, events)
    return core, optional


def score_article(gold: dict, events: pd.DataFrame, places: pd.DataFrame, article_id: str) -> Score:
    score = Score(article=article_id, gold=len(gold.get("events", [])), rows=len(events))
    core, optional = match_rows(gold, events)
    score.found = len(core)
    score.rows_matched = len(core) + len(optional)
    for g, item in enumerate(gold.get("events", [])):
        if g not in core:
            score.missed.append(f"{article_id}: {item.get('id')} ({item.get('category')}, {item.get('date')}, {item.get('actor1')}, {item.get('place')})")
            continue
        row = events.loc[core[g]]
        for name in ATTRIBUTES:
            if item.get(name) is None:
                continue
            score.attributes += 1
            if _attribute_ok(name, item[name], row):
                score.attributes_correct += 1
            else:
                score.wrong.append(f"{article_id}: {item.get('id')}.{name}: expected {item[name]!r}, got {row.get(name)!r}")
    for items, matching in ((gold.get("events", []), core), (gold.get("optional", []), optional)):
        for g, r in matching.items():
            if items[g].get("incident") and "incident_id" in events:
                score.links.append((article_id, items[g]["incident"], items[g].get("category"), events.loc[r, "incident_id"]))
    matched = set(core.values()) | set(optional.values())
    for r in events.index:
        if r not in matched:
            row = events.loc[r]
            score.unmatched_rows.append(f"{article_id}: {row['category']} {row['event_date']} {row['actor1']} {row['location']} — {row['sentence'][:70]}")
    for item in gold.get("places", []):
        score.places += 1
        names = {item["name"].lower(), *[a.lower() for a in item.get("aliases", [])]}
        hit = places[places["name"].str.lower().apply(lambda n: any(x in n for x in names)) |
                     places["place"].str.lower().isin(names)]
        ok = not hit.empty and all(
            item["lat"][0] <= lat <= item["lat"][1] and item["lon"][0] <= lon <= item["lon"][1]
            for lat, lon in zip(hit["latitude"], hit["longitude"]) if not pd.isna(lat))
        if ok and not hit["latitude"].isna().all():
            score.places_correct += 1
        else:
            score.wrong.append(f"{article_id}: place {item['name']} not found with coordinates in range")
    return score


def load_gold(gold_dir: Path) -> list[tuple[Path, dict]]:
    files = sorted(Path(gold_dir).glob("*.gold.json"))
    if not files:
        raise InputError(gold_dir, "no *.gold.json files here", "pass the folder that holds the articles and their .gold.json annotations")
    out = []
    for path in files:
        try:
            out.append((path, json.loads(path.read_text("utf-8"))))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            line = getattr(error, "lineno", None)
            raise InputError(path, f"not valid JSON ({error})", "fix the annotation file", line) from None
    return out


def evaluate(gold_dir: str | Path = "tests/gold") -> tuple[Score, list[Score]]:
    """Extract the gold folder's articles and score them: (overall, per-article scores)."""
    gold_dir = Path(gold_dir)
    golds = load_gold(gold_dir)
    corpus = extract(gold_dir)
    overall = Score(article="overall")
    per_article = []
    for path, gold in golds:
        article_id = Path(gold.get("file") or path.name.replace(".gold.json", "")).stem
        events = corpus.events[corpus.events["article_id"] == article_id].reset_index(drop=True)
        places = corpus.places[corpus.places["article_id"] == article_id]
        if corpus.articles[corpus.articles["article_id"] == article_id].empty:
            raise InputError(path, f"its article {gold.get('file')!r} was not found beside it", "copy the article and its catalog row into the gold folder")
        score = score_article(gold, events, places, article_id)
        per_article.append(score)
        overall.add(score)
    return overall, per_article
