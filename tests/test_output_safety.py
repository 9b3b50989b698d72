"""Outputs never touch what they do not own (issue #10, findings 1, 9–13).

Every test names the finding it covers. The commands run as a user runs them (``analysis.cli.main`` in
process, or the report CLI in a subprocess for the notebook paths); the unit tests drive
``analysis.publish`` directly where a race or a kill has to be staged.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis import publish
from analysis.cli import main
from analysis.publish import MARKER, OutputError

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Title\nOn February 12, Russia launched a missile attack on Kyiv, killing one person.\n"


def make_seeds(folder: Path, articles: dict[str, str] | None = None, published: str = "2025-02-12") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    articles = articles or {"a.txt": ARTICLE}
    rows = "".join(f"{name},{published}\n" for name in articles)
    (folder / "catalog.csv").write_text("file,published\n" + rows, encoding="utf-8")
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def extract(*args: str) -> int:
    return main(["extract", *args, "--quiet", "--workers", "1"])


# -- finding 1: --out deletes whatever is in the target folder ------------------------------------------

def test_f1_out_equal_to_seeds_is_refused_and_the_articles_stay(tmp_path, capsys):
    seeds = make_seeds(tmp_path / "v")
    before = snapshot(seeds)
    assert extract(str(seeds), "--out", str(seeds)) == 2
    assert "is the seeds folder" in capsys.readouterr().err
    assert snapshot(seeds) == before


def test_f1_out_around_or_inside_seeds_is_refused(tmp_path, capsys):
    seeds = make_seeds(tmp_path / "work" / "seeds")
    (tmp_path / "work" / "notes.txt").write_text("mine")
    before = snapshot(tmp_path)
    assert extract(str(seeds), "--out", str(tmp_path / "work")) == 2
    assert "contains the seeds folder" in capsys.readouterr().err
    assert extract(str(seeds), "--out", str(seeds / "tables")) == 2
    assert "lies inside the seeds folder" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


def test_f1_out_holding_someone_elses_files_is_refused(tmp_path, capsys):
    seeds = make_seeds(tmp_path / "seeds")
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"years of work")
    assert extract(str(seeds), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "holds files newsframe did not write" in err and str(out) in err and err.count("\n") == 1
    assert (out / "thesis.docx").read_bytes() == b"years of work"


def test_f1_an_earlier_output_is_replaced_and_carries_the_marker(tmp_path):
    seeds = make_seeds(tmp_path / "seeds")
    out = tmp_path / "out"
    assert extract(str(seeds), "--out", str(out)) == 0
    assert (out / MARKER).is_file()
    assert extract(str(seeds), "--out", str(out)) == 0
    legacy = tmp_path / "legacy"              # written by a version without the marker: only table files
    shutil.copytree(out, legacy)
    (legacy / MARKER).unlink()
    assert extract(str(seeds), "--out", str(legacy)) == 0


def test_f1_report_never_replaces_the_seeds_folder(tmp_path):
    seeds = make_seeds(tmp_path / "seeds")
    before = snapshot(seeds)
    proc = subprocess.run([sys.executable, "-m", "analysis.cli", "report", "seeds", "--out", ".", "--name", "seeds",
                           "--format", "html", "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2, proc.stderr
    assert "is the seeds folder" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(seeds) == before


# -- finding 9: --name index.html breaks an output folder for good ------------------------------------------

@pytest.mark.parametrize("name", ["index.html", "brief.failed", "x.lock", ".hidden", "a/b"])
def test_f9_reserved_report_names_are_refused(tmp_path, name):
    from analysis.report.run import check_name

    with pytest.raises(OutputError, match="report name"):
        check_name(name)


def test_f9_an_index_html_folder_left_by_an_old_version_is_a_clear_error(tmp_path):
    from analysis.report.index import write_index

    (tmp_path / "index.html").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_index(tmp_path)


# -- finding 10: the swap into place is two renames --------------------------------------------------------

def test_f10_the_swap_is_one_exchange_and_the_output_never_disappears(tmp_path):
    target = tmp_path / "out"
    with publish.publishing(target) as work:
        (work / "events.csv").write_text("v0")
    seen_missing = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            if not (target / "events.csv").exists():
                seen_missing.append(True)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(1, 60):
            with publish.publishing(target) as work:
                (work / "events.csv").write_text(f"v{n}")
    finally:
        stop.set()
        thread.join()
    assert not seen_missing
    assert (target / "events.csv").read_text() == "v59"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]     # no lock, work or old folder left


def test_f10_exchange_puts_the_new_folder_in_place_by_inode(tmp_path):
    target, work = tmp_path / "out", tmp_path / "work"
    target.mkdir()
    work.mkdir()
    inode = work.stat().st_ino
    publish.swap(work, target)
    assert target.stat().st_ino == inode and not work.exists()


def test_f10_fallback_puts_the_old_output_back_when_the_last_rename_fails(tmp_path, monkeypatch):
    target, work = tmp_path / "out", tmp_path / "work"
    target.mkdir()
    (target / "old.csv").write_text("old")
    work.mkdir()
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    real_rename = Path.rename

    def failing(self, dest):
        if self == work:
            raise OSError("disk full")
        return real_rename(self, dest)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(OSError, match="disk full"):
        publish.swap(work, target)
    assert (target / "old.csv").read_text() == "old"


def test_f10_a_concurrent_run_fails_with_a_clear_message(tmp_path):
    target = tmp_path / "out"
    with publish.locked(target):
        with pytest.raises(OutputError, match="being written by another newsframe run"):
            with publish.publishing(target):
                pass


# -- finding 11: temp folders are never swept --------------------------------------------------------------

def test_f11_stale_temporaries_of_killed_runs_are_swept(tmp_path):
    target = tmp_path / "out"
    for stale in (".out.tmp-abc123", ".out.old-4242", ".out.failed-x1"):
        (tmp_path / stale).mkdir()
        (tmp_path / stale / "events.csv").write_text("half")
    (tmp_path / ".out.k2j3h4g5").mkdir()                 # mkdtemp name of an earlier version
    (tmp_path / ".out.k2j3h4g5" / "events.parquet").write_bytes(b"x")
    (tmp_path / ".out.settings").mkdir()                 # not ours: kept
    (tmp_path / ".out.settings" / "prefs.ini").write_text("keep")
    with publish.publishing(target) as work:
        (work / "events.csv").write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.settings", "out"]


def test_f11_browser_profiles_of_dead_runs_are_swept(tmp_path):
    from analysis.report.pdf import PROFILE_PREFIX, sweep_profiles

    dead, alive = tmp_path / f"{PROFILE_PREFIX}999999999-ab", tmp_path / f"{PROFILE_PREFIX}{os.getpid()}-cd"
    old, new = tmp_path / f"{PROFILE_PREFIX}k2j3", tmp_path / f"{PROFILE_PREFIX}x9y8"
    for folder in (dead, alive, old, new):
        (folder / "Default").mkdir(parents=True)
    os.utime(old, (0, 0))
    assert sorted(sweep_profiles(str(tmp_path))) == sorted([dead, old])
    assert alive.is_dir() and new.is_dir()


# -- finding 12: --keep-going with every article bad replaces a good output ---------------------------------

def test_f12_keep_going_with_every_article_bad_keeps_the_previous_output(tmp_path, capsys):
    seeds = make_seeds(tmp_path / "seeds")
    out = tmp_path / "out"
    assert extract(str(seeds), "--out", str(out)) == 0
    before = snapshot(out)
    (seeds / "a.txt").write_bytes(b"\xff\xfe not utf-8")
    assert extract(str(seeds), "--out", str(out), "--keep-going") == 1
    assert "no article could be read" in capsys.readouterr().err
    assert snapshot(out) == before


# -- finding 13: smaller things ----------------------------------------------------------------------------

def test_f13_extract_folder_gets_the_users_normal_permissions(tmp_path):
    seeds = make_seeds(tmp_path / "seeds")
    old = os.umask(0o022)
    try:
        assert extract(str(seeds), "--out", str(tmp_path / "out")) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755


def test_f13_csv_cells_cannot_start_a_formula_and_parquet_stays_verbatim(tmp_path):
    text = "Title\n=HYPERLINK(\"http://x\") On February 12, Russia launched a missile attack on Kyiv.\n"
    seeds = make_seeds(tmp_path / "seeds", {"a.txt": text})
    out = tmp_path / "out"
    assert extract(str(seeds), "--out", str(out)) == 0
    csv_text = pd.read_csv(out / "sentences.csv")["text"]
    assert not csv_text.str.match(r"^[=+\-@]").any()
    assert csv_text.str.startswith("'=HYPERLINK").any()
    parquet = pd.read_parquet(out / "sentences.parquet")
    assert parquet["text"].str.startswith("=HYPERLINK").any()
    article = (seeds / "a.txt").read_text()
    for row in parquet.itertuples():
        assert article[row.char_start:row.char_end] == row.text


def tiny_notebook(folder: Path) -> Path:
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    params = new_code_cell('seeds: str = "../seeds"  # articles\ntitle: str = "Tiny"  # heading')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_code_cell("from IPython.display import HTML\nHTML('<p>hello</p>')")]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "tiny.ipynb")
    return folder / "tiny.ipynb"


@pytest.mark.slow
def test_f13_failed_printing_keeps_the_html_and_the_index_lists_it(tmp_path, monkeypatch):
    from analysis.report import pdf
    from analysis.report.index import render
    from analysis.report.run import ReportFailed, run_report

    seeds = make_seeds(tmp_path / "seeds")
    notebook = tiny_notebook(tmp_path / "notebooks")

    def broken(html_path, pdf_path):
        raise pdf.BrowserError("chromium did not answer within 120 s")

    monkeypatch.setattr(pdf, "print_pdf", broken)
    monkeypatch.setattr(pdf, "shared_browser", lambda: None)
    with pytest.raises(ReportFailed, match="PDF printing failed") as info:
        run_report("t", notebook, {"seeds": str(seeds)}, tmp_path / "reports", ("html", "pdf"), seeds)
    failed = tmp_path / "reports" / "t.failed"
    assert "hello" in (failed / "t.html").read_text() and info.value.kept == failed / "t.html"
    assert not (tmp_path / "reports" / "t").exists()
    page = render(tmp_path / "reports")
    assert "Failed jobs" in page and "PDF printing failed" in page


@pytest.mark.slow
def test_f13_read_only_reports_with_nothing_to_rebuild_exit_0(tmp_path, monkeypatch, capsys):
    """Root writes into a chmod-555 folder, so the read-only file system is staged: any write into
    the reports folder raises, as it would there."""
    from analysis.report import index

    seeds = make_seeds(tmp_path / "seeds")
    notebook = tiny_notebook(tmp_path / "notebooks")
    args = ["report", str(seeds), "--out", str(tmp_path / "reports"), "--notebook", str(notebook),
            "--format", "html", "-q"]
    assert main(args) == 0

    def read_only(*a, **k):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(index, "write_file", read_only)
    monkeypatch.setattr(publish, "locked", read_only)
    capsys.readouterr()
    assert main(args) == 0
    assert "up to date" in capsys.readouterr().err
