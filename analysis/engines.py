"""Where per-article extraction runs: this process, a pool of local processes, or a Dask cluster.

Articles are independent, so every engine maps one function (``corpus.extract_job``: read a file, extract
it) over ``(path, catalog row)`` jobs and yields the results in job order — the same rows whatever the
engine, so the tables are identical. Jobs are small (a path and a row): each worker reads its article
itself, so the parent never holds all the texts. A Dask cluster's workers must therefore see the seeds
folder at the same path (a shared file system), and have newsframe installed.

    >>> list(run([], engine="serial"))
    []
"""
from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

from analysis import procs
from analysis.errors import NewsframeError

log = logging.getLogger("newsframe")

ENGINES = ("processes", "dask")
DASK_BATCH = 256    # jobs in flight on a Dask cluster: bounds the results waiting in memory
# Fewer jobs than this per worker run in this process: each worker loads the lexicons and gazetteer
# first (seconds), which a re-run of a few edited articles would pay for nothing — and this process
# loads them anyway to resolve incidents and claims.
POOL_MIN_JOBS = 50
# Articles handed to a worker at a time: few enough that the workers finish together (with 625-article
# chunks, one worker went on alone for seconds at the end of a 10,000-article run), many enough that
# sending them costs nothing.
POOL_CHUNK = 16
# Jobs per worker that ``started`` forks: a worker pays a lexicon load (about a second, some eighty
# articles' extraction) before its first article, while the parent reads the store on the other core;
# 100 edited articles of 10,000 finished sooner on one worker than on two (2.8 s against 3.4 s).
EARLY_JOBS_PER_WORKER = 200


class EngineError(NewsframeError):
    """An engine that cannot run: the Dask extra missing, or a scheduler that does not answer."""


def run(jobs: list, engine: str = "processes", workers: int = 1, scheduler: str | None = None,
        before_fork: Callable[[], object] | None = None) -> Iterator:
    """``extract_job(job)`` for every job, in job order: its rows per table (a dict) or the ``InputError``.
    ``workers`` local processes, or this process alone for a handful of jobs (``POOL_MIN_JOBS``).
    ``before_fork()`` is called just before local worker processes are forked: a caller that works on
    a thread meanwhile joins it there (forking while another thread holds a lock is unsafe)."""
    if not jobs:
        return iter(())
    if engine == "dask":
        return _dask(jobs, scheduler, workers)
    if workers > 1 and len(jobs) >= POOL_MIN_JOBS * workers:
        return _pool(jobs, workers, before_fork)
    from analysis.corpus import extract_job

    return map(extract_job, jobs)


def _pool(jobs: list, workers: int, before_fork: Callable[[], object] | None = None) -> Iterator:
    """Local processes that die with this one and stop on SIGTERM / Ctrl-C (``procs``). The first
    article is extracted here: that loads the lexicons and gazetteer once, and the forked workers
    inherit them instead of each loading them again (this process needs them anyway, for claims and
    incidents)."""
    from analysis.corpus import extract_job

    yield extract_job(jobs[0])
    rest = jobs[1:]
    if not rest:
        return
    workers = min(workers, len(rest))
    if before_fork is not None:
        before_fork()
    context = _fork_context()
    with procs.stop_on_signals(), ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                                      initializer=procs.worker_init,
                                                      initargs=(os.getpid(),)) as pool:
        yield from pool.map(extract_job, rest, chunksize=chunk_size(len(rest), workers))


# The short article a worker forked early extracts first (``warm_up``): common shapes (a strike, a toll, an
# interception tally) that load the lexicons and gazetteer and compile the patterns most articles need.
WARM_UP = ("Russian missiles strike Kyiv overnight\n\n"
           "A Russian missile and drone attack on Kyiv overnight on May 14 killed three people and wounded 12 in the "
           "Dniprovskyi district, Mayor Vitali Klitschko said on Telegram.\n\n"
           "Ukraine's air force said air defences shot down 20 of the 25 Shahed drones and two Iskander missiles "
           "Russia launched.\n")


def warm_up() -> None:
    """Import the extractors and load the lexicons and gazetteer by extracting ``WARM_UP`` (in a worker
    forked by ``warmed``, before it has jobs)."""
    import tempfile
    from pathlib import Path

    from analysis.corpus import extract_job

    with tempfile.TemporaryDirectory(prefix="newsframe-warm-") as folder:
        path = Path(folder) / "warm-up.txt"
        path.write_text(WARM_UP, encoding="utf-8")
        extract_job((path, {"published": "2024-05-14"}))


def _fork_context():
    import multiprocessing

    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


@contextlib.contextmanager
def warmed(enabled: bool = True) -> Iterator[ProcessPoolExecutor | None]:
    """One worker process forked now, warming up (``warm_up``) while the caller imports pandas,
    fingerprints the seeds and reads the store; ``started(..., warm=pool)`` then hands it the jobs. Why:
    a re-run of a hundred edited articles waited for one worker's imports and lexicons (two seconds and
    more) that only began once the parent had imported pandas and fingerprinted every file. Yields None
    when not ``enabled``; a pool left unused is dismissed (``dismiss``)."""
    if not enabled:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_fork_context(), initializer=procs.worker_init,
                               initargs=(os.getpid(),))
    pool.submit(warm_up)
    try:
        yield pool
    finally:
        dismiss(pool)


def dismiss(pool: ProcessPoolExecutor | None) -> None:
    """Stop a ``warmed`` pool's worker at once (it may be warming up still: no use waiting for it) and
    join the pool's threads, so that no thread of it runs when this process forks other workers."""
    if pool is None:
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, AttributeError):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def early_workers(jobs: int, workers: int) -> int:
    """The workers ``started`` runs: one per ``EARLY_JOBS_PER_WORKER`` jobs, at least one."""
    return max(1, min(workers, jobs // EARLY_JOBS_PER_WORKER))


@contextlib.contextmanager
def started(jobs: list, workers: int, warm: ProcessPoolExecutor | None = None) -> Iterator[Iterator]:
    """``extract_job`` over ``jobs`` in worker processes forked now, before the caller loads anything
    heavy; yields the results' iterator (job order) while the workers run, so that the caller works
    meanwhile. Why: a re-run of a few hundred articles spends most of its extraction loading the
    lexicons (a second or more), and the store it must read meanwhile is Arrow's work on other cores;
    workers forked from the small process that has only fingerprinted the seeds also start at once
    and inherit no tables. One worker per ``EARLY_JOBS_PER_WORKER`` jobs, at least one; a ``warmed``
    pool's worker when one is enough (``warm``), else ``warm`` is dismissed and fresh workers forked."""
    from analysis.corpus import extract_job

    workers = early_workers(len(jobs), workers)
    if warm is not None and workers == 1:
        with procs.stop_on_signals():
            yield warm.map(extract_job, jobs, chunksize=chunk_size(len(jobs), workers))
        return
    dismiss(warm)
    with procs.stop_on_signals(), ProcessPoolExecutor(max_workers=workers, mp_context=_fork_context(),
                                                      initializer=procs.worker_init,
                                                      initargs=(os.getpid(),)) as pool:
        yield pool.map(extract_job, jobs, chunksize=chunk_size(len(jobs), workers))


def chunk_size(jobs: int, workers: int) -> int:
    """Jobs per pool task: an eighth of a worker's share, at most ``POOL_CHUNK``."""
    return max(1, min(POOL_CHUNK, jobs // (workers * 8)))


def dask_client(scheduler: str | None, workers: int = 1):
    """A client of the cluster at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``), or of a local cluster of
    ``workers`` processes when none is given. A clear error when the extra is not installed."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs Dask: pip install 'newsframe[dask]' "
                          "(or pip install 'dask[distributed]')") from None
    if scheduler is None:
        return Client(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True))
    try:
        return Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as error:
        raise EngineError(f"--scheduler {scheduler}: no Dask scheduler answers there ({error}) — start one "
                          "with `dask scheduler` or give its address") from None


def _dask(jobs: list, scheduler: str | None, workers: int) -> Iterator:
    """Jobs in batches of ``DASK_BATCH``, the next batch running while this one is collected."""
    from analysis.corpus import extract_job

    client = dask_client(scheduler, workers)
    try:
        log.info("dask: %d jobs on %s", len(jobs), client.scheduler.address)
        batches = [jobs[i:i + DASK_BATCH] for i in range(0, len(jobs), DASK_BATCH)]
        pending = client.map(extract_job, batches[0], pure=False)
        for k in range(len(batches)):
            current = pending
            if k + 1 < len(batches):
                pending = client.map(extract_job, batches[k + 1], pure=False)
            yield from client.gather(current)
    finally:
        cluster = client.cluster if scheduler is None else None
        client.close()
        if cluster is not None:
            cluster.close()
