#!/usr/bin/env bash
# Starts the whole billing service on this machine, in one JVM, no containers (think `sam local start-api`):
# moto_server as the DynamoDB backend (unless AWS_ENDPOINT_URL is set), the ledger table from template.yaml, every
# function and HttpApi route of template.yaml, the JWT authorizer, and the /_local endpoints (tokens, schedules).
#
#   infra/scripts/local.sh                  build, then start on http://127.0.0.1:3000 with a clean backend
#   infra/scripts/local.sh --no-build       start what was built last
#   infra/scripts/local.sh --persist        keep data between runs (in .local-data/)
#   infra/scripts/local.sh --help           every option (--port, --data-dir, --endpoint, --table, ...)
#
# Ctrl-C stops the runtime and the moto_server it started. See infra/local-runtime/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source infra/scripts/java-home.sh
infra/scripts/ensure-tools.sh
export PATH="$ROOT/.venv/bin:$PATH"

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

JAR="$ROOT/infra/local-runtime/target/billing-local-runtime.jar"
if [ "$build" = 1 ]; then
  echo "local.sh: building (mvn install -DskipTests; --no-build skips this)" >&2
  mvn -B -q -ntp install -DskipTests
elif [ ! -f "$JAR" ]; then
  echo "local.sh: $JAR is missing: run without --no-build first" >&2
  exit 1
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dbilling.root="$ROOT" -jar "$JAR" ${args[@]+"${args[@]}"}
