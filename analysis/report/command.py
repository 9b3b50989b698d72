"""``newsframe report``: one brief from the command line, or every job of a ``reports.toml``.

    newsframe report [SEEDS] [--out DIR] [-p NAME VALUE]... [--format html,pdf] [--name NAME]
    newsframe report --config reports.toml [--as-of YYYY-MM-DD] [--force] [--jobs N]

Exit status: 0 when every report was made (or was already up to date), 1 when a job failed (its
failing cell is named and its notebook kept), 2 for bad input (unknown parameter, bad value, missing
folder) — reported before anything runs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import sys
from pathlib import Path

HELP = """examples:
  newsframe report seeds                                  reports/brief/ (HTML + PDF + executed notebook)
  newsframe report seeds -p categories attack --name attacks
  newsframe report seeds -p start_date 2025-02-11 -p end_date 2025-02-12 --format html
  newsframe report --config reports.toml                  every job of the config, in parallel
  newsframe report --config reports.toml --as-of 2025-02-12 --force

-p values are read for the parameter's declared type: text, numbers, true/false, None,
lists as a,b or ['a', 'b']. Run with -p help x to list a notebook's parameters.
"""


def register(subparsers) -> None:
    """Add ``report`` to the ``newsframe`` command's subparsers."""
    p = subparsers.add_parser(
        "report", help="build briefs (HTML + PDF) from a seeds folder, or every job of a reports.toml",
        description="Execute the brief notebook with papermill for the given parameters, export it with nbconvert "
                    "to self-contained HTML and print that to PDF with headless Chromium. Output: OUT/NAME/ with "
                    "the executed notebook, .html, .pdf and manifest.json, published atomically; OUT/index.html "
                    "lists every report. A report whose notebook, inputs, code and parameters are unchanged is "
                    "skipped (--force to rebuild).",
        epilog=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("seeds", nargs="?", default="seeds", help="folder of articles and catalog.csv (default: seeds)")
    p.add_argument("--out", "-o", default=None, help="reports folder (default: reports, or the config's out)")
    p.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                   help="a notebook parameter, e.g. -p categories attack,diplomacy (repeatable)")
    p.add_argument("--format", "-f", default="html,pdf", help="html, pdf or html,pdf (default)")
    p.add_argument("--name", help="report folder name (default: brief, or brief-<parameters>)")
    p.add_argument("--notebook", help="notebook to run (default: notebooks/brief.ipynb)")
    p.add_argument("--config", "-c", help="run every [[job]] of this TOML file instead")
    p.add_argument("--as-of", help="the day 'last N days' jobs end on, YYYY-MM-DD (default: today)")
    p.add_argument("--force", action="store_true", help="rebuild reports even when nothing changed")
    p.add_argument("--jobs", "-j", type=int, default=0,
                   help="reports built at once (default and maximum: one per core)")
    p.add_argument("--data", metavar="DIR",
                   help="read the tables from this `newsframe extract SEEDS --out DIR` output when its store is up to "
                        "date for the seeds, else extract as usual (default: reports/data when it exists; off: always "
                        "extract)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=main)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-_.").lower()


def default_name(notebook: Path, params: dict) -> str:
    """``brief`` for the defaults; ``brief-categories-attack`` with parameters (hashed when long)."""
    shown = {k: v for k, v in params.items() if k not in ("seeds", "title")}
    if not shown:
        return notebook.stem
    parts = [f"{k}-{'-'.join(map(str, v)) if isinstance(v, list) else v}" for k, v in sorted(shown.items())]
    name = _slug(f"{notebook.stem}-{'-'.join(parts)}")
    if len(name) > 60:
        digest = hashlib.sha256(repr(sorted(shown.items())).encode()).hexdigest()[:8]
        name = f"{name[:50].rstrip('-')}-{digest}"
    return name


def _as_of(value: str | None) -> dt.date | None:
    from analysis.report.selection import parse_date

    return parse_date(value, "--as-of") if value else None


def _single_job(args):
    from analysis.report import params as P
    from analysis.report.jobs import Job, check_seeds, default_notebook, default_title, parse_formats

    notebook = Path(args.notebook) if args.notebook else default_notebook()
    declared = P.declared_parameters(notebook)
    if any(name == "help" for name, _ in args.parameter):
        lines = [f"  {p.name}: {p.type} = {p.default}  {p.help}" for p in declared.values()]
        print(f"parameters of {notebook}:\n" + "\n".join(lines))
        return None
    if any(name == "seeds" for name, _ in args.parameter):
        raise P.ParameterError("give the seeds folder as the first argument (newsframe report SEEDS), not -p seeds")
    formats = parse_formats(args.format, "--format")
    seeds = check_seeds(Path(args.seeds), "SEEDS")
    values = P.parse_cli([tuple(p) for p in args.parameter], declared, notebook)
    name = args.name or default_name(notebook, values)
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", name):
        raise P.ParameterError(f"--name {name!r} — use letters, digits, '.', '_' or '-'")
    title = values.get("title") or default_title(declared, name)
    return Job(name, notebook.resolve(), seeds.resolve(), values, formats, title)


def _check_pdf_tools(jobs) -> None:
    """Chromium must be there before any notebook runs when a job asks for a PDF: otherwise a missing
    browser would surface only after minutes of execution, job after job (ChromiumMissing: exit 2)."""
    if any("pdf" in job.formats for job in jobs):
        from analysis.report.pdf import find_chromium

        find_chromium()


DEFAULT_DATA = Path("reports") / "data"   # where ./run.sh report has `newsframe extract` write


def use_data(value: str | None) -> None:
    """Tell the report kernels (through ``NEWSFRAME_DATA``, which they inherit) which extract output they
    may read instead of extracting: ``--data DIR``, else reports/data when it exists. The kernel reads it
    only when its store is up to date for the job's seeds (``cache.store_is_current``)."""
    from analysis.report.params import ParameterError

    if value is None:
        if os.environ.get("NEWSFRAME_DATA") or not DEFAULT_DATA.is_dir():
            return
        value = str(DEFAULT_DATA)
    if value.lower() == "off":
        os.environ["NEWSFRAME_DATA"] = "off"
        return
    if not Path(value).is_dir():
        raise ParameterError(f"--data {value}: no such folder (give the --out folder of newsframe extract, or off)")
    os.environ["NEWSFRAME_DATA"] = str(Path(value).resolve())


def main(args) -> int:
    from analysis.report.index import write_index
    from analysis.report.jobs import load_config, run_jobs
    from analysis.report.run import check_outputs

    use_data(args.data)
    if args.config:
        jobs, out = load_config(args.config, _as_of(args.as_of))
        out = Path(args.out) if args.out else out
    else:
        job = _single_job(args)
        if job is None:
            return 0
        jobs, out = [job], Path(args.out or "reports")
    _check_pdf_tools(jobs)
    check_outputs(jobs, out)
    outcomes = run_jobs(jobs, out, workers=args.jobs or None, force=args.force, progress=not args.quiet)
    if any(o.status != "skipped" for o in outcomes) or not (out / "index.html").exists():
        write_index(out)   # nothing rebuilt: leave the index (and a read-only reports folder) alone
    for o in outcomes:
        if o.status == "skipped":
            print(f"newsframe: report {o.name} is up to date (unchanged notebook, inputs and parameters; "
                  "--force to rebuild)", file=sys.stderr)
    failed = [o for o in outcomes if o.status == "failed"]
    made = [o for o in outcomes if o.status == "ok"]
    print(f"newsframe: {len(made)} made, {len(outcomes) - len(made) - len(failed)} unchanged, {len(failed)} failed "
          f"— {out / 'index.html'}", file=sys.stderr)
    if len(jobs) == 1 and not failed:
        print(out / jobs[0].name)
    return 1 if failed else 0
