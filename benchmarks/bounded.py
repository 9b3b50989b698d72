"""Benchmark: extraction time of pathological articles, with the work limits off and on (issue #10).

Two articles, at growing sizes, timed in the same process:

* **run-on** — issue #10's repro, one sentence: "Russia attacked Ukraine and Kyiv said Russian drones hit
  Kharkiv, " repeated. Limited by ``pipeline.MAX_SENTENCE_CHARS``.
* **distinct** — one short paragraph per happening, each on another day or in another city, so that none
  merge. Limited by ``consolidation.max_events_compared`` in ``analysis/data/settings.yaml``.

"limits off" sets those limits out of reach (the code is otherwise today's: the quadratic scans it
replaced are not restored); sizes above ``--off-max`` KB are skipped there. "limits on" is the shipped
configuration. With the limits on, time should grow linearly with size (the run-on stays flat: only its
first MAX_SENTENCE_CHARS are analysed).

    python benchmarks/bounded.py
    python benchmarks/bounded.py --sizes 100 200 400 800 1600 --off-max 400
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import tempfile
import time
from pathlib import Path

from analysis import consolidate, pipeline
from analysis.reader import read_article
from analysis.settings import settings

RUN_ON = "Russia attacked Ukraine and Kyiv said Russian drones hit Kharkiv, "
CITIES = ["Kharkiv", "Odesa", "Dnipro", "Lviv", "Sumy", "Kherson", "Zaporizhzhia", "Mykolaiv", "Poltava", "Chernihiv"]


def run_on(kb: int) -> str:
    return (RUN_ON * (kb * 1024 // len(RUN_ON) + 1))[:kb * 1024].rstrip(", ") + "."


def distinct(kb: int) -> str:
    lines, size, day = [], 0, dt.date(2015, 1, 1)
    while size < kb * 1024:
        i = len(lines)
        d = day + dt.timedelta(days=i // len(CITIES))
        lines.append(f"On {d:%B} {d.day}, {d.year}, Russian drones hit {CITIES[i % len(CITIES)]}, killing {i % 9 + 1} people.")
        size += len(lines[-1]) + 1
    return "\n".join(lines)


def seconds(folder: Path, name: str, body: str) -> float:
    path = folder / f"{name}.txt"
    path.write_text("Title\n" + body + "\n", encoding="utf-8")
    article = read_article(path, {"published": "2025-02-12"})
    start = time.perf_counter()
    pipeline.extract_article(article, budget=float("inf"))
    return time.perf_counter() - start


def _unlimited() -> object:
    """The settings with consolidation comparing each event with every earlier one (the limit off)."""
    s = settings()
    return dataclasses.replace(s, consolidation=dataclasses.replace(s.consolidation, max_events_compared=10 ** 9))


def timed(folder: Path, make, kb: int, limits: bool) -> float:
    saved = pipeline.MAX_SENTENCE_CHARS, consolidate.settings
    if not limits:
        unlimited = _unlimited()
        pipeline.MAX_SENTENCE_CHARS, consolidate.settings = 10 ** 12, lambda: unlimited
    try:
        return seconds(folder, f"{make.__name__}{kb}", make(kb))
    finally:
        pipeline.MAX_SENTENCE_CHARS, consolidate.settings = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400, 800], help="article sizes in KB")
    parser.add_argument("--off-max", type=int, default=200, help="largest size timed with the limits off (KB)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seconds(folder, "warm-up", "Russian drones hit Kharkiv.")   # load the lexicons and gazetteer first
        print(f"{'article':10} {'KB':>6} {'limits off':>11} {'limits on':>10}")
        for make in (run_on, distinct):
            for kb in args.sizes:
                off = f"{timed(folder, make, kb, False):10.2f}s" if kb <= args.off_max else f"{'(skipped)':>11}"
                print(f"{make.__name__:10} {kb:6d} {off} {timed(folder, make, kb, True):9.2f}s", flush=True)


if __name__ == "__main__":
    main()
