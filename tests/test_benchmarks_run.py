"""The benchmark scripts still run against today's code (they are not part of the suite's timing: speed is
measured by running them by hand). A benchmark that patches a limit the code no longer has would
otherwise only fail when someone needs its figures."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_bounded_work_benchmark_runs_at_a_tiny_size():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bounded.py"), "--sizes", "2", "--off-max", "2"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line.split() for line in done.stdout.splitlines()[1:]]
    assert [r[0] for r in rows] == ["run_on", "distinct"]
    assert all(r[1] == "2" and r[2].endswith("s") and r[3].endswith("s") for r in rows)
