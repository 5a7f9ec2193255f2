package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// result is what one scenario measured.
type result struct {
	Scenario string
	// Concerts in the catalogue (for --catalogue-sizes).
	Concerts int

	Requests   int
	Failures   int
	FirstError string
	ReqPerSec  float64
	P50, P99   time.Duration
	// SQLPerOp is the SQL statements per request, from a sequential sample.
	SQLPerOp float64
	// CPUPerReq is the server's CPU time (user + system) per request.
	CPUPerReq time.Duration
	// DBCPUPerReq is the CPU time per request of the local MariaDB/MySQL
	// server (0 when there is none to watch: SQLite runs inside the server).
	DBCPUPerReq time.Duration
	// ClientCPUPerReq is the load generator's (this process's) CPU time per
	// request: it shares the machine with the server.
	ClientCPUPerReq time.Duration
	// PeakRSS is the largest resident set sampled during the load, in bytes.
	PeakRSS int64
	Skipped string // why the scenario did not run
}

func (r result) failed() bool { return r.Failures > 0 || r.Requests == 0 && r.Skipped == "" }

// failure says why a response does not count as a success: a transport
// error, a status other than 200, or a GraphQL answer with errors or no data.
func failure(code int, body []byte, transport string) string {
	if transport != "" {
		return transport
	}
	if code != http.StatusOK {
		return fmt.Sprintf("HTTP %d: %s", code, truncate(string(body), 200))
	}
	// "errors" and "data" can only be keys here: inside a JSON string
	// their quotes would be escaped.
	if bytes.Contains(body, []byte(`"errors":`)) || !bytes.Contains(body, []byte(`"data":`)) || bytes.Contains(body, []byte(`"data":null`)) {
		var out struct {
			Errors []struct {
				Message    string         `json:"message"`
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(body, &out); err == nil && len(out.Errors) > 0 {
			return fmt.Sprintf("GraphQL error %v: %s", out.Errors[0].Extensions["code"], out.Errors[0].Message)
		}
		return "no data: " + truncate(string(body), 200)
	}
	return ""
}

// sequential sends n requests of the targeter one after the other and
// returns how many failed and the first failure.
func sequential(client *http.Client, tr vegeta.Targeter, n int) (failures int, first string, err error) {
	for range n {
		var t vegeta.Target
		if err := tr(&t); err != nil {
			return 0, "", err
		}
		req, err := t.Request()
		if err != nil {
			return 0, "", err
		}
		res, err := client.Do(req)
		var why string
		if err != nil {
			why = err.Error()
		} else {
			body, readErr := io.ReadAll(res.Body)
			res.Body.Close()
			transport := ""
			if readErr != nil {
				transport = readErr.Error()
			}
			why = failure(res.StatusCode, body, transport)
		}
		if why != "" {
			failures++
			if first == "" {
				first = why
			}
		}
	}
	return failures, first, nil
}

// measureSQL counts the server's SQL statements over n sequential requests
// (nothing else runs meanwhile) and returns the statements per request.
func measureSQL(client *http.Client, admin string, tr vegeta.Targeter, n int) (perOp float64, failures int, first string, err error) {
	before, err := sqlStatements(client, admin)
	if err != nil {
		return 0, 0, "", err
	}
	failures, first, err = sequential(client, tr, n)
	if err != nil {
		return 0, 0, "", err
	}
	after, err := sqlStatements(client, admin)
	if err != nil {
		return 0, 0, "", err
	}
	return (after - before) / float64(n), failures, first, nil
}

// load runs the targeter for d with c workers at the highest rate they
// reach (closed loop: each worker sends its next request when the last one is
// answered) and checks every response.
// pid is the server's process; dbPID, when not 0, the database server's.
func load(ctx context.Context, tr vegeta.Targeter, name string, d time.Duration, c int, pid, dbPID int) result {
	atk := vegeta.NewAttacker(
		vegeta.Workers(uint64(c)),
		vegeta.MaxWorkers(uint64(c)),
		vegeta.Connections(c),
		vegeta.MaxConnections(c),
		vegeta.KeepAlive(true),
		vegeta.Timeout(30*time.Second),
		vegeta.Redirects(vegeta.NoFollow),
	)
	stop := context.AfterFunc(ctx, func() { atk.Stop() })
	defer stop()
	res := result{Scenario: name}
	cpu0, _ := cpuTime(pid)
	self0, _ := cpuTime(os.Getpid())
	db0, dbErr := cpuTime(dbPID)
	rss := sampleRSS(pid, 100*time.Millisecond)
	var m vegeta.Metrics
	for r := range atk.Attack(tr, vegeta.Rate{Freq: 0, Per: time.Second}, d, name) {
		m.Add(r)
		res.Requests++
		if why := failure(int(r.Code), r.Body, transportError(r)); why != "" {
			res.Failures++
			if res.FirstError == "" {
				res.FirstError = why
			}
		}
	}
	res.PeakRSS = rss.stop()
	cpu1, _ := cpuTime(pid)
	self1, _ := cpuTime(os.Getpid())
	db1, dbErr1 := cpuTime(dbPID)
	m.Close()
	if elapsed := (m.Duration + m.Wait).Seconds(); elapsed > 0 {
		res.ReqPerSec = float64(res.Requests) / elapsed
	}
	res.P50, res.P99 = m.Latencies.P50, m.Latencies.P99
	if res.Requests > 0 {
		res.CPUPerReq = (cpu1 - cpu0) / time.Duration(res.Requests)
		res.ClientCPUPerReq = (self1 - self0) / time.Duration(res.Requests)
		if dbPID != 0 && dbErr == nil && dbErr1 == nil {
			res.DBCPUPerReq = (db1 - db0) / time.Duration(res.Requests)
		}
	}
	return res
}

// transportError is a result's error when the request got no HTTP answer.
func transportError(r *vegeta.Result) string {
	if r.Code == 0 && r.Error != "" {
		return r.Error
	}
	return ""
}
