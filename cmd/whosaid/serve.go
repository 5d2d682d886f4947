package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/whosaid/whosaid/server"
	"github.com/whosaid/whosaid/store"
)

type serveOptions struct {
	addr          string
	metricsAddr   string // "": /metrics on addr
	cors          string
	playground    bool
	introspection bool
	maxBody       int64
	maxComplexity int
	maxResponse   int
	debug         bool
	timeout       time.Duration
	exportTimeout time.Duration
	production    bool
}

// serveFlags reads the server's settings from the environment (flags
// override them). WHOSAID_ENV=production turns off everything meant for a
// developer's own machine — the playground, introspection and the SDL at
// /schema.graphql, debug extensions — and moves /metrics to a listener of
// its own; an explicit WHOSAID_PLAYGROUND (or …_INTROSPECTION, …_DEBUG)
// still wins. defaultAddr is where to listen when WHOSAID_ADDR is unset.
func serveFlags(fs *flag.FlagSet, getenv func(string) string, defaultAddr string) (*serveOptions, error) {
	env := newSettings(getenv)
	o := &serveOptions{}
	o.production = env.oneOf("WHOSAID_ENV", "development", "development", "production") == "production"
	devOnly := !o.production
	metricsAddr := env.str("WHOSAID_METRICS_ADDR", "")
	if o.production && metricsAddr == "" {
		metricsAddr = "127.0.0.1:9090"
	}
	fs.StringVar(&o.addr, "addr", env.str("WHOSAID_ADDR", defaultAddr), "listen address (env WHOSAID_ADDR)")
	fs.StringVar(&o.metricsAddr, "metrics-addr", metricsAddr, "serve /metrics on this address instead of the API's (env WHOSAID_METRICS_ADDR; production default 127.0.0.1:9090)")
	fs.StringVar(&o.cors, "cors-origins", env.str("WHOSAID_CORS_ORIGINS", ""), "comma-separated browser origins allowed to read the API, or *; empty allows none (env WHOSAID_CORS_ORIGINS)")
	fs.BoolVar(&o.playground, "playground", env.boolean("WHOSAID_PLAYGROUND", devOnly), "serve the GraphiQL playground at / (env WHOSAID_PLAYGROUND)")
	fs.BoolVar(&o.introspection, "introspection", env.boolean("WHOSAID_INTROSPECTION", devOnly), "answer introspection queries and serve /schema.graphql (env WHOSAID_INTROSPECTION)")
	fs.Int64Var(&o.maxBody, "max-body-bytes", 1<<20, "largest request body accepted")
	fs.IntVar(&o.maxComplexity, "max-complexity", env.positive("WHOSAID_MAX_COMPLEXITY", 5000), "largest query cost accepted: lists count their page size times an item, a whole document text 50 (env WHOSAID_MAX_COMPLEXITY)")
	fs.IntVar(&o.maxResponse, "max-response-bytes", env.positive("WHOSAID_MAX_RESPONSE_BYTES", 16<<20), "largest answer sent; larger ones get RESPONSE_TOO_LARGE (env WHOSAID_MAX_RESPONSE_BYTES)")
	fs.DurationVar(&o.timeout, "request-timeout", env.duration("WHOSAID_REQUEST_TIMEOUT", 15*time.Second), "longest a request may take, Neo4j time and writing the response included (env WHOSAID_REQUEST_TIMEOUT)")
	fs.DurationVar(&o.exportTimeout, "export-timeout", env.duration("WHOSAID_EXPORT_TIMEOUT", 2*time.Minute), "longest an /export download may take, however slowly the client reads (env WHOSAID_EXPORT_TIMEOUT)")
	fs.BoolVar(&o.debug, "debug", env.boolean("WHOSAID_DEBUG", false), "report Cypher round trips and database time in extensions.whosaid (env WHOSAID_DEBUG)")
	return o, env.err()
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := newFlagSet("serve", stderr)
	dbcfg := neo4jFlags(fs, getenv)
	opts, err := serveFlags(fs, getenv, ":8080")
	if err != nil {
		return err
	}
	// Only serve reads from elsewhere: the loader, the schema and dev's
	// load must read what they write, on NEO4J_URI.
	env := newSettings(getenv)
	fs.StringVar(&dbcfg.ReadURI, "neo4j-read-uri", env.boltURI("NEO4J_READ_URI"),
		"send the API's reads here: any Bolt endpoint serving the same graph, such as a read-only snapshot; writes stay on NEO4J_URI (env NEO4J_READ_URI)")
	if err := env.err(); err != nil {
		return err
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if dbcfg.URI == "" {
		return errors.New("serve: set NEO4J_URI (or --neo4j-uri), or use `make run` to start a local Neo4j")
	}
	if dbcfg.ReadURI != "" {
		if err := checkBoltURI(dbcfg.ReadURI); err != nil {
			return fmt.Errorf("serve: --neo4j-read-uri: want %w", err)
		}
		log.Info("reads go to NEO4J_READ_URI", "uri", redactURI(dbcfg.ReadURI))
	}
	metrics := server.NewMetrics()
	st, err := store.Open(*dbcfg, metrics.ObserveStore)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	return serve(ctx, opts, st, metrics, stdout, log)
}

// serve listens and answers until ctx ends, then lets in-flight requests
// finish (up to 20 s) while refusing new ones.
func serve(ctx context.Context, o *serveOptions, st *store.Store, metrics *server.Metrics, stdout io.Writer, log *slog.Logger) error {
	handler := server.New(server.Config{
		CORSOrigins:      splitList(o.cors),
		MaxBodyBytes:     o.maxBody,
		MaxComplexity:    o.maxComplexity,
		MaxResponseBytes: o.maxResponse,
		Playground:       o.playground,
		Introspection:    o.introspection,
		MetricsHere:      o.metricsAddr == "",
		Debug:            o.debug,
		RequestTimeout:   o.timeout,
		ExportTimeout:    o.exportTimeout,
	}, st, st, metrics, log)

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	url := "http://" + displayAddr(ln.Addr())
	metricsURL := url + "/metrics"
	errc := make(chan error, 2)
	if o.metricsAddr != "" {
		mln, err := net.Listen("tcp", o.metricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("serve: metrics: %w", err)
		}
		msrv := &http.Server{Handler: server.MetricsHandler(metrics), ReadHeaderTimeout: 10 * time.Second}
		defer msrv.Close()
		go func() {
			if err := msrv.Serve(mln); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("metrics: %w", err)
			}
		}()
		metricsURL = "http://" + displayAddr(mln.Addr()) + "/metrics"
	}
	addresses := fmt.Sprintf("playground %s/  GraphQL %s/graphql  health %s/readyz  metrics %s", url, url, url, metricsURL)
	log.Info("serving", "addr", ln.Addr().String(), "metrics", metricsURL, "production", o.production)

	go func() { errc <- srv.Serve(ln) }()
	announced := make(chan struct{})
	announceCtx, stopAnnouncing := context.WithCancel(ctx)
	go func() {
		defer close(announced)
		announceReady(announceCtx, st, handler, addresses, stdout, log)
	}()
	defer func() { stopAnnouncing(); <-announced }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// announceReady prints "whosaid is ready" once the server is (Neo4j
// answers, the schema is in place) and the warm-up queries have run, and not
// before: until then it prints that the server is up but not ready and why
// (wrong credentials are named: waiting will not cure them), each time the
// reason changes, and asks again every few seconds. Requests are served all
// along; they answer UNAVAILABLE until Neo4j does.
func announceReady(ctx context.Context, db server.Database, handler http.Handler, addresses string, stdout io.Writer, log *slog.Logger) {
	lastReason := ""
	for {
		checkCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		reason, missing, err := server.NotReady(checkCtx, db)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if reason == "" {
			break
		}
		if reason != lastReason {
			lastReason = reason
			log.Warn("not ready: serving anyway; /readyz says why until it is", "reason", reason, "missing", missing, "err", err)
			fmt.Fprintf(stdout, "whosaid is serving but NOT ready (%s): %s\n", reason, addresses)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
	}
	start := time.Now()
	warmCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	err := server.WarmUp(warmCtx, handler)
	cancel()
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		log.Warn("warm-up failed; serving anyway", "err", err)
	} else {
		log.Info("warmed up", "ms", time.Since(start).Milliseconds())
	}
	fmt.Fprintf(stdout, "whosaid is ready: %s\n", addresses)
}

// displayAddr turns ":8080" or "[::]:8080" into "localhost:8080" for people.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}
