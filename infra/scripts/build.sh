#!/usr/bin/env bash
# Builds every function's deployable jar (functions/<module>/target/<artifactId>-lambda.jar, the files template.yaml's
# CodeUri points at) without running the tests. Then deploy with `sam deploy --guided` (no `sam build` needed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source infra/scripts/java-home.sh
exec mvn -B -ntp install -DskipTests "$@"
