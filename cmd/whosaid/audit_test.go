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

// TestGraphQLOverHTTPAudit runs the graphql-http server audits against a
// running whosaid: every MUST and every SHOULD passes (MAY is reported only).
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
	m := regexp.MustCompile(`(?m)^MUST: passed (\d+)/(\d+), SHOULD: passed (\d+)/(\d+), MAY: passed (\d+)/(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatal("the audit printed no summary line")
	}
	n := func(i int) int { v, _ := strconv.Atoi(string(m[i])); return v }
	t.Logf("MUST %d/%d, SHOULD %d/%d, MAY %d/%d", n(1), n(2), n(3), n(4), n(5), n(6))
	for _, level := range []struct {
		name          string
		passed, total int
	}{{"MUST", n(1), n(2)}, {"SHOULD", n(3), n(4)}} {
		if level.total == 0 || level.passed != level.total {
			t.Errorf("%s audits passed %d/%d, want all (the lines above marked error or warn say which)", level.name, level.passed, level.total)
		}
	}
}
