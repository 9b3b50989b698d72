"""SQL over the store: ``query(sql, store=DIR)`` runs DuckDB on the Parquet files, one view per table.

At ten thousand articles the tables hold hundreds of thousands of rows; counting incidents per week or
listing the top ten places should not load them all into pandas first. DuckDB reads the store's Parquet
files (``DIR/store/<table>/month=*.parquet`` and the deltas re-runs add, see ``analysis.layers``)
directly, in parallel, and only the columns a query names; the result comes back as a pandas DataFrame.

Example::

    >>> query("SELECT category, count(*) AS n FROM incidents GROUP BY 1 ORDER BY n DESC",
    ...       store="reports/data")                                          # doctest: +SKIP
    >>> Store("reports/data").query("SELECT * FROM events WHERE fatalities > 10")  # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.schemas import TABLES

DEFAULT_STORE = "reports/data"


def _connect():
    try:
        import duckdb
    except ImportError:
        raise InputError("duckdb", "the duckdb package is not installed", "pip install duckdb (a newsframe dependency)") from None
    return duckdb.connect(":memory:")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class Store:
    """An extract output folder (``newsframe extract SEEDS --out DIR``) seen through DuckDB views named
    like the tables: ``articles``, ``sentences``, ``events``, ``mentions``, ``places``, ``issues``,
    ``incidents``. A table's view reads its store files (base and deltas), or the flat ``DIR/<table>.parquet`` of
    an output written before the store existed (or of a table with no rows)."""

    def __init__(self, path: str | Path = DEFAULT_STORE):
        self.path = Path(path)
        if not self.path.is_dir() or not any((self.path / f"{t}.parquet").is_file() for t in TABLES):
            raise InputError(self.path, "no newsframe tables here",
                             "give the folder `newsframe extract SEEDS --out DIR` wrote (e.g. reports/data)")
        self._con = None

    def source(self, table: str) -> str:
        """The Parquet files behind one view, as a DuckDB relation: the store's base and deltas
        (``analysis.layers.sql``), or the flat file when the store has no file of the table."""
        from analysis import layers

        layered = layers.sql(self.path / "store", table, _sql_text)
        return layered or f"read_parquet([{_sql_text(str(self.path / f'{table}.parquet'))}], hive_partitioning = false)"

    @property
    def connection(self):
        """A DuckDB connection with one view per table (made on first use)."""
        if self._con is None:
            con = _connect()
            for table in TABLES:
                if (self.path / f"{table}.parquet").is_file() or (self.path / "store" / table).is_dir():
                    con.execute(f"CREATE VIEW {table} AS SELECT * FROM {self.source(table)}")
            self._con = con
        return self._con

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        """Run ``sql`` (views named like the tables) and return the result as a DataFrame."""
        return self.connection.execute(sql, params or []).df()

    def corpus(self):
        """The flat tables as a ``Corpus`` (pandas, with ``evidence`` and ``reports``): for the rows a
        query picked out, when the whole tables fit in memory."""
        from analysis.corpus import Corpus

        return Corpus(**{t: pd.read_parquet(self.path / f"{t}.parquet") for t in TABLES})

    def count(self, table: str) -> int:
        return int(self.query(f"SELECT count(*) FROM {table}").iloc[0, 0])

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"


def query(sql: str, store: str | Path = DEFAULT_STORE, params: list | None = None) -> pd.DataFrame:
    """Run ``sql`` over the store in ``store`` (an extract output folder) and return a DataFrame."""
    s = Store(store)
    try:
        return s.query(sql, params)
    finally:
        s.close()
