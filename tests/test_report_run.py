"""`newsframe report` as a scheduler uses it: bad input stops before anything runs, a failing notebook
names its cell and keeps the notebook without touching the last good report, unchanged jobs are skipped,
jobs run in parallel. A tiny notebook (no extraction, no charts) keeps these tests quick."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def newsframe(*args, cwd=None, env=None):
    """Run the CLI as a user would; returns (exit status, stdout, stderr)."""
    proc = subprocess.run([sys.executable, "-m", "analysis.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=600)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture()
def tiny(tmp_path):
    """A project folder with a one-article seeds folder and a two-parameter notebook that can be told to fail."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "catalog.csv").write_text("file,published\na.txt,2025-02-12\n")
    (tmp_path / "seeds" / "a.txt").write_text("Title\nOn February 12, Russia launched a missile attack on Kyiv.\n")
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    params = new_code_cell('seeds: str = "../seeds"  # articles\ntitle: str = "Tiny"  # heading\n'
                           'fail: bool = False  # raise in the third cell')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_markdown_cell("## Section one"),
                new_code_cell("from IPython.display import HTML\nHTML(f'<p>hello from {title}</p>')"),
                new_code_cell("if fail:\n    raise ValueError('boom on purpose')")]
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "tiny.ipynb")
    return tmp_path


def config(tiny, jobs: str) -> Path:
    path = tiny / "reports.toml"
    path.write_text(f'notebook = "notebooks/tiny.ipynb"\nseeds = "seeds"\nformats = ["html"]\n{jobs}')
    return path


def test_unknown_parameter_stops_before_anything_runs(tiny):
    out = tiny / "reports"
    code, _, err = newsframe("report", tiny / "seeds", "--out", out, "--notebook", tiny / "notebooks/tiny.ipynb",
                             "-p", "fial", "true")
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "unknown parameter 'fial'" in err and "did you mean fail" in err
    assert not out.exists()


def test_bad_value_stops_before_anything_runs(tiny):
    code, _, err = newsframe("report", tiny / "seeds", "--out", tiny / "reports", "-p", "min_confidence", "lots")
    assert code == 2 and "min_confidence" in err and "Traceback" not in err
    code, _, err = newsframe("report", tiny / "nowhere", "--out", tiny / "reports")
    assert code == 2 and "seeds folder" in err
    code, _, err = newsframe("report", tiny / "seeds", "--out", tiny / "reports", "--format", "docx")
    assert code == 2 and "html, pdf" in err
    assert not (tiny / "reports").exists()


def test_bad_config_stops_before_anything_runs(tiny):
    path = config(tiny, '[[job]]\nname = "ok"\n[[job]]\nname = "bad"\nparameters = { fail = "yes" }\n')
    code, _, err = newsframe("report", "--config", path)
    assert code == 2 and "job 'bad'" in err and "must be bool" in err
    assert not (tiny / "reports").exists()


def test_failed_job_names_the_cell_and_keeps_the_good_report(tiny):
    path = config(tiny, '[[job]]\nname = "t"\ntitle = "Tiny"\n')
    code, _, err = newsframe("report", "--config", path, "-q")
    assert code == 0, err
    good = tiny / "reports" / "t"
    before = {p.name: p.read_bytes() for p in good.iterdir()}
    assert {"t.ipynb", "t.html", "manifest.json"} <= set(before)

    path = config(tiny, '[[job]]\nname = "t"\ntitle = "Tiny"\nparameters = { fail = true }\n')
    code, _, err = newsframe("report", "--config", path, "-q")
    assert code == 1
    assert "report t FAILED" in err and "cell 4 (In [" in err and "raise ValueError" in err
    assert "ValueError: boom on purpose" in err and "t.failed/t.ipynb" in err
    assert {p.name: p.read_bytes() for p in good.iterdir()} == before          # never replaced
    kept = nbformat.read(tiny / "reports" / "t.failed" / "t.ipynb", as_version=4)
    assert any(o.get("ename") == "ValueError" for c in kept.cells if c.cell_type == "code" for o in c.outputs)
    assert "ValueError: boom on purpose" in (tiny / "reports" / "t.failed" / "error.txt").read_text()
    index = (tiny / "reports" / "index.html").read_text()
    assert 'href="t/t.html"' in index and "Failed jobs" in index and "boom on purpose" in index
    assert not [p for p in (tiny / "reports").iterdir() if p.name.startswith(".")]   # no temp folders left

    # once the job succeeds again the failure record goes away
    path = config(tiny, '[[job]]\nname = "t"\ntitle = "Tiny again"\n')
    assert newsframe("report", "--config", path, "-q")[0] == 0
    assert not (tiny / "reports" / "t.failed").exists()


def test_unchanged_jobs_are_skipped_and_force_redoes_them(tiny):
    path = config(tiny, '[[job]]\nname = "a"\n[[job]]\nname = "b"\ntitle = "B"\n')
    code, _, err = newsframe("report", "--config", path, "-q", "--jobs", "2")
    assert code == 0, err
    assert "2 made" in err
    first = json.loads((tiny / "reports" / "a" / "manifest.json").read_text())
    code, _, err = newsframe("report", "--config", path, "-q")
    assert code == 0 and "0 made, 2 unchanged" in err, err
    assert json.loads((tiny / "reports" / "a" / "manifest.json").read_text())["created"] == first["created"]

    (tiny / "seeds" / "a.txt").write_text("Title\nOn February 13, Russia launched drones at Odesa.\n")
    code, _, err = newsframe("report", "--config", path, "-q")
    assert code == 0 and "2 made" in err, err                                   # an input changed
    code, _, err = newsframe("report", "--config", path, "-q", "--force")
    assert code == 0 and "2 made" in err, err


def test_manifest_records_inputs_parameters_and_outputs(tiny):
    code, out, err = newsframe("report", tiny / "seeds", "--out", tiny / "reports", "--notebook",
                               tiny / "notebooks/tiny.ipynb", "-p", "title", "Hello", "--format", "html", "-q")
    assert code == 0, err
    folder = Path(out.strip())
    assert folder.name == "tiny"
    m = json.loads((folder / "manifest.json").read_text())
    assert m["parameters"]["title"] == "Hello" and m["parameters"]["seeds"] == str((tiny / "seeds").resolve())
    assert {i["path"].rsplit("/", 1)[-1] for i in m["inputs"]} == {"a.txt", "catalog.csv"}
    assert all(len(i["sha256"]) == 64 for i in m["inputs"]) and len(m["notebook"]["sha256"]) == 64
    assert {o["file"] for o in m["outputs"]} == {f"{folder.name}.ipynb", f"{folder.name}.html"}
    assert m["versions"]["newsframe"] and m["versions"]["papermill"]
    assert m["durations"]["execute"] > 0 and m["durations"]["total"] >= m["durations"]["execute"]
    page = (folder / f"{folder.name}.html").read_text()
    assert "hello from Hello" in page and "Section one" in page
    assert "injected-parameters" not in page and "papermill" not in page.lower() and "fail: bool" not in page
