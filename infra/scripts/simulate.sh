#!/usr/bin/env bash
# The whole-system simulation (not part of the test run, which runs a few thousand steps in SimulationIT):
#   infra/scripts/simulate.sh [--no-build] [--steps N] [--seed S]
# Prints "simulation seed=<s> steps=<n> faults=<n> violations=<n>" per episode (≤ 300 steps, each on a fresh table;
# episode i runs with seed S+i) and a total; a broken invariant prints "VIOLATION seed=… step=… invariant: …" with
# the command that replays that episode, and the exit status is 1. See infra/simulation/README.md.
# Uses AWS_ENDPOINT_URL when set, else starts (and stops) a moto_server of its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source infra/scripts/java-home.sh
infra/scripts/ensure-tools.sh
export PATH="$ROOT/.venv/bin:$PATH"

build=1
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then build=0; else args+=("$arg"); fi
done

if [ "$build" = 1 ]; then
  echo "simulate: building (mvn -B -q -ntp install -DskipTests -pl infra/simulation -am)" >&2
  mvn -B -q -ntp install -DskipTests -pl infra/simulation -am >&2   # stdout carries only the results
fi

SIM="$ROOT/infra/simulation/target"
jar=("$SIM"/billing-simulation-*.jar)
if [ ! -f "${jar[0]}" ] || [ ! -d "$SIM/lib" ]; then
  echo "simulate: $SIM has no simulation jar or lib/; build first (run without --no-build)." >&2
  exit 2
fi
exec "$JAVA_HOME/bin/java" -Dbilling.root="$ROOT" -cp "${jar[0]}:$SIM/lib/*" \
  com.platform.billing.simulation.SimulationMain ${args[@]+"${args[@]}"}
