// Command recommend-eval measures recommendation quality offline and makes
// synthetic data to measure it on.
//
// Evaluate (one line per method, the engine last):
//
//	recommend-eval --items ITEMS.csv --train TRAIN.csv --test TEST.csv [--k 10] [--set Name=value,...]
//
// ITEMS.csv is `id,<feature columns…>`, TRAIN.csv `member,item,weight,time`
// (Unix seconds) and TEST.csv `member,item`, each with a header row. The
// engine is built from ITEMS (all items active) and TRAIN exactly as the
// server builds it, and every TEST member is asked for the top K with their
// TRAIN items excluded, their TRAIN rows being their live profile. Output:
//
//	METHOD recall@K X ndcg@K Y members N
//
// for popularity (most positive TRAIN interactions), content-only (cosine of
// raw features against the mean features of the member's liked TRAIN items)
// and engine. recall@K is hits / min(K, |test items|) and ndcg@K uses binary
// relevance with the ideal ranking of min(K, |test items|) hits. Test items
// unknown to ITEMS or already in the member's TRAIN are skipped; members left
// with no test item are not counted; members with no TRAIN rows are
// evaluated (cold). --set overrides recommend.Options fields, e.g.
// --set Neighbours=200,RecencyHalfLife=720h.
//
// Generate synthetic data (see package recommend/synthetic) with a per-member
// time split holding out each member's latest 20%:
//
//	recommend-eval --generate DIR [--seed 1] [--gen-items 2000] [--gen-members 3000]
//	               [--gen-feature-signal 0.5] [--gen-events 20] [--gen-lifetime-days 45]
//
// writes DIR/items.csv, DIR/train.csv and DIR/test.csv.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "recommend-eval:", err)
		os.Exit(1)
	}
}
