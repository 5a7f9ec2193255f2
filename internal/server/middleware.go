package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/rs/cors"

	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/loader"
)

// withLoaders gives each request its own batch loaders, made for the member
// it acts for so that per-member fields (likedByMe) batch too.
func (s *Server) withLoaders(deps loader.Deps, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var viewer int
		if p, ok := auth.PrincipalFrom(r.Context()); ok {
			viewer = p.MemberID
		}
		noteMember(r.Context(), viewer)
		ctx := loader.With(r.Context(), loader.New(deps, viewer))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// logRequests writes one line per request. It logs the path without the
// query string: a Kakao callback carries its authorization code there.
// A GraphQL request's line also names its operation and the member it
// acted for, which inner layers learn and note in the request's facts.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		facts := &requestFacts{}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), factsKey{}, facts)))
		attrs := []any{
			"method", r.Method,
			"path", r.URL.Path,
			"status", rec.status,
			"duration_ms", float64(time.Since(start).Microseconds()) / 1000,
		}
		if op, member := facts.get(); op != "" || member != 0 {
			attrs = append(attrs, "operation", op, "member_id", member)
		}
		s.log.InfoContext(r.Context(), "request", attrs...)
	})
}

// requestFacts are what the request log line learns from inner layers.
type requestFacts struct {
	mu        sync.Mutex
	operation string
	member    int
}

type factsKey struct{}

func (f *requestFacts) get() (string, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.operation, f.member
}

// noteOperation records the request's GraphQL operation for its log line.
func noteOperation(ctx context.Context, name string) {
	if f, ok := ctx.Value(factsKey{}).(*requestFacts); ok {
		f.mu.Lock()
		f.operation = name
		f.mu.Unlock()
	}
}

// noteMember records the member the request acts for, for its log line.
func noteMember(ctx context.Context, id int) {
	if f, ok := ctx.Value(factsKey{}).(*requestFacts); ok && id != 0 {
		f.mu.Lock()
		f.member = id
		f.mu.Unlock()
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// recoverPanics turns a panic outside GraphQL resolvers into a 500 and a log
// line with the stack, instead of a dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.ErrorContext(r.Context(), "handler panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// withCORS lets the listed front-end origins call the API with credentials
// (the refresh cookie). With no origins configured, cross-origin calls are refused.
func withCORS(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	return cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:   []string{"Authorization", "Content-Type", "X-Request-Id", "Apollo-Require-Preflight"},
		ExposedHeaders:   []string{"X-Request-Id"},
		AllowCredentials: true,
		MaxAge:           600,
	}).Handler(next)
}

// secureHeaders sets what every API response needs: no caching of answers
// that may carry tokens or personal data, no type sniffing, and in
// production HSTS, so that a browser never talks to the API in clear text.
func secureHeaders(production bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		if production {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// uploadTimeout is the deadline of a multipart request: photos from a phone
// on a slow network take longer than a query.
const uploadTimeout = 2 * time.Minute

// withDeadline bounds the work of each request, authentication included:
// every query it makes carries the deadline, and ends when the client goes
// away. What runs past it answers TIMEOUT.
func withDeadline(timeout time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := timeout
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			d = max(d, uploadTimeout)
		}
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// answerExpired answers TIMEOUT for a request whose deadline passed before
// GraphQL could run (the session check waited on the database): gqlgen
// would answer a bare null.
func answerExpired(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Context().Err() == nil {
			next.ServeHTTP(w, r)
			return
		}
		writeGraphQLError(w, http.StatusOK, apperr.Timeout, "the request took too long; try again")
	})
}

// writeGraphQLError answers a request with one GraphQL error.
func writeGraphQLError(w http.ResponseWriter, status int, code apperr.Code, message string) {
	body, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{
		"message": message, "extensions": map[string]any{"code": string(code)},
	}}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
