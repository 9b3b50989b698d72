"""The incremental store (`newsframe extract SEEDS --out DIR`, `analysis.store`): only what changed is
re-extracted, removed articles' rows go, incidents stay what a full extraction gives, serial and parallel
runs agree, and DuckDB reads the store.

Every check compares with a full extraction (`analysis.extract`) of the same folder: the store must never
give other tables than starting afresh."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import store as store_mod
from analysis.schemas import TABLES
from analysis.store import update

ROOT = Path(__file__).resolve().parents[1]
INCIDENTS = ROOT / "tests" / "incidents"
CATALOG_HEADER = "file,published,title,outlet,url,timezone\n"

# One strike, reported by a wire service and a local outlet (written for these tests), plus a third report.
STRIKE = {
    "zz-strike-wire.txt": (
        "2024-05-14", "Wire", "Russian missile strike on Kharkiv kills three\n\n"
        "KHARKIV, Ukraine — A Russian missile struck a warehouse in Kharkiv on May 14, killing three people "
        "and wounding nine, regional governor Oleh Syniehubov said.\n\n"
        "The strike set off a fire that burned for several hours, he wrote on Telegram.\n"),
    "zz-strike-local.txt": (
        "2024-05-14", "Local", "Three dead after missile hits Kharkiv warehouse\n\n"
        "Russian forces hit a warehouse in Kharkiv with a missile on May 14. Three people were killed, "
        "Syniehubov said.\n\n"
        "Firefighters worked through the afternoon to put out the blaze.\n"),
    "zz-strike-radio.txt": (
        "2024-05-15", "Radio", "Kharkiv mourns victims of warehouse strike\n\n"
        "A Russian missile attack on Kharkiv on May 14 killed three people at a warehouse, officials said "
        "on Wednesday.\n\n"
        "The city declared a day of mourning.\n"),
}
BASE = ["I2-a_odesa-drone-suspilne.txt", "I2-b_odesa-drone-wire.txt", "I3-b_chernihiv-missile-wire.txt"]


def _catalog_rows() -> dict[str, str]:
    lines = (INCIDENTS / "catalog.csv").read_text(encoding="utf-8").splitlines(True)[1:]
    return {line.split(",", 1)[0]: line for line in lines}


def write_catalog(folder: Path) -> None:
    """catalog.csv for the articles in ``folder``: the evaluation set's rows and the strike's."""
    known = _catalog_rows()
    rows = []
    for p in sorted(folder.glob("*.txt")):
        if p.name in known:
            rows.append(known[p.name])
        else:
            published, outlet, _ = STRIKE[p.name]
            rows.append(f"{p.name},{published},,{outlet},,Europe/Kyiv\n")
    (folder / "catalog.csv").write_text(CATALOG_HEADER + "".join(rows), encoding="utf-8")


def add(folder: Path, name: str) -> None:
    if name in STRIKE:
        (folder / name).write_text(STRIKE[name][2], encoding="utf-8")
    else:
        shutil.copy(INCIDENTS / name, folder / name)
    write_catalog(folder)


def remove(folder: Path, name: str) -> None:
    (folder / name).unlink()
    write_catalog(folder)


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in [*BASE, "zz-strike-wire.txt", "zz-strike-local.txt"]:
        add(folder, name)
    return folder


def flat(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in TABLES}


def assert_like_full(seeds: Path, out: Path) -> None:
    """The flat tables, and the store as every reader sees it (the last run's tables, its base and
    deltas read by ``store.read_table``, DuckDB's views), equal a full extraction of the folder."""
    full = analysis.extract(seeds).tables
    tables = flat(out)
    for t in TABLES:
        pd.testing.assert_frame_equal(tables[t], full[t], obj=t)
    stored = store_mod.read_previous(out)
    assert stored is not None
    sql = analysis.Store(out)
    for t in TABLES:
        key = [c for c in ("event_id", "sentence_id", "incident_id", "article_id", "name", "kind") if c in full[t]]
        # DuckDB gives its own dtypes: its view is compared with DuckDB's reading of the flat file (checked above)
        whole = sql.query(f"SELECT * FROM read_parquet('{out / t}.parquet')")
        for where, got, want in (("previous", stored.tables[t], full[t]),
                                 ("layers", store_mod.read_table(out / "store", t), full[t]),
                                 ("sql", sql.query(f"SELECT * FROM {t}"), whole)):
            a = got.sort_values(key, kind="stable").reset_index(drop=True)
            b = want.sort_values(key, kind="stable").reset_index(drop=True)
            pd.testing.assert_frame_equal(a[sorted(a.columns)], b[sorted(b.columns)], obj=f"{where}/{t}")
    sql.close()


def strike_incidents(out: Path) -> pd.Series:
    events = pd.read_parquet(out / "events.parquet")
    cols = {c: events[c].fillna("").astype(str) for c in ("article_id", "category", "location")}
    hits = events[(cols["article_id"].str.startswith("zz-strike") & cols["category"].eq("attack")
                   & cols["location"].eq("Kharkiv")).to_numpy(bool)]
    return hits.groupby("article_id")["incident_id"].first()


def test_first_run_writes_store_and_flat_tables(seeds, tmp_path):
    out = tmp_path / "out"
    outcome = update(seeds, out)
    assert outcome.stats.reextracted == 5 and outcome.stats.articles == 5
    assert_like_full(seeds, out)
    manifest = json.loads((out / "store" / "manifest.json").read_text())
    assert manifest["last_run"]["reextracted"] == 5
    assert (out / "store" / "events" / "month=2024-03.parquet").is_file()
    assert not [p for p in (out / "store").rglob("*") if p.is_dir() and p.parent != out / "store"]   # no folder per month
    assert (out / ".newsframe-output").is_file()


def test_nothing_changed_extracts_nothing(seeds, tmp_path):
    out = tmp_path / "out"
    update(seeds, out)
    before = (out / "events.parquet").stat().st_ino
    outcome = update(seeds, out)
    assert outcome.stats.unchanged and outcome.stats.reextracted == 0 and outcome.tables is None
    assert (out / "events.parquet").stat().st_ino == before     # nothing republished


def test_edit_reextracts_only_that_article(seeds, tmp_path):
    out = tmp_path / "out"
    update(seeds, out)
    path = seeds / "I2-a_odesa-drone-suspilne.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("four dead", "five dead"), encoding="utf-8")
    outcome = update(seeds, out)
    assert outcome.stats.reextracted == 1 and outcome.stats.removed == 0
    assert json.loads((out / "store" / "manifest.json").read_text())["last_run"]["reextracted"] == 1
    assert_like_full(seeds, out)


def test_catalog_row_change_reextracts_that_article(seeds, tmp_path):
    out = tmp_path / "out"
    update(seeds, out)
    catalog = seeds / "catalog.csv"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("zz-strike-local.txt,2024-05-14,,Local",
                                                                   "zz-strike-local.txt,2024-05-14,,Local Radio"))
    outcome = update(seeds, out)
    assert outcome.stats.reextracted == 1
    assert_like_full(seeds, out)


def test_add_and_remove_keep_incidents_right(seeds, tmp_path):
    out = tmp_path / "out"
    update(seeds, out)
    assert strike_incidents(out).nunique() == 1            # wire + local: one strike
    add(seeds, "zz-strike-radio.txt")
    outcome = update(seeds, out)
    assert outcome.stats.reextracted == 1
    assert_like_full(seeds, out)
    joined = strike_incidents(out)
    assert len(joined) == 3 and joined.nunique() == 1      # the third report joins the same incident
    remove(seeds, "zz-strike-wire.txt")
    outcome = update(seeds, out)
    assert outcome.stats.reextracted == 0 and outcome.stats.removed == 1
    assert_like_full(seeds, out)
    events = pd.read_parquet(out / "events.parquet")
    assert not events["article_id"].eq("zz-strike-wire").any()
    for t in ("sentences", "places", "articles"):
        assert not pd.read_parquet(out / f"{t}.parquet")["article_id"].eq("zz-strike-wire").any()
    assert strike_incidents(out).nunique() == 1


def test_an_incident_given_back_as_it_was_keeps_its_row_and_month_file():
    """Re-resolving gives most incidents back unchanged: the same id, the same events, none re-extracted.
    Those keep the last run's row (not built again); so does one built again whose row came out equal,
    and neither makes its month's file be rewritten."""
    old_ids = {"e1": "X", "e2": "X", "e3": "Z", "e4": "W", "e5": "V"}
    new_ids = {"e1": "X", "e2": "X", "e3": "Z", "e5": "V2"}   # e4 removed; e3 re-extracted; V became V2
    assert store_mod._unchanged_incidents(new_ids, old_ids, {"X", "Z", "W", "V"}, {"e3"}) == {"X"}
    old = pd.DataFrame({"incident_id": ["A", "B", "C"], "n": pd.array([1, None, 3], dtype="Int64"),
                        "where": pd.array(["Kyiv", "Lviv", None], dtype="string")})
    new = pd.DataFrame({"incident_id": ["C", "B", "D"], "n": pd.array([3, None, 1], dtype="Int64"),
                        "where": pd.array(["Sumy", "Lviv", "Kyiv"], dtype="string")})
    assert store_mod._same_rows(old, new, "incident_id") == {"B"}


def test_a_rerun_appends_a_delta_and_links_the_base(seeds, tmp_path):
    """A re-run writes one delta per table (the rows it added, the keys it removed) and hard-links the
    base: an edit away from the strike re-extracts one article; the strike's incident comes out as it
    was and is in no delta, while the store reads as a full run's tables."""
    out = tmp_path / "out"
    update(seeds, out)
    may = out / "store" / "incidents" / "month=2024-05.parquet"
    before = may.stat().st_ino
    path = seeds / "I2-a_odesa-drone-suspilne.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("four dead", "five dead"), encoding="utf-8")
    assert update(seeds, out).stats.reextracted == 1
    assert_like_full(seeds, out)
    assert may.stat().st_ino == before
    added = pd.read_parquet(out / "store" / "articles" / "delta-000001.parquet")
    assert added["file"].tolist() == ["I2-a_odesa-drone-suspilne.txt"]
    removed = pd.read_parquet(out / "store" / "articles" / "delta-000001-removed.parquet")["key"].tolist()
    assert removed == added["article_id"].tolist()          # the old rows of the article go, its new rows come
    strike = set(strike_incidents(out))
    new_incidents = out / "store" / "incidents" / "delta-000001.parquet"
    assert not new_incidents.is_file() or not strike & set(pd.read_parquet(new_incidents)["incident_id"])
    manifest = json.loads((out / "store" / "manifest.json").read_text())
    assert manifest["delta"] == 1 and manifest["layout"] == store_mod.LAYOUT == 3


def test_deltas_are_compacted_into_a_new_base(seeds, tmp_path, monkeypatch):
    """After ``MAX_DELTAS`` deltas the next re-run writes a new base of month files and no delta; the
    store reads as a full run's tables at every step."""
    monkeypatch.setattr(store_mod, "MAX_DELTAS", 2)
    monkeypatch.setattr(store_mod, "MAX_SHARE", 10.0)   # five articles: any delta is a large share of them
    out = tmp_path / "out"
    update(seeds, out)
    for step, change in enumerate([lambda: add(seeds, "zz-strike-radio.txt"), lambda: remove(seeds, "zz-strike-wire.txt"),
                                   lambda: add(seeds, "I2-c_odesa-drone-meduza.txt")], 1):
        change()
        update(seeds, out)
        assert_like_full(seeds, out)
        manifest = json.loads((out / "store" / "manifest.json").read_text())
        deltas = sorted(p.name for p in (out / "store" / "articles").glob("delta-*"))
        assert manifest["delta"] == step % 3 and bool(deltas) == (step < 3)
    assert manifest["stored"] == manifest["tables"]                      # the base alone: every row once


def test_deltas_holding_a_large_share_of_the_rows_are_compacted(seeds, tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod, "MAX_SHARE", 0.02)
    out = tmp_path / "out"
    update(seeds, out)
    add(seeds, "zz-strike-radio.txt")
    update(seeds, out)
    manifest = json.loads((out / "store" / "manifest.json").read_text())
    assert manifest["delta"] == 1 and manifest["delta_rows"] >= store_mod.MAX_SHARE * sum(manifest["tables"].values())
    remove(seeds, "zz-strike-radio.txt")
    update(seeds, out)
    assert json.loads((out / "store" / "manifest.json").read_text())["delta"] == 0
    assert not list((out / "store").rglob("delta-*"))
    assert_like_full(seeds, out)


def test_a_store_of_the_old_layout_is_rebuilt(seeds, tmp_path, caplog):
    out = tmp_path / "out"
    update(seeds, out)
    manifest_path = out / "store" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "layout": 1}))
    with caplog.at_level("INFO", logger="newsframe"):
        assert update(seeds, out).stats.reextracted == 5
    assert "of another layout (1, now 3): it is rebuilt" in caplog.text
    assert_like_full(seeds, out)


def test_a_delta_removes_what_came_before_it_only():
    """Delta N's removals drop the matching rows of the base and of earlier deltas, never its own or
    later ones; a row whose key is missing is never removed (``layers.read`` and the SQL view agree)."""
    import tempfile

    import pyarrow as pa

    from analysis import layers
    from analysis.sql import _connect, _sql_text

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp)
        base = pd.DataFrame({"incident_id": pd.array(["a", "b", None], dtype="string"), "n": [1, 2, 3]})
        (store / "incidents").mkdir(parents=True)
        base.to_parquet(store / "incidents" / "month=2024-01.parquet", index=False)
        schema = pa.Schema.from_pandas(base.iloc[:0], preserve_index=False)
        rows = lambda ids, n: pd.DataFrame({"incident_id": pd.array(ids, dtype="string"), "n": n})
        layers.write_delta(store, "incidents", 1, rows(["a", "c"], [10, 30]), {"a"}, schema)
        layers.write_delta(store, "incidents", 2, rows(["c"], [31]), {"c", "b"}, schema)
        layers.write_delta(store, "incidents", 3, rows([], []), {"zz"}, schema)
        expected = [("a", 10), ("c", 31), (None, 3)]
        got = layers.read(store, "incidents").to_pandas()
        key = lambda pairs: sorted(pairs, key=str)
        assert key(zip(got["incident_id"].astype(object).where(got["incident_id"].notna(), None), got["n"])) == key(expected)
        con = _connect()
        view = con.execute(f"SELECT * FROM {layers.sql(store, 'incidents', _sql_text)}").fetchall()
        assert key(view) == key(expected)


def test_extractor_version_change_reextracts_all(seeds, tmp_path, monkeypatch):
    out = tmp_path / "out"
    update(seeds, out)
    from analysis import fingerprint

    monkeypatch.setattr(store_mod, "extractor_version", lambda: "a-new-rule")
    monkeypatch.setattr(fingerprint, "extractor_version", lambda: "a-new-rule")
    outcome = update(seeds, out)
    assert outcome.stats.reextracted == 5
    assert_like_full(seeds, out)


def test_serial_and_parallel_give_identical_tables(seeds, tmp_path, monkeypatch):
    from analysis import engines

    used = []
    monkeypatch.setattr(engines, "POOL_MIN_JOBS", 1)          # a pool even for five articles
    monkeypatch.setattr(engines, "_pool", lambda jobs, workers, *rest, real=engines._pool:
                        used.append(workers) or real(jobs, workers, *rest))
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    update(seeds, serial, workers=1)
    update(seeds, parallel, workers=2)
    assert used == [2]
    a, b = flat(serial), flat(parallel)
    for t in TABLES:
        pd.testing.assert_frame_equal(a[t], b[t], obj=t)


def test_rerun_extracts_in_workers_forked_before_the_store_is_read(seeds, tmp_path, monkeypatch):
    """A re-run with workers forks them first (``engines.started``) and reads the store meanwhile: the
    same tables as a full extraction, and a bad article is still reported under --keep-going."""
    from analysis import engines

    out, used = tmp_path / "out", []
    update(seeds, out, workers=2)
    monkeypatch.setattr(engines, "started", lambda jobs, workers, warm=None, real=engines.started:
                        used.append(len(jobs)) or real(jobs, workers, warm))
    add(seeds, "zz-strike-radio.txt")
    (seeds / "I2-b_odesa-drone-wire.txt").write_bytes(b"\xff\xfe not utf-8")
    skipped = []
    outcome = update(seeds, out, workers=2, keep_going=True, on_error=skipped.append)
    assert used == [2] and len(skipped) == 1 and outcome.stats.reextracted == 2
    (seeds / "I2-b_odesa-drone-wire.txt").unlink()
    write_catalog(seeds)
    update(seeds, out, workers=2)
    assert_like_full(seeds, out)


def test_a_rerun_hands_its_jobs_to_the_worker_warmed_before_it(seeds, tmp_path, monkeypatch):
    """The command line forks one worker before it imports pandas (``engines.warmed``): a re-run of a few
    articles extracts them there; a run that cannot use it (a first run) dismisses it. The tables are a
    full extraction's either way."""
    from analysis import engines

    out, used = tmp_path / "out", []
    with engines.warmed() as warm:
        update(seeds, out, workers=2, warm=warm)      # a first run: the worker is dismissed, the pool forks anew
    assert_like_full(seeds, out)
    monkeypatch.setattr(engines, "started", lambda jobs, workers, warm=None, real=engines.started:
                        used.append(warm is not None) or real(jobs, workers, warm))
    add(seeds, "zz-strike-radio.txt")
    with engines.warmed() as warm:
        outcome = update(seeds, out, workers=2, warm=warm)
    assert used == [True] and outcome.stats.reextracted == 1
    assert_like_full(seeds, out)


def test_bad_article_under_keep_going_drops_its_rows(seeds, tmp_path):
    out = tmp_path / "out"
    update(seeds, out)
    (seeds / "zz-strike-local.txt").write_bytes(b"\xff\xfe not utf-8")
    skipped = []
    outcome = update(seeds, out, keep_going=True, on_error=skipped.append)
    assert len(skipped) == 1 and outcome.stats.removed == 1
    assert not pd.read_parquet(out / "articles.parquet")["article_id"].eq("zz-strike-local").any()
    with pytest.raises(analysis.InputError):
        update(seeds, out)          # without --keep-going the bad article stops the run, output kept
    assert len(pd.read_parquet(out / "articles.parquet")) == 4


def test_query_runs_sql_over_the_store(seeds, tmp_path):
    out = tmp_path / "out"
    update(seeds, out)
    n = analysis.query("SELECT count(*) AS n FROM events", store=out)["n"].iloc[0]
    assert n == len(pd.read_parquet(out / "events.parquet"))
    per = analysis.query("SELECT category, count(*) AS n FROM incidents GROUP BY 1 ORDER BY 1", store=out)
    store = analysis.Store(out)
    assert per.equals(store.corpus().query("SELECT category, count(*) AS n FROM incidents GROUP BY 1 ORDER BY 1"))
    with pytest.raises(analysis.InputError):
        analysis.query("SELECT 1", store=tmp_path / "nowhere")


def test_cli_says_when_nothing_changed(seeds, tmp_path, capsys):
    from analysis.cli import main

    out = tmp_path / "out"
    assert main(["extract", str(seeds), "--out", str(out), "--quiet"]) == 0
    assert main(["extract", str(seeds), "--out", str(out), "--quiet"]) == 0
    assert "nothing changed: 0 of 5 articles re-extracted" in capsys.readouterr().err


def test_killed_run_leaves_the_store_whole(seeds, tmp_path, monkeypatch):
    out = tmp_path / "out"
    update(seeds, out)
    before = flat(out)
    add(seeds, "zz-strike-radio.txt")

    def crash(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(store_mod, "write_manifest", crash)
    with pytest.raises(RuntimeError):
        update(seeds, out)
    for t in TABLES:
        pd.testing.assert_frame_equal(flat(out)[t], before[t])
    assert not list(tmp_path.glob(".out.tmp-*"))
    monkeypatch.undo()
    assert update(seeds, out).stats.reextracted == 1


def test_damaged_store_is_rebuilt_not_trusted(seeds, tmp_path):
    out = tmp_path / "out"
    update(seeds, out)
    part = next((out / "store" / "events").glob("month=*.parquet"))
    part.write_bytes(b"not parquet")
    add(seeds, "zz-strike-radio.txt")
    outcome = update(seeds, out)
    assert outcome.stats.reextracted == 6          # every article, since the stored rows cannot be read
    assert_like_full(seeds, out)


def test_a_missing_delta_file_sends_the_run_back_to_extracting_afresh(seeds, tmp_path):
    """The store's files are hard-linked run after run: one gone (its rows missing from the footers the
    manifest counts) is noticed, and the store rebuilt rather than trusted."""
    out = tmp_path / "out"
    update(seeds, out)
    add(seeds, "zz-strike-radio.txt")
    update(seeds, out)
    (out / "store" / "sentences" / "delta-000001.parquet").unlink()
    remove(seeds, "zz-strike-wire.txt")
    assert update(seeds, out).stats.reextracted == 5
    assert_like_full(seeds, out)


def test_killed_delta_write_leaves_the_last_store_whole(seeds, tmp_path, monkeypatch):
    """A re-run killed while it writes its delta (after some of its files) publishes nothing: the last
    run's flat tables, store and SQL views stand, and the next run appends the delta."""
    from analysis import layers

    out = tmp_path / "out"
    update(seeds, out)
    add(seeds, "zz-strike-radio.txt")
    update(seeds, out)
    before, files = flat(out), sorted(p.relative_to(out) for p in (out / "store").rglob("*"))
    remove(seeds, "zz-strike-wire.txt")
    real, calls = layers.write_delta, []

    def crash(store, table, *args):
        calls.append(table)
        if len(calls) == 3:
            raise RuntimeError("killed")
        return real(store, table, *args)

    monkeypatch.setattr(layers, "write_delta", crash)
    with pytest.raises(RuntimeError):
        update(seeds, out)
    assert sorted(p.relative_to(out) for p in (out / "store").rglob("*")) == files
    for t in TABLES:
        pd.testing.assert_frame_equal(flat(out)[t], before[t])
    assert analysis.query("SELECT count(*) AS n FROM events", store=out)["n"].iloc[0] == len(before["events"])
    assert not list(tmp_path.glob(".out.tmp-*"))
    monkeypatch.undo()
    assert update(seeds, out).stats.removed == 1
    assert_like_full(seeds, out)


def test_a_rerun_reads_the_last_run_from_its_flat_files_or_else_its_store_files(seeds, tmp_path, monkeypatch):
    """The last run's tables are read from the flat Parquet files (the store's files are not read whole),
    and from the store's base and deltas when a flat file is damaged: the tables are a full extraction's
    either way."""
    out, months = tmp_path / "out", []
    update(seeds, out)
    real = store_mod.read_table
    monkeypatch.setattr(store_mod, "read_table", lambda store, name: months.append(name) or real(store, name))
    add(seeds, "zz-strike-radio.txt")
    assert update(seeds, out).stats.reextracted == 1 and months == []
    assert_like_full(seeds, out)
    (out / "places.parquet").write_bytes(b"not parquet")
    remove(seeds, "zz-strike-radio.txt")
    months.clear()                                     # assert_like_full reads the store's files itself
    assert update(seeds, out).stats.removed == 1 and months == ["places"]
    assert_like_full(seeds, out)


def test_fast_csv_reads_back_as_pandas_to_csv(tmp_path):
    """The flat CSV is written by Arrow (``tables.write_csv``): it quotes every text cell, but pandas must
    read back exactly what ``DataFrame.to_csv`` gave, cell for cell and dtype for dtype."""
    from analysis.tables import spreadsheet_safe, write_csv

    df = pd.DataFrame({
        "text": pd.array(['plain', 'a "quoted", comma', "two\nlines", "", None, "=1+1", "123"], dtype="string"),
        "count": pd.array([1, None, 3, 0, -2, 5, 7], dtype="Int64"),
        "share": [0.1, None, 1.0, 2.5e-07, 1e20, -0.0, 3.0],
        "n": [1, 2, 3, 4, 5, 6, 7],
        "day": pd.to_datetime(["2024-05-14", None, "2024-01-01", "2023-12-31", "2024-02-29", "2024-05-14", "2024-05-15"]),
        "at": pd.to_datetime(["2024-05-14 10:30:00", None, "2024-01-01 00:00:00", "2023-12-31 23:59:59", "2024-02-29 00:00:00",
                              "2024-05-14 00:00:00", "2024-05-15 00:00:01"]).tz_localize("UTC"),
    })
    df["day"] = df["day"].astype("datetime64[ns]")
    df["at"] = df["at"].astype("datetime64[ns, UTC]")
    for frame_ in (df, df.assign(day=df["day"] + pd.Timedelta(hours=3)), df.iloc[:0]):
        safe = spreadsheet_safe(frame_)
        safe.to_csv(tmp_path / "pandas.csv", index=False)
        write_csv(safe, tmp_path / "arrow.csv")
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "arrow.csv"), pd.read_csv(tmp_path / "pandas.csv"))
        as_text = {"dtype": str, "keep_default_na": False}
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "arrow.csv", **as_text),
                                      pd.read_csv(tmp_path / "pandas.csv", **as_text))
