#!/usr/bin/env bash
# Set up and run the whole test suite: linters, then every test against SQLite and against PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/setup-browser.sh

echo "» ruff"
.venv/bin/ruff check src tests bench
echo "» mypy"
.venv/bin/mypy src
echo "» import contracts (interfaces → domain → core)"
.venv/bin/lint-imports --no-cache  # a cache would land in the working tree

POSTGRES_URL=${TEILHABE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
echo "» tests on SQLite"
env -u DATABASE_URL .venv/bin/python -m pytest -n "${TEILHABE_TEST_WORKERS:-2}" "$@"
echo "» tests on PostgreSQL ($POSTGRES_URL)"
DATABASE_URL="$POSTGRES_URL" .venv/bin/python -m pytest -n "${TEILHABE_TEST_WORKERS:-2}" "$@"
