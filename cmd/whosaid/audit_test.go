package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// auditDir holds the pinned graphql-http audit suite (npm ci installs it).
const auditDir = "../../scripts/audit"

// minShouldPassed is how many SHOULD audits whosaid passes with the pinned
// graphql-http; README "GraphQL over HTTP conformance" lists the others.
const minShouldPassed = 18

// TestGraphQLOverHTTPAudit runs the graphql-http server audits against a
// running whosaid: every MUST passes, and no SHOULD that passed today fails.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	missing := ""
	switch {
	case err != nil:
		missing = "node is not on PATH"
	default:
		if _, err := os.Stat(filepath.Join(auditDir, "node_modules", "graphql-http")); err != nil {
			missing = "scripts/audit/node_modules is missing (run `npm ci` in scripts/audit; make test does)"
		}
	}
	if missing != "" {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatalf("CI=true and the GraphQL-over-HTTP audit cannot run: %s", missing)
		}
		t.Skip("SKIPPED GraphQL-over-HTTP audit: " + missing)
	}

	// The audits ask only `{ __typename }`-like questions; a small graph does.
	base := startServer(t, nil, "../../loader/testdata/mini")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "audit.mjs", base+"/graphql")
	cmd.Dir = auditDir
	out, err := cmd.CombinedOutput()
	t.Logf("graphql-http audit:\n%s", out)
	if err != nil {
		t.Errorf("audit failed (a MUST audit failed, or the suite could not run): %v", err)
	}
	m := regexp.MustCompile(`(?m)^MUST: passed (\d+)/(\d+), SHOULD: passed (\d+)/(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatal("the audit printed no summary line")
	}
	n := func(i int) int { v, _ := strconv.Atoi(string(m[i])); return v }
	if n(2) == 0 || n(1) != n(2) {
		t.Errorf("MUST audits passed %d/%d, want all", n(1), n(2))
	}
	if n(3) < minShouldPassed {
		t.Errorf("SHOULD audits passed %d/%d, fewer than the %d documented in the README", n(3), n(4), minShouldPassed)
	}
}
