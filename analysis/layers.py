"""The store's files per table: a base of month files, and the deltas that re-runs append to it.

Why: a re-run after editing 1 % of 10,000 articles touches most publication months, and rewrote every
touched month file of every table (hundreds of files, most of their rows unchanged). Now a re-run
writes one delta per table: the rows it added, and the keys of the rows it removed::

    DIR/store/<table>/month=YYYY-MM.parquet            the base: every row as of the last compaction
    DIR/store/<table>/delta-NNNNNN.parquet             rows added by re-run NNNNNN (any month)
    DIR/store/<table>/delta-NNNNNN-removed.parquet     column ``key``: the ``KEYS[table]`` values removed

A table is its base and its deltas in order: delta N's removals drop every row of the base and of the
deltas before N whose key they name, then its rows are added (a re-extracted article is removed and
added by the same delta). A first run, or a compaction (``store._next_delta``), writes a new base and no
delta. The month files lie beside the deltas, not in a folder per month: every run hard-links them into
its work folder and deletes the last run's output, and removing hundreds of folders took most of a
second (0.6-1.1 s for 469 on this machine, 0.02-0.04 s for the same files without them). Every file is written once and hard-linked by later runs, never changed in place.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

# the column a delta's removals name: an article's rows go by article, an event's by event (mentions
# name their event, not their article), an incident by its id
KEYS = {"articles": "article_id", "sentences": "article_id", "events": "event_id", "mentions": "event_id",
        "places": "article_id", "issues": "article_id", "incidents": "incident_id"}
_DELTA = re.compile(r"delta-(\d{6})(-removed)?\.parquet")


def month_files(store: Path, table: str) -> dict[str, Path]:
    """``{month: file}`` of one table's base."""
    return {p.stem.removeprefix("month="): p for p in sorted((store / table).glob("month=*.parquet"))}


def deltas(store: Path, table: str) -> list[tuple[int, Path | None, Path | None]]:
    """One table's deltas in order: (number, file of added rows or None, file of removed keys or None)."""
    found: dict[int, list] = {}
    folder = store / table
    for name in (os.listdir(folder) if folder.is_dir() else ()):
        m = _DELTA.fullmatch(name)
        if m:
            found.setdefault(int(m[1]), [None, None])[1 if m[2] else 0] = folder / name
    return [(n, *found[n]) for n in sorted(found)]


def files(store: Path, table: str) -> list[Path]:
    """Every file of one table (base and deltas)."""
    return [*month_files(store, table).values(), *(p for _, *both in deltas(store, table) for p in both if p)]


def stored_rows(store: Path, table: str) -> int:
    """Rows in the footers of every file of one table: what the manifest's ``stored`` keeps, so that a
    damaged or missing file (they are hard-linked run after run) is noticed without reading it."""
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in files(store, table))


def read(store: Path, table: str):
    """One table as an Arrow table (None when the store has no file of it): the base read as one
    dataset, each delta's removals applied to what came before it, its rows added."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    base = [str(p) for p in month_files(store, table).values()]
    pieces = [pq.ParquetDataset(base, partitioning=None).read()] if base else []
    for _, added, removed in deltas(store, table):
        if removed is not None:
            keys = pq.read_table(removed).column("key")
            pieces = [t.filter(pc.invert(pc.fill_null(
                pc.is_in(t[KEYS[table]], value_set=keys.cast(t.schema.field(KEYS[table]).type)), False)))
                for t in pieces]
        if added is not None:
            pieces.append(pq.read_table(added))
    if not pieces:
        return None
    return pa.concat_tables([t.replace_schema_metadata(pieces[0].schema.metadata) for t in pieces])


def sql(store: Path, table: str, quote) -> str | None:
    """One table as a DuckDB relation (``quote``: a text as an SQL literal), None when the store has
    no file of it: each layer's rows whose key no later delta removes, all layers joined."""
    def scan(paths: list[Path]) -> str:
        return f"read_parquet([{', '.join(quote(str(p)) for p in paths)}], hive_partitioning = false)"

    layers = [(0, list(month_files(store, table).values()))]
    gone: list[tuple[int, Path]] = []
    for n, added, removed in deltas(store, table):
        if removed is not None:
            gone.append((n, removed))
        if added is not None:
            layers.append((n, [added]))
    parts = []
    for n, paths in layers:
        if not paths:
            continue
        later = [p for m, p in gone if m > n]
        where = "" if not later else (f" WHERE coalesce({KEYS[table]} NOT IN (SELECT key FROM {scan(later)} "
                                      f"WHERE key IS NOT NULL), true)")
        parts.append(f"SELECT * FROM {scan(paths)}{where}")
    return f"({' UNION ALL '.join(parts)})" if parts else None


def link(previous: Path, store: Path, table: str) -> None:
    """Every file of one table of the last run's store hard-linked into ``store`` (copied where links
    cannot be made)."""
    import shutil

    (store / table).mkdir(parents=True, exist_ok=True)
    for source in files(previous, table):
        target = store / table / source.name
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def write_delta(store: Path, table: str, number: int, added: pd.DataFrame, removed: list, schema) -> int:
    """Delta ``number`` of one table: the rows added (typed by ``schema``, the whole table's Arrow
    schema, so that every layer reads as one) and the keys removed; files only for what is not
    empty. Returns the rows written (added and removed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = store / table
    folder.mkdir(parents=True, exist_ok=True)
    if len(added):
        pq.write_table(pa.Table.from_pandas(added, schema=schema, preserve_index=False),
                       folder / f"delta-{number:06d}.parquet")
    if removed:
        pq.write_table(pa.table({"key": pa.array(sorted(removed), type=pa.string())}),
                       folder / f"delta-{number:06d}-removed.parquet")
    return len(added) + len(removed)
