package server_test

import (
	"encoding/hex"
	"net/http"
	"testing"

	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"

	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/telemetry"
	"github.com/claco/claco/internal/telemetry/telemetrytest"
)

// With OTEL_EXPORTER_OTLP_ENDPOINT set, a named GraphQL operation is
// exported as a span named after it, inside the request's span, which
// continues the caller's W3C trace; closing the server flushes them.
func TestTracingExportsANamedOperation(t *testing.T) {
	for _, name := range []string{telemetry.TracesEndpointEnv, telemetry.DisabledEnv, "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER"} {
		t.Setenv(name, "")
	}
	collector := telemetrytest.New(t)
	t.Setenv(telemetry.EndpointEnv, collector.URL)
	api := apitest.New(t)

	const traceID, parentID = "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"
	header := http.Header{}
	header.Set("traceparent", "00-"+traceID+"-"+parentID+"-01")
	res := api.Do(apitest.Request{Query: `query KeywordList { keywords { key } }`, Header: header})
	if res.Status != http.StatusOK || len(res.Errors) > 0 {
		t.Fatalf("status %d, errors %v", res.Status, res.Errors)
	}
	if err := api.Server.Close(); err != nil {
		t.Fatal(err)
	}

	ops := collector.Named("query KeywordList")
	if len(ops) != 1 {
		t.Fatalf("exported spans %v, want one query KeywordList", spanNames(collector.Spans()))
	}
	op := ops[0]
	if op.Attr("graphql.operation.name") != "KeywordList" || op.Attr("graphql.operation.type") != "query" {
		t.Errorf("operation span attributes %v", op.Attributes)
	}
	if op.Resource["service.name"] != "claco" {
		t.Errorf("service.name %q, want claco", op.Resource["service.name"])
	}
	requests := collector.Named("POST /query")
	if len(requests) != 1 {
		t.Fatalf("exported spans %v, want one POST /query", spanNames(collector.Spans()))
	}
	req := requests[0]
	if req.Kind != tracepb.Span_SPAN_KIND_SERVER || req.Attr("http.route") != "/query" {
		t.Errorf("request span kind %v, http.route %q", req.Kind, req.Attr("http.route"))
	}
	if hex.EncodeToString(req.TraceId) != traceID || hex.EncodeToString(req.ParentSpanId) != parentID {
		t.Errorf("request span in trace %x under %x, want the caller's %s under %s", req.TraceId, req.ParentSpanId, traceID, parentID)
	}
	if string(op.TraceId) != string(req.TraceId) || string(op.ParentSpanId) != string(req.SpanId) {
		t.Error("the operation's span is not a child of the request's")
	}
}

// OTEL_SDK_DISABLED=true turns tracing off though an endpoint is set (the
// default, no endpoint, is tested in package telemetry).
func TestTracingCanBeTurnedOff(t *testing.T) {
	collector := telemetrytest.New(t)
	t.Setenv(telemetry.EndpointEnv, collector.URL)
	t.Setenv(telemetry.DisabledEnv, "true")
	api := apitest.New(t)
	api.Query(`query KeywordList { keywords { key } }`, nil)
	if err := api.Server.Close(); err != nil {
		t.Fatal(err)
	}
	if spans := collector.Spans(); len(spans) != 0 {
		t.Fatalf("spans exported with tracing off: %v", spanNames(spans))
	}
}

func spanNames(spans []telemetrytest.Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = s.Name
	}
	return out
}
