package soak

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
)

// heavyQuery walks three hops out from six roots with statements drawn as
// nodes: most of a second of Neo4j and resolver work on the seed graph.
func heavyQuery() string {
	roots := []string{"csto", "vladimir-putin", "russia", "federation-council", "syrian-crisis", "geneva-ii-conference"}
	var b strings.Builder
	b.WriteString("query Heavy {")
	for i, id := range roots {
		fmt.Fprintf(&b, ` n%d: neighbourhood(id: %q, depth: 3, maxNodes: 500, statements: NODES) { truncated nodes { id kind label degree } edges { id source target kind weight } }`, i, id)
	}
	b.WriteString(" }")
	return b.String()
}

// checkWorkload waits for /readyz, then fails the test unless every
// operation given answers 200 without errors: the load tests count failures against them. It also warms
// Neo4j's plan cache, so a TIMEOUT is tried again, twice.
func checkWorkload(t *testing.T, base string, ops ...operation) {
	t.Helper()
	client := &http.Client{Timeout: time.Minute}
	defer client.CloseIdleConnections()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Second) {
		resp, err := client.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz did not answer 200 within a minute: %v %v", err, resp)
		}
	}
	for _, op := range ops {
		for try := 1; ; try++ {
			r := send(t.Context(), client, base, op.name, graphQLBody(op), time.Now())
			if r.failure == "" {
				break
			}
			if try == 3 || !slices.Contains(r.codes, "TIMEOUT") {
				t.Fatalf("workload operation %s: %s %v %v", op.name, r.failure, r.codes, r.texts)
			}
		}
	}
}

// TestGracefulShutdown: on SIGTERM, `whosaid serve` stops accepting
// connections at once, lets the requests it is serving finish with 200, and
// exits 0.
func TestGracefulShutdown(t *testing.T) {
	neo4jtest.Store(t) // skips without a Neo4j; empties the database
	loadSeeds(t, neo4jtest.URI())
	p := startServe(t, neo4jtest.URI())
	checkWorkload(t, p.base, append(workload, operation{name: "Heavy", query: heavyQuery()})...)
	addr := strings.TrimPrefix(p.base, "http://")

	// In flight #1: a request whose body is still arriving when SIGTERM does,
	// so the server is certainly in the middle of it. Its query is the heavy one.
	body, _ := json.Marshal(map[string]any{"query": heavyQuery()})
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	half := len(body) / 2
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", addr, len(body))
	if _, err := conn.Write(body[:half]); err != nil {
		t.Fatal(err)
	}

	// In flight #2: the heavy query sent whole just before SIGTERM.
	type outcome struct {
		status int
		resp   gqlResponse
		err    error
		done   time.Time
	}
	second := make(chan outcome, 1)
	go func() {
		resp, err := http.Post(p.base+"/graphql", "application/json", strings.NewReader(string(body)))
		o := outcome{err: err}
		if err == nil {
			o.status = resp.StatusCode
			o.err = json.NewDecoder(resp.Body).Decode(&o.resp)
			resp.Body.Close()
		}
		o.done = time.Now()
		second <- o
	}()
	time.Sleep(100 * time.Millisecond) // let it reach the server

	sigterm := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	// New connections are refused while #1 is still open (its body unsent).
	refusedAfter := time.Duration(-1)
	for time.Since(sigterm) < 5*time.Second {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			if !errors.Is(err, syscall.ECONNREFUSED) {
				t.Fatalf("dial after SIGTERM: %v, want connection refused", err)
			}
			refusedAfter = time.Since(sigterm)
			break
		}
		c.Close()
		time.Sleep(10 * time.Millisecond)
	}
	if refusedAfter < 0 {
		t.Fatal("new connections still accepted 5 s after SIGTERM")
	}
	if _, err := http.Post(p.base+"/graphql", "application/json", strings.NewReader(`{"query":"{ stats { documents } }"}`)); err == nil {
		t.Error("a new request after SIGTERM was answered, want it refused")
	} else if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("a new request after SIGTERM failed with %v, want connection refused", err)
	}
	select {
	case <-p.exited:
		t.Fatalf("whosaid exited (%v) with a request in flight", p.err)
	default:
	}

	// #1 finishes: the rest of its body, then a complete 200 answer.
	if _, err := conn.Write(body[half:]); err != nil {
		t.Fatalf("finishing the in-flight request's body: %v", err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request got no answer: %v", err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	firstDone := time.Now()
	if err != nil {
		t.Fatalf("reading the in-flight answer: %v", err)
	}
	var first gqlResponse
	if err := json.Unmarshal(raw, &first); err != nil || resp.StatusCode != http.StatusOK || len(first.Errors) > 0 || !strings.Contains(string(first.Data), `"n5"`) {
		t.Errorf("in-flight request = %d %.300s, want 200 with all six subgraphs", resp.StatusCode, raw)
	}

	o := <-second
	if o.err != nil || o.status != http.StatusOK || len(o.resp.Errors) > 0 || !strings.Contains(string(o.resp.Data), `"n5"`) {
		t.Errorf("request sent before SIGTERM = %d %v %+v, want 200 with all six subgraphs", o.status, o.err, o.resp.Errors)
	}

	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		t.Fatal("whosaid did not exit within 30 s of SIGTERM")
	}
	if p.err != nil {
		t.Errorf("whosaid exited with %v after SIGTERM, want status 0\n%s", p.err, p.stderr.String())
	}
	t.Logf("SIGTERM: new connections refused after %s; in-flight requests answered 200 %s and %s after it; exited %s after it",
		refusedAfter.Round(time.Millisecond), firstDone.Sub(sigterm).Round(time.Millisecond),
		o.done.Sub(sigterm).Round(time.Millisecond), time.Since(sigterm).Round(time.Millisecond))
}
