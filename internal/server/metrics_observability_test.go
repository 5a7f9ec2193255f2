package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/loader"
	"github.com/claco/claco/internal/recs"
)

// scrape reads the admin listener's /metrics.
func scrape(t *testing.T, api *apitest.API) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	api.Server.AdminHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d", rec.Code)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse: %v", err)
	}
	return families
}

// series returns the family's metric whose labels include these, or nil.
func series(families map[string]*dto.MetricFamily, name string, labels map[string]string) *dto.Metric {
	f := families[name]
	if f == nil {
		return nil
	}
next:
	for _, m := range f.Metric {
		have := map[string]string{}
		for _, l := range m.Label {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range labels {
			if have[k] != v {
				continue next
			}
		}
		return m
	}
	return nil
}

// After a few named operations, /metrics holds the SQL pool's stats, the
// batch loaders' batch sizes and the recommendation engine's latency and
// index size, every family with help text.
func TestMetricsOfThePoolLoadersAndRecommendations(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d, me := api.SignUp("fan@example.com", "공연팬")
	neighbour := api.Member("이웃")
	grand := map[string]float64{"grand": 0.9, "modern": 0.6, "romantic": 0.5}
	var concerts []int
	for range 4 {
		concerts = append(concerts, api.Concert(apitest.ConcertSpec{Keywords: grand}).ID)
	}
	liked := api.DB.Concert.GetX(t.Context(), concerts[0])
	api.Like(me, liked)
	api.Like(neighbour, liked)
	api.Like(neighbour, api.DB.Concert.GetX(t.Context(), concerts[1]))
	api.Reindex()

	d.Query(`query ForYou {
		recommendedConcerts(limit: 3) { concert { id likeCount likedByMe similar(limit: 2) { id likeCount } } }
	}`, nil).MustData(t, &struct{}{})
	d.Query(`query BecauseYouLiked { likeBasedRecommendations(limit: 2) { basedOn { id } concerts { id } } }`, nil).MustData(t, &struct{}{})
	d.Query(`query TicketsForYou { recommendedTickets(limit: 3) { id } }`, nil).MustData(t, &struct{}{})

	families := scrape(t, api)

	// SQL pool.
	for _, name := range []string{
		"go_sql_max_open_connections", "go_sql_open_connections", "go_sql_in_use_connections",
		"go_sql_idle_connections", "go_sql_wait_count_total", "go_sql_wait_duration_seconds_total",
	} {
		if series(families, name, map[string]string{"db_name": "claco"}) == nil {
			t.Errorf("/metrics lacks %s{db_name=\"claco\"}", name)
		}
	}
	if m := series(families, "go_sql_open_connections", nil); m != nil && m.GetGauge().GetValue() < 1 {
		t.Errorf("go_sql_open_connections %v after queries", m.GetGauge().GetValue())
	}

	// Loaders: every loader has a series; the ones the operations used counted batches.
	for _, name := range loader.Names {
		if series(families, "claco_loader_batch_keys", map[string]string{"loader": name}) == nil {
			t.Errorf("/metrics lacks claco_loader_batch_keys{loader=%q}", name)
		}
	}
	for _, name := range []string{loader.LikeCountLoader, loader.LikedByViewerLoader, loader.SimilarLoader} {
		m := series(families, "claco_loader_batch_keys", map[string]string{"loader": name})
		if m == nil || m.GetHistogram().GetSampleCount() == 0 {
			t.Errorf("claco_loader_batch_keys{loader=%q} counted no batch", name)
			continue
		}
		if h := m.GetHistogram(); h.GetSampleSum() < float64(h.GetSampleCount()) {
			t.Errorf("claco_loader_batch_keys{loader=%q}: %v keys in %d batches", name, h.GetSampleSum(), h.GetSampleCount())
		}
	}

	// Recommendation engine: each kind of query was timed.
	for _, kind := range recs.QueryKinds {
		m := series(families, "claco_recommend_query_duration_seconds", map[string]string{"kind": string(kind)})
		if m == nil || m.GetHistogram().GetSampleCount() == 0 {
			t.Errorf("claco_recommend_query_duration_seconds{kind=%q} timed no query", kind)
		}
	}
	stats := api.Server.Recommendations().Stats()
	if stats.Items < len(concerts) || stats.Interactions < 3 {
		t.Fatalf("index stats %+v", stats)
	}
	for name, want := range map[string]int{
		"claco_recommend_index_items":        stats.Items,
		"claco_recommend_index_members":      stats.Members,
		"claco_recommend_index_interactions": stats.Interactions,
	} {
		if m := series(families, name, nil); m == nil || m.GetGauge().GetValue() != float64(want) {
			t.Errorf("%s = %v, want %d", name, m.GetGauge().GetValue(), want)
		}
	}
	if m := series(families, "claco_recommend_index_build_duration_seconds", nil); m == nil || m.GetHistogram().GetSampleCount() < 2 {
		t.Errorf("claco_recommend_index_build_duration_seconds counted %d builds, want the first and Reindex's", m.GetHistogram().GetSampleCount())
	}
	if m := series(families, "claco_recommend_index_last_build_timestamp_seconds", nil); m == nil || m.GetGauge().GetValue() < 1e9 {
		t.Errorf("claco_recommend_index_last_build_timestamp_seconds = %v", m.GetGauge().GetValue())
	}
	if m := series(families, "claco_recommend_index_last_fresh_timestamp_seconds", nil); m == nil || m.GetGauge().GetValue() < 1e9 {
		t.Errorf("claco_recommend_index_last_fresh_timestamp_seconds = %v", m.GetGauge().GetValue())
	}
	if m := series(families, "claco_recommend_index_build_failures_total", nil); m == nil || m.GetCounter().GetValue() != 0 {
		t.Errorf("claco_recommend_index_build_failures_total = %v, want 0", m.GetCounter().GetValue())
	}

	// The operations themselves, by name.
	for _, op := range []string{"ForYou", "BecauseYouLiked", "TicketsForYou"} {
		if series(families, "claco_graphql_operations_total", map[string]string{"operation": op, "type": "query"}) == nil {
			t.Errorf("claco_graphql_operations_total lacks operation %q", op)
		}
	}

	for name, f := range families {
		if f.GetHelp() == "" {
			t.Errorf("%s has no HELP", name)
		}
	}
}
