#!/usr/bin/env bash
# newsframe's two set-up commands. Each installs what it needs first (Python ≥ 3.11 venv with the
# package and its dependencies; Debian packages such as chromium and poppler-utils), then:
#   ./run.sh report   build the briefs (HTML + PDF) from seeds/ into reports/   (the main job)
#   ./run.sh test     run the test suite
# Idempotent: a second run reuses .venv and only reinstalls when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")"
VENV=${NEWSFRAME_VENV:-.venv}

say() { printf 'run.sh: %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_python() {
  local py
  for py in python3.13 python3.12 python3.11 python3; do
    # A pyenv shim answers `command -v` even for a version that is not selected, then fails with a
    # message on stderr: probe quietly, and take only an interpreter that really runs and is new enough.
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
      PYTHON=$py; break
    fi
  done
  if [ -z "${PYTHON:-}" ]; then
    say "installing python3 (Debian)"; as_root apt-get update -qq; as_root apt-get install -y -qq python3 python3-venv python3-pip >/dev/null
    PYTHON=python3
  fi
  if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    say "installing python3-venv (Debian)"; as_root apt-get update -qq; as_root apt-get install -y -qq python3-venv >/dev/null
  fi
}

ensure_venv() {
  ensure_python
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV with $PYTHON"; "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.newsframe-installed" want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing Python dependencies into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    echo "$want" > "$stamp"
  fi
  # The notebooks run on this venv's interpreter: register it as the "python3" kernel inside the venv.
  "$VENV/bin/python" -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (newsframe)" >/dev/null 2>&1 || true
}

ensure_system() {
  if [ -f scripts/install-system-deps.sh ]; then bash scripts/install-system-deps.sh; fi
}

case "${1:-}" in
  report)
    shift
    ensure_venv; ensure_system
    "$VENV/bin/newsframe" extract seeds --out reports/data --quiet
    exec "$VENV/bin/newsframe" report seeds "$@"
    ;;
  test)
    shift
    ensure_venv; ensure_system
    set +e
    "$VENV/bin/python" -m pytest -q "$@"
    rc=$?
    set -e
    if [ "$rc" -eq 5 ]; then say "WARNING: pytest collected no tests (exit 5) — nothing was tested"; exit 0; fi
    exit "$rc"
    ;;
  *)
    echo "usage: ./run.sh report [newsframe report options]   build the briefs from seeds/ into reports/" >&2
    echo "       ./run.sh test [pytest options]                 run the tests" >&2
    exit 2
    ;;
esac
