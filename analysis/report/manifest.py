"""``manifest.json``: what a report was made from and what it produced, with hashes — the record a
scheduler compares to skip an unchanged job, and a reader checks a PDF against.

Example (abridged)::

    {"name": "brief", "status": "ok", "key": "…", "created": "2025-02-12T08:00:03+00:00",
     "notebook": {"path": "notebooks/brief.ipynb", "sha256": "…"},
     "inputs": [{"path": "seeds/catalog.csv", "sha256": "…"}, …], "code_sha256": "…",
     "parameters": {"title": "War-news brief", …}, "versions": {"newsframe": "0.1.0", …},
     "durations": {"execute": 4.1, "html": 0.3, "pdf": 1.2, "total": 5.7},
     "outputs": [{"file": "brief.html", "sha256": "…", "bytes": 812345}, …]}
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
from importlib import metadata
from pathlib import Path

import analysis
from analysis.report.cache import code_digest, file_sha256, seed_files

TOOLS = ("papermill", "nbconvert", "nbclient", "pandas", "matplotlib", "basemap")


def _rel(path: Path, cwd: Path | None = None, resolved: Path | None = None) -> str:
    """``path`` resolved, relative to the working folder ``cwd`` (resolved) when it lies in it.
    ``resolved``: ``path`` already resolved by the caller."""
    full = resolved or Path(path).resolve()
    try:
        return str(full.relative_to(cwd or Path.cwd().resolve()))
    except ValueError:
        return str(full)


def _rels(paths: list[Path]) -> list[str]:
    """``_rel`` of each path, each folder resolved once: a file that is no symbolic link resolves to its
    resolved folder and its name. Why: resolving every component of 10,000 seeds files' paths, and the
    working folder again for each, took seconds of a 10,000-article brief before its kernel started;
    the paths are joined and cut as text (resolved paths are normal: no ``.``, ``..`` or double ``/``)."""
    cwd, folders, out = str(Path.cwd().resolve()), {}, []
    prefix = cwd.rstrip("/") + "/"
    for path in map(Path, paths):
        if path.name in ("", ".", "..") or path.is_symlink():
            full = str(path.resolve())
        else:
            if path.parent not in folders:
                folders[path.parent] = str(path.parent.resolve())
            full = os.path.join(folders[path.parent], path.name)
        out.append(full[len(prefix):] if full.startswith(prefix) else full)
    return out


def inputs(notebook: Path, seeds: Path | None) -> dict:
    """The notebook and every seeds file with their hashes, and the package's code hash."""
    found = seed_files(seeds) if seeds else []
    files = [{"path": rel, "sha256": file_sha256(p)} for p, rel in zip(found, _rels(found))]
    return {"notebook": {"path": _rel(notebook), "sha256": file_sha256(notebook)}, "inputs": files,
            "code_sha256": code_digest(with_report=True)}


def job_key(ins: dict, parameters: dict, formats) -> str:
    """Same key ⇔ same notebook, inputs, code, parameters and formats: the job may be skipped."""
    blob = json.dumps({"notebook": ins["notebook"]["sha256"], "inputs": [(i["path"].rsplit("/", 1)[-1], i["sha256"])
                                                                         for i in ins["inputs"]],
                       "code": ins["code_sha256"], "parameters": parameters, "formats": sorted(formats)},
                      sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def versions() -> dict:
    out = {"newsframe": analysis.__version__, "python": platform.python_version()}
    for tool in TOOLS:
        try:
            out[tool] = metadata.version(tool)
        except metadata.PackageNotFoundError:
            pass
    return out


def outputs(folder: Path) -> list[dict]:
    return [{"file": p.name, "sha256": file_sha256(p), "bytes": p.stat().st_size}
            for p in sorted(Path(folder).iterdir())
            if p.is_file() and p.name != "manifest.json" and not p.name.startswith(".")]


def build(name: str, ins: dict, parameters: dict, formats, durations: dict, folder: Path, key: str,
          title: str | None = None) -> dict:
    return {"name": name, "title": title, "status": "ok", "key": key,
            "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            **ins, "parameters": parameters, "formats": list(formats), "versions": versions(),
            "durations": {k: round(v, 3) for k, v in durations.items()}, "outputs": outputs(folder)}


def write(folder: Path, manifest: dict) -> Path:
    path = Path(folder) / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def read(folder: Path) -> dict | None:
    """The manifest of a report folder, or None when there is none (or it is unreadable)."""
    try:
        return json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
