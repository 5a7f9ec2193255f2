package server

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claco/claco/internal/loader"
	"github.com/claco/claco/internal/recs"
	"github.com/claco/claco/recommend"
)

// loaderMetrics measure the batch loaders: how many keys each batch
// fetches, by loader (a fixed set: loader.Names). Batches of one key where
// a list was resolved mean announcing is missing somewhere.
type loaderMetrics struct {
	batchKeys *prometheus.HistogramVec
}

func newLoaderMetrics(reg prometheus.Registerer) *loaderMetrics {
	m := &loaderMetrics{
		batchKeys: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "claco_loader_batch_keys",
			Help:    "Keys fetched per batch by the request-scoped batch loaders, by loader.",
			Buckets: []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000},
		}, []string{"loader"}),
	}
	for _, name := range loader.Names {
		m.batchKeys.WithLabelValues(name) // every loader shows, with a zero count
	}
	reg.MustRegister(m.batchKeys)
	return m
}

// observe is loader.Deps.ObserveBatch.
func (m *loaderMetrics) observe(name string, keys int) {
	m.batchKeys.WithLabelValues(name).Observe(float64(keys))
}

// recsMetrics measure the recommendation engine: query latency by kind (a
// fixed set: recs.QueryKinds), the size of the index in service, and its
// builds. It is the recs.Observer of the server's recommendation service.
type recsMetrics struct {
	queryDuration *prometheus.HistogramVec
	items         prometheus.Gauge
	members       prometheus.Gauge
	interactions  prometheus.Gauge
	buildDuration prometheus.Histogram
	lastBuild     prometheus.Gauge
	lastFresh     prometheus.Gauge
	buildFailures prometheus.Counter
}

var _ recs.Observer = (*recsMetrics)(nil)

func newRecsMetrics(reg prometheus.Registerer) *recsMetrics {
	m := &recsMetrics{
		queryDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "claco_recommend_query_duration_seconds",
			Help: "Time the in-memory recommendation engine takes to answer one query, by kind (recommended, like_based, similar, tickets).",
			// In memory: microseconds to milliseconds.
			Buckets: []float64{.00005, .0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25},
		}, []string{"kind"}),
		items: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "claco_recommend_index_items",
			Help: "Concerts in the recommendation index in service.",
		}),
		members: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "claco_recommend_index_members",
			Help: "Members in the recommendation index in service.",
		}),
		interactions: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "claco_recommend_index_interactions",
			Help: "Likes and ratings the recommendation index in service was built from.",
		}),
		buildDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "claco_recommend_index_build_duration_seconds",
			Help:    "Time to rebuild the recommendation index (reading its data included), successful builds.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}),
		lastBuild: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "claco_recommend_index_last_build_timestamp_seconds",
			Help: "Unix time of the last successful recommendation index build.",
		}),
		lastFresh: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "claco_recommend_index_last_fresh_timestamp_seconds",
			Help: "Unix time the recommendation index was last found current or rebuilt (every poll; alert on its age, not the last build's).",
		}),
		buildFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "claco_recommend_index_build_failures_total",
			Help: "Recommendation index builds that failed (the previous index stays in service).",
		}),
	}
	for _, kind := range recs.QueryKinds {
		m.queryDuration.WithLabelValues(string(kind))
	}
	reg.MustRegister(m.queryDuration, m.items, m.members, m.interactions, m.buildDuration, m.lastBuild, m.lastFresh, m.buildFailures)
	return m
}

// EngineQuery implements recs.Observer.
func (m *recsMetrics) EngineQuery(kind recs.QueryKind, took time.Duration) {
	m.queryDuration.WithLabelValues(string(kind)).Observe(took.Seconds())
}

// IndexBuilt implements recs.Observer.
func (m *recsMetrics) IndexBuilt(took time.Duration, st recommend.Stats, err error) {
	if err != nil {
		m.buildFailures.Inc()
		return
	}
	m.buildDuration.Observe(took.Seconds())
	m.lastBuild.SetToCurrentTime()
	m.items.Set(float64(st.Items))
	m.members.Set(float64(st.Members))
	m.interactions.Set(float64(st.Interactions))
}

// IndexFresh implements recs.Observer.
func (m *recsMetrics) IndexFresh() { m.lastFresh.SetToCurrentTime() }
