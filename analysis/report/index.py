"""``reports/index.html``: every report in the folder with its date, parameters and links, and every
failed job with its error and the notebook kept for debugging. Rewritten (atomically) after each run.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from analysis.publish import OutputError, write_file
from analysis.report import manifest as mf
from analysis.report.palette import label
from analysis.report.words import count

CSS = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222; max-width: 1100px;
       margin: 0 auto; padding: 24px; line-height: 1.45; }
h1 { font-size: 26px; margin-bottom: 2px; } p.sub { color: #666; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th { text-align: left; background: #f6f5f2; border-bottom: 2px solid #d9d9d9; padding: 6px 8px; }
td { border-bottom: 1px solid #e3e3e3; padding: 6px 8px; vertical-align: top; }
td.params { font-size: 12.5px; color: #444; } .failed { color: #a40000; } .muted { color: #666; }
a { color: #0b5cad; }
"""


def _params(parameters: dict) -> str:
    shown = []
    for key, value in parameters.items():
        if key in ("seeds", "title") or value is None or value == 0.0 and key == "min_confidence":
            continue
        if isinstance(value, list):
            value = ", ".join(label(v) if key == "categories" else str(v) for v in value)
        shown.append(f"{html.escape(key)} = {html.escape(str(value))}")
    return "<br/>".join(shown) or '<span class="muted">all events</span>'


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).strftime("%-d %b %Y, %H:%M UTC")
    except ValueError:
        return html.escape(iso)


def collect(out: Path) -> tuple[list[dict], list[dict]]:
    """(reports, failures) found in ``out``: folders with a manifest.json, and ``<name>.failed`` folders."""
    reports, failures = [], []
    for folder in sorted(p for p in Path(out).iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name.endswith(".failed"):
            error = (folder / "error.txt").read_text(encoding="utf-8").strip() if (folder / "error.txt").is_file() else ""
            failures.append({"name": folder.name[:-len(".failed")], "folder": folder.name, "error": error,
                             "notebook": next((p.name for p in folder.glob("*.ipynb")), None),
                             "when": dt.datetime.fromtimestamp(folder.stat().st_mtime, dt.timezone.utc).isoformat()})
            continue
        manifest = mf.read(folder)
        if manifest:
            manifest["folder"] = folder.name
            reports.append(manifest)
    reports.sort(key=lambda m: m.get("created", ""), reverse=True)
    return reports, failures


def render(out: Path) -> str:
    reports, failures = collect(out)
    rows = []
    for m in reports:
        files = {o["file"] for o in m.get("outputs", [])}
        links = [f'<a href="{html.escape(m["folder"])}/{html.escape(f)}">{f.rsplit(".", 1)[-1].upper()}</a>'
                 for f in sorted(files, key=lambda f: (not f.endswith(".html"), not f.endswith(".pdf"), f))]
        links.append(f'<a href="{html.escape(m["folder"])}/manifest.json">manifest</a>')
        rows.append(f"<tr><td><b>{html.escape(str(m.get('title') or m['name']))}</b><br/>"
                    f"<span class='muted'>{html.escape(m['folder'])}/</span></td>"
                    f"<td>{_when(m.get('created'))}</td><td class='params'>{_params(m.get('parameters', {}))}</td>"
                    f"<td>{' · '.join(links)}</td></tr>")
    failed = []
    for f in failures:
        link = (f'<a href="{html.escape(f["folder"])}/{html.escape(f["notebook"])}">failed notebook</a>'
                if f["notebook"] else "")
        failed.append(f"<tr><td class='failed'><b>{html.escape(f['name'])}</b></td><td>{_when(f['when'])}</td>"
                      f"<td class='failed'>{html.escape(f['error'])}</td><td>{link}</td></tr>")
    body = ("<table><thead><tr><th>Report</th><th>Made</th><th>Parameters</th><th>Files</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>") if rows else "<p>No reports yet.</p>"
    if failed:
        body += ("<h2 class='failed'>Failed jobs</h2><p>The last good report (if any) is kept above; the failed run's "
                 "notebook shows the failing cell.</p><table><thead><tr><th>Job</th><th>When</th><th>Error</th>"
                 f"<th>Debug</th></tr></thead><tbody>{''.join(failed)}</tbody></table>")
    now = dt.datetime.now(dt.timezone.utc).strftime("%-d %b %Y, %H:%M UTC")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'/><title>newsframe reports</title>"
            f"<style>{CSS}</style></head><body><h1>newsframe reports</h1>"
            f"<p class='sub'>{count(len(reports), 'report')} · updated {now}</p>{body}</body></html>\n")


def write_index(out: str | Path) -> Path:
    """Rewrite ``out/index.html`` atomically."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "index.html"
    if path.is_dir():
        raise OutputError(f"{path} is a folder (a report named index.html, made by an older version) — "
                          "move or delete it; the index page is written there")
    return write_file(path, render(out))

