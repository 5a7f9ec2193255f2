package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/claco/claco/internal/importer"
)

// The environment of the run metrics.
const (
	metricsFileEnv = "CLACO_IMPORT_METRICS_FILE"
	pushgatewayEnv = "CLACO_PUSHGATEWAY_URL"
)

func metricsFileFlag(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.metricsFile, "metrics-file", "", "after the run, write its metrics in the Prometheus text format to this file, replaced atomically, for node_exporter's textfile collector (default $"+metricsFileEnv+"; not with --dry-run)")
}

// command names the subcommand in the run metrics.
func (o options) command() string {
	if o.rescore {
		return "rescore"
	}
	return "kopis"
}

func (c *command) timeNow() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// metricsOutput is where a run's metrics go: a file, a Pushgateway, both
// or neither (nil).
type metricsOutput struct {
	file, pushgateway string
}

// metricsOutput reads where the run's metrics go and checks it before the
// run: the file's directory must exist, the Pushgateway URL must parse.
func (c *command) metricsOutput(opts options) (*metricsOutput, error) {
	out := &metricsOutput{file: opts.metricsFile, pushgateway: strings.TrimSpace(c.getenv(pushgatewayEnv))}
	if out.file == "" {
		out.file = strings.TrimSpace(c.getenv(metricsFileEnv))
	}
	if out.file == "" && out.pushgateway == "" {
		return nil, nil
	}
	if out.file != "" {
		dir := filepath.Dir(out.file)
		info, err := os.Stat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("--metrics-file %s: no such directory %s", out.file, dir)
		case err != nil:
			return nil, fmt.Errorf("--metrics-file %s: %w", out.file, pathError(err))
		case !info.IsDir():
			return nil, fmt.Errorf("--metrics-file %s: %s is not a directory", out.file, dir)
		}
		if info, err := os.Stat(out.file); err == nil && info.IsDir() {
			return nil, fmt.Errorf("--metrics-file %s: is a directory", out.file)
		}
	}
	if out.pushgateway != "" {
		if _, err := importer.CheckPushURL(out.pushgateway); err != nil {
			return nil, fmt.Errorf("%s: %w", pushgatewayEnv, err)
		}
	}
	return out, nil
}

// export writes and pushes the run's metrics; failures are reported on
// stderr but leave the exit status alone: the import itself is done.
func (out *metricsOutput) export(ctx context.Context, c *command, run importer.Run) {
	if out == nil {
		return
	}
	if out.file != "" {
		if err := importer.WriteMetricsFile(out.file, run); err != nil {
			fmt.Fprintf(c.stderr, "importer: warning: %v\n", err)
		}
	}
	if out.pushgateway != "" {
		if err := importer.PushMetrics(ctx, out.pushgateway, run); err != nil {
			fmt.Fprintf(c.stderr, "importer: warning: %v\n", err)
		}
	}
}
