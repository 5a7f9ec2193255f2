package server

import (
	"context"
	"regexp"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
)

// operationMetrics count and time GraphQL operations by name, and their
// errors by contract code: a request answered 200 with errors is not a
// success. The operation label is bounded: unnamed operations, names that
// are not plain identifiers, and names past the first maxOperationNames all
// share "other", so no client can grow the metrics without bound.
type operationMetrics struct {
	operations *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	errors     *prometheus.CounterVec

	mu    sync.Mutex
	names map[string]bool
}

const (
	maxOperationNames = 200
	otherOperation    = "other"
)

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

func newOperationMetrics(reg prometheus.Registerer) *operationMetrics {
	m := &operationMetrics{
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claco_graphql_operations_total",
			Help: "GraphQL operations answered, by operation name and type.",
		}, []string{"operation", "type"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "claco_graphql_operation_duration_seconds",
			Help:    "Time to answer GraphQL operations, by operation name.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"operation"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claco_graphql_errors_total",
			Help: "GraphQL errors answered, by operation name and extensions.code.",
		}, []string{"operation", "code"}),
		names: map[string]bool{},
	}
	reg.MustRegister(m.operations, m.duration, m.errors)
	return m
}

// label is the bounded operation label of a name.
func (m *operationMetrics) label(name string) string {
	if !operationName.MatchString(name) {
		return otherOperation
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.names[name] {
		if len(m.names) >= maxOperationNames {
			return otherOperation
		}
		m.names[name] = true
	}
	return name
}

// around is gqlgen response middleware that records each response.
func (m *operationMetrics) around(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	name, kind := "", "unknown"
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		name = oc.OperationName
		if oc.Operation != nil {
			kind = string(oc.Operation.Operation)
			if name == "" {
				name = oc.Operation.Name
			}
		}
	}
	op := m.label(name)
	noteOperation(ctx, op)
	m.operations.WithLabelValues(op, kind).Inc()
	m.duration.WithLabelValues(op).Observe(time.Since(start).Seconds())
	if resp != nil {
		for _, e := range resp.Errors {
			code, _ := e.Extensions["code"].(string)
			if code == "" {
				code = "NONE"
			}
			m.errors.WithLabelValues(op, code).Inc()
		}
	}
	return resp
}
