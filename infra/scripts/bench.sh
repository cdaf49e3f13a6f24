#!/usr/bin/env bash
# The benchmark command (not part of the test run): DynamoDB requests per operation and cold start per function,
# one line per figure, FAIL lines (and a non-zero exit) for figures over their budget. See infra/benchmarks/README.md.
#   infra/scripts/bench.sh [--no-build] [--only ddb|cold|invoice-run|load] [--runs N] [--orgs N] [--clients N] [--seconds N]
# --only load: 32 clients for 60 s against the local runtime (change with --clients, --seconds, --orgs), then the
# ledger auditor; exits 1 on an unexpected error or an audit difference.
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
  echo "bench: building (mvn -B -q -ntp install -DskipTests)" >&2
  mvn -B -q -ntp install -DskipTests >&2   # stdout carries only the figures
fi

BENCH="$ROOT/infra/benchmarks/target"
jar=("$BENCH"/billing-benchmarks-*.jar)
if [ ! -f "${jar[0]}" ] || [ ! -d "$BENCH/lib" ]; then
  echo "bench: $BENCH has no benchmark jar or lib/; build first (run without --no-build)." >&2
  exit 2
fi
exec "$JAVA_HOME/bin/java" -Dbilling.root="$ROOT" -cp "${jar[0]}:$BENCH/lib/*" \
  com.platform.billing.bench.Benchmark ${args[@]+"${args[@]}"}
