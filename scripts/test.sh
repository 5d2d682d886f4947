#!/usr/bin/env bash
# make test: go vet, then every test with the race detector, integration tests
# against one throw-away Neo4j on a free port that this script starts and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
go vet ./...
go build -buildvcs=auto -o bin/whosaid ./cmd/whosaid

# The GraphQL-over-HTTP audit (cmd/whosaid/audit_test.go) runs the pinned
# graphql-http npm package from scripts/audit, and the bench's peer test
# (bench/mix_test.go) the @neo4j/graphql server in bench/peer; under CI=true
# both must be there.
if command -v npm >/dev/null; then
  for dir in scripts/audit bench/peer; do
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) \
      || { [[ "${CI:-}" != "true" ]] || exit 1; echo "WARNING: npm ci in $dir failed; the tests that need it will be skipped" >&2; }
  done
elif [[ "${CI:-}" == "true" ]]; then
  echo "CI=true and npm is missing: the GraphQL-over-HTTP audit and the bench peer test cannot run (install Node 20+)" >&2; exit 1
fi

if [[ -z "${WHOSAID_TEST_NEO4J_URI:-}" ]]; then
  if ./scripts/prereqs.sh; then
    tmp=$(mktemp -d)
    start=$(date +%s)
    ./bin/whosaid neo4j --uri-file "$tmp/uri" >"$tmp/neo4j.log" 2>&1 &
    neo4j_pid=$!
    trap 'kill $neo4j_pid 2>/dev/null; wait $neo4j_pid 2>/dev/null; rm -rf "$tmp"' EXIT
    for _ in $(seq 600); do
      [[ -s $tmp/uri ]] && break
      if ! kill -0 $neo4j_pid 2>/dev/null; then echo "neo4j failed to start:" >&2; cat "$tmp/neo4j.log" >&2; exit 1; fi
      sleep 0.5
    done
    [[ -s $tmp/uri ]] || { echo "neo4j not ready after 5 minutes" >&2; cat "$tmp/neo4j.log" >&2; exit 1; }
    # neo4j://, not bolt://: the whole suite then runs through the driver's
    # routing (ROUTE, a routing table, reads sent to readers), as against a
    # cluster; the single instance names itself writer, reader and router.
    uri=$(cat "$tmp/uri")
    export WHOSAID_TEST_NEO4J_URI="neo4j://${uri#bolt://}"
    echo "integration tests: throw-away Neo4j at $WHOSAID_TEST_NEO4J_URI (started in $(( $(date +%s) - start ))s)"
  elif [[ "${CI:-}" == "true" ]]; then
    echo "CI=true and no Neo4j can be started: failing" >&2; exit 1
  fi
fi

# -p 1: test packages share the one database, so they run one at a time.
# A short run of each fuzz target (seed corpora in testdata/fuzz/ run as
# ordinary tests too). FUZZTIME=0 skips it.
fuzztime=${FUZZTIME:-5s}
if [[ "$fuzztime" != "0" ]]; then
  tmp_fuzz=$(mktemp)
  while read -r pkg target; do
    [[ -d $pkg ]] || continue
    echo "fuzz $target ($pkg, $fuzztime)"
    # keep the last progress line: it says how many inputs were executed
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" "./$pkg" >"$tmp_fuzz" 2>&1 || { cat "$tmp_fuzz"; echo "fuzzing $target failed" >&2; exit 1; }
    grep -E '^fuzz: elapsed' "$tmp_fuzz" | tail -1 || true
  done < <(grep -rhoE --include='*_test.go' '^func (Fuzz[A-Za-z0-9_]+)' . | sort -u | while read -r _ name; do
             f=$(grep -rlE --include='*_test.go' "^func ${name%%(*}\(" . | head -1); echo "$(dirname "${f#./}") ${name%%(*}"; done)
fi

# -v so the log shows each test that ran; the filter keeps results and failure details.
log=$(mktemp)
set +e
go test -race -count=1 -p 1 -v "$@" ./... >"$log" 2>&1
status=$?
set -e
grep -vE '^(=== (RUN|PAUSE|CONT|NAME)|    --- PASS|--- PASS)' "$log" || true
echo "tests passed: $(grep -cE -- '--- PASS' "$log"), failed: $(grep -cE -- '--- FAIL' "$log"), skipped: $(grep -cE -- '--- SKIP' "$log")"
skips=$(grep -c 'SKIPPED integration test' "$log" || true)
rm -f "$log"
if [[ $skips -gt 0 ]]; then echo "WARNING: $skips integration test(s) SKIPPED (no Neo4j)" >&2; fi
exit $status
