package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/kg"
)

// Ensure Neo4j's memory limits reach clients as RESOURCE_EXHAUSTED with a
// hint to retry, whether the driver gives the error as it came or after
// retrying it, and that other failures keep their kinds.
func TestMemoryLimitsAreResourceExhausted(t *testing.T) {
	neoErr := func(code string) error { return &neo4j.Neo4jError{Code: code, Msg: "the secret Cypher text"} }
	retried := func(err error) error {
		return &neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 30s)", Errors: []error{err, err}}
	}
	for _, c := range []struct {
		err  error
		want kg.ErrorKind
	}{
		{neoErr("Neo.TransientError.General.MemoryPoolOutOfMemoryError"), kg.ResourceExhausted},
		{neoErr("Neo.TransientError.General.TransactionMemoryLimit"), kg.ResourceExhausted},
		{retried(neoErr("Neo.TransientError.General.MemoryPoolOutOfMemoryError")), kg.ResourceExhausted},
		{neoErr("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"), kg.Timeout},
		{retried(neoErr("Neo.TransientError.Transaction.DeadlockDetected")), kg.Internal},
		{neoErr("Neo.ClientError.Statement.SyntaxError"), kg.Internal},
		{errors.New("Memory"), kg.Internal},
	} {
		err := classify(context.Background(), "statements", c.err)
		var kerr *kg.Error
		if !errors.As(err, &kerr) || kerr.Kind != c.want {
			t.Errorf("%v: %v, want %s", c.err, err, c.want)
			continue
		}
		if c.want == kg.ResourceExhausted && (kerr.Message == "" || !strings.Contains(kerr.Message, "retry")) {
			t.Errorf("%v: message %q gives no retry hint", c.err, kerr.Message)
		}
		if strings.Contains(kerr.Message, "Cypher") {
			t.Errorf("%v: message %q shows the driver's text", c.err, kerr.Message)
		}
	}
}
