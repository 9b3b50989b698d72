"""`newsframe extract --engine dask`: per-article extraction on a Dask cluster writes the same store and
tables as a serial run (here a LocalCluster in this process; a real cluster only differs in its address)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.schemas import TABLES
from analysis.store import update
from test_store import add, flat, seeds  # noqa: F401 — the store tests' seeds folder (a fixture)

distributed = pytest.importorskip("dask.distributed")


def test_dask_engine_gives_the_serial_tables(seeds, tmp_path):
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        outcome = update(seeds, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
        assert outcome.stats.reextracted == 5
        add(seeds, "zz-strike-radio.txt")
        again = update(seeds, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
        assert again.stats.reextracted == 1
    update(seeds, tmp_path / "serial", workers=1)
    a, b = flat(tmp_path / "dask"), flat(tmp_path / "serial")
    for t in TABLES:
        pd.testing.assert_frame_equal(a[t], b[t], obj=t)


def test_missing_dask_is_a_clear_error(seeds, tmp_path, monkeypatch, capsys):
    import builtins

    from analysis.cli import main

    real = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith("dask"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    assert main(["extract", str(seeds), "--out", str(tmp_path / "out"), "--engine", "dask", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'newsframe[dask]'" in err
    assert not (tmp_path / "out").exists() or not (tmp_path / "out" / "events.csv").exists()


def test_scheduler_without_dask_engine_is_refused(seeds, tmp_path, capsys):
    from analysis.cli import main

    assert main(["extract", str(seeds), "--out", str(tmp_path / "out"), "--scheduler", "tcp://x:1", "--quiet"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
