"""Publishing an output folder: ownership, one lock, one atomic swap, and sweeping what killed runs left.

Why: every run replaces its output folder whole, so newsframe must

- never replace a folder it does not own. An output folder is new, empty, or carries the marker file
  ``.newsframe-output`` that newsframe writes into everything it publishes; and it is never the seeds
  folder, inside it, or around it (``newsframe extract seeds --out seeds`` would delete the articles);
- never leave the visible output missing. The finished work folder and the old output are exchanged in
  one ``renameat2(RENAME_EXCHANGE)`` call, so a reader, a kill or a concurrent run sees the old folder or
  the new one, never neither (a plain rename does the same when there is no old folder);
- let one run write a target at a time (``.NAME.lock`` beside it, an ``flock``), and
- sweep the work folders (``.NAME.tmp-*``) and old outputs (``.NAME.old-*``) that a killed run left.

Example::

    >>> with publishing(Path("reports/data"), seeds=Path("seeds")) as work:    # doctest: +SKIP
    ...     (work / "events.csv").write_text("...")
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from analysis.errors import NewsframeError

MARKER = ".newsframe-output"
AT_FDCWD = -100
RENAME_EXCHANGE = 2
# Temporaries of this module and of earlier versions (``.NAME.tmp-*``, ``.NAME.old-*``,
# ``.NAME.failed-*`` and tempfile.mkdtemp's ``.NAME.xxxxxxxx``).
_STALE = r"\.{name}\.(?:tmp-.*|old-.*|failed-.*|[a-z0-9_]{{8}})"


class OutputError(NewsframeError):
    """An output folder that newsframe must not, or cannot, write."""


def _fix() -> str:
    return "choose a new or empty folder, or one an earlier newsframe run wrote"


def _relation(target: Path, seeds: Path) -> str | None:
    """How ``target`` overlaps the seeds folder, if it does: 'is', 'lies inside' or 'contains'."""
    t, s = target.resolve(), seeds.resolve()
    if t == s:
        return "is"
    if s in t.parents:
        return "lies inside"
    if t in s.parents:
        return "contains"
    return None


def check_target(target: Path, seeds: Path | None = None, owned: Callable[[Path], bool] | None = None,
                 what: str = "--out") -> None:
    """Refuse an output folder newsframe does not own, with a one-line message naming it and the fix.

    ``owned(folder)`` recognises outputs of earlier versions that carry no marker (their exact files)."""
    target = Path(target)
    if seeds is not None:
        relation = _relation(target, Path(seeds))
        if relation:
            raise OutputError(f"{what} {target} {relation} the seeds folder {seeds}: writing it would replace "
                              f"articles — {_fix()} outside the seeds folder")
    if target.is_symlink() and not target.exists():
        raise OutputError(f"{what} {target} is a broken symbolic link — remove it or {_fix()}")
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputError(f"{what} {target} is a file, not a folder — {_fix()}")
    if (target / MARKER).is_file() or not any(target.iterdir()) or (owned is not None and owned(target)):
        return
    raise OutputError(f"{what} {target} holds files newsframe did not write (no {MARKER} marker), "
                      f"and publishing would replace them — {_fix()}")


@contextlib.contextmanager
def locked(target: Path) -> Iterator[Path]:
    """Hold ``.NAME.lock`` beside ``target`` for one run; a second run fails with a clear message.

    The lock file is removed on release. A run that opened it just before may then hold a lock on a
    deleted file, so after locking, the path must still name the locked file, or the run tries again."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    path = target.parent / f".{target.name}.lock"
    fd = _lock_file(path, target)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)   # closing releases the flock


def _lock_file(path: Path, target: Path) -> int:
    """An open, flock'ed descriptor of ``path`` that the path still names."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise OutputError(f"{target} is being written by another newsframe run (pid {holder}) — wait for it "
                              "to finish, or give another output folder") from None
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)


def sweep(target: Path) -> list[Path]:
    """Remove the work folders and old outputs that killed runs left beside ``target`` (call it while
    holding the lock: a live run's work folder is then never among them)."""
    target = Path(target)
    pattern = re.compile(_STALE.format(name=re.escape(target.name)))
    gone = []
    for path in target.parent.iterdir() if target.parent.is_dir() else ():
        if pattern.fullmatch(path.name) and path.is_dir() and not path.is_symlink() and _ours(path):
            shutil.rmtree(path, ignore_errors=True)
            gone.append(path)
    return gone


def _ours(folder: Path) -> bool:
    """A temporary of ours: marked, or (earlier versions) named ``-tmp``/``-old``/``-failed``, or holding
    only table and report files."""
    if (folder / MARKER).is_file() or re.search(r"\.(?:tmp|old|failed)-", folder.name):
        return True
    return all(p.suffix in (".csv", ".parquet", ".html", ".pdf", ".ipynb", ".json", ".txt") for p in folder.iterdir())


def work_folder(target: Path) -> Path:
    """A marked work folder beside ``target`` (same file system, so the swap is atomic), with the
    user's normal permissions once published (mkdtemp's 0700 would hide reports from a web server)."""
    target = Path(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)
    (tmp / MARKER).write_text("written by newsframe; the folder is replaced whole on each run\n", encoding="utf-8")
    return tmp


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    if fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _two_renames(tmp: Path, target: Path) -> None:
    """The fallback: old output aside, new one in, and the old one back if the second rename fails."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    target.rename(old)
    try:
        tmp.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def swap(tmp: Path, target: Path) -> None:
    """Put ``tmp`` in ``target``'s place atomically; the old output is deleted afterwards."""
    if not target.exists() and not target.is_symlink():
        tmp.rename(target)
        return
    if _exchange(tmp, target):
        shutil.rmtree(tmp, ignore_errors=True)   # tmp now holds the old output
        return
    _two_renames(tmp, target)


@contextlib.contextmanager
def publishing(target: Path, seeds: Path | None = None, owned: Callable[[Path], bool] | None = None,
               guard: Callable[[], None] | None = None, what: str = "--out") -> Iterator[Path]:
    """Check ``target``, lock it, sweep stale temporaries, and yield a work folder that is swapped into
    place when the block ends without error. ``guard()`` runs just before the swap and may raise to
    stop publishing (a worker whose parent died must not publish)."""
    target = Path(target)
    check_target(target, seeds, owned, what)
    with locked(target):
        sweep(target)
        check_target(target, seeds, owned, what)   # again, now that no other run can change it
        tmp = work_folder(target)
        try:
            yield tmp
            if guard is not None:
                guard()
            swap(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def write_file(path: Path, data: str | bytes, mode: int = 0o644) -> Path:
    """Replace one file atomically (temporary file beside it, then ``os.replace``): readers see the old
    file or the new one, and a killed run leaves no half-written file under the real name."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
