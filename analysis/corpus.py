"""``load(path) -> Corpus``: a seeds folder in, the contract's tables out as validated DataFrames.

Articles are read and extracted one at a time (streamed), optionally over several processes, and the
rows turned into DataFrames once at the end. Same input, same rows and ids: articles are processed in
file-name order and ids are hashes of their content position.

Example::

    >>> corpus = load("seeds")                                        # doctest: +SKIP
    >>> corpus.events[["event_date", "category", "actor1", "location"]]  # doctest: +SKIP
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import engines, procs
from analysis.errors import InputError
from analysis.reader import find_article_files, iter_articles, read_article, read_catalog
from analysis.schemas import EXTRACTED, TABLES
from analysis.tables import frame

log = logging.getLogger("newsframe")


@dataclass
class Corpus:
    """The contract's tables for one seeds folder (CONTRACT §2), each a pandas DataFrame."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    events: pd.DataFrame
    mentions: pd.DataFrame
    places: pd.DataFrame
    issues: pd.DataFrame
    incidents: pd.DataFrame
    errors: list = field(default_factory=list)   # InputErrors skipped with keep_going

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLES}

    def evidence(self, event_id: str) -> pd.DataFrame:
        """Every sentence supporting one event, with its role and offsets: how to check a number."""
        m = self.mentions[self.mentions["event_id"] == event_id]
        return m.merge(self.sentences[["sentence_id", "section", "text"]], on="sentence_id", how="left")

    def reports(self, incident_id: str) -> pd.DataFrame:
        """Every event that reports one incident, with its article's outlet, publication date and title:
        how to go from a happening to all its sources."""
        e = self.events[self.events["incident_id"] == incident_id]
        meta = self.articles[["article_id", "outlet", "published", "title"]]
        return e.merge(meta, on="article_id", how="left").sort_values(["published", "event_id"], kind="stable")

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        """DuckDB SQL over these tables (views ``events``, ``incidents``, …), as ``analysis.query`` runs
        it over a store: the same aggregation code works on a loaded corpus and on a 10,000-article store."""
        from analysis.sql import _connect

        con = _connect()
        try:
            for name in TABLES:
                con.register(name, getattr(self, name))
            return con.execute(sql, params or []).df()
        finally:
            con.close()

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(getattr(self, name))}" for name in TABLES)
        return f"Corpus({sizes})"


def extract_job(job: tuple[Path, dict | None]) -> dict[str, list] | InputError:
    """One article read and extracted (in whatever process or cluster worker runs it), as its rows per
    table (``{"articles": [row], "sentences": [...], ...}``); a bad article is returned as its
    InputError, so that the caller decides whether to stop or go on. The extractors are imported here,
    in the process that runs the job, and the rows go back as plain dicts, not ``pipeline.ArticleTables``
    (unpickling one imports its module): a re-run's parent process, which hands the jobs to workers,
    never loads the extractors (a second of imports, against the store it reads meanwhile)."""
    from analysis.pipeline import extract_article

    path, row = job
    try:
        tables = extract_article(read_article(path, row))
    except InputError as error:
        return error
    add_claims({"articles": [tables.article], "events": tables.events})   # per article: in the worker
    return _rows_of(tables)


def _rows_of(tables) -> dict[str, list]:
    """An article's ``pipeline.ArticleTables`` as its rows per table, what ``_collect`` gathers."""
    return {"articles": [tables.article], **{name: getattr(tables, name) for name in EXTRACTED[1:]}}


def _collect(results, keep_going: bool, on_error, progress) -> tuple[dict, list]:
    rows: dict[str, list] = {name: [] for name in EXTRACTED}
    errors: list = []
    for result in results:
        if isinstance(result, InputError):
            if not keep_going:
                raise result
            errors.append(result)
            (on_error or (lambda e: None))(result)
        else:
            for name in EXTRACTED:
                rows[name].extend(result[name])
        if progress is not None:
            progress.update(1)
    return rows, errors


def _check_folder(folder: Path) -> None:
    """A missing seeds folder, or a file given as one, is the reader's own InputError (exit 2), raised
    before anything lists the folder — whatever the number of workers."""
    if not folder.is_dir():
        next(iter_articles(folder))   # raises at its folder check, before reading anything


def _extract_parallel(folder: Path, keep_going: bool, on_error: Callable | None, workers: int, bar):
    """Rows and errors of every article, extracted over ``workers`` processes that die with this one
    and stop on SIGTERM / Ctrl-C."""
    seen_errors: list = []
    catalog = read_catalog(folder, (lambda name, e: seen_errors.append((name, e))) if keep_going else None)
    bad = {name for name, _ in seen_errors if name}
    jobs = [(p, catalog.get(p.name)) for p in find_article_files(folder) if p.name not in bad]
    if not jobs and not bad:
        list(iter_articles(folder))  # raises the folder's own error
    with procs.stop_on_signals(), ProcessPoolExecutor(max_workers=workers, initializer=procs.worker_init,
                                                      initargs=(os.getpid(),)) as pool:
        results = pool.map(extract_job, jobs, chunksize=engines.chunk_size(len(jobs), workers))
        rows, errors = _collect(results, keep_going, on_error, bar)
    for _, e in seen_errors:
        (on_error or (lambda e: None))(e)
    return rows, [e for _, e in seen_errors] + errors


def _extract_serial(folder: Path, keep_going: bool, on_error: Callable | None, bar):
    """Rows and errors of every article, in this process. An article that cannot be extracted (over its
    time budget) is skipped under ``keep_going`` like one that cannot be read."""
    skipped: list = []

    def report(error: InputError) -> None:
        skipped.append(error)
        (on_error or (lambda e: None))(error)

    from analysis.pipeline import extract_article

    def each():
        for article in iter_articles(folder, keep_going, report):
            try:
                yield _rows_of(extract_article(article))
            except InputError as error:
                yield error

    rows, errors = _collect(each(), keep_going, report, bar)
    return rows, skipped


def extract(path: str | Path, keep_going: bool = False, on_error: Callable | None = None,
            workers: int = 1, progress: bool = False) -> Corpus:
    """Read and extract every article of a seeds folder into a ``Corpus``.

    ``keep_going``: a bad article is reported through ``on_error`` and skipped instead of stopping.
    ``workers``: processes to use (articles are independent; capped at the cores); ``progress``: a tqdm
    bar on stderr.
    """
    folder = Path(path)
    _check_folder(folder)
    workers = procs.cap_workers(workers)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(find_article_files(folder)), unit="article", desc="extract", disable=None)
    try:
        if workers > 1:
            rows, errors = _extract_parallel(folder, keep_going, on_error, workers, bar)
        else:
            rows, errors = _extract_serial(folder, keep_going, on_error, bar)
    finally:
        if bar is not None:
            bar.close()
    tables = tables_of(rows)
    log.info("extracted %s", ", ".join(f"{len(tables[t])} {t[:-1] if len(tables[t]) == 1 else t}"
                                       for t in ("articles", "sentences", "events", "incidents", "places", "issues")))
    return Corpus(**tables, errors=errors)


def tables_of(rows: dict[str, list]) -> dict[str, pd.DataFrame]:
    """The contract's tables from every article's rows: who claims each event, then the incidents
    resolved across articles (``analysis.incidents``), then each table typed and validated."""
    from analysis import incident_table, incidents

    add_claims(rows)
    tables = {name: frame(name, rows[name]) for name in EXTRACTED if name != "events"}
    draft = pd.DataFrame.from_records(rows["events"], columns=list(rows["events"][0]) if rows["events"] else ["event_id"])
    ids = incidents.resolve(draft, tables["articles"]) if rows["events"] else []
    for r, incident_id in zip(rows["events"], ids):
        r["incident_id"] = incident_id
    tables["events"] = frame("events", rows["events"])
    built = incident_table.build(tables["events"], tables["articles"]) if ids else None
    tables["incidents"] = frame("incidents", built.to_dict("records") if built is not None else [])
    return {name: tables[name] for name in TABLES}


def add_claims(rows: dict[str, list]) -> None:
    """Who claims each event (``claimed_by``): it depends on the event and its own article only, so it
    is computed per article (by the worker that extracted it, see ``extract_job``), before incidents are
    resolved across articles."""
    todo = [r for r in rows["events"] if "claimed_by" not in r]   # ``extract_job`` sets it in the worker
    if not todo:
        return
    from analysis import claims
    from analysis.actors import perspective_of

    side = {a["article_id"]: perspective_of(a["timezone"]) for a in rows["articles"]}
    for r in todo:
        r["claimed_by"] = claims.claimed_by(r["sentence"], claims.claimant_side(r, side.get(r["article_id"])), r)


def load(path: str | Path = "seeds", keep_going: bool = False) -> Corpus:
    """The contract's tables for the seeds folder at ``path`` as validated DataFrames."""
    return extract(path, keep_going=keep_going, workers=1)


def default_workers() -> int:
    """One process per available core: the parent only collects rows, the workers do the extraction."""
    return procs.available_cores()
