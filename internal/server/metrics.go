package server

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/telemetry"
)

// metrics are the server's Prometheus metrics, in a registry of its own so
// that several servers (tests) can live in one process. Besides HTTP and
// GraphQL they hold the SQL pool's stats (go_sql_*{db_name="claco"}), the
// batch loaders' batch sizes and the recommendation engine's (see
// metrics_domain.go).
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	graphql  *operationMetrics
	loaders  *loaderMetrics
	recs     *recsMetrics
}

func newMetrics(db *database.DB) *metrics {
	m := &metrics{}
	m.init()
	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(db.SQL, "claco"),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "claco_sql_statements_total",
			Help: "SQL statements sent to the database.",
		}, func() float64 { return float64(db.Statements()) }),
	)
	if db.Reads != nil {
		m.registry.MustRegister(collectors.NewDBStatsCollector(db.Reads, "claco_reads"))
	}
	return m
}

// init makes the HTTP, GraphQL, loader and recommendation metrics in a
// fresh registry.
func (m *metrics) init() {
	m.registry = prometheus.NewRegistry()
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "claco_http_requests_total",
		Help: "HTTP requests answered, by handler, method and status code.",
	}, []string{"handler", "method", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "claco_http_request_duration_seconds",
		Help:    "Time to serve HTTP requests, by handler and method.",
		Buckets: prometheus.DefBuckets,
	}, []string{"handler", "method"})
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "claco_http_requests_in_flight",
		Help: "HTTP requests being served.",
	})
	m.registry.MustRegister(m.requests, m.duration, m.inFlight)
	m.graphql = newOperationMetrics(m.registry)
	m.loaders = newLoaderMetrics(m.registry)
	m.recs = newRecsMetrics(m.registry)
}

// instrument counts and times the requests of one handler. A request is
// counted when its status is written, before the client can read any of the
// answer, so a scrape that follows a response always includes it.
func (m *metrics) instrument(name string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		telemetry.Route(r) // names the request's span, when traced
		method := strings.ToLower(r.Method)
		start := time.Now()
		cw := &countingWriter{ResponseWriter: w, count: func(code int) {
			m.requests.WithLabelValues(name, method, strconv.Itoa(code)).Inc()
		}}
		defer func() {
			cw.status(http.StatusOK) // a handler that wrote nothing answered 200
			m.duration.WithLabelValues(name, method).Observe(time.Since(start).Seconds())
		}()
		h.ServeHTTP(cw, r)
	})
}

// countingWriter reports the status of a response once, when it is written.
type countingWriter struct {
	http.ResponseWriter
	once  sync.Once
	count func(code int)
}

func (w *countingWriter) status(code int) { w.once.Do(func() { w.count(code) }) }

func (w *countingWriter) WriteHeader(code int) {
	if code >= 200 { // 1xx are interim answers
		w.status(code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *countingWriter) Write(b []byte) (int, error) {
	w.status(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

func (w *countingWriter) Flush() {
	w.status(http.StatusOK)
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}
