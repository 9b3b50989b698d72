"""`newsframe extract` / `evaluate` as a user runs them: outputs, bad input, atomic writes, --keep-going."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.schemas import TABLES

ROOT = Path(__file__).resolve().parents[1]
SEED = "000_52c535ecba3a03e2.txt"


def run(*args):
    """The installed console script, as cron would run it."""
    exe = Path(sys.executable).with_name("newsframe")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


def test_extract_writes_every_table_as_csv_and_parquet(seeds, tmp_path):
    out = tmp_path / "out"
    result = run("extract", str(seeds), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    for name in TABLES:
        csv = pd.read_csv(out / f"{name}.csv")
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert len(csv) == len(parquet)
    events = pd.read_parquet(out / "events.parquet")
    assert {"attack", "air_defense", "diplomacy", "military_support"} <= set(events.category)
    assert str(events.event_date.dtype).startswith("datetime64") and str(events.weapon_count.dtype) == "Int64"
    assert "wrote" in result.stderr and "events" in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no temp folder left


def test_help_explains(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--keep-going" in out and "CSV and Parquet" in out


def one_line_error(result, *needles):
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def write_catalog(folder, rows):
    (folder / "catalog.csv").write_text("file,published,title,outlet,url,timezone\n" + "".join(r + "\n" for r in rows),
                                        encoding="utf-8")


@pytest.mark.parametrize("case", ["missing_date", "not_in_catalog", "missing_file", "absolute", "dotdot",
                                  "malformed_csv", "not_utf8", "empty", "huge", "binary"])
def test_bad_input_is_one_line_naming_file_and_fix(case, seeds, tmp_path):
    out = tmp_path / "out"
    art = seeds / SEED
    if case == "missing_date":
        write_catalog(seeds, [f"{SEED},,title,,,Europe/Kyiv"])
        needles = (SEED, "catalog.csv:2", "published")
    elif case == "not_in_catalog":
        (seeds / "extra.txt").write_text("Title\nRussia struck Kyiv on Monday.\n", encoding="utf-8")
        needles = ("extra.txt", "published")
    elif case == "missing_file":
        write_catalog(seeds, [f"{SEED},2025-02-12,,,,", "gone.txt,2025-02-12,,,,"])
        needles = ("catalog.csv:3", "gone.txt")
    elif case == "absolute":
        write_catalog(seeds, [f"{SEED},2025-02-12,,,,", "/etc/passwd,2025-02-12,,,,"])
        needles = ("catalog.csv:3",)
    elif case == "dotdot":
        write_catalog(seeds, [f"../{SEED},2025-02-12,,,,"])
        needles = ("catalog.csv:2", "..")
    elif case == "malformed_csv":
        write_catalog(seeds, [f'{SEED},2025-02-12,"unterminated,,,'])
        needles = ("catalog.csv",)
    elif case == "not_utf8":
        art.write_bytes("Title\nKyiv was hit \u2014 badly.\n".encode("cp1252"))
        needles = (SEED, "UTF-8")
    elif case == "empty":
        art.write_text("  \n\n", encoding="utf-8")
        needles = (SEED, "empty")
    elif case == "huge":
        with open(art, "wb") as f:
            f.truncate(20 * 1024 * 1024)
        needles = (SEED, "MB")
    elif case == "binary":
        art.write_bytes(os.urandom(4096))
        needles = (SEED,)
    line = one_line_error(run("extract", str(seeds), "--out", str(out), "--quiet"), *needles)
    assert " — " in line  # the fix follows the problem
    assert not out.exists()  # nothing half-written


def test_failed_run_keeps_previous_output(seeds, tmp_path):
    out = tmp_path / "out"
    assert run("extract", str(seeds), "--out", str(out), "--quiet").returncode == 0
    before = (out / "events.csv").read_bytes()
    (seeds / SEED).write_bytes(b"\x00\x01binary")
    assert run("extract", str(seeds), "--out", str(out), "--quiet").returncode == 2
    assert (out / "events.csv").read_bytes() == before


def test_keep_going_reports_bad_article_and_processes_the_rest(tmp_path):
    folder = tmp_path / "gold"
    shutil.copytree(ROOT / "tests" / "gold", folder)
    (folder / "A2_independence-day-live.txt").write_bytes(b"\xff\xfe\x00junk")
    out = tmp_path / "out"
    result = run("extract", str(folder), "--out", str(out), "--keep-going", "--quiet")
    assert result.returncode == 1
    assert "A2_independence-day-live.txt" in result.stderr and "skipped" in result.stderr
    articles = pd.read_csv(out / "articles.csv")
    assert len(articles) == 3 and "A2_independence-day-live" not in set(articles.article_id)


def test_rerun_is_idempotent(seeds, tmp_path):
    out = tmp_path / "out"
    assert run("extract", str(seeds), "--out", str(out), "--quiet").returncode == 0
    first = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    assert run("extract", str(seeds), "--out", str(out), "--quiet", "--workers", "2").returncode == 0
    assert first == {p.name: p.read_bytes() for p in out.glob("*.csv")}


def test_extract_from_the_command_line_exits_at_once_and_a_caller_keeps_its_process(seeds, tmp_path, monkeypatch):
    left: list = []
    monkeypatch.setattr(os, "_exit", left.append)
    assert main(["extract", str(seeds), "--out", str(tmp_path / "a"), "--quiet"]) == 0 and left == []
    monkeypatch.setattr(sys, "argv", ["newsframe", "extract", str(seeds), "--out", str(tmp_path / "b"), "--quiet"])
    main()
    assert left == [0] and (tmp_path / "b" / "events.csv").is_file()


def test_evaluate_prints_scores_and_enforces_thresholds():
    result = run("evaluate", str(ROOT / "tests" / "gold"), "--min-recall", "0.85", "--min-precision", "0.8",
                 "--min-attributes", "0.8")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "overall" in result.stdout and "recall" in result.stdout
    for article in ("000_52c535ecba3a03e2", "A1_kharkiv", "A2_independence", "A3_march"):
        assert article in result.stdout


def test_evaluate_on_folder_without_gold_is_a_clear_error(tmp_path):
    one_line_error(run("evaluate", str(tmp_path)), str(tmp_path), "gold.json")
