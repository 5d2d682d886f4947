#!/usr/bin/env bash
# make bench: Go micro-benchmarks, then loads and the query mix at 10k, 100k
# and 1M statements (BENCH_QUICK=1: 10k only, short), written to
# docs/BENCHMARKS.md. Each size runs on a fresh embedded Neo4j, with
# @neo4j/graphql (bench/peer, Node) side by side over the same database.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/prereqs.sh
command -v node >/dev/null || { echo "missing: Node 20+ — the bench runs @neo4j/graphql (bench/peer) side by side with whosaid" >&2; exit 1; }
(cd bench/peer && npm ci --no-audit --no-fund --loglevel=error)
go build -o bin/whosaid ./cmd/whosaid
mkdir -p .bench
benchtime=1s
[[ "${BENCH_QUICK:-}" == "1" ]] && benchtime=200ms
go test -run='^$' -bench=. -benchmem -benchtime="$benchtime" ./loader/extract ./export | grep -E '^(Benchmark|goos|goarch|cpu|pkg)' | tee .bench/go-bench.txt
# the ingestion queue's server, from the version go.mod pins
go build -o .bench/nats-server github.com/nats-io/nats-server/v2
./bin/whosaid bench --go-bench .bench/go-bench.txt --nats-server .bench/nats-server
