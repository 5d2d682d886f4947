package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
)

// serveProcess starts bin as `whosaid serve` on a free port and returns its
// base URL once it says it is ready, and its process.
func serveProcess(t *testing.T, bin string, env ...string) (string, *os.Process) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	ready := regexp.MustCompile(`whosaid is ready: playground (http://\S+)/ `)
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if m := ready.FindStringSubmatch(sc.Text()); m != nil {
			go io.Copy(io.Discard, stdout)
			return m[1], cmd.Process
		}
	}
	t.Fatal("serve exited before it was ready")
	return "", nil
}

// The API keeps no state between requests, so servers over one database are
// interchangeable: three `whosaid serve` processes behind a round-robin
// client give the same answers, and SIGKILLing one mid-run costs only the
// requests in flight on it (the client retries nothing; it drops a server
// from its rotation on the first failure, as a balancer would).
func TestServersBehindARoundRobinAnswerAlikeAndOneDyingCostsOnlyItsInFlight(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: needs Neo4j and the binary")
	}
	neo4jtest.Store(t) // empties the database
	uri := "NEO4J_URI=" + neo4jtest.URI()
	if err := run(context.Background(), []string{"whosaid", "load", "../../loader/testdata/mini"},
		func(k string) string { return map[string]string{"NEO4J_URI": neo4jtest.URI()}[k] }, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	bin := buildWhosaid(t)
	var bases []string
	var procs []*os.Process
	for range 3 {
		base, proc := serveProcess(t, bin, uri)
		bases, procs = append(bases, base), append(procs, proc)
	}

	queries := []string{
		`{ actors(first: 50) { totalCount edges { cursor node { id name } } pageInfo { endCursor hasNextPage } } }`,
		`{ statements(first: 50) { totalCount edges { node { id predicate polarity date } } } }`,
		`{ stats { nodes { label count } } }`,
		`{ search(query: "trump", first: 10) { __typename } }`,
	}
	post := func(base, query string) ([]byte, error) {
		payload, _ := json.Marshal(map[string]string{"query": query})
		resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(payload))
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err == nil && (resp.StatusCode != http.StatusOK || bytes.Contains(body, []byte(`"errors"`))) {
			err = &httpFailure{resp.StatusCode, string(body)}
		}
		return body, err
	}
	want := make([][]byte, len(queries))
	for i, q := range queries {
		for j, base := range bases {
			got, err := post(base, q)
			if err != nil {
				t.Fatalf("server %d, %s: %v", j, q, err)
			}
			if j == 0 {
				want[i] = got
			} else if !bytes.Equal(got, want[i]) {
				t.Errorf("server %d answers %s\n%s\nserver 0:\n%s", j, q, got, want[i])
			}
		}
	}

	// The run: clients requests at a time, round-robin over the servers
	// still in rotation; server 1 is killed once a third are done.
	const clients, total = 6, 240
	var next, done, failures atomic.Int64
	var mu sync.Mutex
	alive := []bool{true, true, true}
	failedOn := map[int]int{}
	var killOnce sync.Once
	var wg sync.WaitGroup
	pick := func() int {
		mu.Lock()
		defer mu.Unlock()
		for range len(bases) {
			if i := int(next.Add(1)) % len(bases); alive[i] {
				return i
			}
		}
		return 0 // none left: the failures will say so
	}
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for done.Load() < total {
				i, n := pick(), int(done.Load())
				q := queries[n%len(queries)]
				got, err := post(bases[i], q)
				switch {
				case err != nil:
					failures.Add(1)
					mu.Lock()
					failedOn[i]++
					alive[i] = false
					mu.Unlock()
				case !bytes.Equal(got, want[n%len(queries)]):
					t.Errorf("server %d answered %s differently during the run:\n%s", i, q, got)
				}
				if done.Add(1) == total/3 {
					killOnce.Do(func() { _ = procs[1].Signal(syscall.SIGKILL) })
				}
			}
		}()
	}
	wg.Wait()
	if failedOn[0]+failedOn[2] > 0 {
		t.Errorf("requests to the servers left running failed: %v", failedOn)
	}
	if n := failures.Load(); n > clients {
		t.Errorf("%d requests failed when one of three servers was killed, want at most the %d a client can have in flight", n, clients)
	}
	if alive[1] {
		t.Errorf("no request noticed server 1's death: the kill did not happen mid-run")
	}
	t.Logf("%d requests over 3 servers, server 1 SIGKILLed after %d: %d failed", total, total/3, failures.Load())
}

type httpFailure struct {
	status int
	body   string
}

func (e *httpFailure) Error() string { return http.StatusText(e.status) + ": " + e.body }
