#!/usr/bin/env bash
# Creates one virtualenv per peer engine in bench/peers/.venvs/ (git-ignored) and installs the peer
# and Meedoen itself (editable, from this repository) into each. Their pins differ from each other's
# and from Meedoen's main environment (numpy in particular), so they are kept apart.
#
#   bash bench/peers/setup.sh            # both peers
#   PYTHON=python3.11 bash bench/peers/setup.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PYTHON="${PYTHON:-python3}"
OPENFISCA_CORE="${OPENFISCA_CORE:-openfisca-core==46.0.1}"
POLICYENGINE_CORE="${POLICYENGINE_CORE:-policyengine-core==3.33.12}"

make_venv() {
  local name="$1"
  shift
  local venv="$HERE/.venvs/$name"
  if [ ! -x "$venv/bin/python" ]; then
    "$PYTHON" -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  # The peer first, so that its own pins decide numpy; then Meedoen without letting it move them.
  "$venv/bin/python" -m pip install --quiet "$@"
  "$venv/bin/python" -m pip install --quiet -e "$ROOT"
  "$venv/bin/python" -m pip check || true
  "$venv/bin/python" - "$name" <<'PY'
import sys
from importlib.metadata import version

import numpy

name = sys.argv[1]
dist = {"openfisca": "openfisca-core", "policyengine": "policyengine-core"}[name]
print(f"{name}: {dist} {version(dist)}, numpy {numpy.__version__}, Python {sys.version.split()[0]}")
PY
}

make_venv openfisca "$OPENFISCA_CORE"
make_venv policyengine "$POLICYENGINE_CORE"
