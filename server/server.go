// Package server wires whosaid's HTTP endpoints: the GraphQL endpoint and its
// playground, health and readiness probes, and Prometheus metrics. It holds no
// state of its own beyond caches, so any number of instances can serve one
// Neo4j cluster behind a load balancer.
package server

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"

	"github.com/whosaid/whosaid/explorer"
	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/playground"
)

// Config tunes the server. Zero values take the defaults noted.
type Config struct {
	// CORSOrigins allowed to call the API from a browser; empty allows none
	// (same-origin only: no CORS headers at all), "*" allows all.
	CORSOrigins []string
	// MaxBodyBytes caps a request body; default 1 MiB.
	MaxBodyBytes int64
	// MaxComplexity caps a query's cost, list fields counted `first` times; default 5000.
	MaxComplexity int
	// Playground serves GraphiQL at /.
	Playground bool
	// Introspection answers __schema queries (the playground needs it) and
	// serves the SDL at /schema.graphql.
	Introspection bool
	// MetricsHere serves /metrics on this handler; off, serve
	// MetricsHandler on a listener of its own.
	MetricsHere bool
	// MaxDepth caps how deeply a query nests; default 12.
	MaxDepth int
	// RequestTimeout bounds each request, Neo4j time included; default 15 s.
	RequestTimeout time.Duration
	// Debug adds extensions.whosaid {cypherQueries, dbMillis} to every response.
	Debug bool
	// MaxResponseBytes caps the data of one answer; default 16 MiB.
	MaxResponseBytes int
	// MaxDrawings is how many operations that draw subgraphs (neighbourhood,
	// paths) and neighbourhood exports run at once; the others wait.
	// Default: twice the cores.
	MaxDrawings int
	// ExportTimeout bounds each /export download, first byte to last, a
	// client that reads slowly or not at all included; default 2 min.
	ExportTimeout time.Duration
}

// Store is what the server reads: the API's reads and the exports'.
type Store interface {
	graph.Reader
	export.Store
}

// Database is what the probes need to know about Neo4j.
type Database interface {
	// Ping checks every path to Neo4j; an error on one path has a
	// FailingPath() string method naming it ("read", "write").
	Ping(ctx context.Context) error
	SchemaReady(ctx context.Context) (missing []string, err error)
}

// New returns the whole HTTP handler.
func New(cfg Config, st Store, db Database, metrics *Metrics, log *slog.Logger) http.Handler {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.MaxComplexity == 0 {
		cfg.MaxComplexity = 5000
	}
	if cfg.MaxDepth == 0 {
		cfg.MaxDepth = 12
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 15 * time.Second
	}
	if cfg.MaxResponseBytes == 0 {
		cfg.MaxResponseBytes = 16 << 20
	}
	if cfg.MaxDrawings == 0 {
		cfg.MaxDrawings = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.ExportTimeout == 0 {
		cfg.ExportTimeout = 2 * time.Minute
	}
	slots := newDrawingSlots(cfg.MaxDrawings)
	mux := http.NewServeMux()
	gql, schema := newGraphQL(cfg, st, slots, metrics, log)
	mux.Handle("/graphql", withBookmarks(limitBody(withTimeout(gql, cfg.RequestTimeout), cfg.MaxBodyBytes)))
	if cfg.Introspection {
		mux.HandleFunc("GET /schema.graphql", func(w http.ResponseWriter, r *http.Request) {
			// The SDL, for codegen and IDE plugins: what introspection would
			// tell, so only when introspection is on.
			w.Header().Set("Content-Type", "application/graphql; charset=utf-8")
			formatter.NewFormatter(w, formatter.WithComments()).FormatSchema(schema)
		})
	}
	if cfg.Playground {
		// GraphiQL, embedded: the page at /, its script and styles under /playground/.
		mux.Handle("GET /{$}", playground.Handler())
		mux.Handle("GET /playground/{asset}", http.StripPrefix("/playground", playground.Handler()))
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", readyz(db))
	mux.Handle("GET /explore/", http.StripPrefix("/explore", explorer.Handler())) // the graph explorer page; /explore redirects here
	if cfg.MetricsHere {
		mux.Handle("GET /metrics", promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{})) // under New's security headers
	}
	mux.Handle("GET /export/{format}", withBookmarks(handleExport(st, slots, cfg.ExportTimeout, log))) // GEXF, GraphML, Cytoscape.js, CSV downloads

	var h http.Handler = mux
	if len(cfg.CORSOrigins) > 0 {
		// rs/cors reads an empty AllowedOrigins as "*", so it is only
		// installed when origins are configured: with none, a browser on
		// another origin gets no Access-Control-* header and cannot read
		// anything.
		h = cors.New(cors.Options{
			AllowedOrigins: cfg.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			// What GraphQL clients send: Apollo's CSRF-prevention header and
			// operation name, and persisted-query and tracing headers.
			AllowedHeaders: []string{"Content-Type", "Accept", "Authorization", "Apollo-Require-Preflight",
				"X-Apollo-Operation-Name", "Apollographql-Client-Name", "Apollographql-Client-Version", "GraphQL-Preflight",
				BookmarksHeader},
			ExposedHeaders: []string{BookmarksHeader}, // a page may echo them to read its own writes' state
			MaxAge:         600,
		}).Handler(h)
	}
	return securityHeaders(h)
}

// MetricsHandler serves the Prometheus metrics, for a listener of its own.
func MetricsHandler(metrics *Metrics) http.Handler {
	return securityHeaders(promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{}))
}

// securityHeaders sets what every answer carries: no MIME sniffing, no
// framing by other sites, no referrer leaking a query string, and a content
// policy that lets JSON and text load nothing. Pages that run scripts (the
// playground, the explorer) set their own policy, which replaces this one.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

func newGraphQL(cfg Config, reader graph.Reader, slots drawingSlots, metrics *Metrics, log *slog.Logger) (http.Handler, *ast.Schema) {
	c := graph.Config{Resolvers: &graph.Resolver{Graph: reader, Log: log}}
	priceFields(&c.Complexity)

	exec := graph.NewExecutableSchema(c)
	srv := handler.New(exec)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(graphQLOverHTTP{}) // GET and POST as the GraphQL-over-HTTP spec says; see transport.go
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(15000)
	srv.SetDisableSuggestion(!cfg.Introspection)
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.FixedComplexityLimit(cfg.MaxComplexity, complexity.WithFixedScalarValue(0)))
	srv.Use(depthLimit{max: cfg.MaxDepth, maxAliases: 30})
	// Clients may send a query's hash instead of its text once the server knows it.
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		ctx, _ = kg.WithQueryStats(ctx)
		return next(graph.WithLoaders(ctx, reader))
	})
	srv.AroundOperations(admitDrawings(slots, presentError(log)))
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(recoverPanic(log))
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		start := time.Now()
		resp := next(ctx)
		name := metrics.operationLabel(ctx)
		outcome := "ok"
		if resp != nil && len(resp.Errors) > 0 {
			outcome = "error"
			if code, ok := resp.Errors[0].Extensions["code"].(string); ok {
				outcome = code
			}
		}
		took := time.Since(start)
		metrics.requests.WithLabelValues(name, outcome).Inc()
		metrics.latency.WithLabelValues(name).Observe(took.Seconds())
		var queries int
		var db time.Duration
		if stats := kg.StatsFrom(ctx); stats != nil {
			queries, db = stats.Snapshot()
		}
		// One line per request, without variables (they may hold what a
		// researcher is investigating) or the query text.
		cost := 0
		if graphql.HasOperationContext(ctx) { // requests refused before parsing have none
			if c := extension.GetComplexityStats(ctx); c != nil {
				cost = c.Complexity
			}
		}
		log.InfoContext(ctx, "graphql", "operation", name, "outcome", outcome, "ms", took.Milliseconds(), "cost", cost, "cypherQueries", queries)
		if cfg.Debug && resp != nil {
			if resp.Extensions == nil {
				resp.Extensions = map[string]any{}
			}
			resp.Extensions["whosaid"] = map[string]any{"cypherQueries": queries, "dbMillis": float64(db.Microseconds()) / 1000}
		}
		return resp
	})
	// Inside the metrics above (the first registered runs outermost), so a
	// capped answer is counted with its code.
	srv.AroundResponses(capResponse(cfg.MaxResponseBytes))
	return srv, exec.Schema()
}

// readyz answers 200 when Neo4j answers and the schema is in place, else 503
// with the reason, so a load balancer only sends traffic to working instances.
func readyz(db Database) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		reason, missing, _ := NotReady(ctx, db)
		switch {
		case reason == "":
			writeJSON(w, http.StatusOK, map[string]any{"status": "ready"})
		case len(missing) > 0:
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "reason": reason, "missing": missing})
		default:
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "reason": reason})
		}
	}
}

// NotReady says in a few words why the server cannot answer yet — wrong
// credentials (which only the operator can fix), Neo4j unreachable, or
// constraints and indexes missing (named in missing) — or "" when it can.
// err is the cause, for the log.
func NotReady(ctx context.Context, db Database) (reason string, missing []string, err error) {
	if err := db.Ping(ctx); err != nil {
		reason := "neo4j unreachable"
		if errors.Is(err, kg.ErrDatabaseAuth) {
			reason = "authentication failed"
		}
		// Reads may go elsewhere than writes (NEO4J_READ_URI, a cluster's
		// readers): name the path that failed, so the operator knows which
		// end to look at.
		var path interface{ FailingPath() string }
		if errors.As(err, &path) {
			reason += " on the " + path.FailingPath() + " path"
		}
		return reason, nil, err
	}
	missing, err = db.SchemaReady(ctx)
	switch {
	case err != nil:
		return "cannot read the schema", nil, err
	case len(missing) > 0:
		return "schema incomplete", missing, nil
	}
	return "", nil, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONAs(w, mediaJSON, status, v)
}

func writeJSONAs(w http.ResponseWriter, media string, status int, v any) {
	w.Header().Set("Content-Type", media)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// limitBody answers 413 PAYLOAD_TOO_LARGE with a GraphQL-shaped error when
// a body is larger than max: at once when Content-Length says so, and after
// reading at most max+1 bytes of a body of unknown length (chunked), which
// then reaches the handler from memory.
func limitBody(next http.Handler, max int64) http.Handler {
	tooLarge := func(w http.ResponseWriter, r *http.Request) {
		// in the media type the client asked for, as the transport would answer
		writeJSONAs(w, cmp.Or(acceptedMedia(r.Header.Get("Accept")), mediaJSON), http.StatusRequestEntityTooLarge, map[string]any{"errors": []map[string]any{{
			"message":    fmt.Sprintf("request body too large: the limit is %d bytes", max),
			"extensions": map[string]any{"code": codePayloadTooLarge, "limitBytes": max},
		}}})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			tooLarge(w, r)
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
			if err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]any{"errors": []map[string]any{{
					"message": "the request body could not be read", "extensions": map[string]any{"code": codeBadUserInput},
				}}})
				return
			}
			if int64(len(body)) > max {
				tooLarge(w, r)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}
