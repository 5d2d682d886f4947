package soak

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// leak matches error text that must never reach a client: driver, Bolt,
// socket and Cypher details.
var leak = regexp.MustCompile(`(?i)bolt|neo4j|driver|dial|tcp|socket|connection refused|eof|cypher|MATCH |panic|goroutine`)

// TestNeo4jRestartUnderLoad stops Neo4j while 16 clients send the mixed
// workload, starts it again on the same port and store, and checks that
// whosaid, never restarted, serves every request again by itself; failures
// while Neo4j is away must be UNAVAILABLE or TIMEOUT errors in JSON.
func TestNeo4jRestartUnderLoad(t *testing.T) {
	requireSoak(t)
	c := &checks{t: t}
	const (
		clients  = 16
		before   = 10 * time.Second  // load before Neo4j stops
		minAfter = 20 * time.Second  // load after it is back, at least
		maxAfter = 120 * time.Second // and at most, waiting for a quiet spell
		quiet    = 5 * time.Second   // the spell at the end, which must have no failures
	)
	db := startOwnNeo4j(t)
	loadSeeds(t, db.uri())
	p := startServe(t, db.uri())
	checkWorkload(t, p.base, workload...)

	loadBefore := loadAvg()
	load := runLoad(p.base, workload, clients, 10*time.Minute)
	time.Sleep(before)
	stopAt := time.Since(load.started)
	stopTook := db.stop()
	t.Logf("neo4j stopped at %s (took %s)", stopAt.Round(time.Millisecond), stopTook.Round(time.Millisecond))
	startTook := db.start(t)
	backAt := time.Since(load.started)
	t.Logf("neo4j back at %s (start took %s)", backAt.Round(time.Millisecond), startTook.Round(time.Millisecond))
	// A restarted Neo4j plans every query afresh on a cold JVM, so answers are
	// slow for a while: go on until the last `quiet` had no failure.
	for time.Since(load.started)-backAt < maxAfter {
		time.Sleep(time.Second)
		n, failed := load.completedSince(quiet)
		if time.Since(load.started)-backAt >= minAfter && failed == 0 && n >= clients {
			break
		}
	}
	quietFrom := time.Since(load.started) - quiet
	after := time.Since(load.started) - backAt
	loadAfter := loadAvg()
	results := load.stop()
	end := time.Since(load.started)

	select {
	case <-p.exited:
		t.Fatalf("whosaid exited during the restart: %v\n%s", p.err, p.stderr.String())
	default:
	}
	if strings.Contains(p.stderr.String(), "panic") {
		t.Logf("whosaid stderr:\n%s", p.stderr.String())
		c.fail("whosaid logged a panic")
	}

	all := summarise(results, 0, end)
	var lastFailure time.Duration
	badCodes := map[string]int{}
	leaked := map[string]bool{}
	for _, r := range results {
		if r.failure == "" {
			continue
		}
		lastFailure = max(lastFailure, r.at+r.latency)
		if len(r.codes) == 0 {
			badCodes[r.failure]++ // not a GraphQL error at all
		}
		for i, c := range r.codes {
			if c != "UNAVAILABLE" && c != "TIMEOUT" {
				badCodes[c+": "+r.texts[i]]++
			}
			if leak.MatchString(r.texts[i]) {
				leaked[r.texts[i]] = true
			}
		}
	}
	// The quiet spell: requests answered in its `quiet`, and those still in
	// flight when the load stopped, all succeeded.
	answered, failedLate := 0, 0
	for _, r := range results {
		if done := r.at + r.latency; done >= quietFrom {
			answered++
			if r.failure != "" {
				failedLate++
			}
		}
	}
	phases := []struct {
		name     string
		from, to time.Duration
	}{
		{"before the stop", 0, stopAt},
		{"neo4j stopping and starting", stopAt, backAt},
		{"after it is back", backAt, end},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## Neo4j restarted under load\n\n`TestNeo4jRestartUnderLoad`: %d clients send the mixed workload (%d operations) without pause over the seed graph; "+
		"after %s Neo4j is stopped cleanly (%s) and started again on the same port and store (%s), and the load goes on until %s have passed without a failure "+
		"(at least %s, at most %s: here %s); whosaid is not restarted. A client that gets an error waits %s before its next request. "+
		"The machine's load average was %s at the start and %s at the end.\n\n",
		clients, len(workload), before, stopTook.Round(100*time.Millisecond), startTook.Round(100*time.Millisecond), quiet, minAfter, maxAfter,
		after.Round(100*time.Millisecond), failurePause, loadBefore, loadAfter)
	b.WriteString("| phase (by send time) | requests | failed | p50 | p99 | GraphQL errors by code |\n|---|---:|---:|---:|---:|---|\n")
	for _, ph := range phases {
		w := summarise(results, ph.from, ph.to)
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s | %s |\n", ph.name, w.requests, w.failures, ms(w.p50), ms(w.p99), codeList(w.codes))
	}
	recovered := "no failures after Neo4j was back"
	if lastFailure > backAt {
		recovered = fmt.Sprintf("the last failure ended %s after Neo4j was back", (lastFailure - backAt).Round(time.Millisecond))
	}
	fmt.Fprintf(&b, "\n%d of %d requests failed (%s); %s; of the %d requests answered in the last %s, %d failed.\n",
		all.failures, all.requests, codeList(all.codes), recovered, answered, quiet, failedLate)
	t.Log("\n" + b.String())
	for from := time.Duration(0); from < end; from += 2 * time.Second {
		w := summarise(results, from, from+2*time.Second)
		t.Logf("%5.0fs  requests %3d  failed %3d  p50 %10s  p99 %10s", from.Seconds(), w.requests, w.failures, ms(w.p50), ms(w.p99))
	}

	if len(badCodes) > 0 {
		c.fail("failures other than UNAVAILABLE/TIMEOUT GraphQL errors: %v", badCodes)
	}
	if len(leaked) > 0 {
		c.fail("error messages leak driver or database details: %v", slices.Sorted(maps.Keys(leaked)))
	}
	if failedLate > 0 || answered < clients {
		c.fail("%s after Neo4j was back, the last %s: %d of %d requests answered failed, want none of at least %d",
			after.Round(time.Second), quiet, failedLate, answered, clients)
	}
	for _, r := range results {
		if r.failure != "" && r.at+r.latency < stopAt {
			c.fail("a request answered before Neo4j stopped failed: %s %s %v", r.op, r.failure, r.texts)
		}
	}
	c.report(b.String())
}

func codeList(codes map[string]int) string {
	if len(codes) == 0 {
		return "—"
	}
	var parts []string
	for _, c := range slices.Sorted(maps.Keys(codes)) {
		parts = append(parts, fmt.Sprintf("%s %d", c, codes[c]))
	}
	return strings.Join(parts, ", ")
}
