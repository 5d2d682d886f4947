// Package store holds all of whosaid's Cypher: the schema, the reads the API
// serves and the writes the loader makes. Every call takes the caller's
// context, runs in a managed (retried) transaction, passes user input only as
// parameters, and routes reads to readers so that a neo4j:// cluster URI
// spreads them over read replicas.
//
// The files follow the store's consumers, each implementing one interface
// of theirs, so that what a consumer can ask is read off one file:
//
//	api_catalogue.go   graph.Catalogue: actors, topics, events, places, documents, mentions, any node by id
//	api_statements.go  graph.StatementReader: statement lists and lookups
//	api_search.go      graph.Searcher: full-text search
//	api_analyses.go    graph.Analyses: stance matrix, alignment, timeline, stats
//	subgraph.go        subgraph.Source: what drawings walk
//	export.go          export.Store (beyond subgraph.Source): whole-graph pages
//	load.go            loader.Writer's writes, unloading, counts
//	schema.go          the schema and its upkeep (loader.Writer.EnsureSchema,
//	                   loader.Writer.RefreshSearch, server.Database.SchemaReady)
//	store.go           opening, closing, Ping (server.Database), transactions, errors
//	hooks.go           what only tests and benchmarks call
//
// Shared pieces: cypher.go (fragments several queries use: nodes by id,
// the date range, the subgraph filter, trust), scope.go (the scope model),
// nodes.go (how the API's nodes are projected and decoded), decode.go (the
// decoders), names.go and lucene.go (name keys and search terms).
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/kg"
)

// Config says how to reach Neo4j.
type Config struct {
	URI string // bolt://host:port or neo4j://host:port (routing, clusters); writes and the schema always go here
	// ReadURI, when set, is where reads go instead: any Bolt endpoint that
	// serves the same graph (a read-only snapshot, a replica's own address).
	// Unset, reads go to URI in read mode, which a neo4j:// URI routes to
	// the cluster's readers.
	ReadURI  string
	User     string // empty: no authentication
	Password string
	Database string // empty: "neo4j"
	// QueryTimeout is passed to Neo4j as the transaction timeout, so a runaway
	// query is killed on the server and not only abandoned by the client.
	QueryTimeout time.Duration
}

// Observer is told how long each store operation took and on which path
// (PathRead or PathWrite) it went; the server feeds it into its metrics. It
// must be safe for concurrent use.
type Observer func(path, op string, d time.Duration, err error)

// The two paths to Neo4j: reads (Config.ReadURI, or URI in read mode) and
// writes (URI in write mode). Metrics and /readyz name them.
const (
	PathRead  = "read"
	PathWrite = "write"
)

// Store is the Neo4j adapter. It is safe for concurrent use; hold one per
// process.
type Store struct {
	driver  neo4j.DriverWithContext // writes, the schema: Config.URI
	reader  neo4j.DriverWithContext // reads: Config.ReadURI's driver, or driver
	db      string
	timeout time.Duration
	observe Observer
	record  func(op, cypher string, params map[string]any)
	// writes chains this process's writes, and its bookmarks are what
	// WriteBookmarks returns. Reads never use it: a read chained on a
	// process-wide bookmark manager would wait for this process's writes
	// on every replica, and an API replica has no writes to wait for.
	writes neo4j.BookmarkManager

	// When Neo4j was last answered and last found unreachable (unix ns):
	// a request whose time runs out while the driver retries against an
	// unreachable database is reported UNAVAILABLE, not TIMEOUT.
	lastOK, lastDown atomic.Int64
}

// Open creates the driver. It does not wait for Neo4j: a server may start
// before its database and become ready when the database does (see Ping).
func Open(cfg Config, observe Observer) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("store: no Neo4j URI")
	}
	driver, err := newDriver(cfg, cfg.URI)
	if err != nil {
		return nil, err
	}
	reader := driver
	if cfg.ReadURI != "" {
		if reader, err = newDriver(cfg, cfg.ReadURI); err != nil {
			driver.Close(context.Background())
			return nil, err
		}
	}
	s := &Store{driver: driver, reader: reader, db: cfg.Database, timeout: cfg.QueryTimeout, observe: observe,
		writes: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{})}
	if s.db == "" {
		s.db = "neo4j"
	}
	if s.timeout == 0 {
		s.timeout = 30 * time.Second
	}
	if s.observe == nil {
		s.observe = func(string, string, time.Duration, error) {}
	}
	return s, nil
}

func newDriver(cfg Config, uri string) (neo4j.DriverWithContext, error) {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(uri, auth, func(c *neo4j.Config) {
		// Fail fast when the database is away rather than holding requests for a minute.
		c.ConnectionAcquisitionTimeout = 5 * time.Second
		c.SocketConnectTimeout = 5 * time.Second
		// Long enough to ride out a cluster leader switch, short enough that a
		// request fails with UNAVAILABLE while a client is still waiting.
		c.MaxTransactionRetryTime = 5 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("store: driver for %s: %w", uri, err)
	}
	return driver, nil
}

// Close releases the drivers' connections.
func (s *Store) Close(ctx context.Context) error {
	err := s.driver.Close(ctx)
	if s.reader != s.driver {
		err = errors.Join(err, s.reader.Close(ctx))
	}
	return err
}

// Ping checks that Neo4j answers on both paths, reads first; the error of a
// failing path names it (see PathError), so /readyz can say which is down.
func (s *Store) Ping(ctx context.Context) error {
	if _, err := s.read(ctx, "ping", `RETURN 1`, nil); err != nil {
		return &PathError{Path: PathRead, Err: err}
	}
	if _, err := s.write(ctx, "ping", `RETURN 1`, nil); err != nil {
		return &PathError{Path: PathWrite, Err: err}
	}
	return nil
}

// PathError is a failure on one path to Neo4j.
type PathError struct {
	Path string // PathRead or PathWrite
	Err  error
}

func (e *PathError) Error() string { return e.Path + " path: " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

// FailingPath names the path (PathRead, PathWrite) that failed.
func (e *PathError) FailingPath() string { return e.Path }

// read runs one read query in a managed transaction on the read path:
// Config.ReadURI's driver, or the main one routed to readers. It waits for
// the bookmarks the request asked for, and no others (see readBookmarks).
func (s *Store) read(ctx context.Context, op, cypher string, params map[string]any) (*result, error) {
	return s.run(ctx, PathRead, op, cypher, params)
}

// readPrimary runs a read on the write path, for the schema's upkeep, which
// reads what it is about to write and must not see a stale replica.
func (s *Store) readPrimary(ctx context.Context, op, cypher string, params map[string]any) (*result, error) {
	return s.run(ctx, PathWrite, op, cypher, params)
}

// write runs one write query in a managed transaction routed to the leader.
func (s *Store) write(ctx context.Context, op, cypher string, params map[string]any) (*result, error) {
	return s.run(ctx, PathWrite, op, cypher, params)
}

func (s *Store) run(ctx context.Context, path, op, cypher string, params map[string]any) (*result, error) {
	driver, routing, bookmarks := s.driver, neo4j.ExecuteQueryWithWritersRouting(), neo4j.ExecuteQueryWithBookmarkManager(s.writes)
	if path == PathRead {
		driver, routing, bookmarks = s.reader, neo4j.ExecuteQueryWithReadersRouting(), readBookmarks(ctx)
	}
	start := time.Now()
	res, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), routing, bookmarks,
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.txTimeout(ctx)), neo4j.WithTxMetadata(map[string]any{"op": op})))
	s.observe(path, op, time.Since(start), err)
	kg.AddQuery(ctx, time.Since(start))
	if s.record != nil {
		s.record(op, cypher, params)
	}
	if err != nil {
		return nil, s.classify(ctx, op, err)
	}
	s.lastOK.Store(time.Now().UnixNano())
	return &result{res, op}, nil
}

// step is one parameterised query of a write transaction.
type step struct {
	name   string
	cypher string
	params map[string]any
}

// writeTx runs steps in one managed write transaction: all of them land or
// none does. The driver may retry the whole function on transient errors, so
// every step is idempotent given the ones before it.
func (s *Store) writeTx(ctx context.Context, op string, steps []step) error {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite, BookmarkManager: s.writes})
	defer session.Close(ctx)
	start := time.Now()
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, st := range steps {
			if s.record != nil {
				s.record(op+"."+st.name, st.cypher, st.params)
			}
			res, err := tx.Run(ctx, st.cypher, st.params)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", st.name, err)
			}
			if _, err := res.Consume(ctx); err != nil {
				return nil, fmt.Errorf("%s: %w", st.name, err)
			}
		}
		return nil, nil
	}, neo4j.WithTxTimeout(10*time.Minute), neo4j.WithTxMetadata(map[string]any{"op": op}))
	s.observe(PathWrite, op, time.Since(start), err)
	if err != nil {
		return s.classify(ctx, op, err)
	}
	s.lastOK.Store(time.Now().UnixNano())
	return nil
}

// classify also remembers an unreachable database, and reports a request
// that ran out of time while the database was unreachable as UNAVAILABLE.
func (s *Store) classify(ctx context.Context, op string, err error) error {
	cerr := classify(ctx, op, err)
	switch kg.KindOf(cerr) {
	case kg.Unavailable:
		s.lastDown.Store(time.Now().UnixNano())
	case kg.Timeout:
		if s.lastDown.Load() > s.lastOK.Load() {
			return &kg.Error{Kind: kg.Unavailable, Message: "the database is unavailable", Err: err}
		}
	}
	return cerr
}

// classify turns driver errors into kg errors whose messages never carry
// Cypher or driver text; the cause stays wrapped for the logs.
func classify(ctx context.Context, op string, err error) error {
	var kerr *kg.Error
	switch {
	case errors.As(err, &kerr):
		return err
	// Wrong credentials are checked first: the driver reports them while
	// connecting, which looks like a connectivity problem otherwise.
	case isAuthFailure(err):
		return &kg.Error{Kind: kg.Unavailable, Message: "the database is unavailable", Err: fmt.Errorf("store: %s: %w: %w", op, kg.ErrDatabaseAuth, err)}
	// A database that refuses connections is unavailable, even if the
	// request's time ran out while the driver retried.
	case (neo4j.IsConnectivityError(err) || isUnavailable(err)) && !strings.Contains(err.Error(), "context deadline exceeded"):
		return &kg.Error{Kind: kg.Unavailable, Message: "the database is unavailable", Err: fmt.Errorf("store: %s: %w", op, err)}
	// The driver reports an expired context in several guises (a
	// connectivity error, a failed handshake); the context says what happened.
	case errors.Is(err, context.DeadlineExceeded) || pastDeadline(ctx):
		return &kg.Error{Kind: kg.Timeout, Message: "the query took too long", Err: fmt.Errorf("store: %s: %w", op, err)}
	case errors.Is(err, context.Canceled) || errors.Is(ctx.Err(), context.Canceled):
		return &kg.Error{Kind: kg.Timeout, Message: "the request was cancelled", Err: fmt.Errorf("store: %s: %w", op, err)}
	case neo4j.IsConnectivityError(err) || isUnavailable(err):
		return &kg.Error{Kind: kg.Unavailable, Message: "the database is unavailable", Err: fmt.Errorf("store: %s: %w", op, err)}
	}
	code := neo4jCode(err)
	switch {
	case code == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration":
		return &kg.Error{Kind: kg.Timeout, Message: "the query took too long", Err: fmt.Errorf("store: %s: %w", op, err)}
	// The bookmarks come from the client (kg.Bookmarks): a well-formed one
	// that names no state of this database is the client's mistake.
	case code == "Neo.ClientError.Transaction.InvalidBookmark" || code == "Neo.ClientError.Transaction.InvalidBookmarkMixture":
		return &kg.Error{Kind: kg.Invalid, Message: "a bookmark sent with the request is not one of this database's", Err: fmt.Errorf("store: %s: %w", op, err)}
	// A replica that has not reached the asked-for state in time will later.
	case code == "Neo.TransientError.Transaction.BookmarkTimeout":
		return &kg.Error{Kind: kg.Unavailable, Message: "the database has not yet reached the state the request's bookmarks name; retry", Err: fmt.Errorf("store: %s: %w", op, err)}
	case outOfMemory(code):
		return &kg.Error{Kind: kg.ResourceExhausted, Message: "the database is short of memory for this query; retry later or ask for less (a smaller first, a narrower filter)",
			Err: fmt.Errorf("store: %s: %w", op, err)}
	}
	return &kg.Error{Kind: kg.Internal, Message: "internal error", Err: fmt.Errorf("store: %s: %w", op, err)}
}

// neo4jCode is the status code of the Neo4j error in err's chain, or, when
// the driver gave up retrying a transient one, of the last attempt's (its
// TransactionExecutionLimit does not unwrap).
func neo4jCode(err error) string {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		err = limit.Errors[len(limit.Errors)-1]
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) {
		return nerr.Code
	}
	return ""
}

// outOfMemory reports whether a status code says the database refused a
// transaction memory (Neo.TransientError.General.MemoryPoolOutOfMemoryError,
// …General.TransactionMemoryLimit and their kin): a limit of the server's,
// not a fault of whosaid's.
func outOfMemory(code string) bool {
	parts := strings.Split(code, ".")
	return len(parts) == 4 && parts[0] == "Neo" && parts[2] == "General" && strings.Contains(parts[3], "Memory")
}

// pastDeadline reports whether ctx's deadline has passed, also when ctx
// does not say so yet: the driver's socket deadlines fire at the same instant as
// the context's timer, and an interrupted handshake then reads as "none of
// the server offered Bolt versions are supported" before ctx.Err is set.
func pastDeadline(ctx context.Context) bool {
	d, ok := ctx.Deadline()
	return ok && !time.Now().Before(d)
}

// isAuthFailure reports a refused login: Neo4j's security errors (wrong
// password, a user locked after too many attempts, an expired token).
func isAuthFailure(err error) bool {
	var nerr *neo4j.Neo4jError
	var terr *neo4j.TokenExpiredError
	return errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.Security.") || errors.As(err, &terr)
}

func isUnavailable(err error) bool {
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) {
		return nerr.Code == "Neo.TransientError.General.DatabaseUnavailable"
	}
	var terr *neo4j.TransactionExecutionLimit
	if errors.As(err, &terr) {
		for _, e := range terr.Errors {
			if neo4j.IsConnectivityError(e) || isUnavailable(e) {
				return true
			}
		}
	}
	return false
}

// txTimeout is the store's query timeout, shortened to the request's
// deadline so Neo4j stops working on a query nobody waits for any more.
func (s *Store) txTimeout(ctx context.Context) time.Duration {
	d := s.timeout
	if deadline, ok := ctx.Deadline(); ok {
		if left := time.Until(deadline); left < d {
			d = max(left, time.Millisecond)
		}
	}
	return d
}
