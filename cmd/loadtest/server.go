package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// jwtSecret signs the server's access tokens; the load test signs in
// through the server, so it only has to be fixed and long enough.
const jwtSecret = "claco-loadtest-secret-0123456789abcdef"

// buildServer compiles ./cmd/server of the module in root into dir.
func buildServer(ctx context.Context, root, dir string) (string, error) {
	bin := filepath.Join(dir, "claco-server")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/server")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/server: %w\n%s", err, out)
	}
	return bin, nil
}

// exportRevision writes the files of a git revision of the repository at
// root into dir (git archive: the repository and its working tree are not
// touched) and returns the revision's short commit id.
func exportRevision(ctx context.Context, root, rev, dir string) (string, error) {
	out, err := exec.CommandContext(ctx, "git", "-C", root, "rev-parse", "--short", "--verify", rev+"^{commit}").Output()
	if err != nil {
		return "", fmt.Errorf("--server-rev %q: not a commit of %s", rev, root)
	}
	commit := strings.TrimSpace(string(out))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	archive := exec.CommandContext(ctx, "git", "-C", root, "archive", "--format=tar", commit)
	extract := exec.CommandContext(ctx, "tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", err
	}
	extract.Stdin = pipe
	var stderr strings.Builder
	archive.Stderr, extract.Stderr = &stderr, &stderr
	if err := extract.Start(); err != nil {
		return "", err
	}
	if err := archive.Run(); err != nil {
		_ = extract.Wait()
		return "", fmt.Errorf("git archive %s: %w %s", commit, err, stderr.String())
	}
	if err := extract.Wait(); err != nil {
		return "", fmt.Errorf("extract %s: %w %s", commit, err, stderr.String())
	}
	return commit, nil
}

// moduleRoot is the directory of the main module's go.mod.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run the load test inside the claco module")
	}
	return filepath.Dir(gomod), nil
}

// serverProcess is the server binary running as a child process.
type serverProcess struct {
	cmd    *exec.Cmd
	public string // base URL of the API
	admin  string // base URL of the admin listener (metrics)
	logs   *logTail
	exited chan struct{}
	err    error // why it exited, once exited is closed
}

// serverMemoryLimit is the Dockerfile's GOMEMLIMIT: the server is measured
// as it is deployed.
const serverMemoryLimit = "170MiB"

// serverEnv is the server's configuration: the database, dev mode without
// the demo catalogue, the dev login, no rate limits, ephemeral ports, and
// the deployed memory limit unless the environment sets one.
func serverEnv(databaseURL, uploads string) []string {
	var env []string
	limited := false
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CLACO_") {
			env = append(env, kv)
			limited = limited || strings.HasPrefix(kv, "GOMEMLIMIT=")
		}
	}
	if !limited {
		env = append(env, "GOMEMLIMIT="+serverMemoryLimit)
	}
	return append(env,
		"CLACO_DATABASE_URL="+databaseURL,
		"CLACO_ENV=dev",
		"CLACO_DEMO=false",
		"CLACO_DEV_LOGIN=true",
		"CLACO_JWT_SECRET="+jwtSecret,
		"CLACO_ACCESS_TTL=6h",
		"CLACO_RATE_LIMIT_IP=off",
		"CLACO_RATE_LIMIT_MEMBER=off",
		"CLACO_ADDR=127.0.0.1:0",
		"CLACO_ADMIN_ADDR=127.0.0.1:0",
		"CLACO_UPLOAD_DIR="+uploads,
	)
}

// listeningLine is the server's log line for each listener, public first.
var listeningLine = regexp.MustCompile(`msg=listening addr=(\S+)`)

// startServer runs bin over the database and waits until /readyz answers.
func startServer(ctx context.Context, bin, databaseURL, dir string) (*serverProcess, error) {
	cmd := exec.Command(bin)
	cmd.Env = serverEnv(databaseURL, filepath.Join(dir, "uploads"))
	// The server goes when the load test goes, however it ends.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start server: %w", err)
	}
	s := &serverProcess{cmd: cmd, logs: newLogTail(60), exited: make(chan struct{})}
	addrs := make(chan string, 2)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		found := 0
		for sc.Scan() {
			line := sc.Text()
			s.logs.add(line)
			if found < 2 {
				if m := listeningLine.FindStringSubmatch(line); m != nil {
					addrs <- m[1]
					found++
				}
			}
		}
	}()
	go func() {
		s.err = cmd.Wait()
		close(s.exited)
	}()

	deadline := time.After(5 * time.Minute) // a large catalogue indexes for a while
	var got []string
	for len(got) < 2 {
		select {
		case a := <-addrs:
			got = append(got, a)
		case <-s.exited:
			return nil, fmt.Errorf("the server exited while starting (%v):\n%s", s.err, s.logs.String())
		case <-deadline:
			s.stop()
			return nil, fmt.Errorf("the server did not listen within 5 minutes:\n%s", s.logs.String())
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		}
	}
	s.public, s.admin = "http://"+got[0], "http://"+got[1]
	for {
		res, err := http.Get(s.public + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("the server exited before it was ready (%v):\n%s", s.err, s.logs.String())
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (s *serverProcess) pid() int { return s.cmd.Process.Pid }

// stop asks the server to shut down and kills it if it does not.
func (s *serverProcess) stop() {
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// sqlStatements reads claco_sql_statements_total from the admin /metrics.
func sqlStatements(client *http.Client, admin string) (float64, error) {
	res, err := client.Get(admin + "/metrics")
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "claco_sql_statements_total "); ok {
			return strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("/metrics has no claco_sql_statements_total")
}

// ---------------------------------------------------------------------------
// /proc

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat times: 100 on every
// Linux architecture Go runs on.
const clockTicks = 100

// cpuTime is the CPU (user + system) the process has used.
func cpuTime(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseStatCPU(string(data))
}

// parseStatCPU reads utime and stime (fields 14 and 15) of a /proc/<pid>/stat
// line; the command name (field 2) may hold spaces and parentheses.
func parseStatCPU(stat string) (time.Duration, error) {
	end := strings.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, errors.New("/proc stat: no command name")
	}
	fields := strings.Fields(stat[end+1:]) // fields[0] is field 3 (state)
	if len(fields) < 13 {
		return 0, errors.New("/proc stat: too few fields")
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("/proc stat: %w", err)
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// memory returns the process's resident set (VmRSS) and its peak (VmHWM), in bytes.
func memory(pid int) (rss, hwm int64, err error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	return parseStatus(string(data))
}

func parseStatus(status string) (rss, hwm int64, err error) {
	for _, line := range strings.Split(status, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("/proc status %s: %w", name, err)
		}
		if name == "VmRSS" {
			rss = kb * 1024
		} else {
			hwm = kb * 1024
		}
	}
	if rss == 0 || hwm == 0 {
		return 0, 0, errors.New("/proc status: no VmRSS or VmHWM")
	}
	return rss, hwm, nil
}

// databasePID finds the MariaDB/MySQL server process a database URL on this
// machine talks to (by name, in /proc), so that its CPU time can be counted
// too; 0 for SQLite (it runs inside the server), a remote host, or none found.
func databasePID(databaseURL string) int {
	u, err := url.Parse(databaseURL)
	if err != nil || dialectOf(databaseURL) != "mysql" {
		return 0
	}
	if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
		return 0
	}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	best := 0
	for _, d := range dirs {
		comm, err := os.ReadFile(d + "/comm")
		if err != nil {
			continue
		}
		if name := strings.TrimSpace(string(comm)); name == "mariadbd" || name == "mysqld" {
			if pid, err := strconv.Atoi(filepath.Base(d)); err == nil && (best == 0 || pid < best) {
				best = pid
			}
		}
	}
	return best
}

// rssSampler records the largest VmRSS seen every interval until stopped.
type rssSampler struct {
	stopc chan struct{}
	done  chan struct{}
	peak  int64
}

func sampleRSS(pid int, every time.Duration) *rssSampler {
	s := &rssSampler{stopc: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if rss, _, err := memory(pid); err == nil {
				s.peak = max(s.peak, rss)
			}
			select {
			case <-s.stopc:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// stop ends sampling and returns the peak.
func (s *rssSampler) stop() int64 {
	close(s.stopc)
	<-s.done
	return s.peak
}

// ---------------------------------------------------------------------------

// logTail keeps the last lines of the server's log for error messages.
type logTail struct {
	mu    sync.Mutex
	lines []string
	max   int
}

func newLogTail(n int) *logTail { return &logTail{max: n} }

func (t *logTail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.lines) == t.max {
		t.lines = t.lines[1:]
	}
	t.lines = append(t.lines, line)
}

func (t *logTail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, "\n")
}
