"""Benchmark: resolving 100,000 events into incidents (issue #8), beside the extraction of the same corpus.

The events are the real extracted rows of the evaluation sets (every folder under tests/ with a catalog),
copied over many synthetic articles: each copy keeps its category, sides, weapon, counts and wording, and
gets a date within three years, a place from the sets' own places and an outlet of twenty. About one
copy in four re-reports an earlier copy's happening from another outlet (same date, place and sides), so
the resolver has real merging to do. It times, on one core and in this process:

* the floor: grouping the same events by (category, actor1, date, location) with pandas — what a naive
  "same day, same place" deduplication costs;
* ``incidents.resolve`` (blocking, pair checks, clustering) and ``incident_table.build`` (the table);

and prints the extraction time the same corpus would take, from the measured extraction rate of the
evaluation sets (events per second), so the two can be read side by side. Target: resolution ≤ 10 s.

    python benchmarks/incidents.py              # 100,000 events
    python benchmarks/incidents.py --n 20000
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import incident_table, incidents  # noqa: E402
from analysis.corpus import extract  # noqa: E402


def source_events() -> tuple[pd.DataFrame, float]:
    """Every evaluation set's extracted events, and the extraction rate in events per second."""
    folders = sorted(p.parent for p in (ROOT / "tests").rglob("catalog.csv") if "test" != p.parent.name)
    frames, seconds = [], 0.0
    for folder in folders:
        start = time.perf_counter()
        corpus = extract(folder)
        seconds += time.perf_counter() - start
        frames.append(corpus.events)
    events = pd.concat(frames, ignore_index=True)
    return events, len(events) / seconds


def synthetic(events: pd.DataFrame, n: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` events over about n / 5 articles, a quarter of them re-reports of an earlier happening."""
    rng = random.Random(seed)
    places = events.dropna(subset=["location"])[["location", "admin1", "country", "geo_precision", "city"]].drop_duplicates()
    places = places.to_dict("records")
    base = pd.Timestamp("2022-02-24")
    rows, picks = [], events.sample(n=n, replace=True, random_state=seed).to_dict("records")
    for k, row in enumerate(picks):
        if k and rng.random() < 0.25:
            earlier = rows[rng.randrange(len(rows))]
            row = {**row, **{c: earlier[c] for c in ("category", "actor1", "actor2", "event_date", "location",
                                                      "admin1", "country", "geo_precision", "city", "weapon")}}
        else:
            row = {**row, "event_date": base + pd.Timedelta(days=rng.randrange(1100)), **rng.choice(places)}
        row["article_id"] = f"a{k // 5:06d}"
        row["event_id"] = f"{row['article_id']}-{k:08x}"
        rows.append(row)
    df = pd.DataFrame(rows)
    arts = pd.DataFrame({"article_id": sorted(df["article_id"].unique())})
    arts["published"] = base + pd.to_timedelta(arts.index % 1100, unit="D")
    arts["outlet"] = [f"Outlet {i % 20}" for i in range(len(arts))]
    return df, arts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="events to resolve (default 100,000)")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})   # one core, as the issue asks
    source, rate = source_events()
    events, articles = synthetic(source, args.n)
    events["claimed_by"] = "reporting"
    print(f"{len(events):,} events in {len(articles):,} articles ({len(source):,} distinct source rows)")

    start = time.perf_counter()
    naive = events.groupby(["category", "actor1", "event_date", "location"], dropna=False).ngroups
    floor = time.perf_counter() - start

    start = time.perf_counter()
    events["incident_id"] = incidents.resolve(events, articles)
    resolve_s = time.perf_counter() - start
    start = time.perf_counter()
    table = incident_table.build(events, articles)
    table_s = time.perf_counter() - start

    print(f"{'naive groupby (floor)':32} {floor:7.2f} s   {naive:,} groups")
    print(f"{'incidents.resolve':32} {resolve_s:7.2f} s   {table.shape[0]:,} incidents")
    print(f"{'incident_table.build':32} {table_s:7.2f} s")
    print(f"{'resolution total (target <= 10)':32} {resolve_s + table_s:7.2f} s")
    print(f"{'extraction of the same corpus':32} {len(events) / rate:7.1f} s   (at {rate:,.0f} events/s measured "
          f"on the evaluation sets, one process)")
    return 0 if resolve_s + table_s <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
