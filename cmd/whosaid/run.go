package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/whosaid/whosaid/store"
)

const usage = `usage: whosaid <command> [flags]

commands:
  serve    serve the GraphQL API (needs NEO4J_URI)
  load     create the schema and load seed folders into Neo4j: whosaid load [--no-extract] [PATH...] (default: seeds)
  backfill  a large first load through Neo4j's offline importer: whosaid backfill --out DIR [--home HOME [--overwrite]] [PATH...]
           (writes the importer's CSV files; --home imports them into a launcher home and builds the schema;
           --finish builds the schema after an import made with neo4j-admin elsewhere)
  unload   remove documents, their statements and what only they introduced: whosaid unload DOCUMENT...
  dev      what "make run" does: start Neo4j unless NEO4J_URI is set, load seeds, serve
  neo4j    start a local Neo4j from the Maven launcher in dev/neo4j and print its Bolt URI: whosaid neo4j [--home HOME] [--read-only];
           whosaid neo4j snapshot --from WRITER_HOME --home REPLICA_HOME copies a stopped store (dump + load), for a snapshot replica;
           whosaid neo4j admin --home HOME ARGS... runs neo4j-admin from the launcher's jars
  extract  print the statements the rules find in articles: whosaid extract [--format jsonl|yaml] [--seeds DIR] FILE...
  ingest   extraction and loading at scale through NATS JetStream: whosaid ingest publish|worker|load --nats URL
  eval     score extraction against the curated corpus by split and source: whosaid eval [--verbose] [FOLDER...] (default: seeds, eval/)
  train    train the speaker ranker on the dev split: whosaid train [--out FILE] (default loader/extract/ranker.json)
  bench    measure loads and the query mix at 10k, 100k and 1M statements (make bench; BENCH_QUICK=1 for a quick run)
  synth    write a synthetic corpus for benchmarks: whosaid synth --statements N --seed S --out DIR
  export   write GEXF, GraphML, Cytoscape.js JSON or a CSV zip: whosaid export --format gexf [--id ID --depth N --max-nodes N --statements NODES] [--out FILE]
  healthcheck  exit 0 when the server on WHOSAID_ADDR answers /readyz with 200, else 1 (container health checks): whosaid healthcheck [--url URL]

environment (flags override; a value that does not parse is an error):
  NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE   where Neo4j is
  NEO4J_READ_URI           serve: send the API's reads to this Bolt endpoint (a replica, a
                           read-only snapshot); writes stay on NEO4J_URI (default: NEO4J_URI)
  WHOSAID_ENV              development (default) or production: no playground, introspection,
                           /schema.graphql or debug extensions; /metrics on its own listener
  WHOSAID_ADDR             listen address (serve :8080; dev 127.0.0.1:8080)
  WHOSAID_METRICS_ADDR     a listener of its own for /metrics (production default 127.0.0.1:9090)
  WHOSAID_CORS_ORIGINS     comma-separated browser origins allowed to read the API (default none)
  WHOSAID_PLAYGROUND       serve GraphiQL at / (true; false in production)
  WHOSAID_INTROSPECTION    answer introspection, serve /schema.graphql (true; false in production)
  WHOSAID_REQUEST_TIMEOUT  longest a request may take, writing the answer included (15s)
  WHOSAID_MAX_COMPLEXITY   largest query cost accepted (5000)
  WHOSAID_MAX_RESPONSE_BYTES  largest answer sent (16777216)
  WHOSAID_EXPORT_TIMEOUT   longest an /export download may take, a client that stops reading
                           included (2m)
  WHOSAID_DEBUG            Cypher round trips and database time in extensions.whosaid (false)
  WHOSAID_LOG_LEVEL        debug, info (default), warn, error
  WHOSAID_LOG_FORMAT       text (default) or json
  WHOSAID_TEST_NEO4J_URI   tests: a running Neo4j instead of a throw-away one
  BENCH_QUICK              bench: one small corpus
  BENCH_SIZES              bench: only these corpora (e.g. 10000,100000)
`

// run is the whole program: main only supplies the process's arguments,
// environment and streams, so tests can run any command line in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	log, err := newLogger(getenv, stderr)
	if err != nil {
		return err
	}
	err = runCommand(ctx, args[1], args[2:], getenv, stdout, stderr, log)
	if errors.Is(err, flag.ErrHelp) {
		return nil // -h asked for the usage the flag set has printed: not a failure
	}
	return err
}

// runCommand runs one subcommand.
func runCommand(ctx context.Context, cmd string, rest []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	switch cmd {
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr, log)
	case "load":
		return runLoad(ctx, rest, getenv, stdout, stderr, log)
	case "dev":
		return runDev(ctx, rest, getenv, stdout, stderr, log)
	case "neo4j":
		return runNeo4j(ctx, rest, stdout, stderr)
	case "ingest":
		return runIngest(ctx, rest, getenv, stdout, stderr, log)
	case "extract":
		return runExtract(ctx, rest, getenv, stdout, stderr, log)
	case "eval":
		return runEval(ctx, rest, getenv, stdout, stderr, log)
	case "backfill":
		return runBackfill(ctx, rest, getenv, stdout, stderr, log)
	case "unload":
		return runUnload(ctx, rest, getenv, stdout, stderr, log)
	case "train":
		return runTrain(ctx, rest, getenv, stdout, stderr, log)
	case "export":
		return runExport(ctx, rest, getenv, stdout, stderr, log)
	case "synth":
		return runSynth(ctx, rest, stdout, stderr)
	case "bench":
		return runBench(ctx, rest, getenv, stdout, stderr)
	case "healthcheck":
		return runHealthcheck(ctx, rest, getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "version", "--version":
		fmt.Fprintln(stdout, version())
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// newLogger logs at WHOSAID_LOG_LEVEL (default info), as text or, with
// WHOSAID_LOG_FORMAT=json, one JSON object per line.
func newLogger(getenv func(string) string, w io.Writer) (*slog.Logger, error) {
	env := newSettings(getenv)
	level := env.oneOf("WHOSAID_LOG_LEVEL", "info", "debug", "info", "warn", "error")
	format := env.oneOf("WHOSAID_LOG_FORMAT", "text", "text", "json")
	if err := env.err(); err != nil {
		return nil, err
	}
	var l slog.Level
	_ = l.UnmarshalText([]byte(level)) // one of the four names above
	opts := &slog.HandlerOptions{Level: l}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

// neo4jFlags registers the connection flags, defaulting to the environment.
func neo4jFlags(fs *flag.FlagSet, getenv func(string) string) *store.Config {
	cfg := &store.Config{}
	fs.StringVar(&cfg.URI, "neo4j-uri", getenv("NEO4J_URI"), "Neo4j URI, bolt:// or neo4j:// (env NEO4J_URI)")
	fs.StringVar(&cfg.User, "neo4j-user", getenv("NEO4J_USER"), "Neo4j user; empty for no authentication (env NEO4J_USER)")
	fs.StringVar(&cfg.Password, "neo4j-password", getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD)")
	fs.StringVar(&cfg.Database, "neo4j-database", getenv("NEO4J_DATABASE"), "Neo4j database (env NEO4J_DATABASE; default neo4j)")
	fs.DurationVar(&cfg.QueryTimeout, "query-timeout", 30*time.Second, "longest a query may run in Neo4j")
	return cfg
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("whosaid "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// version names the build: the module version, the commit it was built from
// (with "+dirty" when the tree had changes) and its time, and the Go release.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "whosaid (no build information)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	v := "whosaid " + info.Main.Version
	if rev := settings["vcs.revision"]; rev != "" {
		v += " commit " + rev
		if settings["vcs.modified"] == "true" {
			v += "+dirty"
		}
		if at := settings["vcs.time"]; at != "" {
			v += " (" + at + ")"
		}
	}
	return v + " " + info.GoVersion
}
