package kg

import (
	"errors"
	"fmt"
)

// ErrorKind classifies failures so that each interface (GraphQL, HTTP, CLI)
// can map them to its own codes in one place.
type ErrorKind string

// The error kinds; their values are the GraphQL extensions.code values.
const (
	Invalid     ErrorKind = "BAD_USER_INPUT"
	NotFound    ErrorKind = "NOT_FOUND"
	Timeout     ErrorKind = "TIMEOUT"
	Unavailable ErrorKind = "UNAVAILABLE"
	// ResourceExhausted: the database ran out of the memory it grants one
	// transaction or all of them; the same request may pass later.
	ResourceExhausted ErrorKind = "RESOURCE_EXHAUSTED"
	Internal          ErrorKind = "INTERNAL"
)

// ServerSide reports whether an error of kind k is the server's or the
// database's trouble rather than the client's: those are logged.
func ServerSide(k ErrorKind) bool {
	return k == Internal || k == Unavailable || k == Timeout || k == ResourceExhausted
}

// ErrDatabaseAuth is in the chain of an Unavailable error when the database
// refused whosaid's credentials: the one cause of unavailability that
// waiting will not cure, so probes and logs name it.
var ErrDatabaseAuth = errors.New("authentication failed: Neo4j refused the user name or password (NEO4J_USER, NEO4J_PASSWORD)")

// Error is a classified error. Message is safe to show to API users; Err is
// the cause, for logs only.
type Error struct {
	Kind    ErrorKind
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a user-safe message.
func Errorf(kind ErrorKind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of the first *Error in err's chain, or Internal.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}
