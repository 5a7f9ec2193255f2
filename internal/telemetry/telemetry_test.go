package telemetry_test

import (
	"context"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler/testserver"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"

	"github.com/claco/claco/internal/telemetry"
	"github.com/claco/claco/internal/telemetry/telemetrytest"
)

// clearEnv unsets what turns tracing on or changes it, for the test.
func clearEnv(t *testing.T) {
	for _, name := range []string{
		telemetry.EndpointEnv, telemetry.TracesEndpointEnv, telemetry.DisabledEnv,
		"OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG",
		"OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
	} {
		t.Setenv(name, "")
	}
}

// on turns tracing on towards a fake collector.
func on(t *testing.T) (*telemetry.Tracing, *telemetrytest.Collector) {
	t.Helper()
	clearEnv(t)
	c := telemetrytest.New(t)
	t.Setenv(telemetry.EndpointEnv, c.URL)
	tr, err := telemetry.New(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Enabled() {
		t.Fatal("tracing is off with an endpoint")
	}
	t.Cleanup(func() { _ = tr.Shutdown(context.Background()) })
	return tr, c
}

type plain struct{}

func (plain) ServeHTTP(http.ResponseWriter, *http.Request) {}

func TestOffByDefault(t *testing.T) {
	clearEnv(t)
	tr, err := telemetry.New(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Enabled() {
		t.Fatal("tracing is on without an endpoint")
	}
	var h http.Handler = plain{}
	if tr.Handler(h) != h {
		t.Error("Handler wraps the handler while tracing is off")
	}
	srv := testserver.New()
	tr.TraceGraphQL(srv) // adds nothing
	if err := tr.Shutdown(context.Background()); err != nil {
		t.Error(err)
	}
	var none *telemetry.Tracing // a nil Tracing is off too
	if none.Enabled() || none.Handler(h) != h || none.Shutdown(context.Background()) != nil {
		t.Error("a nil Tracing is not a no-op")
	}
}

func TestDisabledWinsOverTheEndpoint(t *testing.T) {
	clearEnv(t)
	t.Setenv(telemetry.EndpointEnv, "http://localhost:4318")
	t.Setenv(telemetry.DisabledEnv, "true")
	tr, err := telemetry.New(context.Background(), nil)
	if err != nil || tr.Enabled() {
		t.Fatalf("OTEL_SDK_DISABLED=true: enabled %v, err %v", tr.Enabled(), err)
	}
}

func TestMalformedEndpointIsAnError(t *testing.T) {
	for _, bad := range []string{"localhost:4318", "ftp://collector:4318", "http://"} {
		clearEnv(t)
		t.Setenv(telemetry.EndpointEnv, bad)
		if _, err := telemetry.New(context.Background(), nil); err == nil || !strings.Contains(err.Error(), telemetry.EndpointEnv) {
			t.Errorf("endpoint %q: err %v, want one naming %s", bad, err, telemetry.EndpointEnv)
		}
	}
}

// A request's span continues the caller's W3C trace, is named after its
// route, and reaches the collector when tracing shuts down; probes are
// not traced.
func TestHTTPSpanContinuesTheCallersTrace(t *testing.T) {
	tr, c := on(t)
	mux := http.NewServeMux()
	mux.Handle("GET /things/{id}", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		telemetry.Route(r)
		w.WriteHeader(http.StatusTeapot)
	}))
	mux.Handle("GET /healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { telemetry.Route(r) }))
	h := tr.Handler(mux)

	const traceID, parentID = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	req := httptest.NewRequest(http.MethodGet, "/things/7", nil)
	req.Header.Set("traceparent", "00-"+traceID+"-"+parentID+"-01")
	h.ServeHTTP(httptest.NewRecorder(), req)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if err := tr.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}

	spans := c.Named("GET /things/{id}")
	if len(spans) != 1 {
		t.Fatalf("spans %v, want one GET /things/{id}", names(c.Spans()))
	}
	s := spans[0]
	if got := hex.EncodeToString(s.TraceId); got != traceID {
		t.Errorf("trace id %s, want the caller's %s", got, traceID)
	}
	if got := hex.EncodeToString(s.ParentSpanId); got != parentID {
		t.Errorf("parent span id %s, want the caller's %s", got, parentID)
	}
	if s.Kind != tracepb.Span_SPAN_KIND_SERVER {
		t.Errorf("kind %v, want server", s.Kind)
	}
	if got := s.Attr("http.route"); got != "/things/{id}" {
		t.Errorf("http.route %q", got)
	}
	if got := s.Resource["service.name"]; got != telemetry.ServiceName {
		t.Errorf("service.name %q, want %q", got, telemetry.ServiceName)
	}
	if len(c.Spans()) != 1 {
		t.Errorf("spans %v: the probe was traced", names(c.Spans()))
	}
}

func TestServiceNameFromTheEnvironment(t *testing.T) {
	tr, c := on(t)
	_ = tr.Shutdown(context.Background())
	t.Setenv("OTEL_SERVICE_NAME", "claco-staging")
	tr, err := telemetry.New(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tr.Handler(plain{}).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/query", nil))
	if err := tr.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	spans := c.Spans()
	if len(spans) != 1 || spans[0].Resource["service.name"] != "claco-staging" {
		t.Fatalf("spans %v, want one from service claco-staging", spans)
	}
}

// Each GraphQL operation has a span named "{type} {name}", a child of the
// request's; an answer with errors marks it failed.
func TestGraphQLOperationSpans(t *testing.T) {
	tr, c := on(t)
	ok, failing := testserver.New(), testserver.NewError()
	for _, srv := range []*testserver.TestServer{ok, failing} {
		srv.AddTransport(transport.POST{})
		tr.TraceGraphQL(srv)
	}
	post := func(h http.Handler, body string) {
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		tr.Handler(h).ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", body, rec.Code, rec.Body)
		}
	}
	post(ok, `{"query":"query WhoAmI { name }","operationName":"WhoAmI"}`)
	post(ok, `{"query":"{ name }"}`)
	post(failing, `{"query":"query Broken { name }"}`)
	if err := tr.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}

	named := c.Named("query WhoAmI")
	if len(named) != 1 {
		t.Fatalf("spans %v, want one query WhoAmI", names(c.Spans()))
	}
	op := named[0]
	if op.Attr("graphql.operation.name") != "WhoAmI" || op.Attr("graphql.operation.type") != "query" {
		t.Errorf("attributes %v", op.Attributes)
	}
	var parent *telemetrytest.Span
	for _, s := range c.Spans() {
		if string(s.SpanId) == string(op.ParentSpanId) {
			parent = &s
		}
	}
	if parent == nil || parent.Kind != tracepb.Span_SPAN_KIND_SERVER || string(parent.TraceId) != string(op.TraceId) {
		t.Errorf("the operation's span is not a child of the request's: %v", names(c.Spans()))
	}
	if op.Status.GetCode() == tracepb.Status_STATUS_CODE_ERROR {
		t.Error("a successful operation's span is failed")
	}
	if len(c.Named("query")) != 1 {
		t.Errorf("spans %v, want one query (unnamed)", names(c.Spans()))
	}
	broken := c.Named("query Broken")
	if len(broken) != 1 || broken[0].Status.GetCode() != tracepb.Status_STATUS_CODE_ERROR {
		t.Fatalf("spans %v, want query Broken failed", c.Spans())
	}
}

func names(spans []telemetrytest.Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = s.Name
	}
	return out
}
