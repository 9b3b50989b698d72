"""The ``newsframe`` command line: ``extract``, ``evaluate`` and ``report``.

Every command logs what it did to stderr, exits 0 on success, 2 with a one-line message naming the
file and the fix when the input is bad, and 1 when something else failed — never a bare traceback.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from analysis.errors import NewsframeError

log = logging.getLogger("newsframe")

EPILOG = """examples:
  newsframe extract seeds --out data/          tables as CSV + Parquet in data/
  newsframe extract seeds --out data/ --keep-going   skip (and report) bad articles
  newsframe extract seeds --out data/          again: re-extracts only the articles that changed
  newsframe extract seeds --out data/ --engine dask --scheduler tcp://host:8786   on a Dask cluster
  newsframe evaluate tests/gold                recall / precision / attribute accuracy
  newsframe report seeds                       HTML + PDF brief in reports/
"""


def _nothing_changed(total: int, out: Path, bad: list = ()) -> int:
    print(f"newsframe: nothing changed: 0 of {total} articles re-extracted; {out}/ is up to date", file=sys.stderr)
    return 1 if bad else 0


def _is_tables_output(folder: Path) -> bool:
    from analysis.tables import is_tables_output   # pandas: imported only for an output without the marker

    return is_tables_output(folder)


def _extract(args: argparse.Namespace) -> int:
    from analysis.publish import check_target
    from analysis.uptodate import unchanged

    def report(error) -> None:
        print(f"newsframe: skipped: {error}", file=sys.stderr)

    out, seeds = Path(args.out), Path(args.seeds)
    check_target(out, seeds, _is_tables_output)   # before the work, not after it
    if args.scheduler and args.engine != "dask":
        print("newsframe: error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    total = unchanged(seeds, out)   # a no-op run answered without pandas or the extractors
    if total is not None:
        return _nothing_changed(total, out)
    from analysis import engines, procs

    workers = args.workers or procs.available_cores()
    # a re-run: one worker forked now warms up while this process imports pandas and reads the store
    with engines.warmed(args.engine == "processes" and workers > 1 and (out / "store" / "manifest.json").is_file()) as warm:
        from analysis.store import update

        outcome = update(seeds, out, keep_going=args.keep_going, on_error=report, workers=workers,
                         engine=args.engine, scheduler=args.scheduler, progress=not args.quiet, warm=warm)
    bad, stats = outcome.errors, outcome.stats
    if stats.unchanged:
        return _nothing_changed(stats.total, out, bad)
    if outcome.tables is None:
        kept = "the previous output is kept" if out.exists() else "nothing was written"
        print(f"newsframe: no article could be read ({len(bad)} skipped, see above); {kept} in {out}",
              file=sys.stderr)
        return 1
    summary = ", ".join(f"{len(df)} {name[:-1] if len(df) == 1 else name}" for name, df in outcome.tables.items())
    print(f"newsframe: {stats.reextracted} of {stats.total} articles re-extracted, "
          f"{stats.removed} removed, incidents of {stats.resolved_events} events re-resolved", file=sys.stderr)
    print(f"newsframe: wrote {summary} to {args.out}/ (CSV + Parquet, and the store in {args.out}/store/)",
          file=sys.stderr)
    if bad:
        print(f"newsframe: {len(bad)} {'article' if len(bad) == 1 else 'articles'} skipped, see above", file=sys.stderr)
        return 1
    return 0


def _pct(x: float) -> str:
    return f"{x:6.1%}"


def _evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import evaluate

    overall, per_article = evaluate(args.gold_dir)
    if args.json:
        keys = ("gold", "found", "rows", "rows_matched", "recall", "precision", "attribute_accuracy", "place_accuracy")
        data = {s.article: {k: getattr(s, k) for k in keys} for s in [*per_article, overall]}
        if overall.pair_recall is not None:
            data["overall"].update(pair_precision=overall.pair_precision, pair_recall=overall.pair_recall)
        print(json.dumps(data, indent=2))
    else:
        print(f"{'article':40} {'gold':>5} {'found':>5} {'rows':>5} {'recall':>7} {'precision':>9} {'attributes':>10}")
        for s in [*per_article, overall]:
            name = s.article if len(s.article) <= 40 else s.article[:37] + "..."
            print(f"{name:40} {s.gold:5d} {s.found:5d} {s.rows:5d} {_pct(s.recall):>7} {_pct(s.precision):>9} {_pct(s.attribute_accuracy):>10}")
        print(f"places with coordinates in range: {overall.places_correct}/{overall.places}")
        if overall.pair_recall is not None:
            right, found, gold = overall.incident_pairs()
            print(f"incident pairs: precision {_pct(overall.pair_precision).strip()} ({right}/{found}), "
                  f"recall {_pct(overall.pair_recall).strip()} ({right}/{gold})")
        if args.verbose:
            for title, items in (("missed gold events", overall.missed), ("wrong attributes", overall.wrong),
                                 ("rows matching no gold event", overall.unmatched_rows),
                                 ("incident pairs put wrongly together or apart", overall.pair_errors())):
                if items:
                    print(f"\n{title}:")
                    for item in items:
                        print(f"  - {item}")
    below = [name for name, value, floor in (("recall", overall.recall, args.min_recall),
                                             ("precision", overall.precision, args.min_precision),
                                             ("attribute accuracy", overall.attribute_accuracy, args.min_attributes))
             if floor is not None and value < floor]
    if below:
        print(f"newsframe: below threshold: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsframe", description="War-news articles in; event tables, charts and briefs out.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail to stderr")
    parser.add_argument("--version", action="version", version=f"newsframe {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="extract the event tables from a seeds folder",
                       description="Read every article of SEEDS (with its catalog.csv) and write the contract's tables "
                                   "(articles, sentences, events, mentions, places, issues, and incidents: one row per happening "
                                   "across outlets) as CSV and Parquet into --out. "
                                   "It also keeps an incremental store in --out/store/ (Parquet, one file per publication month, and a "
                                   "fingerprint per article): a re-run re-extracts only the articles whose file, catalog row or "
                                   "extractor version changed, drops the rows of removed articles and re-resolves only the incidents "
                                   "the changes touch. "
                                   "The output folder is replaced atomically: a failed run leaves the previous one intact. "
                                   "--out must be new, empty or an earlier newsframe output (it carries a "
                                   ".newsframe-output marker), and never the seeds folder or a folder around it.")
    p.add_argument("seeds", nargs="?", default="seeds", help="folder of articles and catalog.csv (default: seeds)")
    p.add_argument("--out", "-o", required=True,
                   help="output folder for the tables: new, empty, or written by newsframe before")
    p.add_argument("--keep-going", action="store_true", help="report a bad article and go on with the others (exit 1)")
    p.add_argument("--workers", type=int, default=0, help="processes to use (default: one per available core)")
    p.add_argument("--engine", choices=("processes", "dask"), default="processes",
                   help="where articles are extracted: local processes (default), or a Dask cluster (needs newsframe[dask])")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=_extract)

    p = sub.add_parser("evaluate", help="score extraction against gold annotations",
                       description="Extract the articles of GOLD_DIR and compare the events with their *.gold.json "
                                   "annotations (CONTRACT §6): recall, precision and attribute accuracy, per article and overall.")
    p.add_argument("gold_dir", nargs="?", default="tests/gold", help="folder of articles, catalog.csv and *.gold.json (default: tests/gold)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--verbose", "-v", action="store_true", help="list missed events, wrong attributes and unmatched rows")
    p.add_argument("--min-recall", type=float, help="exit 1 when overall recall is below this")
    p.add_argument("--min-precision", type=float, help="exit 1 when overall precision is below this")
    p.add_argument("--min-attributes", type=float, help="exit 1 when attribute accuracy is below this")
    p.set_defaults(func=_evaluate)

    try:
        from analysis.report.command import register as register_report
    except ImportError:
        register_report = None
    if register_report is not None:
        register_report(sub)
    return parser


def _version() -> str:
    from analysis import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    code = _run(args)
    if argv is None and args.func is _extract:
        _leave(code)
    return code


def _run(args: argparse.Namespace) -> int:
    """The command's exit status; a bad input or failure as one line on stderr."""
    try:
        return int(args.func(args) or 0)
    except NewsframeError as error:
        print(f"newsframe: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsframe: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # an unexpected failure: one line, and the log has the details with -v
        if getattr(args, "verbose", False):
            log.exception("unexpected failure")
        print(f"newsframe: failed: {type(error).__name__}: {error} (run with -v for details)", file=sys.stderr)
        return 1


def _leave(code: int) -> None:
    """Exit at once, without the interpreter's teardown. Why: ``newsframe extract`` has published its
    output (or kept the old one) and stopped its workers by now, and freeing the lexicons, gazetteer and
    caches object by object took 0.3-0.5 s, a twentieth of a re-run of 100 articles in 10,000. Only for
    the command line (``main()`` without arguments): a caller of ``main([...])`` keeps its process."""
    import logging
    import os

    logging.shutdown()   # every handler flushed and closed (the CLI's writes to stderr; a user's may write a file)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
