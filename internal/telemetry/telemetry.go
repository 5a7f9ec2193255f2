// Package telemetry owns Claco's optional OpenTelemetry tracing, off by
// default. When OTEL_EXPORTER_OTLP_ENDPOINT (or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, the server exports over
// OTLP/HTTP (protobuf) a span per HTTP request, named after its route
// ("POST /query"), and inside it a span per GraphQL operation, named after
// the operation ("query ConcertList"). Requests that carry W3C trace context
// (traceparent, tracestate) and baggage headers continue the caller's trace.
//
// The service is named claco unless OTEL_SERVICE_NAME (or service.name in
// OTEL_RESOURCE_ATTRIBUTES) says otherwise. The exporter's other
// OTEL_EXPORTER_OTLP_* settings (headers, timeout, compression,
// certificates), the sampler's (OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG;
// parent-based always-on by default) and the batcher's (OTEL_BSP_*) are
// honoured as the OpenTelemetry specification says. OTEL_SDK_DISABLED=true
// turns tracing off whatever the endpoint.
//
// Health probes (GET /healthz, /readyz) are not traced. Tracing sets no
// OpenTelemetry globals, so several servers (tests) live in one process;
// Shutdown flushes the spans not exported yet.
package telemetry

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// ServiceName is the service traces are exported as, unless
// OTEL_SERVICE_NAME names another.
const ServiceName = "claco"

// instrumentation names the tracer, as OpenTelemetry asks.
const instrumentation = "github.com/claco/claco/internal/telemetry"

// The environment variables that turn tracing on, and off.
const (
	EndpointEnv       = "OTEL_EXPORTER_OTLP_ENDPOINT"
	TracesEndpointEnv = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
	DisabledEnv       = "OTEL_SDK_DISABLED"
)

// Tracing is the server's tracing: on, or a no-op that changes nothing.
// Its methods are safe on a nil *Tracing (a no-op too).
type Tracing struct {
	provider   *sdktrace.TracerProvider // nil when off
	tracer     trace.Tracer
	propagator propagation.TextMapPropagator

	once        sync.Once
	shutdownErr error
}

// New returns tracing as the environment configures it: a no-op unless an
// OTLP endpoint is set (see the package documentation). A malformed
// endpoint is an error, not a silent no-op.
func New(ctx context.Context, log *slog.Logger) (*Tracing, error) {
	endpoint, ok, err := endpointFromEnv()
	if err != nil || !ok {
		return &Tracing{}, err
	}
	if log == nil {
		log = slog.Default()
	}
	exporter, err := otlptracehttp.New(ctx) // reads OTEL_EXPORTER_OTLP_*
	if err != nil {
		return nil, fmt.Errorf("tracing: %w", err)
	}
	res, err := resource.New(ctx,
		resource.WithAttributes(attribute.String("service.name", ServiceName)),
		resource.WithTelemetrySDK(),
		resource.WithFromEnv(), // OTEL_RESOURCE_ATTRIBUTES, then OTEL_SERVICE_NAME, win
	)
	if err != nil {
		_ = exporter.Shutdown(ctx)
		return nil, fmt.Errorf("tracing: resource: %w", err)
	}
	provider := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter), sdktrace.WithResource(res))
	log.Info("tracing: exporting spans over OTLP/HTTP", "endpoint", endpoint)
	return &Tracing{
		provider:   provider,
		tracer:     provider.Tracer(instrumentation),
		propagator: propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}),
	}, nil
}

// endpointFromEnv returns where spans go (scheme and host only, for the
// log) and whether tracing is on.
func endpointFromEnv() (string, bool, error) {
	if strings.EqualFold(strings.TrimSpace(os.Getenv(DisabledEnv)), "true") {
		return "", false, nil
	}
	for _, name := range []string{TracesEndpointEnv, EndpointEnv} {
		raw := strings.TrimSpace(os.Getenv(name))
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "", false, fmt.Errorf("tracing: %s %q: want an http:// or https:// URL, such as http://localhost:4318", name, raw)
		}
		return u.Scheme + "://" + u.Host, true, nil
	}
	return "", false, nil
}

// Enabled says whether spans are exported.
func (t *Tracing) Enabled() bool { return t != nil && t.provider != nil }

// Handler starts a server span for each request h serves, continuing the
// caller's trace; h itself when tracing is off. Wrap the outermost handler,
// and call Route where the request has been routed to name its span.
func (t *Tracing) Handler(h http.Handler) http.Handler {
	if !t.Enabled() {
		return h
	}
	return otelhttp.NewHandler(h, ServiceName,
		otelhttp.WithTracerProvider(t.provider),
		otelhttp.WithPropagators(t.propagator),
		otelhttp.WithFilter(notProbe),
	)
}

// notProbe leaves health probes untraced: they come every few seconds and
// say nothing about users.
func notProbe(r *http.Request) bool {
	return r.Method != http.MethodGet || (r.URL.Path != "/healthz" && r.URL.Path != "/readyz")
}

// Route names the server span of r (if any) after the route r was routed
// to, "{method} {route}", and sets http.route: Handler, outside the router,
// cannot see it. It does nothing when tracing is off.
func Route(r *http.Request) {
	span := trace.SpanFromContext(r.Context())
	if !span.IsRecording() || r.Pattern == "" {
		return
	}
	route := r.Pattern
	if _, path, ok := strings.Cut(route, " "); ok { // "GET /healthz"
		route = path
	}
	if i := strings.IndexByte(route, '/'); i > 0 { // "host/path"
		route = route[i:]
	}
	span.SetName(r.Method + " " + route)
	span.SetAttributes(attribute.String("http.route", route))
}

// TraceGraphQL makes srv (a gqlgen handler.Server) start a span for each
// GraphQL operation, a child of the request's span; it adds nothing when
// tracing is off.
func (t *Tracing) TraceGraphQL(srv interface {
	Use(graphql.HandlerExtension)
}) {
	if t.Enabled() {
		srv.Use(operationTracer{tracer: t.tracer})
	}
}

// Shutdown exports the spans not exported yet and stops exporting; later
// calls return what the first did.
func (t *Tracing) Shutdown(ctx context.Context) error {
	if !t.Enabled() {
		return nil
	}
	t.once.Do(func() { t.shutdownErr = t.provider.Shutdown(ctx) })
	return t.shutdownErr
}

// operationTracer is a gqlgen extension that wraps each operation's
// response in a span named, as OpenTelemetry's GraphQL conventions say,
// "{type} {name}" ("query ConcertList"), or the type alone when unnamed.
// A response with errors marks the span as failed and lists their codes.
type operationTracer struct {
	tracer trace.Tracer
}

var (
	_ graphql.HandlerExtension    = operationTracer{}
	_ graphql.ResponseInterceptor = operationTracer{}
)

func (operationTracer) ExtensionName() string                   { return "OpenTelemetryTracing" }
func (operationTracer) Validate(graphql.ExecutableSchema) error { return nil }

func (o operationTracer) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	name, kind := "", ""
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		name = oc.OperationName
		if oc.Operation != nil {
			kind = string(oc.Operation.Operation)
			if name == "" {
				name = oc.Operation.Name
			}
		}
	}
	spanName := "GraphQL Operation" // not even parsed
	var attrs []attribute.KeyValue
	if kind != "" {
		spanName = kind
		attrs = append(attrs, attribute.String("graphql.operation.type", kind))
	}
	if name != "" {
		spanName = strings.TrimSpace(kind + " " + name)
		attrs = append(attrs, attribute.String("graphql.operation.name", name))
	}
	ctx, span := o.tracer.Start(ctx, spanName, trace.WithAttributes(attrs...))
	defer span.End()
	resp := next(ctx)
	if resp != nil && len(resp.Errors) > 0 {
		errCodes := make([]string, 0, len(resp.Errors))
		for _, e := range resp.Errors {
			code, _ := e.Extensions["code"].(string)
			if code == "" {
				code = "NONE"
			}
			errCodes = append(errCodes, code)
		}
		span.SetAttributes(attribute.StringSlice("graphql.error.codes", errCodes))
		span.SetStatus(codes.Error, fmt.Sprintf("%d GraphQL errors: %s", len(errCodes), strings.Join(errCodes, ", ")))
	}
	return resp
}
