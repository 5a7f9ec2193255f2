package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/seed"
	"github.com/claco/claco/internal/testdb"
)

func fakeFixtures() *fixtures {
	f := &fixtures{
		liveConcerts:     []int{101, 102, 103, 104},
		reviewedConcerts: []int{90, 101},
		titles:           []string{"새봄 필하모닉 오케스트라 송년음악회 <비발디 사계>", "라온 발레단 <지젤> [서울]", "제12회 한빛 합창단 정기연주회: 헨델 메시아"},
	}
	for i := range 5 {
		f.members = append(f.members, &signedIn{id: 1 + i, token: "token-" + string(rune('a'+i))})
	}
	f.books = []book{{id: 501, owner: f.members[2]}, {id: 502, owner: f.members[4]}}
	return f
}

type request struct {
	OperationName string         `json:"operationName"`
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	auth          string
}

func targets(t *testing.T, s scenario, f *fixtures, seed uint64, n int) []request {
	t.Helper()
	tr := targeter("http://server/query", s, f, seed)
	out := make([]request, n)
	for i := range out {
		var tg vegeta.Target
		if err := tr(&tg); err != nil {
			t.Fatal(err)
		}
		if tg.Method != http.MethodPost || tg.URL != "http://server/query" || tg.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("%s: target %s %s %v", s.name, tg.Method, tg.URL, tg.Header)
		}
		if err := json.Unmarshal(tg.Body, &out[i]); err != nil {
			t.Fatalf("%s: body is not JSON: %v", s.name, err)
		}
		out[i].auth = tg.Header.Get("Authorization")
	}
	return out
}

func TestTargetsVaryAndRepeat(t *testing.T) {
	f := fakeFixtures()
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			a, b := targets(t, s, f, 1, 200), targets(t, s, f, 1, 200)
			distinct := map[string]bool{}
			for i, r := range a {
				if r.OperationName != s.operation || r.Query != s.query || !strings.Contains(r.Query, "query "+s.operation) {
					t.Fatalf("request %d: operation %q, query %q", i, r.OperationName, r.Query)
				}
				if !strings.HasPrefix(r.auth, "Bearer token-") {
					t.Fatalf("request %d is not signed in: %q", i, r.auth)
				}
				vars, _ := json.Marshal(r.Variables)
				if string(vars) != func() string { v, _ := json.Marshal(b[i].Variables); return string(v) }() || r.auth != b[i].auth {
					t.Fatalf("request %d differs between two targeters with the same seed", i)
				}
				distinct[r.auth+string(vars)] = true
			}
			want := 5
			if s.name == "book" {
				want = len(f.books) // one request per book, as its owner
			}
			if len(distinct) < want {
				t.Errorf("only %d different requests in 200", len(distinct))
			}
			if c := targets(t, s, f, 2, 200); slices.EqualFunc(a, c, func(x, y request) bool { return x.auth == y.auth }) {
				t.Error("seeds 1 and 2 sign the same members in the same order")
			}
		})
	}
}

func TestTargetVariables(t *testing.T) {
	f := fakeFixtures()
	keys := map[string]bool{"genres": true, "regions": true, "minPrice": true, "maxPrice": true, "keywords": true, "keywordMatch": true}
	filtered, _ := scenarioNamed("filtered")
	dims := map[string]bool{}
	for _, r := range targets(t, filtered, f, 3, 300) {
		filter, _ := r.Variables["filter"].(map[string]any)
		if len(filter) == 0 {
			t.Fatalf("empty filter: %v", r.Variables)
		}
		for k := range filter {
			if !keys[k] {
				t.Fatalf("filter field %q is not one the load test means to vary", k)
			}
			dims[k] = true
		}
	}
	if len(dims) != len(keys) {
		t.Errorf("300 filters only used %v", dims)
	}

	book, _ := scenarioNamed("book")
	for _, r := range targets(t, book, f, 3, 50) {
		id := int(r.Variables["id"].(float64))
		owner := map[int]string{501: "Bearer token-c", 502: "Bearer token-e"}[id]
		if r.auth != owner {
			t.Fatalf("book %d asked for with %q, want its owner's token %q", id, r.auth, owner)
		}
	}

	detail, _ := scenarioNamed("detail")
	for _, r := range targets(t, detail, f, 3, 50) {
		id := int(r.Variables["id"].(float64))
		if !slices.Contains(f.liveConcerts, id) && !slices.Contains(f.reviewedConcerts, id) {
			t.Fatalf("detail of unknown concert %d", id)
		}
	}

	suggest, _ := scenarioNamed("suggest")
	for _, r := range targets(t, suggest, f, 3, 100) {
		q, _ := r.Variables["q"].(string)
		if q == "" || q != strings.TrimSpace(q) || !slices.ContainsFunc(f.titles, func(title string) bool { return strings.Contains(title, q) }) {
			t.Fatalf("suggestion prefix %q is not part of a title", q)
		}
	}
}

func TestReplaceSection(t *testing.T) {
	sqlite := "<!-- loadtest:sqlite -->\nnew sqlite\n<!-- /loadtest:sqlite -->\n"
	doc := "# Benchmarks\n\nintro\n"
	got, err := replaceSection(doc, "sqlite", sqlite)
	if err != nil || got != doc+"\n"+sqlite {
		t.Fatalf("append to a document without the section:\n%q, %v", got, err)
	}

	existing := "# Benchmarks\n\n<!-- loadtest:mysql -->\nold mysql\n<!-- /loadtest:mysql -->\n\n<!-- loadtest:sqlite -->\nold sqlite\n| a |\n<!-- /loadtest:sqlite -->\n\n## After\n"
	got, err = replaceSection(existing, "sqlite", sqlite)
	want := "# Benchmarks\n\n<!-- loadtest:mysql -->\nold mysql\n<!-- /loadtest:mysql -->\n\n" + strings.TrimSuffix(sqlite, "\n") + "\n\n## After\n"
	if err != nil || got != want {
		t.Fatalf("replace:\n%s\nwant:\n%s (%v)", got, want, err)
	}
	// The sizes section is a different key, though its name starts the same.
	if got, _ := replaceSection(want, "sqlite-sizes", "<!-- loadtest:sqlite-sizes -->\nx\n<!-- /loadtest:sqlite-sizes -->"); !strings.Contains(got, "new sqlite") || !strings.HasSuffix(got, "## After\n\n<!-- loadtest:sqlite-sizes -->\nx\n<!-- /loadtest:sqlite-sizes -->\n") {
		t.Fatalf("sizes section:\n%s", got)
	}
	if _, err := replaceSection("<!-- loadtest:sqlite -->\nno end", "sqlite", sqlite); err == nil {
		t.Error("a section without its end marker was replaced")
	}
	if _, err := replaceSection("", "sqlite", sqlite); err != nil {
		t.Error(err)
	}
}

func TestMarkdownReport(t *testing.T) {
	rep := &report{
		Key: "sqlite", Dialect: "sqlite", Command: "go run ./cmd/loadtest --seed-first",
		Machine:   machine{CPUs: 2, CPUModel: "AMD EPYC 7B13", GoVersion: "go1.26.8", OS: "linux/amd64", LoadAvg: "3.1 2.9 2.5"},
		Catalogue: catalogueSize{Concerts: 20000, Ended: 8000, Members: 5000, Likes: 100000, Reviews: 30000},
		Seeded:    true, Seed: 1, Duration: 15 * time.Second, Conns: 32, Sample: 50, SignedIn: 200,
		Results: []result{
			{Scenario: "browse", Requests: 3000, ReqPerSec: 200, P50: 150 * time.Millisecond, P99: 400 * time.Millisecond, SQLPerOp: 6, CPUPerReq: 8 * time.Millisecond, PeakRSS: 200 << 20, ClientCPUPerReq: 500 * time.Microsecond},
			{Scenario: "book", Skipped: "no book holds 20 tickets"},
		},
		PeakHWM: 300 << 20,
	}
	md := rep.markdown()
	for _, want := range []string{
		"<!-- loadtest:sqlite -->", "<!-- /loadtest:sqlite -->", "go run ./cmd/loadtest --seed-first",
		"2 cores (`nproc`), AMD EPYC 7B13", "go1.26.8", "20,000 concerts", "| browse | 200 | 150 ms | 400 ms | 0 / 3,000 | 6.0 | 8.00 ms | in server | 200 MiB | 0.50 ms |",
		"skipped: no book holds 20 tickets", "300 MiB",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "This run failed") {
		t.Errorf("a clean run reads as failed:\n%s", md)
	}
	rep.Results[0].Failures = 3
	if md := rep.markdown(); !rep.failed() || !strings.Contains(md, "**3 / 3,000**") || !strings.Contains(md, "This run failed") {
		t.Error("a run with failed requests does not read as failed")
	}
}

func TestFailure(t *testing.T) {
	for _, c := range []struct {
		code      int
		body      string
		transport string
		ok        bool
	}{
		{200, `{"data":{"concerts":{"totalCount":3}}}`, "", true},
		{200, `{"data":{"concert":null}}`, "", true},
		{200, `{"data":{"concert":{"title":"\"errors\": 없음"}}}`, "", true},
		{200, `{"errors":[{"message":"sign in first","extensions":{"code":"UNAUTHENTICATED"}}],"data":null}`, "", false},
		{200, `{"data":{"x":1},"errors":[{"message":"partial"}]}`, "", false},
		{200, `{"data":null}`, "", false},
		{200, `not json`, "", false},
		{500, `{"data":{}}`, "", false},
		{0, ``, "connection refused", false},
	} {
		if why := failure(c.code, []byte(c.body), c.transport); (why == "") != c.ok {
			t.Errorf("failure(%d, %s, %q) = %q", c.code, c.body, c.transport, why)
		}
	}
}

func TestProcParsing(t *testing.T) {
	stat := "4242 (claco server) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 12 0 100 2000000 5000 18446744073709551615"
	if cpu, err := parseStatCPU(stat); err != nil || cpu != 3250*time.Millisecond {
		t.Errorf("parseStatCPU = %v, %v; want 3.25s", cpu, err)
	}
	status := "Name:\tclaco-server\nVmPeak:\t 900000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n"
	if rss, hwm, err := parseStatus(status); err != nil || rss != 100<<20 || hwm != 200<<20 {
		t.Errorf("parseStatus = %d, %d, %v", rss, hwm, err)
	}
	if m := cpuModel("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13 64-Core Processor\n"); m != "AMD EPYC 7B13 64-Core Processor" {
		t.Errorf("cpuModel = %q", m)
	}
}

func TestOptions(t *testing.T) {
	o, err := parseOptions([]string{"--seed-first"}, io.Discard)
	if err != nil || o.duration != 15*time.Second || o.connections != 32 || len(o.scenarios) != len(scenarios) || o.seed.Concerts != 20000 {
		t.Fatalf("defaults: %+v, %v", o, err)
	}
	o, err = parseOptions([]string{"--catalogue-sizes", "1000, 20_000"}, io.Discard)
	if err != nil || !slices.Equal(o.sizes, []int{1000, 20000}) || !slices.Equal(o.scenarios, []string{"browse", "suggest"}) {
		t.Fatalf("sizes: %+v, %v", o, err)
	}
	for _, bad := range [][]string{{}, {"--seed-first", "--scenarios", "browse,nope"}, {"--seed-first", "--duration", "0s"}, {"--catalogue-sizes", "ten"}} {
		if _, err := parseOptions(bad, io.Discard); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
	if _, err := freshDatabase(context.Background(), "mysql://root@127.0.0.1:3306/claco", t.TempDir(), "x"); err == nil {
		t.Error("--seed-first would drop a database not named claco_load…")
	}
	for u, want := range map[string]string{"": "sqlite", "sqlite:///tmp/x.db": "sqlite", "mysql://root@db/claco_load": "mysql", "mariadb://root@db/claco_load": "mysql"} {
		if got := dialectOf(u); got != want {
			t.Errorf("dialectOf(%q) = %q, want %q", u, got, want)
		}
	}
	if got := commandLine([]string{"--database-url", "mysql://root:pw@db:3306/claco_load", "--scenarios", "browse,suggest"}); got != "go run ./cmd/loadtest --database-url mysql://root:xxxxx@db:3306/claco_load --scenarios browse,suggest" {
		t.Errorf("commandLine = %s", got)
	}
}

// Every scenario's requests succeed against the real handler over a small
// seeded catalogue: sign-in, fixtures, targets, checks and the SQL count,
// a few sequential requests each (no load).
func TestScenariosAgainstTheServer(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	cfg := seed.Config{Seed: 5, Concerts: 300, Members: 40, Likes: 1500, Reviews: 500, Today: apitest.Today}
	if _, err := seed.Run(ctx, db.Client, cfg); err != nil {
		t.Fatal(err)
	}
	api := apitest.NewOver(t, db, apitest.WithDevLogin())
	public := httptest.NewServer(api.Server.Handler())
	defer public.Close()
	admin := httptest.NewServer(api.Server.AdminHandler())
	defer admin.Close()

	f, err := loadFixtures(ctx, db.Client, apitest.Today, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.books) == 0 || len(f.members) < 10 || f.catalogue.Concerts != 300 {
		t.Fatalf("fixtures: %d books, %d members, %+v", len(f.books), len(f.members), f.catalogue)
	}
	client := public.Client()
	if err := signIn(ctx, client, public.URL+"/query", f.members); err != nil {
		t.Fatal(err)
	}
	for _, s := range scenarios {
		perOp, failures, first, err := measureSQL(client, admin.URL, targeter(public.URL+"/query", s, f, 1), 8)
		if err != nil {
			t.Fatal(err)
		}
		if failures > 0 {
			t.Errorf("%s: %d of 8 requests failed, first: %s", s.name, failures, first)
		}
		// A book's tickets are personal: read on every request, so its
		// statements show that the harness counts them (other scenarios
		// may be answered from what the server keeps).
		if s.name == "book" && perOp < 1 {
			t.Errorf("%s: %.1f SQL statements per request", s.name, perOp)
		}
	}
}

func TestExportRevision(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	git := func(args ...string) string {
		out, err := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	if err := os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module example.com/x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "go.mod")
	git("commit", "-q", "-m", "one")
	// A change in the working tree is not exported.
	if err := os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module example.com/changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "src")
	commit, err := exportRevision(context.Background(), repo, "HEAD", dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := git("rev-parse", "--short", "HEAD"); commit != want {
		t.Errorf("commit %q, want %q", commit, want)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err != nil || string(data) != "module example.com/x\n" {
		t.Errorf("exported go.mod: %q, %v", data, err)
	}
	if _, err := exportRevision(context.Background(), repo, "no-such-rev", t.TempDir()); err == nil {
		t.Error("an unknown revision was exported")
	}
}

// The server under load runs with the Dockerfile's memory limit, unless the
// caller's environment sets its own.
func TestServerRunsWithTheDeployedMemoryLimit(t *testing.T) {
	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(dockerfile), "GOMEMLIMIT="+serverMemoryLimit+" ") {
		t.Fatalf("the Dockerfile does not set GOMEMLIMIT=%s", serverMemoryLimit)
	}
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	if env := serverEnv("sqlite:///x.db", "/tmp/u"); !slices.Contains(env, "GOMEMLIMIT="+serverMemoryLimit) {
		t.Fatalf("server environment without the deployed limit: %v", env)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	if env := serverEnv("sqlite:///x.db", "/tmp/u"); slices.Contains(env, "GOMEMLIMIT="+serverMemoryLimit) || !slices.Contains(env, "GOMEMLIMIT=1GiB") {
		t.Fatalf("the caller's limit is not kept: %v", env)
	}
}
