"""newsframe: war-news articles → validated event dataframes.

Public API (see README):

* ``load(path) -> Corpus`` — the contract's tables (``articles``, ``sentences``, ``events``,
  ``mentions``, ``places``, ``issues``, ``incidents``) for a seeds folder, as validated pandas DataFrames.
* ``Corpus`` — the tables as attributes, plus ``evidence(event_id)`` and ``reports(incident_id)``.
* ``query(sql, store=DIR)`` / ``Store(DIR)`` — DuckDB SQL over an extract output's Parquet store, one view
  per table (``events``, ``incidents``, …), returning a pandas DataFrame.
* ``evaluate(gold_dir)`` — gold-standard scores (recall, precision, attribute accuracy, and incident
  pair precision / recall where the gold gives incident ids).
* ``NewsframeError`` / ``InputError`` — what the package raises for input a user can fix.
"""
from analysis.errors import InputError, NewsframeError

__version__ = "0.1.0"
__all__ = ["load", "Corpus", "evaluate", "query", "Store", "InputError", "NewsframeError", "__version__"]


def __getattr__(name: str):
    # Imported lazily so that `import analysis` stays cheap (the CLI's --help, notebooks' first cell).
    if name in ("load", "Corpus", "extract"):
        from analysis import corpus

        return getattr(corpus, name)
    if name in ("query", "Store"):
        from analysis import sql

        return getattr(sql, name)
    if name == "evaluate":
        from analysis.evaluate import evaluate

        return evaluate
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
