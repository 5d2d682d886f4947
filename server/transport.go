package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/munnerz/goautoneg"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/whosaid/whosaid/kg"
)

// The two media types a GraphQL-over-HTTP answer comes in.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// graphQLOverHTTP answers GET and POST on /graphql as the GraphQL-over-HTTP
// spec (https://graphql.github.io/graphql-over-http/draft/) says, in place
// of gqlgen's transport.GET and transport.POST, which part from it where a
// client can see:
//   - under Accept: application/json they answer a document that does not
//     parse or validate, or variables that do not coerce, with 422; the spec
//     wants 200, because the request itself was well formed and its errors
//     are in the body (only application/graphql-response+json tells it by
//     the status, 400);
//   - next to the errors of a request that never executed they write
//     "data": null; such a result has no data entry (GraphQL spec, "Response
//     Format"), and under application/graphql-response+json its absence is
//     what tells a client nothing ran;
//   - an Accept header naming neither type gets application/graphql-response+json
//     instead of 406, q-values are not read, and a mutation sent by GET gets
//     406 instead of 405.
//
// Neither transport has an option for these and both write the status
// before any gqlgen hook sees the result, so the few lines that read a
// request are repeated here; parsing, validation, extensions (persisted
// queries, limits) and execution stay gqlgen's.
type graphQLOverHTTP struct{}

var _ graphql.Transport = graphQLOverHTTP{}

// Supports every method but OPTIONS and HEAD, which transport.Options
// answers, so that a method or body type the spec does not define gets a
// GraphQL error with a code rather than gqlgen's bare "transport not supported".
func (graphQLOverHTTP) Supports(r *http.Request) bool {
	return r.Method != http.MethodOptions && r.Method != http.MethodHead
}

func (graphQLOverHTTP) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	media := acceptedMedia(r.Header.Get("Accept"))
	out := reply{w: w, exec: exec, media: media}
	if media == "" {
		out.media = mediaJSON
		out.refuse(ctx, refusal{status: http.StatusNotAcceptable,
			message: "the client must accept application/json or application/graphql-response+json"})
		return
	}
	start := graphql.Now()
	params, bad := readParams(r)
	if bad != nil {
		out.refuse(ctx, *bad)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	opCtx, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		out.unexecuted(graphql.WithOperationContext(ctx, opCtx), out.requestErrorStatus(), errs)
		return
	}
	if r.Method == http.MethodGet && opCtx.Operation.Operation != ast.Query {
		// A GET must never change anything: links and prefetches send them.
		out.refuse(ctx, refusal{status: http.StatusMethodNotAllowed, allow: http.MethodPost,
			message: "only queries may be sent with GET; send this operation with POST"})
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	resp := responses(ctx)
	if resp == nil {
		out.outOfTime(ctx)
		return
	}
	out.write(http.StatusOK, resp)
}

// acceptedMedia is the media type to answer in: the client's most preferred
// of the two, application/json when it sends no Accept header or only a
// wildcard matches (what clients written before
// application/graphql-response+json expect), and "" when it accepts neither.
func acceptedMedia(accept string) string {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON
	}
	for _, c := range goautoneg.ParseAccept(accept) { // most preferred first
		if c.Q <= 0 {
			continue
		}
		typ, sub := strings.ToLower(c.Type), strings.ToLower(c.SubType)
		switch {
		case typ == "application" && sub == "graphql-response+json":
			return mediaGraphQLResponse
		case typ == "application" && (sub == "json" || sub == "*"), typ == "*":
			return mediaJSON
		}
	}
	return ""
}

// refusal answers a request that is not a well-formed GraphQL-over-HTTP
// request (not JSON, no query, a method or body type the spec does not
// define): a 4xx whatever the client accepts.
type refusal struct {
	status  int
	message string
	allow   string // the Allow header of a 405
}

// readParams reads query, operationName, variables and extensions from a
// GET's URL or a POST's JSON body.
func readParams(r *http.Request) (*graphql.RawParams, *refusal) {
	params := &graphql.RawParams{}
	switch r.Method {
	case http.MethodGet:
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			return nil, &refusal{status: http.StatusBadRequest, message: "the query string cannot be parsed"}
		}
		params.Query, params.OperationName = q.Get("query"), q.Get("operationName")
		if !decodeParam(q.Get("variables"), &params.Variables) {
			return nil, &refusal{status: http.StatusBadRequest, message: "variables must be a JSON object"}
		}
		if !decodeParam(q.Get("extensions"), &params.Extensions) {
			return nil, &refusal{status: http.StatusBadRequest, message: "extensions must be a JSON object"}
		}
	case http.MethodPost:
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != mediaJSON {
			return nil, &refusal{status: http.StatusUnsupportedMediaType, message: "a POST body must be application/json"}
		}
		// limitBody has already read the body into memory, so a failure here
		// is the body's, never the connection's.
		if decodeJSON(r.Body, params) != nil {
			return nil, &refusal{status: http.StatusBadRequest,
				message: "the request body is not a JSON object with query, variables and operationName (batches are not supported)"}
		}
	default:
		return nil, &refusal{status: http.StatusMethodNotAllowed, allow: "GET, POST, OPTIONS",
			message: fmt.Sprintf("%s is not a GraphQL-over-HTTP method; use GET or POST", r.Method)}
	}
	// A persisted query's hash stands for its text; anything else needs the text.
	if params.Query == "" && params.Extensions["persistedQuery"] == nil {
		return nil, &refusal{status: http.StatusBadRequest, message: "the request has no query"}
	}
	return params, nil
}

// decodeParam decodes a GET parameter holding a JSON object; absent is fine.
func decodeParam(s string, into *map[string]any) bool {
	return s == "" || decodeJSON(strings.NewReader(s), into) == nil
}

// decodeJSON decodes exactly one JSON value, keeping numbers as written so
// that gqlgen coerces Int and Float variables from the client's digits.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more than one JSON value")
	}
	return nil
}

// reply writes the answers of one request in its negotiated media type.
type reply struct {
	w     http.ResponseWriter
	exec  graphql.GraphExecutor
	media string
}

// requestErrorStatus is the status of a well-formed request that executed
// nothing (its document does not parse or validate, its variables do not
// coerce, or a limit or a persisted-query check refused it). Under
// application/json the body alone says so; under
// application/graphql-response+json the status does too.
func (o reply) requestErrorStatus() int {
	if o.media == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

func (o reply) refuse(ctx context.Context, f refusal) {
	err := gqlerror.Errorf("%s", f.message)
	setCode(err, codeBadUserInput)
	if f.allow != "" {
		o.w.Header().Set("Allow", f.allow)
	}
	o.unexecuted(ctx, f.status, gqlerror.List{err})
}

// unexecuted answers errors raised before execution: no data entry. They
// pass through gqlgen's DispatchError so that the error presenter gives
// them codes and the response hooks count them in the metrics.
func (o reply) unexecuted(ctx context.Context, status int, errs gqlerror.List) {
	resp := o.exec.DispatchError(ctx, errs)
	o.write(status, struct {
		Errors     gqlerror.List  `json:"errors"`
		Extensions map[string]any `json:"extensions,omitempty"`
	}{resp.Errors, resp.Extensions})
}

// outOfTime answers a request whose time ran out before execution began:
// gqlgen then returns no response at all, which its transports wrote as a
// bare null. Under application/graphql-response+json a result without data
// needs a failure status; the server, not the client, ran out of time.
func (o reply) outOfTime(ctx context.Context) {
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return // the client went away: there is no one to answer
	}
	status := http.StatusOK
	if o.media == mediaGraphQLResponse {
		status = http.StatusServiceUnavailable
	}
	err := gqlerror.Errorf("the query took too long")
	setCode(err, string(kg.Timeout))
	o.unexecuted(ctx, status, gqlerror.List{err})
}

func (o reply) write(status int, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		// Only a resolver bug can make a response unencodable; gqlgen's
		// handler recovers this into a 500 INTERNAL, as its own transports do.
		panic(fmt.Errorf("encoding a GraphQL response: %w", err))
	}
	o.w.Header().Set("Content-Type", o.media)
	o.w.WriteHeader(status)
	_, _ = o.w.Write(b)
}
