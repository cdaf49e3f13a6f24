#!/usr/bin/env bash
# Runs every test: unit tests, integration tests against a DynamoDB API (moto_server started by the harness, or
# AWS_ENDPOINT_URL, or LocalStack when Docker is present), cfn-lint on template.yaml, end-to-end tests through the
# local runtime. Installs moto and cfn-lint into .venv first when this machine lacks them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source infra/scripts/java-home.sh
infra/scripts/ensure-tools.sh --browser
export PATH="$ROOT/.venv/bin:$PATH"
exec mvn -B -ntp install "$@"
