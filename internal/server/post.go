package server

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// jsonPOST is gqlgen's POST transport, except that a response whose
// operation ran is written as gqlgen's executor encoded it. gqlgen's own
// transport hands the finished response to json.Marshal, which walks every
// byte of the encoded data again to validate and compact it: 5 % of the
// server's CPU on the browse page. Anything else (an unreadable body, an
// operation that does not parse or validate, a client asking for
// application/graphql-response+json) is left to transport.POST, so status
// codes and error bodies stay gqlgen's.
type jsonPOST struct{ transport.POST }

func (h jsonPOST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if !acceptsPlainJSON(r.Header.Get("Accept")) {
		h.POST.Do(w, r, exec)
		return
	}
	ctx := r.Context()
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		h.retry(w, r, body, exec)
		return
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // as gqlgen decodes: integers stay exact
	if err := dec.Decode(&params); err != nil {
		h.retry(w, r, body, exec)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	rc, opErr := exec.CreateOperationContext(ctx, &params)
	if opErr != nil {
		h.retry(w, r, body, exec)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
}

// retry hands the request, its body restored, to gqlgen's transport, which
// answers the failure its way. Creating the operation context again has no
// effect a client could see: it is deterministic and it failed.
func (h jsonPOST) retry(w http.ResponseWriter, r *http.Request, body []byte, exec graphql.GraphExecutor) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	h.POST.Do(w, r, exec)
}

// acceptsPlainJSON reports whether gqlgen would answer with
// application/json: no Accept header, or one whose first media type it
// knows is application/json or a wildcard.
func acceptsPlainJSON(accept string) bool {
	if accept == "" {
		return true
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", "application/json":
			return true
		case "application/graphql-response+json":
			return false
		}
	}
	return false
}

// writeResponse writes the response with its data as encoded. A part of
// an incremental (@defer) response goes through json.Marshal, as in gqlgen.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if resp.Label != "" || resp.Path != nil || resp.HasNext != nil {
		b, err := json.Marshal(resp)
		if err != nil {
			panic(err) // as gqlgen: only a bug in the executor gets here
		}
		_, _ = w.Write(b)
		return
	}
	_, _ = io.WriteString(w, "{")
	if len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			panic(err)
		}
		_, _ = io.WriteString(w, `"errors":`)
		_, _ = w.Write(errs)
		_, _ = io.WriteString(w, ",")
	}
	_, _ = io.WriteString(w, `"data":`)
	if len(resp.Data) == 0 {
		_, _ = io.WriteString(w, "null")
	} else {
		_, _ = w.Write(resp.Data)
	}
	if len(resp.Extensions) > 0 {
		ext, err := json.Marshal(resp.Extensions)
		if err != nil {
			panic(err)
		}
		_, _ = io.WriteString(w, `,"extensions":`)
		_, _ = w.Write(ext)
	}
	_, _ = io.WriteString(w, "}")
}
