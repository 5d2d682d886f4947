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
	cors          string
	playground    bool
	introspection bool
	maxBody       int64
	maxComplexity int
	debug         bool
	timeout       time.Duration
}

func serveFlags(fs *flag.FlagSet, getenv func(string) string) *serveOptions {
	o := &serveOptions{}
	addr := getenv("WHOSAID_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	fs.StringVar(&o.addr, "addr", addr, "listen address (env WHOSAID_ADDR)")
	fs.StringVar(&o.cors, "cors-origins", getenv("WHOSAID_CORS_ORIGINS"), "comma-separated origins allowed by CORS, or * (env WHOSAID_CORS_ORIGINS)")
	fs.BoolVar(&o.playground, "playground", envBool(getenv("WHOSAID_PLAYGROUND"), true), "serve the GraphiQL playground at / (env WHOSAID_PLAYGROUND)")
	fs.BoolVar(&o.introspection, "introspection", envBool(getenv("WHOSAID_INTROSPECTION"), true), "answer introspection queries (env WHOSAID_INTROSPECTION)")
	fs.Int64Var(&o.maxBody, "max-body-bytes", 1<<20, "largest request body accepted")
	fs.IntVar(&o.maxComplexity, "max-complexity", 5000, "largest query cost accepted (list fields count `first` times)")
	fs.DurationVar(&o.timeout, "request-timeout", envDuration(getenv("WHOSAID_REQUEST_TIMEOUT"), 15*time.Second), "longest a request may take, Neo4j time included (env WHOSAID_REQUEST_TIMEOUT)")
	fs.BoolVar(&o.debug, "debug", envBool(getenv("WHOSAID_DEBUG"), false), "report Cypher round trips and database time in extensions.whosaid (env WHOSAID_DEBUG)")
	return o
}

func envDuration(v string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(v); err == nil {
		return d
	}
	return def
}

func envBool(v string, def bool) bool {
	if b, err := strconv.ParseBool(v); err == nil {
		return b
	}
	return def
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := newFlagSet("serve", stderr)
	dbcfg := neo4jFlags(fs, getenv)
	opts := serveFlags(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if dbcfg.URI == "" {
		return errors.New("serve: set NEO4J_URI (or --neo4j-uri), or use `make run` to start a local Neo4j")
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
	pingCtx, cancelPing := context.WithTimeout(ctx, 5*time.Second)
	err := st.Ping(pingCtx)
	cancelPing()
	if err != nil {
		// Not fatal: /readyz reports it and queries answer UNAVAILABLE until Neo4j is back.
		log.Warn("neo4j not reachable yet; serving anyway", "err", err)
	}
	handler := server.New(server.Config{
		CORSOrigins:    splitList(o.cors),
		MaxBodyBytes:   o.maxBody,
		MaxComplexity:  o.maxComplexity,
		Playground:     o.playground,
		Introspection:  o.introspection,
		Debug:          o.debug,
		RequestTimeout: o.timeout,
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
	fmt.Fprintf(stdout, "whosaid is ready: playground %s/  GraphQL %s/graphql  health %s/readyz\n", url, url, url)
	log.Info("serving", "addr", ln.Addr().String())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
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
	return nil
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
