package server

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/whosaid/whosaid/kg"
)

// Metrics are the Prometheus series whosaid exports at /metrics. They live in
// a registry of their own, so tests can build many servers in one process.
type Metrics struct {
	Registry   *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	storeTime  *prometheus.HistogramVec
	storeFails *prometheus.CounterVec

	mu    sync.Mutex
	names map[string]bool // operation names already used as labels
}

// NewMetrics registers whosaid's series and the Go runtime ones.
func NewMetrics() *Metrics {
	m := &Metrics{
		names:    map[string]bool{},
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "whosaid_graphql_requests_total",
			Help: "GraphQL operations served, by operation name and outcome (ok or the first error code).",
		}, []string{"operation", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "whosaid_graphql_duration_seconds",
			Help:    "Time to answer a GraphQL operation, by operation name.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 15),
		}, []string{"operation"}),
		storeTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "whosaid_neo4j_duration_seconds",
			Help:    "Time spent in Neo4j per store operation, retries included, by path (read or write) and operation.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}, []string{"path", "op"}),
		storeFails: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "whosaid_neo4j_errors_total",
			Help: "Failed store operations, by path (read or write), operation and error kind.",
		}, []string{"path", "op", "kind"}),
	}
	m.Registry.MustRegister(m.requests, m.latency, m.storeTime, m.storeFails,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveStore records one store operation on a path to Neo4j ("read" or
// "write": reads may go elsewhere than writes); pass it to store.Open.
func (m *Metrics) ObserveStore(path, op string, d time.Duration, err error) {
	m.storeTime.WithLabelValues(path, op).Observe(d.Seconds())
	if err != nil {
		m.storeFails.WithLabelValues(path, op, string(kg.KindOf(err))).Inc()
	}
}

// Operation names become metric labels only within bounds: the name of an
// operation that parsed and validated (never the operationName a client
// merely sends), at most maxLabelRunes long, and at most maxOperationLabels
// distinct names per process; the rest count as "(other)". A client sending
// random names cannot grow /metrics.
const (
	maxOperationLabels = 200
	maxLabelRunes      = 64
)

func (m *Metrics) operationLabel(ctx context.Context) string {
	if !graphql.HasOperationContext(ctx) {
		return "(invalid)"
	}
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil {
		return "(invalid)" // did not parse, validate, or name an operation of the document
	}
	name := oc.Operation.Name
	if name == "" {
		return "(unnamed)"
	}
	if r := []rune(name); len(r) > maxLabelRunes {
		name = string(r[:maxLabelRunes])
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.names[name] {
		return name
	}
	if len(m.names) >= maxOperationLabels {
		return "(other)"
	}
	m.names[name] = true
	return name
}
