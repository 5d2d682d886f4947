package server

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/whosaid/whosaid/kg"
)

// presentError gives every error a stable extensions.code. Messages of kg
// errors are written for users; anything else (driver errors, Cypher, panics)
// becomes "internal error" and goes to the log only.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var kerr *kg.Error
		if errors.As(err, &kerr) {
			if kg.ServerSide(kerr.Kind) {
				log.ErrorContext(ctx, "request failed", "kind", kerr.Kind, "path", gerr.Path.String(), "err", err)
			}
			gerr.Message = kerr.Message
			setCode(gerr, string(kerr.Kind))
			return gerr
		}
		var already *gqlerror.Error
		if errors.As(err, &already) && already.Extensions["code"] != nil {
			// parse, validation and complexity errors from gqlgen keep their own codes
			return gerr
		}
		if code, msg, ok := clientMistake(gerr.Message); ok {
			gerr.Message = msg
			setCode(gerr, code)
			return gerr
		}
		log.ErrorContext(ctx, "internal error", "path", gerr.Path.String(), "err", truncate(err.Error(), maxLoggedError))
		gerr.Message = "internal error"
		setCode(gerr, string(kg.Internal))
		return gerr
	}
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// recoverPanic turns a resolver panic into an internal error, logged with the
// panic value but never shown to the client.
func recoverPanic(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", p)
		return &kg.Error{Kind: kg.Internal, Message: "internal error"}
	}
}

// Codes of client mistakes that gqlgen reports without one.
const (
	codeBadUserInput           = "BAD_USER_INPUT"
	codeIntrospectionDisabled  = "INTROSPECTION_DISABLED"
	codePersistedQueryMismatch = "PERSISTED_QUERY_MISMATCH"
	codePayloadTooLarge        = "PAYLOAD_TOO_LARGE"
	codeResponseTooLarge       = "RESPONSE_TOO_LARGE"
)

// clientMistakes are the messages gqlgen's extensions and generated code
// give request errors that are the client's doing, with the code each gets
// (the transport's own errors, transport.go, carry theirs already).
// Without this table they would answer INTERNAL, which an alert on server
// faults must not see. A test sends each mistake, so a gqlgen upgrade that
// rewords one fails there.
var clientMistakes = []struct{ prefix, code, message string }{
	{"invalid APQ extension data", codeBadUserInput, "invalid persisted query extension"},
	{"unsupported APQ version", codeBadUserInput, "unsupported persisted query version"},
	{"provided APQ hash does not match query", codePersistedQueryMismatch, "the persisted query hash does not match the query"},
	{"introspection disabled", codeIntrospectionDisabled, "introspection is turned off on this server"},
}

func clientMistake(msg string) (code, message string, ok bool) {
	for _, m := range clientMistakes {
		if strings.HasPrefix(msg, m.prefix) {
			return m.code, m.message, true
		}
	}
	return "", "", false
}

// maxLoggedError is the most of an error's text that reaches the log: a
// cause can quote a whole request body.
const maxLoggedError = 512

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "… (truncated)"
}
