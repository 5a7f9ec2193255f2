package playground_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/claco/claco/internal/apitest"
)

// chromium is where Debian installs the browser; .ci/run installs it.
const chromium = "/usr/bin/chromium"

// browser returns the path of headless Chromium. Without it the test skips,
// except in CI (CI=true), where a missing browser is a failure.
func browser(t *testing.T) string {
	t.Helper()
	path := chromium
	if _, err := os.Stat(path); err != nil {
		found, lerr := exec.LookPath("chromium")
		if lerr != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("CI=true but Chromium is not installed (%s): .ci/run installs it", chromium)
			}
			t.Skipf("Chromium is not installed (%s); this test runs in CI, where .ci/run installs it", chromium)
		}
		path = found
	}
	return path
}

// traffic is what the page asked for, as the browser reports it.
type traffic struct {
	mu         sync.Mutex
	urls       map[network.RequestID]string
	requests   []string // every URL requested
	queries    []network.Headers
	offsite    []string // requests that would leave this machine
	failed     []string // requests that failed or answered an error status
	exceptions []string // uncaught JavaScript exceptions
}

func (tr *traffic) listen(ev any) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		tr.urls[ev.RequestID] = u
		tr.requests = append(tr.requests, short(u))
		if !onThisMachine(u) {
			tr.offsite = append(tr.offsite, u)
		}
		if strings.HasSuffix(strings.SplitN(u, "?", 2)[0], "/query") && ev.Request.Method == "POST" {
			tr.queries = append(tr.queries, ev.Request.Headers)
		}
	case *network.EventLoadingFailed:
		tr.failed = append(tr.failed, fmt.Sprintf("%s: %s %s", tr.urls[ev.RequestID], ev.ErrorText, ev.BlockedReason))
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			tr.failed = append(tr.failed, fmt.Sprintf("%s: HTTP %d", ev.Response.URL, int(ev.Response.Status)))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		tr.exceptions = append(tr.exceptions, msg)
	}
}

// short cuts a data: URL (GraphiQL's fonts) down to its start.
func short(u string) string {
	if len(u) > 80 && strings.HasPrefix(u, "data:") {
		return u[:80] + "…"
	}
	return u
}

// onThisMachine reports whether a URL stays on the loopback interface (data:
// URLs, such as GraphiQL's fonts, do not travel).
func onThisMachine(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
		host := u.Hostname()
		ip := net.ParseIP(host)
		return host == "localhost" || (ip != nil && ip.IsLoopback())
	}
	return false
}

// The playground loads everything from the server, runs a query typed into
// its editor with the headers set in its headers editor, and shows the
// database's answer, with no request leaving the machine.
func TestPlaygroundRunsAQueryOffline(t *testing.T) {
	exe := browser(t)

	api := apitest.New(t, apitest.WithDevLogin())
	const title = "놀이터 오프라인 리사이틀"
	api.Concert(apitest.ConcertSpec{Title: title})
	device, _ := api.SignUp("playground@example.com", "놀이터")
	token := device.Token
	srv := httptest.NewServer(api.Server.Handler())
	defer srv.Close()

	// One bound for the whole browser session (the browser dies with it):
	// the test takes about 6 s on an idle machine.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		// Names other than the server's address resolve nowhere: a page that
		// reaches for a CDN fails here as it would offline.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	defer cancelBrowser()

	tr := &traffic{urls: map[network.RequestID]string{}}
	report := func(step string, err error) {
		t.Helper()
		tr.mu.Lock()
		defer tr.mu.Unlock()
		t.Fatalf("%s: %v\nfailed requests: %q\noff-machine requests: %q\nexceptions: %q\nrequests: %q",
			step, err, tr.failed, tr.offsite, tr.exceptions, tr.requests)
	}
	if err := chromedp.Listen(ctx, tr.listen); err != nil {
		report("start Chromium", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		report("watch the network", err)
	}
	// The page cannot run inline scripts; this one is injected by the
	// browser itself, to collect Content-Security-Policy violations.
	const watchPolicy = `window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: watchPolicy}); err != nil {
		report("watch the policy", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/playground")); err != nil {
		report("open /playground", err)
	}

	// GraphiQL renders only when its scripts and styles loaded; when they
	// did not, the page's own script says so.
	state, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		if (document.querySelector('.graphiql-query-editor .CodeMirror')) return 'rendered';
		const root = document.getElementById('graphiql');
		return root && root.textContent.includes('did not load') ? root.textContent : '';
	})()`, chromedp.WithPollingTimeout(15*time.Second)))
	if err == nil && state != "rendered" {
		err = errors.New(state)
	}
	if err != nil {
		report("GraphiQL did not render", err)
	}

	query := `{ me { nickname } concerts(first: 3) { totalCount edges { node { title } } } }`
	const headersEditor = `.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror`
	headers, _ := json.Marshal(map[string]string{"Authorization": "Bearer " + token})
	err = chromedp.Do(ctx,
		setEditor(`.graphiql-query-editor .CodeMirror`, query),
		// The headers editor is behind its tab.
		chromedp.Click(`//div[contains(@class,"graphiql-editor-tools")]//button[normalize-space()="Headers"]`),
		chromedp.WaitVisible(chromedp.CSS(headersEditor)),
		setEditor(headersEditor, string(headers)),
		chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)),
	)
	if err != nil {
		report("run the query", err)
	}
	response, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const r = document.querySelector('.graphiql-response .CodeMirror');
		const text = r ? r.CodeMirror.getValue() : '';
		return text.includes('totalCount') || text.includes('errors') ? text : '';
	})()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		report("read the result", err)
	}
	t.Logf("result pane:\n%s", response)
	for _, want := range []string{title, `"nickname": "놀이터"`} {
		if !strings.Contains(response, want) {
			t.Errorf("the result pane lacks %q:\n%s", want, response)
		}
	}

	// GraphiQL's dialogs add <style> elements, which the policy admits by
	// the page's nonce.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[aria-label="Open settings dialog"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-dialog`)),
	)
	if err != nil {
		report("open the settings dialog", err)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__violations`))
	if err != nil {
		report("read policy violations", err)
	}
	stored, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(localStorage)`))
	if err != nil {
		report("read local storage", err)
	}
	// GraphiQL keeps a history of operations; the page keeps it without
	// their headers.
	if strings.Contains(stored, token) || !strings.Contains(stored, "graphiql:queries") {
		t.Errorf("local storage should hold the history without the access token: %s", stored)
	}

	tr.mu.Lock()
	defer tr.mu.Unlock()
	if len(tr.failed) > 0 {
		t.Errorf("requests failed: %q", tr.failed)
	}
	if len(tr.offsite) > 0 {
		t.Errorf("the page reached beyond this machine: %q", tr.offsite)
	}
	if len(tr.exceptions) > 0 {
		t.Errorf("the page threw: %q", tr.exceptions)
	}
	if len(violations) > 0 {
		t.Errorf("the page broke its Content-Security-Policy: %q", violations)
	}
	for _, u := range tr.requests {
		if strings.Contains(u, token) {
			t.Errorf("a URL carries the access token: %s", u)
		}
	}
	sent := false
	for _, h := range tr.queries {
		if h["Authorization"] == "Bearer "+token {
			sent = true
		}
	}
	if !sent {
		t.Errorf("no request to /query carried the Authorization header set in the headers editor (%d requests)", len(tr.queries))
	}
}

// setEditor replaces the text of the CodeMirror editor at sel, as typing it
// would (typing keys, GraphiQL's editors would close brackets as they go).
func setEditor(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		selArg, _ := json.Marshal(sel)
		textArg, _ := json.Marshal(text)
		ok, err := chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
			const el = document.querySelector(%s);
			if (!el || !el.CodeMirror) return false;
			el.CodeMirror.setValue(%s);
			return true;
		})()`, selArg, textArg))(ctx, t)
		if err != nil {
			return err
		}
		if !ok {
			return errors.New("no editor at " + sel)
		}
		return nil
	})
}
