package server

import (
	"context"
	"errors"
	"log/slog"

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
			if kerr.Kind == kg.Internal || kerr.Kind == kg.Unavailable || kerr.Kind == kg.Timeout {
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
		log.ErrorContext(ctx, "internal error", "path", gerr.Path.String(), "err", err)
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
