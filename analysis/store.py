"""The incremental store: ``newsframe extract SEEDS --out DIR`` redoes only what changed.

Layout of ``DIR`` (docs/contract.md §2)::

    DIR/<table>.csv, DIR/<table>.parquet          the flat tables, as before (analysts, the report)
    DIR/store/manifest.json                       layout, extractor version, counts, what the last run did
    DIR/store/fingerprints.parquet                per article: file, article_id, month, fingerprint, and the file state (size, times, hash of the bytes)
    DIR/store/pairs.parquet                       the incident resolver's candidate pairs (block, agreement, a, b)
    DIR/store/<table>/month=YYYY-MM.parquet          each table's base, one file per publication month
    DIR/store/<table>/delta-NNNNNN[-removed].parquet  what each re-run since the base added and removed

Every row of an article lies in its article's publication month; an incident lies in the month it was
first reported. A run

1. fingerprints every article (``analysis.fingerprint``: bytes, catalog row, extractor version; a file whose
   size and times are as the last run recorded is not read again);
2. extracts only the articles whose fingerprint is new or changed (``analysis.engines``);
3. drops the rows of changed articles and of articles gone from the seeds folder (or now unreadable);
4. re-resolves incidents only in the pair-graph components the changed events touch
   (``analysis.incident_update``);
5. appends one delta per table to the store (``analysis.layers``: the rows it added, the keys of the rows
   it removed), hard-links every other store file from the last run, and writes the flat tables whole — all
   into one work folder swapped in atomically (``analysis.publish``): a killed run leaves the previous store
   whole. A first run, or a compaction (``MAX_DELTAS`` deltas, or deltas holding ``MAX_SHARE`` of the
   rows), writes a new base of month files instead. With nothing changed it publishes nothing and says so.

The tables equal a full extraction's (``analysis.load``): rows in file-name order, same ids.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import engines, layers, uptodate
from analysis.errors import InputError, NewsframeError
from analysis.fingerprint import combine, extractor_version, file_state
from analysis.publish import publishing
from analysis.schemas import EXTRACTED, SCHEMAS, TABLES
from analysis.tables import among, frame, is_tables_output, texts, write_flat

log = logging.getLogger("newsframe")

STORE = "store"
LAYOUT = uptodate.LAYOUT
MAX_DELTAS = 8        # a re-run after this many deltas writes a new base (compaction) ...
MAX_SHARE = 0.1       # ... and so does one after deltas holding this share of the tables' rows
PLACEHOLDER = "inc-000000000000"   # an event's incident id until incidents are resolved
FINGERPRINT_COLUMNS = ["file", "article_id", "month", "fingerprint"]
# what ``fingerprint.file_state`` found, kept so that the next run hashes only the files whose size or times moved
STATE_COLUMNS = ["size", "mtime_ns", "ctime_ns", "content"]


@dataclass
class Stats:
    """What one run did: the counts ``manifest.json`` keeps and the command prints."""

    articles: int = 0            # articles in the store after the run
    total: int = 0               # article files in the seeds folder
    reextracted: int = 0         # articles (re-)extracted by this run
    removed: int = 0             # articles whose rows were dropped (gone, or now failing)
    resolved_events: int = 0     # events whose incident was re-resolved
    events: int = 0
    unchanged: bool = False      # nothing to do: nothing was published


@dataclass
class Outcome:
    tables: dict[str, pd.DataFrame] | None
    stats: Stats
    errors: list = field(default_factory=list)


class Previous:
    """The last run's store, read under the lock: its fingerprints at once, its tables and pairs only
    when something changed (a run with nothing to do never reads them)."""

    def __init__(self, store: Path, fingerprints: pd.DataFrame, manifest: dict | None = None):
        self.store, self.fingerprints, self.manifest = store, fingerprints, manifest or {}
        self._tables: dict[str, pd.DataFrame] | None = None

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        if self._tables is None:
            self._tables = {name: self._read(name) for name in TABLES}
        return self._tables

    def _read(self, name: str) -> pd.DataFrame:
        """One table of the last run: its flat Parquet file beside the store (written with it, one file
        read in a third of the time of the store's files) when it holds the count the manifest keeps;
        else the store's base and deltas. Either way the store's files must hold the rows the manifest
        counts (their footers only): they are hard-linked by this run, so a damaged or missing one must
        send the run back to extracting afresh. The rows' order differs (file order, not month order):
        combining orders them by article anyway, and resolving keys them by id."""
        import pyarrow.parquet as pq

        if layers.stored_rows(self.store, name) != self.manifest.get("stored", {}).get(name):
            raise ValueError(f"the store's {name} files do not hold the rows its manifest counts")
        flat = self.store.parent / f"{name}.parquet"
        count = self.manifest.get("tables", {}).get(name)
        try:
            if isinstance(count, int) and pq.ParquetFile(flat).metadata.num_rows == count:
                return pq.read_table(flat).combine_chunks().to_pandas()
        except (OSError, ValueError):   # missing or unreadable (pyarrow's errors are both): the store's files
            pass
        return read_table(self.store, name)

    @functools.cached_property
    def pairs(self) -> pd.DataFrame:
        return pd.read_parquet(self.store / "pairs.parquet")

    @functools.cached_property
    def owner_codes(self) -> dict[str, tuple[np.ndarray, list]]:
        """Per article table, each row's article as a code into a list of article ids (``-1``: a row
        of no known article). Why: ranking and masking hundreds of thousands of rows then takes one
        Python step per article, not per row."""
        return {name: _codes(owners(self.tables, name)) for name in EXTRACTED}

    @functools.cached_property
    def incident_of(self) -> dict[str, str]:
        """Each stored event's incident id."""
        events = self.tables["events"]
        return dict(zip(texts(events["event_id"]), texts(events["incident_id"])))

    def mask(self, name: str, articles: set[str]) -> np.ndarray:
        """Which rows of a stored table belong to one of ``articles``."""
        codes, uniques = self.owner_codes[name]
        return np.array([a in articles for a in uniques] + [False], dtype=bool)[codes]

    def prepare(self) -> None:
        """What combining and resolving will ask of the last run's tables, worked out now: called while
        the workers extract, when this process would otherwise wait for them. The incidents' weapon
        classes too (``incidents.weapon_class`` loads the weapons lexicon on its first call)."""
        from analysis.incidents import weapon_class

        self.owner_codes, self.incident_of
        for weapon in set(texts(self.tables["events"]["weapon"])) if "weapon" in self.tables["events"] else ():
            weapon_class(weapon)


def _codes(values: list) -> tuple[np.ndarray, list]:
    """``values`` factorized: each one's code into the distinct values (None is ``-1``)."""
    codes, uniques = pd.factorize(np.array(values, dtype=object))
    return codes, list(uniques)


def _ranks(codes: tuple[np.ndarray, list], rank: dict[str, int], dropped: set[str]) -> np.ndarray:
    """The sort key of each row from its article's code: -1 for a dropped article's row, the article's
    rank, inf for a row of no known article (last, as ``_order`` puts it)."""
    codes_, uniques = codes
    per = [-1 if a in dropped else rank.get(a, np.inf) for a in uniques]
    return np.array(per + [np.inf], dtype="float64")[codes_]


class _Clock:
    """Logs how long each step of a run took (``newsframe -v extract``): wall time, and this process's
    CPU time (all its threads), which tells this process's own work from waiting on workers or on a
    busy machine."""

    def __init__(self) -> None:
        self.last, self.cpu = time.perf_counter(), time.process_time()

    def __call__(self, step: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        log.info("store: %s: %.2f s (%.2f s CPU)", step, now - self.last, cpu - self.cpu)
        self.last, self.cpu = now, cpu


class _Stop(Exception):
    """Leave the publishing block without publishing (nothing changed, or nothing readable)."""


def month_of(dates: pd.Series) -> pd.Series:
    """``YYYY-MM`` of each date; ``unknown`` where there is none."""
    return pd.to_datetime(dates).dt.strftime("%Y-%m").fillna("unknown").astype(str)


def read_table(store: Path, name: str) -> pd.DataFrame:
    """One table from its base and deltas, read as Arrow (one conversion to pandas, not hundreds)."""
    table = layers.read(store, name)
    if table is None:
        return frame(name, [])
    # one chunk per column: a ``take`` over the month files' chunks (combining, writing) is slow
    return table.combine_chunks().to_pandas()


def read_previous(out: Path) -> Previous | None:
    """The store in ``out`` when it is there, of this layout and extractor version; None otherwise (a
    first run, a rule change, or a damaged store: everything is extracted afresh)."""
    store = Path(out) / STORE
    try:
        manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("layout") != LAYOUT:
            log.info("store in %s is of another layout (%s, now %s): it is rebuilt, every article re-extracted",
                     out, manifest.get("layout"), LAYOUT)
            return None
        if manifest.get("extractor") != extractor_version():
            log.info("store in %s is of another extractor version: every article is re-extracted", out)
            return None
        return Previous(store, pd.read_parquet(store / "fingerprints.parquet"), manifest)
    except FileNotFoundError:
        return None
    except Exception as error:   # a damaged store is rebuilt, never trusted
        log.warning("store in %s unreadable (%s): every article is re-extracted", out, error)
        return None


@dataclass
class Plan:
    """Which articles to extract, keep and drop."""

    fingerprints: dict[str, str | None]       # file name → fingerprint, of every readable-looking article
    states: dict[str, tuple]                  # file name → ``fingerprint.file_state``, where there is one
    todo: list[tuple[Path, dict | None]]      # (path, catalog row) to extract
    kept: set[str]                            # file names whose stored rows stay
    total: int                                # article files in the seeds folder
    jobs: list[tuple[Path, dict | None]]      # every article's (path, catalog row)

    def everything(self) -> None:
        """Extract every article (the stored rows cannot be used)."""
        self.todo, self.kept = list(self.jobs), set()


def plan(folder: Path, previous: Previous | None, keep_going: bool, report: Callable) -> Plan:
    """Fingerprint every article of ``folder`` and compare with the last run. A bad catalog row is
    reported and its article left out under ``keep_going`` (as a full extraction does)."""
    from analysis.reader import find_article_files, iter_articles, read_catalog

    bad: set[str] = set()

    def row_error(name: str | None, error: InputError) -> None:
        bad.add(name or "")
        report(error)

    catalog = read_catalog(folder, row_error if keep_going else None)
    files = find_article_files(folder)
    if not files:
        next(iter_articles(folder))   # the reader's own "no articles" error
    files = [p for p in files if p.name not in bad]
    version = extractor_version()
    known = known_states(previous.fingerprints) if previous else {}
    states = {p.name: file_state(p, known.get(p.name)) for p in files}
    prints = {name: None if st is None else combine(st[-1], catalog.get(name), version) for name, st in states.items()}
    stored = dict(zip(previous.fingerprints["file"], previous.fingerprints["fingerprint"])) if previous else {}
    kept = {name for name, fp in prints.items() if fp is not None and stored.get(name) == fp}
    jobs = [(p, catalog.get(p.name)) for p in files]
    return Plan(prints, {k: v for k, v in states.items() if v is not None}, [job for job in jobs if job[0].name not in kept],
                kept, len(files) + len(bad - {""}), jobs)


def known_states(fingerprints: pd.DataFrame) -> dict[str, tuple]:
    """``fingerprint.file_state`` of each file as the last run recorded it (none from a store written
    before the states were kept: every file is then hashed once)."""
    if not set(STATE_COLUMNS) <= set(fingerprints.columns):
        return {}
    columns = [texts(fingerprints[c]) for c in ["file", *STATE_COLUMNS]]
    return {row[0]: tuple(row[1:]) for row in zip(*columns) if None not in row}


def extract_rows(todo: list, keep_going: bool, report: Callable, workers: int, engine: str,
                 scheduler: str | None, progress: bool,
                 before_fork: Callable | None = None) -> tuple[dict[str, list], list]:
    """Rows of the articles to extract, streamed from the engine, with a progress bar."""
    from analysis.corpus import _collect

    bar = None
    if progress and todo:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="article", desc="extract", disable=None)
    try:
        return _collect(engines.run(todo, engine, workers, scheduler, before_fork), keep_going, report, bar)
    finally:
        if bar is not None:
            bar.close()


def owners(tables: dict[str, pd.DataFrame], name: str) -> list:
    """The article of each row of a table (mentions name their event, whose article it is)."""
    df = tables[name]
    if "article_id" in df.columns:
        return texts(df["article_id"])
    events = tables["events"]
    of = dict(zip(texts(events["event_id"]), texts(events["article_id"])))
    return [of.get(e) for e in texts(df["event_id"])]


def _order(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], dict[str, np.ndarray]]:
    """Rows in file-name order of their article (a full extraction's order), each article's rows kept
    in their own order; and each row's article position (``_months``)."""
    articles = tables["articles"].sort_values("file", kind="stable").reset_index(drop=True)
    rank = dict(zip(texts(articles["article_id"]), range(len(articles))))
    out, positions = {"articles": articles}, {"articles": np.arange(len(articles), dtype="float64")}
    for name in EXTRACTED[1:]:
        key = np.array([rank.get(a, np.nan) for a in owners(tables, name)], dtype="float64")
        order = key.argsort(kind="stable")
        out[name], positions[name] = tables[name].iloc[order].reset_index(drop=True), key[order]
    return out, positions


def _combine(previous: Previous | None, rows: dict[str, list],
             drop: set[str]) -> tuple[dict[str, pd.DataFrame], dict[str, np.ndarray]]:
    """The stored rows of the articles kept, plus the new rows (typed and validated), in order; and
    each row's article position (``_months``)."""
    from analysis.corpus import add_claims

    add_claims(rows)
    for r in rows["events"]:
        r["incident_id"] = PLACEHOLDER
    fresh = {name: frame(name, rows[name]) for name in EXTRACTED}
    if previous is None:
        return _order(fresh)
    old = previous.tables
    mine = previous.mask("articles", drop)
    parts = [df for df in (old["articles"][~mine], fresh["articles"]) if len(df)]
    articles = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts or [fresh["articles"]])[0]
    out = {"articles": articles.sort_values("file", kind="stable").reset_index(drop=True)}
    positions = {"articles": np.arange(len(articles), dtype="float64")}
    rank = dict(zip(texts(out["articles"]["article_id"]), range(len(articles))))
    for name in EXTRACTED[1:]:
        new_codes = _codes(owners(fresh, name))
        out[name], positions[name] = _merged(old[name], _ranks(previous.owner_codes[name], rank, drop),
                                             fresh[name], _ranks(new_codes, rank, set()))
    return out, positions


def _merged(old: pd.DataFrame, old_rank: np.ndarray, new: pd.DataFrame,
            new_rank: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The old rows not ranked -1, then the new rows, in stable rank order: one ``take`` of the whole
    table (masking the old rows, then sorting, took two; each is a copy of every column); and the
    rank of each row taken."""
    kept = bool((old_rank >= 0).any())
    if kept and len(new):
        both, key = pd.concat([old, new], ignore_index=True), np.concatenate([old_rank, new_rank])
    else:
        both, key = (old, old_rank) if kept else (new, new_rank)
    index = np.flatnonzero(key >= 0)
    order = index[np.argsort(key[index], kind="stable")]
    return both.iloc[order].reset_index(drop=True), key[order]


def _resolve(previous: Previous | None, tables: dict[str, pd.DataFrame], drop: set[str], added: set[str]):
    """Incident ids of every event, re-resolved where the changes reach (``incident_update``), the
    incidents table, the pairs for the next run, and how many events were re-resolved. Should the old
    incidents not split cleanly along the re-resolved events, every incident is resolved afresh."""
    from analysis import incidents as inc
    from analysis.incident_update import PAIR_COLUMNS, update

    events, articles = tables["events"], tables["articles"]
    no_pairs = pd.DataFrame({c: pd.Series(dtype="int32" if c == "agreement" else "string") for c in PAIR_COLUMNS})
    if events.empty:
        return events, frame("incidents", []), no_pairs, 0, set()
    removed, old_ids, pairs = [], {}, no_pairs
    if previous is not None:
        old = previous.tables["events"]
        gone = old[previous.mask("events", drop)]
        removed = inc.records(gone, previous.tables["articles"], words=False) if len(gone) else []
        old_ids, pairs = previous.incident_of, previous.pairs
    res = update(events, articles, added, removed, pairs, old_ids)
    retired = {old_ids[e] for e in res.resolved if e in old_ids} | {old_ids[r.event_id] for r in removed}
    outside = ~among(events["event_id"], res.resolved)
    if among(events.loc[outside, "incident_id"], retired).any() or (events.loc[outside, "incident_id"] == PLACEHOLDER).any():
        log.warning("incidents do not split along the changed events: resolving every incident afresh")
        res, retired = update(events, articles, set(events["event_id"]), [], no_pairs, {}), set(old_ids.values())
    events = events.copy()
    events["incident_id"] = pd.array([res.ids.get(e, i) for e, i in zip(texts(events["event_id"]), texts(events["incident_id"]))],
                                     dtype="string")
    retired -= _unchanged_incidents(res.ids, old_ids, retired, added)
    return events, _incident_table(previous, events, articles, res.resolved, retired), res.pairs, len(res.resolved), retired


def _unchanged_incidents(ids: dict[str, str], old_ids: dict[str, str], retired: set[str], added: set[str]) -> set[str]:
    """The retired incidents that re-resolving gave back as they were: the same id, the same events, none
    of them re-extracted. An incident's row depends on its events' rows and their articles' only
    (``incident_table.build``), so the last run's row stands: it is not built again, and its month file
    is not rewritten for it. Why: a 1 % edit of 10,000 articles re-resolves thousands of events in the
    components it touches, and gets back all but a few hundred of their incidents as they were."""
    before: dict[str, set[str]] = {i: set() for i in retired}
    for event, incident in old_ids.items():
        if incident in before:
            before[incident].add(event)
    after: dict[str, set[str]] = {}
    for event, incident in ids.items():
        if incident in before:
            after.setdefault(incident, set()).add(event)
    return {i for i, members in after.items() if members == before[i] and not members & added}


def _incident_table(previous: Previous | None, events: pd.DataFrame, articles: pd.DataFrame,
                    resolved: set[str], retired: set[str]) -> pd.DataFrame:
    """The incidents kept from the last run (those not ``retired``), plus those of the other re-resolved
    events built afresh."""
    from analysis import incident_table

    old = previous.tables["incidents"] if previous is not None else None
    kept = set() if old is None else set(texts(old["incident_id"])) - retired
    mine = events[among(events["event_id"], resolved) & ~among(events["incident_id"], kept)]
    built = frame("incidents", incident_table.build(mine, articles) if len(mine) else [])
    old = built.iloc[:0] if old is None else old
    parts = [df for df in (old[~among(old["incident_id"], retired)], built) if len(df)]
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts or [built])[0]
    return table.sort_values(["event_date", "incident_id"], na_position="last", kind="stable").reset_index(drop=True)


def _months(tables: dict[str, pd.DataFrame], positions: dict[str, np.ndarray]) -> dict[str, pd.Series]:
    """The partition of every row of the article tables (``EXTRACTED``): its article's publication
    month, taken by the row's article position (``_combine``); ``unknown`` for a row of no article."""
    by_position = np.array(month_of(tables["articles"]["published"]).tolist() + ["unknown"], dtype=object)
    out = {}
    for name in EXTRACTED:
        key = positions[name]
        at = np.where(np.isfinite(key), np.nan_to_num(key, posinf=-1, nan=-1), -1).astype(np.int64)
        out[name] = pd.Series(by_position[at], index=tables[name].index, dtype=object)
    return out


def _article_changes(previous: Previous, tables: dict, drop: set[str], fresh: set[str],
                     new_events: set[str], names: tuple[str, ...]) -> dict[str, tuple[pd.DataFrame, set]]:
    """Per article table, this run's delta: the rows of the articles extracted now, and the keys
    (``layers.KEYS``) of the rows of the articles dropped (changed, gone or now failing). Mentions go
    by their event: those of the dropped articles' events."""
    out = {}
    for name in names:
        df = tables[name]
        if layers.KEYS[name] == "article_id":
            out[name] = (df[among(df["article_id"], fresh)], drop)
        else:
            gone = previous.tables[name]["event_id"][previous.mask(name, drop)]
            out[name] = (df[among(df["event_id"], new_events)], set(texts(gone)) - {None})
    return out


def _resolved_changes(previous: Previous, tables: dict, drop: set[str], new_events: set[str],
                      retired: set[str]) -> dict[str, tuple[pd.DataFrame, set]]:
    """This run's delta of events and incidents. Events: the rows of the articles extracted now and of
    the kept events whose incident id changed; removed, the dropped articles' events and those
    relabelled. Incidents: the retired ones, but for those built again equal in every column (most of
    a re-resolved component's incidents come out as they were), removed; the new rows added."""
    events, before = tables["events"], previous.incident_of
    now = zip(texts(events["event_id"]), texts(events["incident_id"]))
    relabelled = {e for e, i in now if e in before and before[e] != i and e not in new_events}
    gone = set(texts(previous.tables["events"]["event_id"][previous.mask("events", drop)]))
    old_inc, new_inc = previous.tables["incidents"], tables["incidents"]
    kept = set(texts(old_inc["incident_id"])) - retired
    old_rows, new_rows = old_inc[among(old_inc["incident_id"], retired)], new_inc[~among(new_inc["incident_id"], kept)]
    same = _same_rows(old_rows, new_rows, "incident_id")
    return {"events": (events[among(events["event_id"], new_events | relabelled)], gone | relabelled),
            "incidents": (new_rows[~among(new_rows["incident_id"], same)], retired - same)}


def _same_rows(old: pd.DataFrame, new: pd.DataFrame, key: str) -> set[str]:
    """The keys whose row is in both frames and equal in every column (missing equal to missing). Why:
    an incident built again because one of its events was re-extracted mostly comes out as it was, and
    need not be removed and added again by the delta."""
    both = sorted(set(texts(old[key])) & set(texts(new[key])))
    if not both:
        return set()
    columns = list(new.columns.drop(key))
    a, b = old.set_index(key).loc[both, columns], new.set_index(key).loc[both, columns]
    equal = (a == b).fillna(False).to_numpy(dtype=bool) | (a.isna().to_numpy() & b.isna().to_numpy())
    return {k for k, row in zip(both, equal.all(axis=1)) if row}


def _next_delta(previous: Previous | None) -> int | None:
    """The number of this run's delta; None to write a new base instead: a first run, or a compaction
    once the store holds ``MAX_DELTAS`` deltas or their rows reach ``MAX_SHARE`` of the tables' (every
    reader applies the deltas, so they must stay few and small)."""
    if previous is None:
        return None
    manifest = previous.manifest
    number, rows = manifest.get("delta", 0), manifest.get("delta_rows", 0)
    total = sum(manifest.get("tables", {}).values())
    if number >= MAX_DELTAS or rows >= MAX_SHARE * total:
        log.info("store: %d deltas holding %d rows: compacted into a new base", number, rows)
        return None
    return number + 1


def _write(work: Path, tables: dict, months: dict, names: tuple[str, ...], previous: Previous | None,
           delta: int | None, changes: Callable[[], dict]) -> dict[str, int]:
    """The flat files (on a thread of their own, meanwhile) and the store of the tables ``names``: this
    run's delta (``changes()``) beside the last run's files hard-linked, or a new base when ``delta`` is
    None. Returns the rows each table's new store files hold."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        flat = pool.submit(write_flat, tables, work, names)
        if delta is None:
            written = write_store(work / STORE, tables, months, names)
        else:
            written = write_delta(work / STORE, previous.store, tables, delta, changes())
        flat.result()
    return written


def write_store(store: Path, tables: dict, months: dict, names: tuple[str, ...] = TABLES) -> dict[str, int]:
    """Every table of ``names`` as a base of one Parquet file per month under ``store``. Each table goes
    to Arrow once and each month is a ``take`` of it (no pandas copy per month)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name in names:
        # one chunk per column: a month's ``take`` from the hundreds of chunks the last run's files give is slow
        arrow = pa.Table.from_pandas(tables[name], preserve_index=False).combine_chunks()
        (store / name).mkdir(parents=True, exist_ok=True)
        for month, index in tables[name].groupby(months[name].to_numpy(), sort=True).indices.items():
            pq.write_table(arrow.take(pa.array(index)), store / name / f"month={month}.parquet")
    return {name: len(tables[name]) for name in names}


def write_delta(store: Path, previous: Path, tables: dict, number: int,
                changes: dict[str, tuple[pd.DataFrame, set]]) -> dict[str, int]:
    """Delta ``number`` of each table in ``changes``, beside the last run's files of it hard-linked."""
    import pyarrow as pa

    written = {}
    for name, (added, removed) in changes.items():
        layers.link(previous, store, name)
        schema = pa.Schema.from_pandas(tables[name].iloc[:0], preserve_index=False)
        written[name] = layers.write_delta(store, name, number, added, removed, schema)
    return written


def write_manifest(store: Path, stats: Stats, tables: dict, plan_: Plan, pairs: pd.DataFrame, months: dict,
                   previous: Previous | None, delta: int | None, written: dict[str, int]) -> None:
    """Fingerprints, pairs and ``manifest.json`` (what the next run compares with, and what this one
    did): with the rows each table's store files hold (``stored``, checked by the next run) and the
    deltas since the base (``delta``, ``delta_rows``: when to compact)."""
    arts = tables["articles"]
    files = texts(arts["file"])
    states = [plan_.states.get(f) or (None,) * len(STATE_COLUMNS) for f in files]
    columns = {"file": arts["file"].astype(str), "article_id": arts["article_id"].astype(str),
               "month": months["articles"].astype(str), "fingerprint": [plan_.fingerprints.get(f) for f in files]}
    columns |= {c: pd.array([s[k] for s in states], dtype="Int64" if c != "content" else "string")
                for k, c in enumerate(STATE_COLUMNS)}
    pd.DataFrame(columns, columns=FINGERPRINT_COLUMNS + STATE_COLUMNS).to_parquet(store / "fingerprints.parquet", index=False)
    pairs.to_parquet(store / "pairs.parquet", index=False)
    before = previous.manifest if delta is not None else {}
    stored = {name: before.get("stored", {}).get(name, 0) + written[name] for name in TABLES}
    manifest = {"layout": LAYOUT, "extractor": extractor_version(), "partitioning": "publication month (YYYY-MM)",
                "tables": {name: len(tables[name]) for name in TABLES}, "stored": stored, "delta": delta or 0,
                "delta_rows": before.get("delta_rows", 0) + sum(written.values()) if delta else 0,
                "last_run": stats.__dict__}
    (store / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str) + "\n", encoding="utf-8")


def _loaded(previous: Previous | None, out: Path) -> Previous | None:
    """The last run's tables read now (something changed); a damaged store is rebuilt, never trusted."""
    if previous is None:
        return None
    try:
        previous.tables, previous.pairs
        return previous
    except Exception as error:
        log.warning("store in %s unreadable (%s): every article is re-extracted", out, error)
        return None


def _unchanged(previous: Previous | None, plan_: Plan, out: Path) -> bool:
    """Nothing to extract, nothing gone, and the flat tables in place."""
    return (previous is not None and not plan_.todo and plan_.kept == set(previous.fingerprints["file"])
            and all((out / f"{name}.parquet").is_file() and (out / f"{name}.csv").is_file() for name in TABLES))


def _read_and_extract(previous: Previous | None, plan_: Plan, out: Path, options: dict, report: Callable):
    """The last run's tables read while the changed articles are extracted (``_early`` on a re-run,
    else on a thread beside the extraction: the read is Arrow's work and releases the GIL, and the
    first article's extraction loads the lexicons meanwhile; the read is joined before any worker
    process is forked). Should the store prove unreadable, the articles not yet extracted are
    extracted too (every article, as on a first run)."""
    def extract(todo: list, before_fork: Callable | None = None):
        return extract_rows(todo, options["keep_going"], report, options["workers"], options["engine"],
                            options["scheduler"], options["progress"], before_fork)

    if _early(previous, plan_, options):
        loaded, rows, errors = _read_beside_workers(previous, plan_, out, options, report)
    else:
        engines.dismiss(options.get("warm"))   # before any thread of ours, and before ``run`` forks
        with ThreadPoolExecutor(max_workers=1) as pool:
            reading = pool.submit(_loaded, previous, out)
            rows, errors = extract(plan_.todo, reading.result)
            loaded = reading.result()
    if loaded is None and previous is not None:
        done = {path for path, _ in plan_.todo}
        plan_.everything()
        more, more_errors = extract([job for job in plan_.todo if job[0] not in done])
        for name, extra in more.items():
            rows[name].extend(extra)
        errors += more_errors
    return loaded, rows, errors


def _early(previous: Previous | None, plan_: Plan, options: dict) -> bool:
    """Extract in worker processes forked before the store is read: a re-run, on local processes,
    with more than one worker allowed and something to extract."""
    return (previous is not None and bool(plan_.todo) and options["engine"] == "processes"
            and options["workers"] > 1)


def _read_beside_workers(previous: Previous, plan_: Plan, out: Path, options: dict, report: Callable):
    """The changed articles extracted by workers forked first (``engines.started``), the store read
    in this process meanwhile, then the rows collected."""
    from analysis.corpus import _collect

    bar = None
    if options["progress"]:
        from tqdm import tqdm

        bar = tqdm(total=len(plan_.todo), unit="article", desc="extract", disable=None)
    try:
        with engines.started(plan_.todo, options["workers"], warm=options["warm"]) as results:
            loaded = _loaded(previous, out)
            if loaded is not None:
                loaded.prepare()
            rows, errors = _collect(results, options["keep_going"], report, bar)
    finally:
        if bar is not None:
            bar.close()
    return loaded, rows, errors


def _run(folder: Path, out: Path, work: Path, options: dict, report: Callable) -> Outcome:
    """One run inside the lock: plan, extract, combine, resolve, write into ``work``."""
    clock = _Clock()
    previous = read_previous(out)
    plan_ = plan(folder, previous, options["keep_going"], report)
    if _unchanged(previous, plan_, out):
        # the count the manifest keeps: reading the tables to count them is most of a no-op run
        events = previous.manifest.get("tables", {}).get("events")
        stats = Stats(articles=len(plan_.kept), total=plan_.total,
                      events=events if isinstance(events, int) else len(previous.tables["events"]), unchanged=True)
        raise _Stop(Outcome(None, stats))
    clock("fingerprint the articles")
    previous, rows, errors = _read_and_extract(previous, plan_, out, options, report)
    stored = previous.fingerprints if previous is not None else pd.DataFrame(columns=FINGERPRINT_COLUMNS)
    drop = set(stored.loc[~stored["file"].isin(plan_.kept), "article_id"])
    if not rows["articles"] and not plan_.kept:
        raise _Stop(Outcome(None, Stats(), errors))
    clock(f"read the store and extract {len(plan_.todo)} articles")
    tables, positions = _combine(previous, rows, drop)
    clock("combine the tables")
    months = _months(tables, positions)
    tables, pairs, n_resolved, delta, written = _resolve_and_write(previous, tables, months, rows, drop, work, clock)
    stats = Stats(articles=len(tables["articles"]), total=plan_.total, reextracted=len(plan_.todo),
                  removed=len(drop - {r["article_id"] for r in rows["articles"]}), resolved_events=n_resolved,
                  events=len(tables["events"]))
    write_manifest(work / STORE, stats, tables, plan_, pairs, months, previous, delta, written)
    what = "a new base" if delta is None else f"delta {delta}: {sum(written.values())} rows added or removed"
    clock(f"write the store ({what}) and the flat tables")
    return Outcome(tables, stats, errors)


def _resolve_and_write(previous: Previous | None, tables: dict, months: dict, rows: dict, drop: set[str],
                       work: Path, clock: _Clock):
    """Incidents resolved, and every table written into ``work``: the article tables are final before
    incidents are resolved, so they are written meanwhile, on a thread (Arrow's writers release the GIL,
    and the resolver leaves the second core idle); events and incidents after. Returns the tables, the
    pairs, the events re-resolved, this run's delta number (None: a new base) and the rows written."""
    (work / STORE).mkdir()
    delta = _next_delta(previous)
    fresh, added = {r["article_id"] for r in rows["articles"]}, {r["event_id"] for r in rows["events"]}
    early = tuple(name for name in EXTRACTED if name != "events")
    mine = {n: tables[n] for n in early}
    with ThreadPoolExecutor(max_workers=1) as pool:
        first = pool.submit(_write, work, mine, months, early, previous, delta,
                            lambda: _article_changes(previous, mine, drop, fresh, added, early))
        tables["events"], tables["incidents"], pairs, n_resolved, retired = _resolve(previous, tables, drop, added)
        clock("resolve incidents (the article tables written meanwhile)")
        months["incidents"] = month_of(tables["incidents"]["first_reported"])
        written = _write(work, tables, months, ("events", "incidents"), previous, delta,
                         lambda: _resolved_changes(previous, tables, drop, added, retired))
        written |= first.result()
    return tables, pairs, n_resolved, delta, written


def update(seeds: str | Path, out: str | Path, keep_going: bool = False, on_error: Callable | None = None,
           workers: int = 1, engine: str = "processes", scheduler: str | None = None,
           progress: bool = False, warm=None) -> Outcome:
    """Bring the store and flat tables in ``out`` up to date with the seeds folder, re-extracting only
    the articles that changed. ``Outcome.tables`` is None when nothing was published: nothing changed
    (``stats.unchanged``), or no article could be read (``errors`` says why). ``warm``: a pool of
    ``engines.warmed``, whose worker a re-run of a few edited articles uses (else it is dismissed)."""
    from analysis.corpus import _check_folder

    folder, out = Path(seeds), Path(out)
    _check_folder(folder)
    if engine not in engines.ENGINES:
        raise NewsframeError(f"--engine {engine}: choose one of {', '.join(engines.ENGINES)}")
    errors: list = []

    def report(error: InputError) -> None:
        errors.append(error)
        (on_error or (lambda e: None))(error)

    options = {"keep_going": keep_going, "workers": workers, "engine": engine, "scheduler": scheduler,
               "progress": progress, "warm": warm}
    try:
        with publishing(out, seeds=folder, owned=is_tables_output) as work:
            outcome = _run(folder, out, work, options, report)
    except _Stop as stop:
        stop.args[0].errors = errors
        return stop.args[0]
    outcome.errors = errors
    return outcome
