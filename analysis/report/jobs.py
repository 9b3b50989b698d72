"""Scheduled runs: the jobs of a ``reports.toml``, run in parallel, skipping those that are unchanged.

A job is one report: a name (its folder under ``out``), a notebook, a seeds folder, parameters and
formats. ``each = "category"`` makes one job per category; ``last_days = 7`` sets ``start_date`` and
``end_date`` to the seven days ending on ``--as-of`` (default: today). Every job's parameters are
checked against its notebook before any job runs; then the jobs run over the cores, each publishing
atomically, and a job whose notebook, inputs, code and parameters are unchanged since its last good
report is skipped (``force`` redoes it).

Example config::

    out = "reports"
    seeds = "seeds"
    [[job]]
    name = "brief"
    title = "War-news brief"
    [[job]]
    name = "attacks"
    parameters = { categories = ["attack"] }
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import sys
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from analysis import procs
from analysis.errors import NewsframeError
from analysis.registry import CATEGORIES
from analysis.report import manifest as mf
from analysis.report.palette import label

TOP_KEYS = {"out", "seeds", "notebook", "formats", "job"}
JOB_KEYS = {"name", "title", "notebook", "seeds", "formats", "parameters", "last_days", "each"}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class ConfigError(NewsframeError):
    """A reports.toml that cannot be run as written."""


@dataclass
class Job:
    name: str
    notebook: Path
    seeds: Path
    parameters: dict
    formats: tuple = ("html", "pdf")
    title: str = ""
    key: str = ""
    ins: dict = field(default_factory=dict)


@dataclass
class Outcome:
    name: str
    status: str             # "ok", "skipped" or "failed"
    seconds: float = 0.0
    message: str = ""
    kept: str | None = None


def default_notebook() -> Path:
    """``notebooks/brief.ipynb`` of the project (beside the package), else of the current folder."""
    import analysis

    for base in (Path(analysis.__file__).resolve().parent.parent, Path.cwd()):
        path = base / "notebooks" / "brief.ipynb"
        if path.is_file():
            return path
    return Path("notebooks/brief.ipynb")


def parse_formats(value, where: str) -> tuple:
    items = value.split(",") if isinstance(value, str) else list(value)
    formats = tuple(dict.fromkeys(str(f).strip().lower() for f in items if str(f).strip()))
    bad = [f for f in formats if f not in ("html", "pdf")]
    if bad or not formats:
        raise ConfigError(f"{where}: format {', '.join(bad) or '(none)'} not known — use html, pdf or html,pdf")
    return formats


def check_seeds(seeds: Path, where: str = "seeds") -> Path:
    if not seeds.is_dir():
        raise ConfigError(f"{where}: seeds folder {seeds} not found — give the folder holding the articles and catalog.csv")
    return seeds


def last_days_range(days: int, as_of: dt.date) -> tuple[str, str]:
    """The ``days`` days ending on ``as_of``, inclusive: 7 → as_of-6 … as_of."""
    return (as_of - dt.timedelta(days=days - 1)).isoformat(), as_of.isoformat()


def load_config(path: str | Path, as_of: dt.date | None = None) -> tuple[list[Job], Path]:
    """The jobs of a config file (parameters checked against each notebook) and the output folder."""
    path = Path(path)
    data = _read_toml(path)
    base = path.resolve().parent
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown setting {', '.join(sorted(unknown))} — use {', '.join(sorted(TOP_KEYS))}")
    entries = data.get("job") or []
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no [[job]] tables — add at least one [[job]] with a name")
    as_of = as_of or dt.date.today()
    jobs: list[Job] = []
    declared_cache: dict[Path, dict] = {}
    for i, entry in enumerate(entries, 1):
        jobs += _entry_jobs(entry, i, data, path, base, as_of, declared_cache)
    names = [j.name for j in jobs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{path}: job name {', '.join(dupes)} used twice — every report needs its own folder")
    return jobs, base / str(data.get("out", "reports"))


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found — see reports.toml in the project for an example") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error}) — fix the syntax") from None


def _entry_jobs(entry: dict, i: int, data: dict, path: Path, base: Path, as_of: dt.date,
                declared_cache: dict[Path, dict]) -> list[Job]:
    """The job (or, with ``each = "category"``, the jobs) of one [[job]] table."""
    from analysis.report.params import declared_parameters

    where = f"{path} job {i}"
    bad = set(entry) - JOB_KEYS
    if bad:
        raise ConfigError(f"{where}: unknown key {', '.join(sorted(bad))} — use {', '.join(sorted(JOB_KEYS))}")
    name = entry.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise ConfigError(f"{where}: name {name!r} — give a folder name of letters, digits, '.', '_' or '-'")
    where = f"{path} job {name!r}"
    notebook = (base / entry.get("notebook", data.get("notebook", ""))) if entry.get("notebook", data.get("notebook")) \
        else default_notebook()
    seeds = check_seeds(base / str(entry.get("seeds", data.get("seeds", "seeds"))), where)
    formats = parse_formats(entry.get("formats", data.get("formats", ("html", "pdf"))), where)
    params = _entry_params(entry, where, as_of)
    variants = [(name, params, {})]
    if "each" in entry:
        if entry["each"] != "category":
            raise ConfigError(f"{where}: each = {entry['each']!r} — only each = \"category\" is supported")
        variants = [(f"{name}-{c}", {**params, "categories": [c]}, {"category": c, "label": label(c)})
                    for c in CATEGORIES]
    if notebook not in declared_cache:
        declared_cache[notebook] = declared_parameters(notebook)
    template = entry.get("title", params.get("title"))
    if template is None:
        template = default_title(declared_cache[notebook], name)
        template += " — {label}" if "each" in entry else ""
        template += " ({start} to {end})" if "last_days" in entry else ""
    return [_variant_job(job_name, job_params, fmt, template, where, notebook, seeds, formats, declared_cache[notebook])
            for job_name, job_params, fmt in variants]


def _entry_params(entry: dict, where: str, as_of: dt.date) -> dict:
    """A job's notebook parameters, with ``last_days`` turned into a start and an end date."""
    params = dict(entry.get("parameters") or {})
    if "seeds" in params:
        raise ConfigError(f"{where}: give seeds as `seeds = ...` on the job, not among its parameters")
    if "last_days" in entry:
        n = entry["last_days"]
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ConfigError(f"{where}: last_days = {n!r} — give a whole number of days ≥ 1")
        from analysis.reader import MIN_DATE  # the oldest date a report can select (and not overflow)

        if n - 1 > (as_of - MIN_DATE).days:
            raise ConfigError(f"{where}: last_days = {n} reaches back before {MIN_DATE} — give at most "
                              f"{max(1, (as_of - MIN_DATE).days + 1)} days")
        params["start_date"], params["end_date"] = last_days_range(n, as_of)
    return params


def _variant_job(job_name: str, job_params: dict, fmt: dict, template, where: str, notebook: Path, seeds: Path,
                 formats, declared: dict) -> Job:
    """One job: its title filled in and its parameters checked against the notebook's."""
    from analysis.report.params import check

    fields = {"start": job_params.get("start_date") or "", "end": job_params.get("end_date") or "",
              "name": job_name, "category": "", "label": "", **fmt}
    try:
        title = str(template).format(**fields) or job_name
    except (KeyError, IndexError, ValueError):
        raise ConfigError(f"{where}: title {template!r} — only {{start}}, {{end}}, {{name}}, {{category}} "
                          "and {label} can be filled in") from None
    try:
        checked = check({**job_params, "title": title}, declared, notebook)
    except NewsframeError as error:
        raise ConfigError(f"{where}: {error}") from None
    return Job(job_name, notebook.resolve(), seeds.resolve(), checked, formats, title)


def default_title(declared: dict, fallback: str) -> str:
    """The notebook's own default title (``title: str = "War-news brief"``), else ``fallback``."""
    import ast

    try:
        value = ast.literal_eval(declared["title"].default)
    except (KeyError, ValueError, SyntaxError):
        return fallback
    return value if isinstance(value, str) and value else fallback


def plan(job: Job) -> Job:
    """Fill in the job's input hashes and its key (what decides whether it can be skipped)."""
    job.parameters = {"seeds": str(job.seeds), **{k: v for k, v in job.parameters.items() if k != "seeds"}}
    job.ins = mf.inputs(job.notebook, job.seeds)
    job.key = mf.job_key(job.ins, job.parameters, job.formats)
    return job


def up_to_date(job: Job, out: Path) -> bool:
    """The last good report of this job was made from the same key and all its files are there."""
    previous = mf.read(out / job.name)
    if not previous or previous.get("key") != job.key or previous.get("status") != "ok":
        return False
    return all((out / job.name / o["file"]).is_file() for o in previous.get("outputs", []))


def run_one(job: Job, out: str) -> Outcome:
    """Run one job (in a worker process); a failure comes back as an Outcome, never as an exception.

    A job whose run has died (the worker's parent is gone) must not appear after the run was killed: it
    raises ``procs.ParentGone`` instead of starting, and the same check guards publishing. A SIGTERM'd
    worker leaves once the job has unwound (its temporary folder removed) instead of waiting for more."""
    from analysis.report.run import ReportFailed, run_report

    procs.check_parent()
    start = time.perf_counter()
    try:
        run_report(job.name, job.notebook, job.parameters, Path(out), job.formats, job.seeds, job.key, job.ins,
                   title=job.title, guard=procs.check_parent)
    except ReportFailed as error:
        return Outcome(job.name, "failed", time.perf_counter() - start, error.message,
                       str(error.kept) if error.kept else None)
    except Exception as error:  # noqa: BLE001 — one job's failure must not stop the batch
        text = " ".join(str(error).split()) or type(error).__name__
        return Outcome(job.name, "failed", time.perf_counter() - start, f"{type(error).__name__}: {text}")
    finally:
        procs.exit_if_stopping()
    return Outcome(job.name, "ok", time.perf_counter() - start)


def warm_cache(jobs: list[Job]) -> None:
    """Extract each seeds folder once, before the jobs start, so parallel kernels read the cache
    instead of all extracting the same articles at once (a single job just loads in its kernel)."""
    from analysis.report.cache import cache_root, load

    if cache_root() is None:
        return
    for seeds in dict.fromkeys(j.seeds for j in jobs):
        try:
            load(seeds)
        except NewsframeError:
            pass   # the job itself will report the bad article, in its failing cell


def run_jobs(jobs: list[Job], out: Path, workers: int | None = None, force: bool = False,
             progress: bool = True, echo=None) -> list[Outcome]:
    """Run the jobs over ``workers`` processes (default and cap: one per core); skipped jobs cost a hash
    check. SIGTERM or Ctrl-C stops the workers with their kernels and browsers; workers die with this
    process even when it is killed outright."""
    out.mkdir(parents=True, exist_ok=True)
    echo = echo or (lambda line: print(line, file=sys.stderr))
    outcomes: list[Outcome] = []
    todo = []
    for job in map(plan, jobs):
        if not force and up_to_date(job, out):
            outcomes.append(Outcome(job.name, "skipped", message="unchanged"))
        else:
            todo.append(job)
    if not todo:
        return outcomes
    if len(todo) > 1:
        warm_cache(todo)
    from tqdm import tqdm

    workers = min(procs.cap_workers(workers or procs.available_cores(), "report jobs at once"), len(todo))
    bar = tqdm(total=len(todo), unit="report", desc="reports", disable=None if progress else True, file=sys.stderr)
    try:
        with procs.stop_on_signals():
            for outcome in _outcomes(todo, out, workers):
                outcomes.append(outcome)
                _report(outcome, bar, echo)
    finally:
        bar.close()
    order = {j.name: i for i, j in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order.get(o.name, 0))


def _outcomes(todo: list[Job], out: Path, workers: int):
    """Each job's Outcome as it finishes: in this process for one worker, else over a spawn-context pool
    whose workers die with this process and clean up on SIGTERM."""
    if workers == 1:
        yield from (run_one(job, str(out)) for job in todo)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=procs.worker_init,
                             initargs=(os.getpid(), True)) as pool:
        futures = [pool.submit(run_one, job, str(out)) for job in todo]
        for future in as_completed(futures):
            yield future.result()


def _report(outcome: Outcome, bar, echo) -> None:
    bar.update(1)
    if outcome.status == "failed":
        line = f"newsframe: report {outcome.name} FAILED: {outcome.message}"
        if outcome.kept:
            line += f" — failed notebook kept at {outcome.kept}"
    else:
        line = f"newsframe: report {outcome.name} done in {outcome.seconds:.1f} s"
    if bar.disable:
        echo(line)
    else:
        bar.write(line, file=sys.stderr)
