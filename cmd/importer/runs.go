package main

import (
	"fmt"
	"strings"

	"github.com/claco/claco/internal/importer"
	"github.com/claco/claco/internal/importruns"
)

// source describes a run for the admins' importRuns list.
func (o options) source() string {
	switch {
	case o.rescore:
		return "rescore"
	case o.dir != "":
		return "kopis --dir " + o.dir
	}
	s := fmt.Sprintf("kopis %s..%s", o.from.Format("2006-01-02"), o.to.Format("2006-01-02"))
	if len(o.genres) > 0 {
		s += " " + strings.Join(o.genres, ",")
	}
	if !o.since.IsZero() {
		s += " since " + o.since.Format("2006-01-02")
	}
	return s
}

func countsOf(s importer.Summary) importruns.Counts {
	return importruns.Counts{New: s.New, Updated: s.Updated, Unchanged: s.Unchanged, Skipped: s.Skipped, Failed: s.Failed}
}
