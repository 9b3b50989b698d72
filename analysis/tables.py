"""Rows → typed DataFrames (one per contract table), validated by ``schemas``, and written to disk.

Writing is atomic: every file goes to a work folder beside the target, which is swapped into place only
when all tables are written (``analysis.publish``), so a failed run never leaves a half-written output.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.publish import publishing
from analysis.schemas import SCHEMAS, TABLES


def frame(table: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """A DataFrame with exactly the schema's dtypes (extra columns kept after them), validated. ``rows``
    may be a DataFrame already (an incidents table built vectorised): typed as it is, not via records."""
    schema = SCHEMAS[table]
    columns = list(schema.columns)
    if isinstance(rows, pd.DataFrame):
        extra = [c for c in rows.columns if c not in schema.columns]
        df = rows.reindex(columns=columns + extra).reset_index(drop=True)
    else:
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
        # text, whether pandas typed it object or its own "str": the nullable string dtype, <NA> for missing
        if df[name].dtype == object or pd.api.types.is_string_dtype(df[name].dtype):
            df[name] = df[name].astype("string")
    return schema.validate(df)


def texts(series: pd.Series) -> list:
    """A text column as Python values, None where missing. Why: a dict built from, or a ``map`` over, an
    Arrow-backed column reads it value by value in Python, seconds over a 10,000-article store."""
    return series.to_numpy(dtype=object, na_value=None).tolist()


def among(series: pd.Series, values: set) -> np.ndarray:
    """``series.isin(values)`` as a boolean array, for a text column and a set of thousands of ids (an
    Arrow-backed ``isin`` checks every value of the set in Python first)."""
    return np.fromiter((v in values for v in texts(series)), dtype=bool, count=len(series))


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @, tab or carriage return first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def table_files() -> set[str]:
    """The files one ``write_tables`` output holds."""
    return {f"{name}.{ext}" for name in TABLES for ext in ("csv", "parquet")}


def is_tables_output(folder: Path) -> bool:
    """An output folder of an earlier newsframe version (before the marker file): only table files, and
    maybe the incremental store (``store/`` with its ``manifest.json``)."""
    names = {p.name for p in Path(folder).iterdir()}
    if "store" in names and not (Path(folder) / "store" / "manifest.json").is_file():
        return False
    return bool(names - {"store"}) and names <= table_files() | {"store"}


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that would start a formula in a spreadsheet get a leading apostrophe, in the CSV only:
    article text is untrusted, and the Parquet files keep every sentence verbatim for offset checks."""
    out = df.copy()
    for name in out.columns:
        if out[name].dtype == "string" or out[name].dtype == object:
            col = out[name]
            risky = col.notna() & col.astype("string").str.startswith(FORMULA_START).fillna(False)
            if risky.any():
                out[name] = col.astype("string").mask(risky, "'" + col.astype("string"))
    return out


def write_tables(tables: dict[str, pd.DataFrame], out: Path, seeds: Path | None = None) -> None:
    """Write each table as CSV and Parquet into ``out``, atomically (``publish.publishing``): ``out`` must
    be new, empty or an earlier output, and never the seeds folder or inside it."""
    with publishing(Path(out), seeds=seeds, owned=is_tables_output) as tmp:
        write_flat(tables, tmp)


def write_flat(tables: dict[str, pd.DataFrame], folder: Path, names: tuple[str, ...] = TABLES) -> None:
    """Each table of ``names`` as ``NAME.csv`` (spreadsheet-safe) and ``NAME.parquet`` (verbatim) in
    ``folder``. The files are written on a few threads: Arrow's CSV and Parquet writers release the GIL,
    and rewriting every flat table is most of a small re-run's time."""
    from concurrent.futures import ThreadPoolExecutor

    def one(name: str) -> None:
        df = tables[name]
        write_csv(spreadsheet_safe(df), folder / f"{name}.csv")
        df.to_parquet(folder / f"{name}.parquet", index=False)

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(one, names))


def _csv_cells(df: pd.DataFrame):
    """Each column as an Arrow string array holding exactly the text ``DataFrame.to_csv`` writes in it
    (null where that text is empty): text columns as they are, the others formatted by pandas itself
    (dates, floats, nullable integers look as they always did)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = []
    for name in df.columns:
        if df[name].dtype == "string":
            array = pa.array(df[name].array, type=pa.string())
        else:
            array = _formatted(df[name])
        cells.append(pc.if_else(pc.equal(array, ""), pa.scalar(None, pa.string()), array))
    return pa.table(cells, names=[str(c) for c in df.columns])


def _formatted(column: pd.Series):
    """A non-text column as the text pandas writes, formatting each distinct value once and taking the
    texts by code (Arrow's take). Why: 200,000 coordinates are a few hundred places, and pandas formats
    floats one by one holding the GIL, against incident resolution on the main thread. Formatting the
    distinct values gives the same text: pandas formats a float or an integer by itself, and a date
    column by whether all its values are midnight, which the distinct values tell as well. Floats are
    told apart by their bits (factorize holds -0.0 equal to 0.0)."""
    import pyarrow as pa

    if column.dtype == "float64":
        codes, bits = pd.factorize(column.to_numpy().view("int64"))
        uniques = pd.Series(bits.view("float64"), dtype="float64")
    else:
        codes, uniques = pd.factorize(column)
    text = pd.DataFrame({"v": uniques})._get_values_for_csv(na_rep="", float_format=None, date_format=None,
                                                            decimal=".", quoting=None)["v"].to_numpy(dtype=object)
    text = pa.array([v if isinstance(v, str) else str(v) for v in text], type=pa.string())
    return text.take(pa.array(codes, mask=codes < 0))


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """``df`` as CSV, read back by ``pandas.read_csv`` exactly as ``df.to_csv(path, index=False)`` would be,
    in a fraction of the time: Arrow writes the cells, and quotes every non-empty text cell (pandas
    quotes only those that need it, which is the one difference in the file). Falls back to ``to_csv``
    where pandas lacks the formatter this relies on."""
    import pyarrow.csv as pcsv

    try:
        cells = _csv_cells(df)
    except (AttributeError, TypeError):   # a pandas whose private formatter moved or changed: the plain way
        df.to_csv(path, index=False)
        return
    pcsv.write_csv(cells, path, pcsv.WriteOptions(quoting_style="needed"))
