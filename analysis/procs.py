"""Process lifecycle: what newsframe starts dies with it, and a killed run publishes nothing.

Three mechanisms, because a parent can end in three ways:

- **SIGTERM / SIGINT** of the parent: ``stop_on_signals()`` turns them into a clean stop — child processes
  (pool workers, Jupyter kernels, Chromium) are terminated, then killed after a grace period, and the
  parent exits 143 (SIGTERM) or raises KeyboardInterrupt (the CLI exits 130).
- **SIGKILL** of the parent (nothing runs in it): ``worker_init`` and ``die_with_parent`` ask Linux to
  signal the child when its parent dies (``prctl(PR_SET_PDEATHSIG)``).
- **A worker outliving its parent** anyway (the signal raced, another OS): ``check_parent()`` raises
  before a job starts and before it publishes, so a report never appears after its run was killed.

Linux only where it must be (prctl, /proc); elsewhere the functions do nothing and runs behave as before.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger("newsframe")

PR_SET_PDEATHSIG = 1
GRACE = 5.0        # seconds a terminated child gets to clean up before SIGKILL
BACKSTOP = 15.0    # seconds after a stop signal at which the process exits whatever it is doing

_parent: int | None = None      # the pool parent of this worker (None outside a pool worker)
_stopping = False               # a stop signal arrived in this worker: leave once the job has cleaned up
_timer: threading.Timer | None = None   # the pending backstop exit, once a stop signal arrived


class ParentGone(RuntimeError):
    """The process that started this worker has died: its results would be orphans."""


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, which a container or taskset narrows)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def cap_workers(requested: int, what: str = "workers") -> int:
    """``requested`` processes, but no more than the cores: more only add memory (each worker holds
    the lexicons, or a kernel and a browser) and contention, never speed."""
    cores = available_cores()
    if requested > cores:
        log.warning("%d %s asked for, capped to %d (the cores available)", requested, what, cores)
        return cores
    return max(1, requested)


def die_with_parent(sig: int = signal.SIGKILL, parent_pid: int | None = None) -> None:
    """Have Linux send ``sig`` to this process when its parent dies, even by SIGKILL.

    The kernel ties this to the parent *thread* that forked us, so start workers from a thread that lives
    as long as they should (the main thread). If the parent already died before this call, act now.
    """
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        return
    if parent_pid is not None and not parent_alive(parent_pid):
        os.kill(os.getpid(), sig)


def parent_alive(expected_ppid: int) -> bool:
    """Whether the process that started us is still our parent (a dead one's children are re-parented)."""
    return os.getppid() == expected_ppid


def check_parent() -> None:
    """Raise ``ParentGone`` in a pool worker whose parent has died; do nothing elsewhere."""
    if _parent is not None and not parent_alive(_parent):
        raise ParentGone(f"the newsframe process {_parent} that started this job has died — nothing published")


def worker_init(parent_pid: int, clean: bool = False) -> None:
    """Pool initializer: die with the parent, leave Ctrl-C to it (no traceback per worker), and with
    ``clean`` turn SIGTERM into a clean stop (kernel and browser killed, the job's temporary folder
    removed) instead of an instant death. Workers with nothing to clean up just die."""
    global _parent
    _parent = parent_pid
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker if clean else signal.SIG_DFL)
    die_with_parent(signal.SIGTERM if clean else signal.SIGKILL, parent_pid)


def _stop_worker(signum, frame) -> None:
    """SIGTERM in a job worker: kill what it started, then unwind the job (its ``finally`` blocks run)."""
    global _stopping
    _stopping = True
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _backstop(128 + signum)
    stop_children(grace=1.0)
    raise SystemExit(128 + signum)


def exit_if_stopping() -> None:
    """After a job unwound from a stop signal, leave: the pool would otherwise wait for the next job."""
    if _stopping:
        os._exit(143)


def _backstop(code: int) -> None:
    """Exit with ``code`` after ``BACKSTOP`` seconds, should cleaning up ever hang."""
    global _timer
    _timer = threading.Timer(BACKSTOP, os._exit, (code,))
    _timer.daemon = True
    _timer.start()


def _cancel_backstop() -> None:
    """The stop has unwound: whoever called us (an interactive session after Ctrl-C) lives on."""
    global _timer
    if _timer is not None:
        _timer.cancel()
        _timer = None


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of ``pid`` from /proc, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1]), int(fields[2])


def children() -> list[tuple[int, int]]:
    """(pid, process group) of this process's living children — pool workers, kernels, Chromium —
    except multiprocessing's resource tracker, which exits by itself once its users are gone and must
    outlive them to unlink their semaphores."""
    if not os.path.isdir("/proc/self"):
        return []
    from multiprocessing import resource_tracker

    tracker = getattr(resource_tracker._resource_tracker, "_pid", None)
    me, found = os.getpid(), []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and int(entry.name) != tracker:
            stat = _stat(int(entry.name))
            if stat and stat[1] == me and stat[0] != "Z":
                found.append((int(entry.name), stat[2]))
    return found


def _signal(pid: int, pgid: int, sig: int) -> None:
    """Signal a child, and its whole group when it leads one of its own (a kernel's session, Chromium)."""
    try:
        if pgid == pid and pgid != os.getpgrp():
            os.killpg(pgid, sig)
        else:
            os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def stop_children(grace: float = GRACE, spare: frozenset = frozenset()) -> None:
    """SIGTERM every child (and its group) but those in ``spare``, SIGKILL those still there after
    ``grace`` seconds."""
    kids = [(pid, pgid) for pid, pgid in children() if pid not in spare]
    for pid, pgid in kids:
        _signal(pid, pgid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    left = kids
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = [(pid, pgid) for pid, pgid in left if _is_child(pid)]
    for pid, pgid in left:
        _signal(pid, pgid, signal.SIGKILL)


def _is_child(pid: int) -> bool:
    stat = _stat(pid)
    return bool(stat) and stat[1] == os.getpid() and stat[0] != "Z"


def _stop_parent(spare: frozenset, signum, frame) -> None:
    """SIGTERM / SIGINT in the parent: stop the children but those in ``spare`` (they were there before:
    not ours to stop), then leave through the normal exit path."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_IGN)
    _backstop(128 + signum)
    os.write(2, f"\nnewsframe: {signal.Signals(signum).name} received, stopping\n".encode())
    stop_children(spare=spare)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def stop_on_signals():
    """While inside: SIGTERM or SIGINT stops the children started inside (pool workers, kernels,
    Chromium) before this process leaves, so pending jobs never start and nothing is left running. Pool
    futures that had not finished end as BrokenProcessPool, which the unwinding ignores. A signal this
    process was started ignoring stays ignored (a shell's ``cmd &`` ignores Ctrl-C); off the main thread
    this does nothing (Python only lets the main thread handle signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    previous = {sig: handler for sig, handler in previous.items() if handler is not signal.SIG_IGN}
    stop = functools.partial(_stop_parent, frozenset(pid for pid, _ in children()))
    for sig in previous:
        signal.signal(sig, stop)
    try:
        yield
    finally:
        _cancel_backstop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
