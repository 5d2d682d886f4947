package server

import (
	"time"

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
}

// NewMetrics registers whosaid's series and the Go runtime ones.
func NewMetrics() *Metrics {
	m := &Metrics{
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
			Help:    "Time spent in Neo4j per store operation, retries included.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}, []string{"op"}),
		storeFails: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "whosaid_neo4j_errors_total",
			Help: "Failed store operations, by operation and error kind.",
		}, []string{"op", "kind"}),
	}
	m.Registry.MustRegister(m.requests, m.latency, m.storeTime, m.storeFails,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveStore records one store operation; pass it to store.Open.
func (m *Metrics) ObserveStore(op string, d time.Duration, err error) {
	m.storeTime.WithLabelValues(op).Observe(d.Seconds())
	if err != nil {
		m.storeFails.WithLabelValues(op, string(kg.KindOf(err))).Inc()
	}
}
