package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/claco/claco/recommend"
)

var resultLine = regexp.MustCompile(`^(\S+) recall@(\d+) (\d\.\d{4}) ndcg@(\d+) (\d\.\d{4}) members (\d+)$`)

// TestEvaluateSyntheticData generates a small data set with the command
// itself, evaluates it and checks the output format and that the engine
// beats both baselines clearly.
func TestEvaluateSyntheticData(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"--generate", dir, "--seed", "3", "--gen-items", "1000", "--gen-members", "1500"}, &out); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err := run([]string{
		"--items", filepath.Join(dir, "items.csv"),
		"--train", filepath.Join(dir, "train.csv"),
		"--test", filepath.Join(dir, "test.csv"),
		"--k", "10",
	}, &out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("output:\n%s\nwant three lines", out.String())
	}
	recall := map[string]float64{}
	for i, want := range []string{"popularity", "content-only", "engine"} {
		m := resultLine.FindStringSubmatch(lines[i])
		if m == nil || m[1] != want || m[2] != "10" || m[4] != "10" {
			t.Fatalf("line %d = %q, want %q recall@10 X ndcg@10 Y members N", i+1, lines[i], want)
		}
		recall[want], _ = strconv.ParseFloat(m[3], 64)
		if members, _ := strconv.Atoi(m[6]); members < 1000 {
			t.Errorf("%s evaluated %d members, want most of 1500", want, members)
		}
	}
	t.Logf("\n%s", out.String())
	if recall["engine"] < 1.5*recall["popularity"] || recall["engine"] < 3*recall["content-only"] {
		t.Errorf("engine recall %.4f does not clearly beat popularity %.4f and content-only %.4f",
			recall["engine"], recall["popularity"], recall["content-only"])
	}
}

// Hand-made files: a test item unknown to ITEMS is skipped, a member with
// no TRAIN rows is evaluated cold, and the figures are worked out by hand.
func TestEvaluateByHand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	items := write("items.csv", "id,a,b\n1,1,0\n2,0,1\n3,1,1\n")
	train := write("train.csv", "member,item,weight,time\n1,1,1,100\n2,1,1,100\n2,2,1,200\n")
	test := write("test.csv", "member,item\n1,2\n1,99\n3,1\n")
	var out bytes.Buffer
	if err := run([]string{"--items", items, "--train", train, "--test", test, "--k", "1"}, &out); err != nil {
		t.Fatal(err)
	}
	// Popularity: item 1 (2 likes), then 2 (1 like), then 3. Member 1 has
	// trained on 1, so gets 2: a hit. Cold member 3 gets 1: a hit.
	// recall@1 = ndcg@1 = 1 over 2 members.
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || lines[0] != "popularity recall@1 1.0000 ndcg@1 1.0000 members 2" {
		t.Fatalf("output:\n%s", out.String())
	}
	if !strings.HasPrefix(lines[2], "engine recall@1 ") || !strings.HasSuffix(lines[2], " members 2") {
		t.Fatalf("engine line %q", lines[2])
	}
}

func TestRankMetrics(t *testing.T) {
	relevant := map[int64]bool{2: true, 5: true}
	// Hit at rank 2 of 3 with two relevant items: recall 1/2,
	// ndcg = (1/log2 3) / (1 + 1/log2 3) = 0.63093/1.63093 = 0.386853.
	recall, ndcg := rankMetrics([]int64{1, 2, 3}, relevant, 3)
	if recall != 0.5 || ndcg < 0.38685 || ndcg > 0.38686 {
		t.Fatalf("recall %v ndcg %v", recall, ndcg)
	}
	// With k = 1 the denominator is min(k, |relevant|) = 1.
	if recall, ndcg = rankMetrics([]int64{5}, relevant, 1); recall != 1 || ndcg != 1 {
		t.Fatalf("k=1: recall %v ndcg %v", recall, ndcg)
	}
}

func TestRunRejectsBadArguments(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--items", "x.csv"},
		{"--items", "a", "--train", "b", "--test", "c", "--k", "0"},
		{"--items", "/nonexistent/a", "--train", "b", "--test", "c"},
		{"--items", "a", "--train", "b", "--test", "c", "--set", "Bogus=1"},
		{"--no-such-flag"},
	} {
		if err := run(args, &bytes.Buffer{}); err == nil {
			t.Errorf("run(%q): no error", args)
		}
	}
}

func TestApplyOptions(t *testing.T) {
	o := recommend.DefaultOptions()
	if err := applyOptions(&o, "Neighbours=7, CoLikeShrink=2.5,RecencyHalfLife=48h"); err != nil {
		t.Fatal(err)
	}
	if o.Neighbours != 7 || o.CoLikeShrink != 2.5 || o.RecencyHalfLife.Hours() != 48 {
		t.Fatalf("options %+v", o)
	}
	if err := applyOptions(&o, "Neighbours"); err == nil {
		t.Fatal("no value: no error")
	}
}
