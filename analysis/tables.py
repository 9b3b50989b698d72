"""Rows → typed DataFrames (one per contract table), validated by ``schemas``, and written to disk.

Writing is atomic: every file goes to a temporary folder beside the target, which is renamed into
place only when all tables are written, so a failed run never leaves a half-written output folder.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from analysis.schemas import SCHEMAS, TABLES


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A DataFrame with exactly the schema's dtypes (extra columns kept after them), validated."""
    schema = SCHEMAS[table]
    columns = list(schema.columns)
    extra = [c for c in (rows[0].keys() if rows else []) if c not in schema.columns]
    df = pd.DataFrame.from_records(rows, columns=columns + extra)
    for name, col in schema.columns.items():
        dtype = str(col.dtype)
        if dtype == "datetime64[ns]":
            df[name] = pd.to_datetime(df[name]).astype("datetime64[ns]")
        elif dtype.startswith("datetime64[ns, UTC]"):
            df[name] = pd.to_datetime(df[name], utc=True).astype("datetime64[ns, UTC]")
        elif dtype == "Int64":
            df[name] = pd.array(df[name].tolist(), dtype="Int64") if len(df) else pd.Series([], dtype="Int64")
        elif dtype == "float64":
            df[name] = pd.to_numeric(df[name], errors="raise").astype("float64")
        else:
            df[name] = df[name].astype("string")
    for name in extra:
        if df[name].dtype == object:
            df[name] = df[name].astype("string")
    return schema.validate(df)


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Write each table as CSV and Parquet into ``out``, atomically (temp folder, then rename)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name in TABLES:
            df = tables[name]
            df.to_csv(tmp / f"{name}.csv", index=False)
            df.to_parquet(tmp / f"{name}.parquet", index=False)
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            out.rename(old)
        tmp.rename(out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
