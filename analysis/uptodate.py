"""Is an extract output already up to date with its seeds folder? Answered before anything heavy is imported.

Why: a scheduled ``newsframe extract SEEDS --out DIR`` mostly finds nothing to do, and the full run
(``analysis.store``) learns that only after importing pandas, pandera and every extractor module — most
of a second, more than the check itself. This module reads only ``DIR/store/manifest.json``, the
fingerprints (with pyarrow, not pandas), the catalog and the files' ``stat`` (``fingerprint.file_state``
hashes only files whose size or times moved), by the same rules as ``store._unchanged``:

* the store is of this layout and extractor version, and the flat tables are all there;
* the seeds folder holds exactly the files the store holds, each with the fingerprint the store keeps
  (bytes, catalog row, extractor version).

Anything else — a change, an unreadable store, a bad catalog row, an error of any kind — answers None,
and the full run decides (and reports) as before. The check takes no lock: the store is swapped in whole,
and a store whose fingerprints all match the seeds is up to date whichever run wrote it.
"""
from __future__ import annotations

import json
from pathlib import Path

LAYOUT = 3   # ``store.LAYOUT``: the store's layout version (kept here so that this module stays light); 3: base (month files) and deltas


def unchanged(seeds: str | Path, out: str | Path) -> int | None:
    """The number of article files when ``out`` is up to date with ``seeds``, else None."""
    try:
        return _check(Path(seeds), Path(out))
    except Exception:   # whatever it is, the full run meets it again and says what it is
        return None


def _check(seeds: Path, out: Path) -> int | None:
    from analysis.fingerprint import combine, extractor_version, file_state
    from analysis.reader import find_article_files, read_catalog

    store = out / "store"
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    version = extractor_version()
    tables = manifest.get("tables") or {}
    if manifest.get("layout") != LAYOUT or manifest.get("extractor") != version or not tables:
        return None
    if not all((out / f"{name}.parquet").is_file() and (out / f"{name}.csv").is_file() for name in tables):
        return None
    stored = _stored(store / "fingerprints.parquet")
    files = find_article_files(seeds)
    if stored is None or not files or {p.name for p in files} != stored.keys():
        return None
    # bytes first (a file whose size and times stand is not read): a run with work to do usually leaves
    # here, before reading the catalog that the full run reads again
    for p in files:
        now = file_state(p, stored[p.name][1])
        if now is None or now[-1] != stored[p.name][1][-1]:
            return None
    catalog = read_catalog(seeds)   # a bad row raises: the full run reports it
    if not all(combine(state[-1], catalog.get(name), version) == fingerprint
               for name, (fingerprint, state) in stored.items()):
        return None
    return len(files)


def _stored(path: Path) -> dict[str, tuple[str, tuple]] | None:
    """file → (fingerprint, file state) as the last run recorded them; None without the states."""
    import pyarrow.parquet as pq

    columns = ["file", "fingerprint", "size", "mtime_ns", "ctime_ns", "content"]
    parquet = pq.ParquetFile(path)   # not ``pq.read_table``: its dataset layer imports pandas
    if not set(columns) <= set(parquet.schema_arrow.names):
        return None
    data = parquet.read(columns=columns).to_pydict()
    rows = zip(*(data[c] for c in columns))
    return {r[0]: (r[1], tuple(r[2:])) for r in rows if None not in r}
