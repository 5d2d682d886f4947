# whosaid — the two commands that matter are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
BIN := bin/whosaid
NEO4J_DIR := .neo4j

.PHONY: run test build vet generate neo4j neo4j-stop clean bench soak explorer playground backfill

## run: Neo4j (unless NEO4J_URI is set), schema, seeds, and the server on :8080
run: build
	./$(BIN) dev

## test: go vet and every test, integration tests against a throw-away Neo4j
test:
	./scripts/test.sh

build:
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/whosaid

vet:
	$(GO) vet ./...

## generate: the copies of kg's vocabularies (schema.graphqls's Predicate values, explorer/src/vocabulary.js,
## seeds/README.md's predicate table) after kg/vocabulary.go, then gqlgen's code after schema.graphqls or gqlgen.yml
generate:
	$(GO) generate ./kg
	$(GO) tool gqlgen generate

## explorer: rebuild the /explore page (explorer/dist, checked in) from explorer/src with Node 20+
explorer:
	cd explorer && npm ci --no-audit --no-fund && npm run build

## playground: rebuild the GraphiQL page at / (playground/dist, checked in) from playground/src with Node 20+
playground:
	cd playground && npm ci --no-audit --no-fund && npm run build

## soak: restart Neo4j under load, then 64 clients for 2 minutes over 100k synthetic statements; figures to docs/SOAK.md;
## then the slow end-to-end tests that start Neo4j instances of their own (backfill equivalence, snapshot replica)
soak:
	WHOSAID_SOAK=1 WHOSAID_SOAK_STATEMENTS=$${WHOSAID_SOAK_STATEMENTS:-100000} WHOSAID_SOAK_REPORT=$(CURDIR)/docs/SOAK.md $(GO) test -count=1 -v -timeout 30m -run 'TestNeo4jRestartUnderLoad|TestSoak' ./soak/
	WHOSAID_SOAK=1 $(GO) test -count=1 -v -timeout 30m -run 'TestBackfillGivesTheGraphOfALoad|TestSnapshotReplica' ./cmd/whosaid/

## backfill: a large FIRST load through Neo4j's offline importer: BACKFILL_FROM (seed folders, default seeds) into the
## store of make neo4j (.neo4j/data, which must hold no database yet; OVERWRITE=1 replaces it), schema built after
BACKFILL_FROM ?= seeds
backfill: build
	rm -rf $(NEO4J_DIR)/import
	./$(BIN) backfill --out $(NEO4J_DIR)/import --home $(NEO4J_DIR)/data $(if $(OVERWRITE),--overwrite) $(BACKFILL_FROM)

## bench: loads and query mix at 10k/100k/1M statements → docs/BENCHMARKS.md (BENCH_QUICK=1: 10k, < 3 min)
bench:
	./scripts/bench.sh

## neo4j: start a local Neo4j in the background (store in .neo4j/) and print its URI
neo4j: build
	./scripts/neo4j.sh start

## neo4j-stop: stop the Neo4j started by `make neo4j`
neo4j-stop:
	./scripts/neo4j.sh stop

clean:
	rm -rf bin dev/neo4j/target
