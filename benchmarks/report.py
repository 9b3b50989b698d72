"""Benchmark `newsframe report` (HTML + PDF of the seed's brief) against the floor of its route.

Floor: a one-chart parameterized notebook taken through the same route by the tools' own command lines
(papermill → jupyter nbconvert --to html --no-input → headless Chromium --print-to-pdf). Both are timed
in the same run, alternately, and the medians compared (target: ratio ≤ 1.2). Then a batch of 8 jobs
(`newsframe report --config`, in parallel over the cores) against 8 × the single report (target ≤ 0.6).

    .venv/bin/python benchmarks/report.py [--repeat 5] [--seeds seeds]

The extraction cache is warmed first (a private one in a temp folder), so the figures compare report
making, not article extraction; the cold-cache time of one report is printed as well.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM_FLAGS = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]

BATCH = """
out = "{out}"
seeds = "{seeds}"
[[job]]
name = "brief"
[[job]]
name = "cat"
each = "category"
[[job]]
name = "week"
last_days = 7
"""


def floor_notebook(path: Path) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    params = new_code_cell("n = 10  # bars")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_code_cell("import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(8, 3))\n"
                                      "ax.bar(range(n), range(n))\nax.set_title('Floor')\nplt.show()")]
    nbformat.write(nb, path)


def run(cmd: list[str], env: dict, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def floor(work: Path, env: dict) -> float:
    """papermill → nbconvert → Chromium, each by its own command line."""
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    chromium = shutil.which("chromium") or "chromium"
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
    start = time.perf_counter()
    run([str(BIN / "papermill"), "floor.ipynb", "floor.out.ipynb", "-p", "n", "12", "--no-progress-bar"], env, work)
    run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", "floor.out.ipynb"], env, work)
    run([chromium, *CHROMIUM_FLAGS, *sandbox, f"--user-data-dir={profile}", "--print-to-pdf=floor.pdf",
         (work / "floor.out.html").as_uri()], env, work)
    elapsed = time.perf_counter() - start
    shutil.rmtree(profile, ignore_errors=True)
    assert (work / "floor.pdf").stat().st_size > 0
    return elapsed


def newsframe(args: list[str], env: dict) -> float:
    return run([str(BIN / "newsframe"), "report", *args, "--force", "-q"], env, ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--seeds", default=str(ROOT / "seeds"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsframe-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "NEWSFRAME_CACHE": str(work / "cache")}
        floor_notebook(work / "floor.ipynb")
        single = [args.seeds, "--out", str(work / "reports")]
        cold = newsframe(single, env)                         # fills the extraction cache
        floor(work, env)                                      # warm-up: page cache, font cache
        ours, base = [], []
        for _ in range(args.repeat):
            base.append(floor(work, env))
            ours.append(newsframe(single, env))
        f, o = statistics.median(base), statistics.median(ours)
        print(f"floor (papermill + nbconvert + chromium CLIs, 1 chart): median {f:6.2f} s  "
              f"[{', '.join(f'{t:.2f}' for t in base)}]")
        print(f"newsframe report seeds (HTML + PDF, 7 charts):        median {o:6.2f} s  "
              f"[{', '.join(f'{t:.2f}' for t in ours)}]")
        print(f"ratio newsframe / floor: {o / f:.2f}   (target <= 1.2)")
        print(f"first run, extraction cache cold: {cold:.2f} s")

        config = work / "batch.toml"
        config.write_text(BATCH.format(out=work / "batch", seeds=args.seeds))
        batch = [newsframe(["--config", str(config)], env) for _ in range(max(1, args.repeat // 2))]
        b = statistics.median(batch)
        print(f"batch of 8 jobs on {os.cpu_count()} cores: median {b:6.2f} s  "
              f"[{', '.join(f'{t:.2f}' for t in batch)}]; 8 x single = {8 * o:.2f} s")
        print(f"ratio batch / (8 x single): {b / (8 * o):.2f}   (target <= 0.6)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
