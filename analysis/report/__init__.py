"""newsframe reports: parameterized notebooks → papermill → nbconvert HTML → PDF, one job or a batch.

For notebooks (cells stay short, the work is here and tested)::

    from analysis.report import brief, charts, evidence, load, maps, select
    sel = select(load("seeds"), categories=["attack"])
    charts.events_per_day(sel)          # a Chart (PNG + caption) or a Note when there is nothing to draw

For the command line and schedulers: ``newsframe report`` (``command``), ``run.run_report`` for one
report, ``jobs.run_jobs`` for a ``reports.toml`` batch. Colours: ``palette.CATEGORY_COLORS``.
"""
from __future__ import annotations

import importlib

__all__ = ["airdefence", "brief", "charts", "evidence", "maps", "palette", "load", "select", "Selection",
           "ParameterError"]

_MODULES = {"airdefence", "brief", "charts", "evidence", "maps", "palette", "figures", "params", "run", "pdf", "jobs",
            "index", "manifest", "cache", "selection"}


def __getattr__(name: str):
    # Lazy, so that `newsframe --help` does not import matplotlib.
    if name in _MODULES:
        return importlib.import_module(f"analysis.report.{name}")
    if name == "load":
        from analysis.report.cache import load

        return load
    if name in ("select", "Selection", "ParameterError"):
        from analysis.report import selection

        return getattr(selection, name)
    raise AttributeError(f"module 'analysis.report' has no attribute {name!r}")
