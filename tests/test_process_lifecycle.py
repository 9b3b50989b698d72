"""What newsframe starts dies with it: SIGTERM, Ctrl-C or SIGKILL of a run stops its pool workers,
Jupyter kernels and Chromium, and a job whose run has died publishes nothing. Also: bad seeds folders
are exit 2 whatever the worker count, worker counts are capped at the cores, and a missing Chromium is
reported before any notebook runs.

Every kill test starts its command in a session of its own, waits with bounded sleeps, and kills
whatever it started in ``finally`` even when an assertion failed."""
from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis import procs

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_52c535ecba3a03e2.txt"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

linux_only = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc and prctl")
two_cores = pytest.mark.skipif(procs.available_cores() < 2, reason="--workers 2 is capped to 1 on one core")


# -- watching processes through /proc (a zombie counts as gone: only its reaper can remove it) -------
def _stat(pid: int) -> tuple[str, int, int, str] | None:
    """(state, parent pid, process group, start time) of a process, or None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], int(fields[1]), int(fields[2]), fields[19]


def _table() -> dict[int, tuple[str, int, int, str]]:
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (stat := _stat(int(name))):
            table[int(name)] = stat
    return table


def _descendants(root: int) -> dict[int, str]:
    """pid → start time of every living descendant of ``root``."""
    table, found, todo = _table(), {}, [root]
    while todo:
        parent = todo.pop()
        for pid, (state, ppid, _, start) in table.items():
            if ppid == parent and pid not in found and state != "Z":
                found[pid] = start
                todo.append(pid)
    return found


def _living(pids: dict[int, str]) -> list[int]:
    """The processes of ``pids`` still running (same pid and start time: not a reused pid)."""
    return [pid for pid, start in pids.items() if (s := _stat(pid)) and s[0] != "Z" and s[3] == start]


def _group(pgid: int) -> list[int]:
    return [pid for pid, (state, _, group, _) in _table().items() if group == pgid and state != "Z"]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _wait_for(predicate, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


def _kill_all(proc: subprocess.Popen, seen: dict[int, str]) -> None:
    """Cleanup for a failing test: SIGKILL the command's session group and everything it started."""
    for pid in [proc.pid, *_living(seen)]:
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _start(args: list[str], log: Path, cwd: Path = ROOT) -> subprocess.Popen:
    """``newsframe ARGS`` in a session of its own (its process group id is its pid), stderr into ``log``:
    a pipe would block the test when an orphaned worker holds it open."""
    with open(log, "wb") as sink:
        return subprocess.Popen([sys.executable, "-m", "analysis.cli", *map(str, args)], cwd=cwd, env=ENV,
                                start_new_session=True, stdout=subprocess.DEVNULL, stderr=sink)


# -- extract ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def many_articles(tmp_path_factory) -> Path:
    """600 copies of the seed article: most of a minute of work for two workers, so a kill lands
    mid-run and a run that finished its work instead of stopping takes too long."""
    folder = tmp_path_factory.mktemp("many")
    rows = ["file,published"]
    for i in range(600):
        shutil.copy(SEED, folder / f"a{i:03d}.txt")
        rows.append(f"a{i:03d}.txt,2025-02-12")
    (folder / "catalog.csv").write_text("\n".join(rows) + "\n")
    return folder


def _extract_with_two_workers(seeds: Path, out: Path) -> tuple[subprocess.Popen, dict[int, str]]:
    proc = _start(["extract", seeds, "--out", out, "--workers", "2", "--quiet"], out.with_name("stderr.log"))
    seen: dict[int, str] = {}

    def workers_up() -> bool:
        seen.update(_descendants(proc.pid))
        return len(_living(seen)) >= 2 or proc.poll() is not None

    try:
        assert _wait_for(workers_up, 60) and proc.poll() is None, "extract never had its two workers running"
    except BaseException:
        _kill_all(proc, seen)
        raise
    return proc, seen


@linux_only
@two_cores
def test_terminated_extract_stops_its_workers(many_articles, tmp_path):
    proc, seen = _extract_with_two_workers(many_articles, tmp_path / "out")
    try:
        proc.terminate()
        status = proc.wait(timeout=10)
        assert status == 143, (tmp_path / "stderr.log").read_text()
        assert _wait_for(lambda: not _group(proc.pid), 10), f"left running: {_group(proc.pid)}"
        assert not (tmp_path / "out").exists()
    finally:
        _kill_all(proc, seen)


@linux_only
@two_cores
def test_workers_die_with_a_killed_extract(many_articles, tmp_path):
    proc, seen = _extract_with_two_workers(many_articles, tmp_path / "out")
    try:
        proc.kill()
        proc.wait(timeout=10)
        assert _wait_for(lambda: not _living(seen), 10), f"workers outlived their parent: {_living(seen)}"
    finally:
        _kill_all(proc, seen)


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_bad_seeds_folder_is_exit_2_with_workers(tmp_path, kind):
    seeds = tmp_path / "nowhere"
    if kind == "file":
        seeds.write_text("not a folder\n")
    result = subprocess.run([sys.executable, "-m", "analysis.cli", "extract", str(seeds), "--out",
                             str(tmp_path / "out"), "--workers", "2", "--quiet"],
                            capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=120)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(seeds) in lines[0]
    assert ("folder not found" if kind == "missing" else "is not a folder") in lines[0]


class _Recorded(Exception):
    """Raised by a stand-in pool once it has recorded how many workers it was asked for."""


def _recording_pool(calls: list):
    def pool(*args, **kwargs):
        calls.append(kwargs.get("max_workers", args[0] if args else None))
        raise _Recorded

    return pool


def test_extract_workers_are_capped_at_the_cores(monkeypatch, caplog):
    from analysis import corpus

    calls: list = []
    monkeypatch.setattr(procs, "available_cores", lambda: 2)
    monkeypatch.setattr(corpus, "ProcessPoolExecutor", _recording_pool(calls))
    with caplog.at_level(logging.WARNING, logger="newsframe"), pytest.raises(_Recorded):
        corpus.extract(ROOT / "seeds", workers=64)
    assert calls == [2]
    assert "64 workers asked for, capped to 2" in caplog.text


def test_report_jobs_are_capped_at_the_cores(monkeypatch, caplog, tmp_path):
    from analysis.report import jobs as J

    calls: list = []
    monkeypatch.setattr(procs, "available_cores", lambda: 2)
    monkeypatch.setattr(J, "ProcessPoolExecutor", _recording_pool(calls))
    monkeypatch.setattr(J, "warm_cache", lambda todo: None)
    notebook = ROOT / "notebooks" / "brief.ipynb"
    todo = [J.Job(name, notebook, ROOT / "seeds", {}, ("html",), name) for name in ("a", "b", "c")]
    with caplog.at_level(logging.WARNING, logger="newsframe"), pytest.raises(_Recorded):
        J.run_jobs(todo, tmp_path / "out", workers=64, progress=False)
    assert calls == [2]
    assert "64 report jobs at once asked for, capped to 2" in caplog.text


# -- a job whose run died publishes nothing -----------------------------------------------------------
def test_parent_check():
    assert procs.parent_alive(os.getppid())
    assert not procs.parent_alive(-1)
    procs.check_parent()   # outside a pool worker: nothing to check


def test_job_of_a_dead_run_neither_starts_nor_publishes(monkeypatch, tmp_path):
    from analysis.report import jobs as J
    from analysis.report import run as R

    guards: list = []
    monkeypatch.setattr(R, "run_report", lambda *a, **kw: guards.append(kw.get("guard")))
    job = J.Job("brief", ROOT / "notebooks" / "brief.ipynb", ROOT / "seeds", {}, ("html",), "Brief")
    monkeypatch.setattr(procs, "_parent", os.getppid())      # a pool worker whose parent is alive
    assert J.run_one(job, str(tmp_path)).status == "ok"
    assert guards == [procs.check_parent]                     # run_report checks again before publishing
    monkeypatch.setattr(procs, "_parent", -1)                 # ... and one whose parent has died
    with pytest.raises(procs.ParentGone):
        guards[0]()
    with pytest.raises(procs.ParentGone):
        J.run_one(job, str(tmp_path))
    assert len(guards) == 1                                   # the second job never started


# -- report: kernels, Chromium, publishing --------------------------------------------------------------
@pytest.fixture()
def slow_project(tmp_path) -> Path:
    """A reports.toml of two HTML + PDF jobs whose notebook sleeps 5 s: kernels and browsers are up
    while it sleeps, and a job that outlived its run would publish right after."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "catalog.csv").write_text("file,published\na.txt,2025-02-12\n")
    (tmp_path / "seeds" / "a.txt").write_text("Title\nOn February 12, Russia launched a missile attack on Kyiv.\n")
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    params = new_code_cell('seeds: str = "seeds"  # articles\ntitle: str = "Slow"  # heading')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_code_cell("import time\ntime.sleep(5)")]
    nbformat.write(nb, tmp_path / "slow.ipynb")
    (tmp_path / "reports.toml").write_text('notebook = "slow.ipynb"\nseeds = "seeds"\nformats = ["html", "pdf"]\n'
                                           '[[job]]\nname = "one"\n[[job]]\nname = "two"\n')
    return tmp_path


@linux_only
@two_cores
@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killed_report_run_leaves_nothing_running_and_publishes_nothing(slow_project, sig):
    proc = _start(["report", "--config", slow_project / "reports.toml", "--jobs", "2", "--quiet"],
                  slow_project / "stderr.log", cwd=slow_project)
    seen: dict[int, str] = {}

    def kernels_up() -> bool:
        seen.update(_descendants(proc.pid))
        kernels = [pid for pid in _living(seen) if "ipykernel" in _cmdline(pid)]
        return len(kernels) >= 2 or proc.poll() is not None

    try:
        assert _wait_for(kernels_up, 120) and proc.poll() is None, "the two jobs never had their kernels running"
        assert any("chromium" in _cmdline(pid) for pid in _living(seen)), "no Chromium was started"
        signalled = time.monotonic()
        proc.send_signal(sig)
        assert proc.wait(timeout=30) != 0
        assert _wait_for(lambda: not _living(seen), 15), \
            f"left running: {[_cmdline(pid)[:80] for pid in _living(seen)]}"
        time.sleep(max(0.0, signalled + 12 - time.monotonic()))   # the notebooks would have ended by now
        published = [p.name for p in (slow_project / "reports").glob("*") if p.name in ("one", "two")]
        assert not published, f"published after the run was killed: {published}"
    finally:
        _kill_all(proc, seen)


BROWSER_OWNER = """
import sys, time
from analysis.report.pdf import Browser
browser = Browser()
print(browser.proc.pid, flush=True)
time.sleep(120)
"""


@linux_only
@pytest.mark.slow
def test_hung_chromium_dies_with_the_process_that_started_it():
    """A browser stuck on a page (here: stopped) never notices its DevTools pipe closing; it must die
    with the process that started it all the same, and its helper processes with it."""
    from analysis.report.pdf import ChromiumMissing, find_chromium

    try:
        find_chromium()
    except ChromiumMissing:
        pytest.skip("no Chromium installed")
    owner = subprocess.Popen([sys.executable, "-c", BROWSER_OWNER], cwd=ROOT, env=ENV, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seen: dict[int, str] = {}

    def chromium_up() -> bool:
        seen.update(_descendants(owner.pid))
        return len(_living(seen)) >= 3 or owner.poll() is not None   # the browser and its first helpers

    try:
        browser = owner.stdout.readline().strip()
        assert browser.isdigit(), "the browser did not start"
        assert _wait_for(chromium_up, 60) and owner.poll() is None
        os.kill(int(browser), signal.SIGSTOP)
        owner.kill()
        owner.wait(timeout=10)
        assert _wait_for(lambda: not _living(seen), 15), \
            f"Chromium outlived its owner: {[_cmdline(pid)[:80] for pid in _living(seen)]}"
    finally:
        _kill_all(owner, seen)


def test_missing_chromium_is_reported_before_any_notebook_runs(monkeypatch, tmp_path, capsys):
    from analysis.cli import main
    from analysis.report import jobs as J

    ran: list = []
    monkeypatch.setattr(J, "run_jobs", lambda *a, **kw: ran.append(a) or [])
    monkeypatch.setenv("NEWSFRAME_CHROMIUM", "/nonexistent")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\nOn February 12, Russia launched a missile attack on Kyiv.\n")
    status = main(["report", str(tmp_path / "seeds"), "--out", str(tmp_path / "reports"), "--format", "pdf", "-q"])
    err = capsys.readouterr().err
    assert status == 2 and not ran, err
    assert "NEWSFRAME_CHROMIUM=/nonexistent" in err and err.count("\n") == 1
