// Package store holds all of whosaid's Cypher: the schema, the reads the API
// serves and the writes the loader makes. Every call takes the caller's
// context, runs in a managed (retried) transaction, passes user input only as
// parameters, and routes reads to readers so that a neo4j:// cluster URI
// spreads them over read replicas.
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
	URI      string // bolt://host:port or neo4j://host:port (routing, clusters)
	User     string // empty: no authentication
	Password string
	Database string // empty: "neo4j"
	// QueryTimeout is passed to Neo4j as the transaction timeout, so a runaway
	// query is killed on the server and not only abandoned by the client.
	QueryTimeout time.Duration
}

// Observer is told how long each store operation took; the server feeds it
// into its metrics. It must be safe for concurrent use.
type Observer func(op string, d time.Duration, err error)

// Store is the Neo4j adapter. It is safe for concurrent use; hold one per
// process.
type Store struct {
	driver  neo4j.DriverWithContext
	db      string
	timeout time.Duration
	observe Observer
	record  func(op, cypher string, params map[string]any)

	// When Neo4j was last answered and last found unreachable (unix ns):
	// a request whose time runs out while the driver retries against an
	// unreachable database is reported UNAVAILABLE, not TIMEOUT.
	lastOK, lastDown atomic.Int64
}

// RecordQueries makes the store report every read and write query it runs,
// with its parameters; the query-plan test uses it to EXPLAIN all of them.
func (s *Store) RecordQueries(f func(op, cypher string, params map[string]any)) { s.record = f }

// Open creates the driver. It does not wait for Neo4j: a server may start
// before its database and become ready when the database does (see Ping).
func Open(cfg Config, observe Observer) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("store: no Neo4j URI")
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *neo4j.Config) {
		// Fail fast when the database is away rather than holding requests for a minute.
		c.ConnectionAcquisitionTimeout = 5 * time.Second
		c.SocketConnectTimeout = 5 * time.Second
		// Long enough to ride out a cluster leader switch, short enough that a
		// request fails with UNAVAILABLE while a client is still waiting.
		c.MaxTransactionRetryTime = 5 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("store: driver for %s: %w", cfg.URI, err)
	}
	s := &Store{driver: driver, db: cfg.Database, timeout: cfg.QueryTimeout, observe: observe}
	if s.db == "" {
		s.db = "neo4j"
	}
	if s.timeout == 0 {
		s.timeout = 30 * time.Second
	}
	if s.observe == nil {
		s.observe = func(string, time.Duration, error) {}
	}
	return s, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that Neo4j answers.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, "ping", `RETURN 1`, nil)
	return err
}

// read runs one read query in a managed transaction routed to readers.
func (s *Store) read(ctx context.Context, op, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	return s.run(ctx, op, cypher, params, neo4j.ExecuteQueryWithReadersRouting())
}

// write runs one write query in a managed transaction routed to the leader.
func (s *Store) write(ctx context.Context, op, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	return s.run(ctx, op, cypher, params, neo4j.ExecuteQueryWithWritersRouting())
}

func (s *Store) run(ctx context.Context, op, cypher string, params map[string]any, routing neo4j.ExecuteQueryConfigurationOption) (*neo4j.EagerResult, error) {
	start := time.Now()
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), routing,
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.txTimeout(ctx)), neo4j.WithTxMetadata(map[string]any{"op": op})))
	s.observe(op, time.Since(start), err)
	kg.AddQuery(ctx, time.Since(start))
	if s.record != nil {
		s.record(op, cypher, params)
	}
	if err != nil {
		return nil, s.classify(ctx, op, err)
	}
	s.lastOK.Store(time.Now().UnixNano())
	return res, nil
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
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) || pastDeadline(ctx):
		return &kg.Error{Kind: kg.Timeout, Message: "the query took too long", Err: fmt.Errorf("store: %s: %w", op, err)}
	case errors.Is(err, context.Canceled) || errors.Is(ctx.Err(), context.Canceled):
		return &kg.Error{Kind: kg.Timeout, Message: "the request was cancelled", Err: fmt.Errorf("store: %s: %w", op, err)}
	case neo4j.IsConnectivityError(err) || isUnavailable(err):
		return &kg.Error{Kind: kg.Unavailable, Message: "the database is unavailable", Err: fmt.Errorf("store: %s: %w", op, err)}
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration" {
		return &kg.Error{Kind: kg.Timeout, Message: "the query took too long", Err: fmt.Errorf("store: %s: %w", op, err)}
	}
	return &kg.Error{Kind: kg.Internal, Message: "internal error", Err: fmt.Errorf("store: %s: %w", op, err)}
}

// pastDeadline reports whether ctx's deadline has passed even if ctx does
// not say so yet: the driver's socket deadlines fire at the same instant as
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
