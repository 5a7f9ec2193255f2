package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/testdb"
)

// adminOver serves the API over the importer's database, signed in as an admin.
func adminOver(t *testing.T, dbURL string) (*apitest.API, *apitest.Device) {
	t.Helper()
	api := apitest.NewOver(t, testdb.OpenAt(t, dbURL), apitest.WithDevLogin())
	admin := api.NewDevice("admin")
	admin.DevLogin("admin@example.com", "ADMIN")
	return api, admin
}

// Each importer run is recorded for admins, a run that failed part-way too.
func TestImportRunsAreRecordedForAdmins(t *testing.T) {
	env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t)}
	dir := demoDir(t)
	if r := runCLI(t, env, "kopis", "--dir", dir); r.code != 0 {
		t.Fatalf("first run: %+v", r)
	}
	if err := os.WriteFile(filepath.Join(dir, "detail", "PF070002.xml"), []byte("<dbs><db><mt20id>PF0"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, env, "kopis", "--dir", dir); r.code == 0 {
		t.Fatalf("a run with a broken record succeeded: %+v", r)
	}

	_, admin := adminOver(t, env["CLACO_DATABASE_URL"])
	var got struct {
		ImportRuns struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Source                                   string
					StartedAt, FinishedAt                    *string
					Status                                   string
					New, Updated, Unchanged, Skipped, Failed int
				}
			}
		}
	}
	admin.Query(`{ importRuns { totalCount edges { node { source startedAt finishedAt status new updated unchanged skipped failed } } } }`, nil).MustData(t, &got)
	if got.ImportRuns.TotalCount != 2 {
		t.Fatalf("%d runs recorded, want 2", got.ImportRuns.TotalCount)
	}
	partial, ok := got.ImportRuns.Edges[0].Node, got.ImportRuns.Edges[1].Node
	if partial.Status != "PARTIAL" || partial.Failed != 1 || partial.Unchanged != 149 || partial.FinishedAt == nil {
		t.Errorf("newest run: %+v, want PARTIAL with 1 failed and 149 unchanged", partial)
	}
	if ok.Status != "SUCCEEDED" || ok.New != 150 || ok.Failed != 0 || !strings.Contains(ok.Source, "--dir") || ok.StartedAt == nil {
		t.Errorf("first run: %+v, want SUCCEEDED with 150 new", ok)
	}
}

// An admin's keywords stand through a re-import of changed KOPIS data and
// a rescore; clearing them gives the concert the scorer's keywords again.
func TestKeywordOverrideSurvivesImportAndRescore(t *testing.T) {
	env := map[string]string{"CLACO_DATABASE_URL": testdb.URL(t)}
	dir := demoDir(t)
	if r := runCLI(t, env, "kopis", "--dir", dir); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	api, admin := adminOver(t, env["CLACO_DATABASE_URL"])
	c := api.DB.Concert.Query().Where(concert.KopisID("PF070000")).OnlyX(context.Background())
	type keyword struct {
		Score   float64
		Curated bool
		Keyword struct{ Key string }
	}
	keywords := func() []keyword {
		var res struct{ Concert struct{ Keywords []keyword } }
		admin.Query(`query($id: ID!) { concert(id: $id) { keywords { score curated keyword { key } } } }`, map[string]any{"id": c.ID}).MustData(t, &res)
		return res.Concert.Keywords
	}
	admin.Query(`mutation($id: ID!) { setConcertKeywords(concertId: $id, keywords: [
		{key: "delicate", score: 0.9}, {key: "classical", score: 0.8}, {key: "lyrical", score: 0.7},
		{key: "romantic", score: 0.6}, {key: "familiar", score: 0.5}]) { id } }`, map[string]any{"id": c.ID}).MustData(t, new(any))
	curated := keywords()
	check := func(when string) {
		t.Helper()
		got := keywords()
		if len(got) != 5 {
			t.Fatalf("%s: %d keywords, want the admin's 5", when, len(got))
		}
		for i, k := range got {
			if !k.Curated || k.Keyword.Key != curated[i].Keyword.Key || k.Score != curated[i].Score {
				t.Fatalf("%s: keywords %+v, want the admin's %+v", when, got, curated)
			}
		}
	}
	check("after setConcertKeywords")

	// KOPIS changes the concert: a synopsis that points elsewhere.
	path := filepath.Join(dir, "detail", "PF070000.xml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(data), "<sty> </sty>", "<sty>대편성 오케스트라의 웅장한 비극, 말러 교향곡 6번 '비극적'</sty>", 1)
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, env, "kopis", "--dir", dir); r.code != 0 || !strings.Contains(r.stdout, "1 updated") {
		t.Fatalf("re-import of changed data: %+v", r)
	}
	check("after a re-import of changed data")
	if r := runCLI(t, env, "rescore"); r.code != 0 {
		t.Fatalf("rescore: %+v", r)
	}
	check("after importer rescore")

	admin.Query(`mutation($id: ID!) { clearConcertKeywords(concertId: $id) { id } }`, map[string]any{"id": c.ID}).MustData(t, new(any))
	restored := keywords()
	if len(restored) == 0 {
		t.Fatal("no keywords after clearConcertKeywords")
	}
	for _, k := range restored {
		if k.Curated {
			t.Fatalf("curated keywords after clearConcertKeywords: %+v", restored)
		}
	}
	if r := runCLI(t, env, "rescore"); r.code != 0 || !strings.Contains(r.stdout, "0 updated") {
		t.Errorf("rescore after clearing changed the scorer's keywords: %+v (clear must restore exactly the scorer's)", r)
	}
}
