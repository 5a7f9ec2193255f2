package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/auth"
	"github.com/claco/claco/internal/reference"
)

// Bounds of a request before GraphQL sees it.
const (
	// maxQueryBytes bounds a JSON request, and the operations of a multipart one.
	maxQueryBytes = 1 << 20
	// maxMapBytes bounds the map of a multipart request.
	maxMapBytes = 16 << 10
	// maxUploadFiles is the most files one request may carry. A review has
	// at most three photos; a few more still reach the service, which
	// answers LIMIT_EXCEEDED on the input, as the contract says.
	maxUploadFiles = 5
	// maxUploadBytes covers three 10 MiB review photos and the form around them.
	maxUploadBytes = 32 << 20
)

// checkJSONBody reads a JSON request body within its bound and refuses one
// that is not a GraphQL request, with a contract code and a message that
// neither echoes the body nor names the decoder. GraphQL then reads the
// checked copy.
func checkJSONBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if r.Method != http.MethodPost || mediaType == "multipart/form-data" {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxQueryBytes))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			refuse(w, r, "the request is too large (at most 1 MiB)")
			return
		case err != nil:
			refuse(w, r, "the request body could not be read")
			return
		}
		var params struct {
			Query      json.RawMessage `json:"query"`
			Variables  json.RawMessage `json:"variables"`
			Extensions json.RawMessage `json:"extensions"`
		}
		if err := json.Unmarshal(body, &params); err != nil || !objectOrNull(params.Variables) || !objectOrNull(params.Extensions) || !stringOrNull(params.Query) {
			refuse(w, r, `the request body must be a JSON object {"query": string, "variables": object}`)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func objectOrNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null" || raw[0] == '{'
}

func stringOrNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null" || raw[0] == '"'
}

// refuse answers a malformed request with BAD_USER_INPUT: 200 for clients
// that accept application/json, 400 for GraphQL-over-HTTP clients that ask
// for application/graphql-response+json.
func refuse(w http.ResponseWriter, r *http.Request, message string) {
	writeGraphQLError(w, requestErrorStatus(r, http.StatusBadRequest), apperr.BadUserInput, message)
}

// requestErrorStatus is the HTTP status of a request error: 200 for clients
// that accept application/json, the 4xx status for GraphQL-over-HTTP clients
// that ask for application/graphql-response+json.
func requestErrorStatus(r *http.Request, status int) int {
	if acceptsGraphQLResponse(r) {
		return status
	}
	return http.StatusOK
}

// multipartForm is the GraphQL multipart request transport (uploads), with
// bounds checked before anything is read that the bounds do not cover: the
// operations and the map have size limits, the map names at most
// maxUploadFiles files, and every path it names must be a null variable of
// the operation, so no malformed map reaches gqlgen (whose AddUpload panics
// on one).
type multipartForm struct{}

var _ graphql.Transport = multipartForm{}

func (multipartForm) Supports(r *http.Request) bool {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && r.Method == http.MethodPost && mediaType == "multipart/form-data" && r.Header.Get("Upgrade") == ""
}

func (multipartForm) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	w.Header().Set("Content-Type", "application/json")
	// Every upload needs a signed-in member: nobody else makes the server
	// read files.
	if _, err := auth.Require(r.Context()); err != nil {
		e, _ := apperr.As(err)
		writeGraphQLError(w, requestErrorStatus(r, http.StatusUnauthorized), e.Code, e.Message)
		return
	}
	start := graphql.Now()
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes)
	defer r.Body.Close()
	params, err := readMultipart(r)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			err = errBadForm("the request is too large (at most 32 MiB)")
		}
		var bad formError
		if !errors.As(err, &bad) {
			bad = errBadForm("the multipart request could not be read")
		}
		refuse(w, r, string(bad))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	ctx := graphql.StartOperationTrace(r.Context())
	rc, gerr := exec.CreateOperationContext(ctx, params)
	if gerr != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, rc), gerr)
		w.WriteHeader(requestErrorStatus(r, http.StatusBadRequest))
		writeJSON(w, resp)
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeJSON(w, responses(ctx))
}

// formError is a malformed multipart request, in words for the client.
type formError string

func (e formError) Error() string { return string(e) }

func errBadForm(msg string) formError { return formError(msg) }

func readMultipart(r *http.Request) (*graphql.RawParams, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errBadForm("the request is not a multipart form")
	}
	part, err := mr.NextPart()
	if err != nil || part.FormName() != "operations" {
		return nil, errBadForm("the first part of a multipart request must be operations")
	}
	ops, err := readBounded(part, maxQueryBytes, "operations")
	if err != nil {
		return nil, err
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(ops))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		return nil, errBadForm("operations must be a JSON object {\"query\": string, \"variables\": object}")
	}
	if part, err = mr.NextPart(); err != nil || part.FormName() != "map" {
		return nil, errBadForm("the second part of a multipart request must be map")
	}
	rawMap, err := readBounded(part, maxMapBytes, "map")
	if err != nil {
		return nil, err
	}
	files := map[string][]string{}
	if err := json.Unmarshal(rawMap, &files); err != nil {
		return nil, errBadForm(`map must be a JSON object {"0": ["variables.file"]}`)
	}
	if len(files) > maxUploadFiles {
		return nil, errBadForm("a request carries at most " + strconv.Itoa(maxUploadFiles) + " files")
	}
	for key, paths := range files {
		if len(paths) != 1 {
			return nil, errBadForm("map entry " + strconv.Quote(key) + " must name exactly one variable")
		}
		if !nullVariable(params.Variables, paths[0]) {
			return nil, errBadForm("map entry " + strconv.Quote(key) + " does not name a null variable of the operation")
		}
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		key := part.FormName()
		paths, ok := files[key]
		if !ok {
			return nil, errBadForm("the form has a file the map does not name")
		}
		delete(files, key)
		// The upload store checks each file's size and type itself, and
		// names the input at fault: one byte past its limit is enough for it.
		content, err := io.ReadAll(io.LimitReader(part, reference.Static.Limits.UploadBytes+1))
		if err != nil {
			return nil, err
		}
		upload := graphql.Upload{File: bytes.NewReader(content), Size: int64(len(content)), Filename: part.FileName(), ContentType: part.Header.Get("Content-Type")}
		if gerr := params.AddUpload(upload, key, paths[0]); gerr != nil {
			return nil, errBadForm("map entry " + strconv.Quote(key) + " does not name a variable of the operation")
		}
	}
	if len(files) > 0 {
		return nil, errBadForm("the map names a file the form does not have")
	}
	return &params, nil
}

func readBounded(r io.Reader, limit int64, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errBadForm(name + " is too large")
	}
	return b, nil
}

// nullVariable reports whether path (variables.a.b.0) names an existing
// null value inside vars, where an upload may go.
func nullVariable(vars map[string]any, path string) bool {
	rest, ok := strings.CutPrefix(path, "variables.")
	if !ok || rest == "" {
		return false
	}
	var at any = vars
	parts := strings.Split(rest, ".")
	for i, p := range parts {
		// A segment that reads as a number indexes a list, and only a list,
		// as gqlgen's AddUpload assumes (it panics otherwise).
		var next any
		if n, err := strconv.Atoi(p); err == nil {
			list, ok := at.([]any)
			if !ok || n < 0 || n >= len(list) {
				return false
			}
			next = list[n]
		} else {
			obj, ok := at.(map[string]any)
			if !ok {
				return false
			}
			if next, ok = obj[p]; !ok {
				return false
			}
		}
		if i == len(parts)-1 {
			return next == nil
		}
		at = next
	}
	return false
}

func writeJSON(w io.Writer, v any) {
	_ = json.NewEncoder(w).Encode(v)
}

// graphqlOverHTTP answers as the GraphQL-over-HTTP spec says: a client that
// accepts application/graphql-response+json gets that media type, and 400
// for a request error; a client that accepts application/json gets 200 for
// request errors too (gqlgen answers 422).
func graphqlOverHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&specWriter{ResponseWriter: w, graphqlResponse: acceptsGraphQLResponse(r)}, r)
	})
}

func acceptsGraphQLResponse(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json")
}

type specWriter struct {
	http.ResponseWriter
	graphqlResponse bool
	wrote           bool
}

func (w *specWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	if w.graphqlResponse {
		w.Header().Set("Content-Type", "application/graphql-response+json")
		if code == http.StatusUnprocessableEntity {
			code = http.StatusBadRequest
		}
	} else if code == http.StatusUnprocessableEntity {
		code = http.StatusOK
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *specWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *specWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
