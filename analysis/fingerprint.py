"""What an article's rows depend on, as one hash: re-extract an article only when it changed.

An article's rows depend on its file's bytes, its catalog row and the extractor (the package's code and
data files). ``fingerprint`` hashes the three, so an edited article, an edited catalog row or any change
to a rule or vocabulary gives a new fingerprint, and the incremental store (``analysis.store``)
re-extracts exactly those articles.

    >>> len(extractor_version())
    64
"""
from __future__ import annotations

import functools
import hashlib
import json
import stat
from pathlib import Path

CODE_SUFFIXES = (".py", ".yaml", ".yml", ".csv", ".json", ".txt")
MAX_HASHED = 64 * 1024 * 1024   # bigger than any article the reader accepts: such a file is its error


@functools.cache
def extractor_version() -> str:
    """One hash over the extractor's code and data files (``analysis/`` without the report package,
    which does not change the tables): any rule change re-extracts every article."""
    import analysis

    root = Path(analysis.__file__).parent
    h = hashlib.sha256(analysis.__version__.encode())
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts or rel.parts[0] == "report":
            continue
        if path.suffix in CODE_SUFFIXES:
            h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def catalog_text(row: dict | None) -> str:
    """A catalog row as canonical text; its line number is left out (adding a row above another
    must not re-extract it)."""
    if not row:
        return ""
    return json.dumps({k: str(v) for k, v in sorted(row.items()) if not k.startswith("_")}, sort_keys=True)


def fingerprint(path: Path, row: dict | None, version: str | None = None) -> str | None:
    """The hash of an article's bytes, its catalog row and the extractor version; None for a file that
    is not a regular, readable file of sane size (a device, a pipe): it is always handed to the reader,
    whose checks name its problem, and never read whole here."""
    state = file_state(Path(path))
    return None if state is None else combine(state[-1], row, version)


# What ``file_state`` returns: size, modification and change times (ns), and the sha256 of the bytes (hex).
State = tuple[int, int, int, str]


def file_state(path: Path, known: State | None = None) -> State | None:
    """The file's size, times and content hash, None when it is not a regular file of sane size.

    The bytes are read and hashed only when the size or either time differs from ``known`` (what the
    last run recorded): an unchanged folder of 10,000 articles is then fingerprinted from ``stat`` alone.
    Why both times: an edit always moves the change time (``ctime``), which no tool can set back, even
    when it restores the modification time; only a same-size rewrite within one tick of the file
    system's clock (milliseconds) would go unseen — rarer than the edit of a catalog row, which always
    counts, as the extractor version does (``combine``)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HASHED:
            return None
        if known is not None and known[:3] == (info.st_size, info.st_mtime_ns, info.st_ctime_ns):
            return known
        data = path.read_bytes()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, hashlib.sha256(data).hexdigest()


def combine(content: str, row: dict | None, version: str | None = None) -> str:
    """The fingerprint from the bytes' hash (hex), the catalog row and the extractor version."""
    h = hashlib.sha256((version or extractor_version()).encode() + b"\0")
    h.update(bytes.fromhex(content))
    h.update(catalog_text(row).encode())
    return h.hexdigest()
