"""``load(seeds)``: the corpus for a report, extracted once per version of the articles and of the code.

Extraction builds its gazetteer and lexicons on first use (seconds); a batch of report jobs on the same
seeds would pay that in every kernel. The tables are therefore kept as Parquet under a key made of the
seeds folder's file hashes and the ``analysis`` package's source hashes, so any change to an article or
to the extractor gives a fresh extraction. ``NEWSFRAME_CACHE`` picks the folder (``off`` disables it;
default ``~/.cache/newsframe/tables``). Example::

    >>> corpus = load("seeds")      # doctest: +SKIP
"""
from __future__ import annotations

import functools
import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd

import analysis
from analysis.publish import OutputError, publishing
from analysis.schemas import TABLES

SEED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".csv", ".yaml", ".yml")


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def seed_files(seeds: str | Path) -> list[Path]:
    """The files of a seeds folder that extraction reads (articles, catalog, front-matter files)."""
    folder = Path(seeds)
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SEED_SUFFIXES
                  and not p.name.startswith("."))


def seeds_digest(seeds: str | Path) -> dict[str, str]:
    """``{file name: sha256}`` for the seeds folder."""
    return {p.name: file_sha256(p) for p in seed_files(seeds)}


@functools.lru_cache(maxsize=2)
def code_digest(with_report: bool = False) -> str:
    """One hash over the package's code and data files: the extractor's alone (what the tables depend
    on), or with the report package and its templates (what a report depends on)."""
    root = Path(analysis.__file__).parent
    h = hashlib.sha256(analysis.__version__.encode())
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts or (rel.parts[0] == "report" and not with_report):
            continue
        if path.suffix in (".py", ".yaml", ".yml", ".csv", ".json", ".txt", ".j2", ".css"):
            h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def cache_root() -> Path | None:
    value = os.environ.get("NEWSFRAME_CACHE", "")
    if value.lower() in ("off", "0", "no", "false"):
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsframe" / "tables"


def cache_key(seeds: str | Path) -> str:
    h = hashlib.sha256(code_digest().encode())
    for name, digest in seeds_digest(seeds).items():
        h.update(f"{name}\0{digest}\0".encode())
    return h.hexdigest()[:24]


def store_is_current(seeds: str | Path, data: str | Path) -> bool:
    """True when ``data`` holds the flat tables and store of ``newsframe extract SEEDS --out DATA`` and
    that store is up to date for the seeds: same extractor version, and every article's fingerprint
    (bytes, catalog row, version) equal to the stored one, none added or gone. Anything unreadable or
    odd (a bad catalog row, a damaged store) is False: the report then extracts as before."""
    from analysis import store
    from analysis.reader import find_article_files

    data = Path(data)
    if not all((data / f"{t}.parquet").is_file() for t in TABLES):
        return False
    try:
        previous = store.read_previous(data)
        if previous is None or set(previous.fingerprints["file"]) != {p.name for p in find_article_files(Path(seeds))}:
            return False   # another extractor, or other articles: no need to hash them all

        def refuse(error):
            raise error

        plan = store.plan(Path(seeds), previous, False, refuse)
        return not plan.todo and plan.kept == set(previous.fingerprints["file"])
    except Exception:  # noqa: BLE001 — any doubt means "not current": extraction is always right
        return False


def data_folder() -> Path | None:
    """The ``newsframe extract`` output the report may read (``NEWSFRAME_DATA``, set by ``newsframe
    report --data``; ``off`` or unset: none)."""
    value = os.environ.get("NEWSFRAME_DATA", "")
    return None if value.lower() in ("", "off", "0", "no", "false") else Path(value)


def from_store(seeds: str | Path):
    """The corpus from the flat tables of an up-to-date ``newsframe extract`` output (see
    ``store_is_current``), or None. A 10,000-article corpus is read in a second instead of minutes of
    extraction whenever the code changes and the cache key with it."""
    from analysis.corpus import Corpus

    data = data_folder()
    if data is None or not store_is_current(seeds, data):
        return None
    try:
        return Corpus(**{t: pd.read_parquet(data / f"{t}.parquet") for t in TABLES})
    except Exception:  # noqa: BLE001 — swapped or damaged under us: extract instead
        return None


def load(seeds: str | Path = "seeds"):
    """``analysis.load(seeds)``: from an up-to-date store (``from_store``), else from the Parquet cache
    when the articles and the code are unchanged, else extracted (and cached)."""
    from analysis.corpus import Corpus

    folder = Path(seeds)
    stored = from_store(folder) if folder.is_dir() else None
    if stored is not None:
        return stored
    root = cache_root()
    if root is None or not folder.is_dir():
        return analysis.load(seeds)
    target = root / cache_key(folder)
    if all((target / f"{t}.parquet").is_file() for t in TABLES):
        try:
            return Corpus(**{t: pd.read_parquet(target / f"{t}.parquet") for t in TABLES})
        except Exception:   # a damaged cache entry is rebuilt, never trusted
            shutil.rmtree(target, ignore_errors=True)
    corpus = analysis.load(seeds)
    try:
        root.mkdir(parents=True, exist_ok=True)
        with publishing(target, what="cache entry") as tmp:
            for t in TABLES:
                getattr(corpus, t).to_parquet(tmp / f"{t}.parquet", index=False)
    except (OSError, OutputError):
        pass   # a read-only cache folder, or another kernel writing the same entry, only costs speed
    return corpus
