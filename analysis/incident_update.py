"""Incidents re-resolved only where events changed, with the same ids a full resolution gives.

``incidents.resolve`` compares events within blocks (``_block_key``, ``_tally_key``) and a date window,
each with at most ``max_neighbours`` earlier block members, then clusters the compatible pairs. The
clustering only ever joins events through pairs, so it splits exactly over the connected components of
the pair graph; an incident's id hashes its own anchor event. This module keeps the pair list of the last
run (per block) and, after articles changed:

1. recomputes the pairs of the *dirty* events only: in each block a changed event (added, or removed)
   falls in, the events dated on a changed event's day or up to one date window after it (an event's
   candidates are its nearest earlier block members within the window: a change can reach only the
   events after it in block order, and the window bounds them); every other pair is kept from the last
   run;
2. takes the connected components (of the new pair graph) that hold an added event, an endpoint of a
   pair that appeared or went, or a survivor of an incident that lost an event;
3. clusters those components alone, in the corpus's row order, with ``incidents.cluster`` and
   ``incidents.incident_ids``. Every other event keeps its incident id.

A first run is the same with every event added (every pair computed), i.e. ``incidents.resolve``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import incidents as inc
from analysis.tables import texts

PAIR_COLUMNS = ["block", "agreement", "a", "b"]


@dataclass
class Resolution:
    ids: dict[str, str]          # event id → incident id, for the re-resolved events only
    pairs: pd.DataFrame          # the whole corpus's candidate pairs (PAIR_COLUMNS), for the next run
    resolved: set[str]           # the events re-resolved


def block_keys(r: inc.Record) -> list[str]:
    """The blocks an event falls in (as text, to be stored): its own, and the tally block."""
    keys = [inc._block_key(r)]
    tally = inc._tally_key(r)
    if tally is not None:
        keys.append(tally)
    return [repr(k) for k in keys]


def _blocks(recs: list[inc.Record], keys: dict[int, list[str]]) -> dict[str, list[inc.Record]]:
    """Each block's dated members in ``candidate_pairs``'s order: (day, row). ``keys``: ``block_keys``
    of each dated record, by row."""
    blocks: dict[str, list[inc.Record]] = defaultdict(list)
    for r in recs:
        for key in keys.get(r.row, ()):
            blocks[key].append(r)
    for members in blocks.values():
        members.sort(key=lambda r: (r.day, r.row))
    return blocks


def _changed_days(recs: list[inc.Record], keys: dict[int, list[str]], added: set[str],
                  removed: list[inc.Record]) -> dict[str, set[int]]:
    """Per block, the days on which an event came or went (the removed ones' blocks computed afresh:
    their records are the last run's)."""
    days: dict[str, set[int]] = defaultdict(set)
    for r in recs:
        if r.event_id in added:
            for key in keys.get(r.row, ()):
                days[key].add(r.day)
    for r in removed:
        if r.day is not None:
            for key in block_keys(r):
                days[key].add(r.day)
    return days


def _fresh_pairs(blocks: dict, changed: dict[str, set[int]], recs: list[inc.Record],
                 words: _Words) -> tuple[list[tuple], set[tuple[str, str]]]:
    """The pairs of every dirty event (``candidate_pairs``'s loop, for those events only), and the
    (block, event) keys of the dirty events, whose stored pairs are replaced. An event is dirty when a
    changed event of its block is dated on its day or up to a window before it. Why not after it: an
    event's candidates are the ``max_neighbours`` block members just before it (block order: day, row),
    within the window; an event placed or taken away after it is none of them and shifts none of them
    (nor does one dated more than a window before it: everything it could push out of the slice is out
    of the window already). ``recs``: the records
    ``_nearby`` gives (each ``row`` its position in the corpus), their words filled here for the pairs
    that need them (``words``)."""
    window, limit = inc.rules().night_days, inc.rules().max_neighbours
    alike = _Alike(recs)
    fresh, dirty = [], set()
    for key, days in changed.items():
        members = blocks.get(key, [])
        for k, b in enumerate(members):
            if not any(b.day - d in days for d in range(window + 1)):   # a change on its day or a window before
                continue
            dirty.add((key, b.event_id))
            for a in members[max(0, k - limit):k][::-1]:
                if b.day - a.day > window:
                    break
                if a.article != b.article and alike(a, b):   # ``inc.compatible``, signatures compared once
                    words(a), words(b)
                    fresh.append((key, inc.agreement(a, b), a.event_id, b.event_id))
    return fresh, dirty


class _Words:
    """Fills a record's ``words`` (``incidents._shared_words`` of its event's sentence and speaker) when a
    pair needs its agreement. Why: the records are built without them (``records(words=False)``), since a
    re-run builds those of every event near a changed one and only the dirty events' pairs compare words."""

    def __init__(self, events: pd.DataFrame) -> None:
        self.sentence = texts(events["sentence"]) if "sentence" in events else [None] * len(events)
        self.detail = texts(events["actor1_detail"]) if "actor1_detail" in events else [None] * len(events)

    def __call__(self, r: inc.Record) -> None:
        if r.words is None:
            r.words = inc._shared_words(self.sentence[r.row], self.detail[r.row])


class _Alike:
    """``incidents._alike``, each pair of signatures compared once (as ``incidents.cluster`` does). Why:
    many outlets reporting one happening give many events of one signature, and a first run compares
    each event with up to ``max_neighbours`` block members — half a million comparisons for 19,000
    events, most of them repeats."""

    def __init__(self, recs: list[inc.Record]) -> None:
        ids: dict[tuple, int] = {}
        self.sig = {r.row: ids.setdefault(inc.signature(r), len(ids)) for r in recs}   # by ``row``
        self.memo: dict[tuple[int, int], bool] = {}

    def __call__(self, a: inc.Record, b: inc.Record) -> bool:
        key = (self.sig[a.row], self.sig[b.row])
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = inc._alike(a, b)
        return found


def _components(pairs: pd.DataFrame, seeds: set[str]) -> set[str]:
    """Every event connected to a seed through the pairs. Vectorised (``_labels``): a re-run's pair list
    is the whole corpus's — hundreds of thousands of pairs, a second of Python union-find."""
    m = len(pairs)
    codes, uniques = pd.factorize(pd.concat([pairs["a"], pairs["b"]], ignore_index=True))
    uniques = pd.Index(uniques)
    labels = _labels(len(uniques), codes[:m], codes[m:])
    at = uniques.get_indexer(list(seeds))
    reached = np.isin(labels, labels[at[at >= 0]])
    return set(uniques[reached]) | seeds


def _labels(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The component of each of ``n`` nodes (its smallest member) under the edges ``a[k]``–``b[k]``: each
    round hooks the larger root of every edge to the smaller, then points every node at its root, until
    every edge lies within one component (a few rounds: the trees flatten as they merge)."""
    labels = np.arange(n)
    while True:
        la, lb = labels[a], labels[b]
        if np.array_equal(la, lb):
            return labels
        low = np.minimum(la, lb)
        np.minimum.at(labels, la, low)
        np.minimum.at(labels, lb, low)
        while True:
            up = labels[labels]
            if np.array_equal(up, labels):
                break
            labels = up


def _split_old(old: pd.DataFrame, gone: set[str], dirty: set[tuple[str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stored pairs still valid (no removed event, no dirty event as the later one), and those that
    are not (``_changed_ends`` tells which of them really went). Column operations, then Python only for
    the few rows whose later event is dirty: the stored list is the whole corpus's."""
    if old.empty:
        return old, old
    stale = old["a"].isin(list(gone)).to_numpy(dtype=bool) | old["b"].isin(list(gone)).to_numpy(dtype=bool)
    if dirty:
        maybe = np.flatnonzero(old["b"].isin(list({e for _, e in dirty})).to_numpy(dtype=bool))
        rows = zip(texts(old["block"].iloc[maybe]), texts(old["b"].iloc[maybe]))
        stale[maybe] |= np.fromiter(((k, e) in dirty for k, e in rows), dtype=bool, count=len(maybe))
    return old[~stale], old[stale]


def _changed_ends(stale: pd.DataFrame, fresh: list[tuple]) -> set[str]:
    """The events of a pair that went (stale, not computed again) or came (fresh, not stored before),
    ``(block, agreement, a, b)`` compared whole. Why: the dirty events' pairs are all computed again, and
    most come out as they were; a component whose pairs and events all stand clusters as it did
    (``incidents.cluster`` works within components, in row order), so only a changed pair's ends, not
    every dirty event's, seed the components to re-resolve."""
    before = set(zip(texts(stale["block"]), stale["agreement"].astype(int).tolist(), texts(stale["a"]),
                     texts(stale["b"]))) if len(stale) else set()
    after = {(k, int(q), a, b) for k, q, a, b in fresh}
    return {e for _, _, a, b in before ^ after for e in (a, b)}


def update(events: pd.DataFrame, articles: pd.DataFrame, added: set[str], removed: list[inc.Record],
           old_pairs: pd.DataFrame, old_ids: dict[str, str]) -> Resolution:
    """Re-resolve the incidents that ``added`` events (ids in ``events``) and ``removed`` ones (their
    records from the last run) touch. ``events`` is the whole corpus in its row order; ``old_pairs`` and
    ``old_ids`` (event id → incident id) are the last run's. Returns the new ids of the re-resolved events."""
    ids = texts(events["event_id"])
    row_of = dict(zip(ids, range(len(ids))))
    recs = _nearby(events, articles, added, removed, row_of)
    keys = {r.row: block_keys(r) for r in recs if r.day is not None}   # once: a first run has 70,000
    fresh, dirty = _fresh_pairs(_blocks(recs, keys), _changed_days(recs, keys, added, removed), recs, _Words(events))
    kept, stale = _split_old(old_pairs, {r.event_id for r in removed}, dirty)
    fresh_frame = pd.DataFrame(fresh, columns=PAIR_COLUMNS).astype({"agreement": "int32"})
    parts = [df for df in (kept, fresh_frame) if len(df)]
    pairs = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts or [fresh_frame])[0]
    resolved = _reached(row_of, pairs, added | _changed_ends(stale, fresh), removed, old_ids)
    current = {r.event_id: r for r in recs}
    missing = sorted(row_of[e] for e in resolved if e not in current)
    current.update((r.event_id, r) for r in _records_at(events, articles, missing))
    subset = [current[e] for e in sorted(resolved, key=row_of.__getitem__)]
    local = {r.event_id: k for k, r in enumerate(subset)}
    # renumbered in the subset's order; a record already at its place (every one, on a first run) is kept
    subset = [r if r.row == k else inc.Record(k, *(getattr(r, f) for f in inc.Record.__slots__[1:]))
              for k, r in enumerate(subset)]
    chosen = _chosen(pairs, local)
    ids = inc.incident_ids(subset, inc.cluster(subset, chosen))
    return Resolution(dict(zip(local, ids)), pairs.reset_index(drop=True), resolved)


def _records_at(events: pd.DataFrame, articles: pd.DataFrame, rows: list[int]) -> list[inc.Record]:
    """The records of the events at ``rows`` (positions in ``events``), each numbered by its position."""
    if not rows:
        return []
    if len(rows) == len(events):
        return inc.records(events, articles, words=False)
    columns = [c for c in (*inc.COLUMNS, "event_date") if c in events.columns and c != "sentence"]
    return inc.records(events[columns].iloc[rows], articles, rows, words=False)


def _nearby(events: pd.DataFrame, articles: pd.DataFrame, added: set[str], removed: list[inc.Record],
            row_of: dict[str, int]) -> list[inc.Record]:
    """The records that may gain or lose a pair: the added events, and every event of the category and
    side (``_side``) of an added or removed event, dated within one date window of that event's day (a
    dirty event lies on a changed day or up to a window after it, ``_fresh_pairs``, and its candidates
    before it, up to a window: together within a window either side of the changed day). Why:
    building the record of each of 70,000 events is most of a small re-run's resolution. Every block
    holds events of one category and, but in the reciprocal categories, one side (``incidents._block_key``,
    ``_tally_key``), so no other event can be a dirty one's candidate. On a first run (every event
    added) that is every record."""
    if len(added) >= len(row_of):
        return _records_at(events, articles, list(range(len(row_of))))
    new = _records_at(events, articles, sorted(row_of[e] for e in added if e in row_of))
    reach = inc.rules().night_days
    wanted = {(r.category, _side(r.category, r.actor1), r.day + d) for r in [*new, *removed] if r.day is not None
              for d in range(-reach, reach + 1)}
    if not wanted:
        return new
    have = {r.row for r in new}
    near = [k for k, key in enumerate(_keyed(events)) if key in wanted and k not in have]
    return sorted([*new, *_records_at(events, articles, near)], key=lambda r: r.row)


def _side(category: str | None, actor1: str | None) -> str | None:
    """The side that, with the category, bounds an event's blocks: its ``actor1``, but in the reciprocal
    categories (one block whoever acts)."""
    return None if category in inc.rules().reciprocal else actor1


def _keyed(events: pd.DataFrame):
    """Each event's ``(category, _side, day)`` (day: days since the epoch, None when undated), what
    ``_nearby`` looks up."""
    category = texts(events["category"])
    actor = texts(events["actor1"]) if "actor1" in events else [None] * len(events)
    days = pd.to_datetime(events["event_date"]).dt.normalize()
    day_numbers = (days - pd.Timestamp(0)).dt.days.astype(object).where(days.notna(), None).tolist()
    return zip(category, [_side(c, a) for c, a in zip(category, actor)], day_numbers)


def _reached(current: dict[str, int], pairs: pd.DataFrame, seeds: set[str], removed: list[inc.Record],
             old_ids: dict[str, str]) -> set[str]:
    """The current events (``current``: their ids) to re-resolve: the components holding a seed (an added
    event, an end of a pair that came or went) or a survivor of an incident that lost an event. When
    every event is a seed (a first run), that is every event, and the components need not be found."""
    if seeds >= current.keys():
        return set(current)
    lost = {old_ids.get(r.event_id) for r in removed}
    survivors = {e for e, i in old_ids.items() if i in lost}
    return {e for e in _components(pairs, seeds | survivors) if e in current}


def _chosen(pairs: pd.DataFrame, local: dict[str, int]) -> list[tuple[int, int, int]]:
    """``(agreement, a, b)`` of the pairs within ``local`` (event id → index), each once, best agreement
    first, then in row order. Sorted as single integers ``-agreement·n² + a·n + b`` (the same order as
    the tuples ``(-agreement, a, b)``), with numpy: a first run sorts hundreds of thousands."""
    n = max(1, len(local))
    index = pd.Index(list(local))   # position k holds the event whose local index is k
    ia, ib = index.get_indexer(pairs["a"]), index.get_indexer(pairs["b"])
    inside = (ia >= 0) & (ib >= 0)
    agreement = pairs["agreement"].to_numpy(dtype=np.int64)[inside]
    if n > 10 ** 8:   # n² would overflow 64 bits: the same order, as Python tuples
        return [(-q, a, b) for q, a, b in sorted(set(zip((-agreement).tolist(), ia[inside].tolist(), ib[inside].tolist())))]
    keys = np.unique(-agreement * (n * n) + ia[inside].astype(np.int64) * n + ib[inside])
    q, rest = np.divmod(keys, n * n)
    a, b = np.divmod(rest, n)
    return list(zip((-q).tolist(), a.tolist(), b.tolist()))
