"""A large corpus for benchmarks and scale tests, made from the evaluation set (tests/gold): N article
files cycling through its articles, with publication dates moved up to ±400 days and the city names
swapped for others from the gazetteer, so events spread over dates and places as in a real archive.

    python benchmarks/generate.py /tmp/big_seeds --n 2000      # a seeds folder for `newsframe report`
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SWAP_CITIES = ["Sumy", "Dnipro", "Odesa", "Zaporizhzhia", "Mykolaiv", "Poltava", "Chernihiv", "Kramatorsk",
               "Sloviansk", "Kherson", "Lviv", "Vinnytsia", "Kryvyi Rih", "Nikopol", "Pokrovsk", "Izium"]
KNOWN_CITIES = ["Kharkiv", "Kherson", "Dobropillia", "Kyiv", "Jeddah"]


def make_corpus(folder: Path, n: int, seed: int = 7) -> None:
    """Write ``n`` article files and their ``catalog.csv`` into ``folder`` (same ``seed``, same corpus)."""
    rng = random.Random(seed)
    with open(GOLD / "catalog.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    sources = [(row, (GOLD / row["file"]).read_text("utf-8")) for row in rows]
    pattern = re.compile(r"\b(" + "|".join(KNOWN_CITIES) + r")\b")
    with open(folder / "catalog.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=["file", "published", "title", "outlet", "url", "timezone"])
        out.writeheader()
        for i in range(n):
            row, text = sources[i % len(sources)]
            swap = dict(zip(KNOWN_CITIES, rng.sample(SWAP_CITIES, len(KNOWN_CITIES))))
            text = pattern.sub(lambda m: swap[m.group(1)], text)
            published = dt.date.fromisoformat(row["published"]) + dt.timedelta(days=rng.randint(-400, 400))
            name = f"bench_{i:05d}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            out.writerow({"file": name, "published": published.isoformat(), "title": "", "outlet": "bench",
                          "url": "", "timezone": "Europe/Kyiv"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder to write (created if missing)")
    parser.add_argument("--n", type=int, default=2000, help="article files to generate (default 2000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    make_corpus(args.folder, args.n, args.seed)
    print(f"{args.folder}: {args.n} articles made from {GOLD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
