package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/claco/claco/recommend"
	"github.com/claco/claco/recommend/synthetic"
)

// run is the whole command, separated from main so that tests can call it.
func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("recommend-eval", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	itemsPath := fs.String("items", "", "items CSV: id,<features…>")
	trainPath := fs.String("train", "", "train CSV: member,item,weight,time")
	testPath := fs.String("test", "", "test CSV: member,item")
	k := fs.Int("k", 10, "number of recommendations per member")
	set := fs.String("set", "", "option overrides, e.g. Neighbours=200,CoLikeShrink=20")
	generate := fs.String("generate", "", "write synthetic items.csv, train.csv and test.csv into this directory")
	seed := fs.Uint64("seed", 1, "seed of the synthetic data")
	genItems := fs.Int("gen-items", synthetic.DefaultConfig().Items, "items in the synthetic data")
	genMembers := fs.Int("gen-members", synthetic.DefaultConfig().Members, "members in the synthetic data")
	genSignal := fs.Float64("gen-feature-signal", synthetic.DefaultConfig().FeatureSignal, "how much item features reveal taste, 0–1")
	genEvents := fs.Float64("gen-events", synthetic.DefaultConfig().MeanEvents, "mean interactions per member")
	genLifetime := fs.Float64("gen-lifetime-days", synthetic.DefaultConfig().MeanLifetimeDays, "mean days items run beyond a week")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *generate != "" {
		cfg := synthetic.DefaultConfig()
		cfg.Seed, cfg.Items, cfg.Members = *seed, *genItems, *genMembers
		cfg.FeatureSignal, cfg.MeanEvents, cfg.MeanLifetimeDays = *genSignal, *genEvents, *genLifetime
		if cfg.Items < 1 || cfg.Members < 1 || cfg.MeanEvents < 1 || cfg.FeatureSignal < 0 || cfg.FeatureSignal > 1 || cfg.MeanLifetimeDays < 0 {
			return errors.New("--gen-items, --gen-members and --gen-events must be at least 1, --gen-feature-signal in [0,1] and --gen-lifetime-days not negative")
		}
		return writeSynthetic(*generate, cfg)
	}
	if *itemsPath == "" || *trainPath == "" || *testPath == "" {
		return errors.New("usage: recommend-eval --items ITEMS.csv --train TRAIN.csv --test TEST.csv [--k 10] | --generate DIR")
	}
	if *k < 1 {
		return fmt.Errorf("--k must be positive, got %d", *k)
	}
	opts := recommend.DefaultOptions()
	if err := applyOptions(&opts, *set); err != nil {
		return err
	}
	items, err := readItems(*itemsPath)
	if err != nil {
		return err
	}
	train, err := readTrain(*trainPath)
	if err != nil {
		return err
	}
	test, err := readTest(*testPath)
	if err != nil {
		return err
	}
	results, err := evaluate(items, train, test, *k, opts)
	if err != nil {
		return err
	}
	for _, r := range results {
		fmt.Fprintf(stdout, "%s recall@%d %.4f ndcg@%d %.4f members %d\n", r.method, *k, r.recall, *k, r.ndcg, r.members)
	}
	return nil
}

// writeSynthetic generates a data set, splits it by time per member and
// writes the three CSV files.
func writeSynthetic(dir string, cfg synthetic.Config) error {
	d := synthetic.Generate(cfg)
	split := synthetic.SplitByTime(d.Interactions, 0.2)
	if err := writeItems(filepath.Join(dir, "items.csv"), d.Items); err != nil {
		return err
	}
	if err := writeTrain(filepath.Join(dir, "train.csv"), split.Train); err != nil {
		return err
	}
	return writeTest(filepath.Join(dir, "test.csv"), split.Test)
}
