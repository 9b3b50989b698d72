"""Benchmark: articles per second of ``newsframe extract`` against spaCy's blank tokenizer + sentencizer.

Makes a corpus of N article files (default 2,000) from the evaluation set (tests/gold), varying the
publication dates and swapping the city names for others from the gazetteer, then times, in the same
run and on the same files:

* ``newsframe extract DIR --out OUT`` (the whole command: start-up, reading, extraction, validation,
  CSV + Parquet writing), and
* the floor: a process that reads the same files and runs ``spacy.blank("en")`` + ``sentencizer`` over them.

Prints both rates, their ratio (target ≥ 0.5) and the peak memory of the extract process tree (target < 1 GiB).

    python benchmarks/extract.py            # 2,000 articles
    python benchmarks/extract.py --n 500
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from generate import GOLD, ROOT, make_corpus   # benchmarks/generate.py: the generator, shared with the scale tests

BASELINE = """
import sys, spacy, pathlib
nlp = spacy.blank("en"); nlp.add_pipe("sentencizer")
texts = (p.read_text("utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")))
n = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))
print(n)
"""


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and its descendants, in bytes (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (whole process tree) of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="article files to generate (default 2000)")
    parser.add_argument("--workers", type=int, default=0, help="newsframe extract --workers (default: its own)")
    args = parser.parse_args()
    newsframe = str(Path(sys.executable).with_name("newsframe"))
    with tempfile.TemporaryDirectory(prefix="newsframe-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.n)
        size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
        print(f"corpus: {args.n} articles, {size / 1e6:.1f} MB, made from {GOLD.relative_to(ROOT)}")
        cmd = [newsframe, "extract", str(corpus), "--out", str(Path(tmp) / "out"), "--quiet"]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        t_nf, mem_nf = timed(cmd)
        t_sp, mem_sp = timed([sys.executable, "-c", BASELINE, str(corpus)])
    rate_nf, rate_sp = args.n / t_nf, args.n / t_sp
    ratio = rate_nf / rate_sp
    print(f"{'':36}{'seconds':>9}{'articles/s':>12}{'peak RSS':>11}")
    print(f"{'newsframe extract (whole command)':36}{t_nf:9.2f}{rate_nf:12.1f}{mem_nf / 2**20:9.0f} MiB")
    print(f"{'spaCy blank en + sentencizer':36}{t_sp:9.2f}{rate_sp:12.1f}{mem_sp / 2**20:9.0f} MiB")
    print(f"ratio newsframe / spaCy: {ratio:.2f} (target >= 0.5); peak memory {mem_nf / 2**30:.2f} GiB (target < 1 GiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
