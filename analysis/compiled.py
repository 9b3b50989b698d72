"""Large regular expressions compiled once per machine, not once per process.

The lexicons build a few patterns of tens of thousands of characters (the casualty phrases, the weapon
phrases, the trigger and actor tries). Python's ``re`` parses and compiles each of them anew in every
process, which is most of a start-up: about a second before the first article, on every ``newsframe``
command, every worker of a re-run and every test session. ``compile`` keeps the compiled program of such
a pattern on disk, in the cache folder the gazetteer's index uses (``gazetteer.cache_dir``), and builds
the pattern object from it next time.

The program is what ``re`` itself would hand to its engine (``re._compiler``: the parsed pattern turned
into code), keyed by a hash of the pattern, its flags and the interpreter's version and engine magic, so
a file is only ever read by the interpreter that wrote it. The engine checks a program before it accepts
it; a file that is missing, unreadable, truncated or refused is ignored, and the pattern compiled the
ordinary way. A pattern object made either way matches alike: the same program runs.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from array import array
from pathlib import Path

import _sre
from re import _compiler, _parser

# Patterns shorter than this compile in a millisecond or two: the file would cost as much as it saves.
MIN_CHARS = 4000
# Days a program file may stay unused before a run that writes one removes it (lexicon edits leave old ones).
STALE_DAYS = 30
_PREFIX = "regex-"


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, read from the cache when a large pattern was compiled before.
    Errors are ``re.compile``'s own (a bad pattern raises ``re.error`` as usual)."""
    flags = int(flags)
    if len(pattern) < MIN_CHARS or array("I").itemsize != _sre.CODESIZE:
        return re.compile(pattern, flags)
    path = _path(pattern, flags)
    try:
        return _load(path, pattern)
    except Exception:   # missing, truncated, from another interpreter, refused by the engine: compile it
        pass
    compiled = re.compile(pattern, flags)
    try:
        _store(path, pattern, flags)
    except Exception:   # a read-only or full disk only costs the next start-up its compile time
        pass
    return compiled


def _path(pattern: str, flags: int) -> Path:
    from analysis.gazetteer import cache_dir

    key = hashlib.sha256(f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{flags}|{pattern}".encode()).hexdigest()[:32]
    return cache_dir() / "regex" / f"{_PREFIX}{key}.bin"


def _load(path: Path, pattern: str) -> re.Pattern:
    """The pattern object from its program file: a header line (JSON) then the code as 32-bit words."""
    data = path.read_bytes()
    head, _, body = data.partition(b"\n")
    meta = json.loads(head)
    code = array("I")
    code.frombytes(body)
    if len(code) != meta["size"]:
        raise ValueError("truncated program file")
    indexgroup = tuple(meta["indexgroup"])
    return _sre.compile(pattern, meta["flags"], code.tolist(), meta["groups"] - 1, meta["groupindex"], indexgroup)


def _store(path: Path, pattern: str, flags: int) -> None:
    """Write the program ``re`` makes of ``pattern`` (as ``re._compiler.compile`` does) atomically."""
    from analysis.publish import write_file

    parsed = _parser.parse(pattern, flags)
    code = array("I", _compiler._code(parsed, flags))
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    meta = {"flags": flags | parsed.state.flags, "groups": parsed.state.groups, "groupindex": groupindex,
            "indexgroup": indexgroup, "size": len(code)}
    path.parent.mkdir(parents=True, exist_ok=True)
    _prune(path.parent)
    write_file(path, json.dumps(meta).encode() + b"\n" + code.tobytes())


def _prune(folder: Path) -> None:
    """Remove program files unused for ``STALE_DAYS`` (patterns of lexicons since edited). The folder is
    shared by every checkout on the machine, so a file another one still uses is left alone."""
    cutoff = time.time() - STALE_DAYS * 86400
    for old in folder.glob(f"{_PREFIX}*.bin"):
        try:
            if max(old.stat().st_mtime, old.stat().st_atime) < cutoff:
                old.unlink(missing_ok=True)
        except OSError:
            pass
