// Package soak tests whosaid as a process, the way it runs in production: a
// built binary serving over a real Neo4j, driven by concurrent clients.
//
//   - TestGracefulShutdown (part of `make test`): SIGTERM lets in-flight
//     requests finish with 200 while new connections are refused.
//   - TestNeo4jRestartUnderLoad and TestSoak (`make soak`, WHOSAID_SOAK=1):
//     each starts a Neo4j of its own, restarts it under load or keeps 64
//     clients busy for 2 minutes, and reports what failed and what grew.
//     With WHOSAID_SOAK_REPORT=FILE their figures are written to FILE
//     (make soak: docs/SOAK.md).
package soak

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
)

var binDir string // holds the whosaid binary built for this test run

func TestMain(m *testing.M) {
	code := func() int {
		if soakEnabled() {
			// The restart and soak tests start Neo4js of their own; the
			// shared one would only take CPU from the figures.
			return m.Run()
		}
		return neo4jtest.Main(m)
	}
	var err error
	if binDir, err = os.MkdirTemp("", "whosaid-soak-bin-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	status := code()
	os.RemoveAll(binDir)
	if err := writeReport(); err != nil {
		fmt.Fprintln(os.Stderr, "soak report:", err)
		status = 1
	}
	os.Exit(status)
}

func soakEnabled() bool { v, _ := strconv.ParseBool(os.Getenv("WHOSAID_SOAK")); return v }

// requireSoak skips the long tests unless WHOSAID_SOAK=1 (make soak).
func requireSoak(t *testing.T) {
	t.Helper()
	if !soakEnabled() {
		t.Skip("soak test: run with `make soak` (WHOSAID_SOAK=1)")
	}
}

var (
	buildOnce sync.Once
	buildErr  error
)

// whosaidBinary builds ./cmd/whosaid once per test run (without -race: the
// soak measures the binary people deploy).
func whosaidBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(binDir, "whosaid")
	buildOnce.Do(func() {
		out, err := exec.Command("go", "build", "-o", bin, "github.com/whosaid/whosaid/cmd/whosaid").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return bin
}

// ownNeo4j starts a Neo4j for one test on a fixed free port with a kept
// store in home, so the test can stop it and start it again in place.
type ownNeo4j struct {
	port int
	home string
	log  *os.File
	inst *neo4jdev.Instance
}

func startOwnNeo4j(t *testing.T) *ownNeo4j {
	t.Helper()
	if _, err := exec.LookPath("java"); err != nil {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatal("CI=true and no java to start Neo4j")
		}
		t.Skip("SKIPPED integration test: no java to start Neo4j")
	}
	port, err := neo4jdev.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	logf, err := os.Create(filepath.Join(dir, "neo4j.log"))
	if err != nil {
		t.Fatal(err)
	}
	n := &ownNeo4j{port: port, home: filepath.Join(dir, "home"), log: logf}
	t.Cleanup(func() {
		if n.inst != nil {
			n.inst.Stop()
		}
		logf.Close()
		if t.Failed() {
			if out, err := os.ReadFile(logf.Name()); err == nil && len(out) > 4000 {
				t.Logf("neo4j log (tail):\n%s", out[len(out)-4000:])
			}
		}
	})
	n.start(t)
	return n
}

func (n *ownNeo4j) start(t *testing.T) time.Duration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	began := time.Now()
	inst, err := neo4jdev.Start(ctx, neo4jdev.Options{Port: n.port, Home: n.home, Keep: true, Log: n.log})
	if err != nil {
		t.Fatalf("start neo4j on port %d: %v", n.port, err)
	}
	n.inst = inst
	return time.Since(began)
}

func (n *ownNeo4j) stop() time.Duration {
	began := time.Now()
	n.inst.Stop()
	n.inst = nil
	return time.Since(began)
}

func (n *ownNeo4j) uri() string { return "bolt://127.0.0.1:" + strconv.Itoa(n.port) }

// loadSeeds runs `whosaid load` over the seed knowledge base.
func loadSeeds(t *testing.T, uri string) { t.Helper(); whosaid(t, uri, "load", "../seeds") }

// whosaid runs a whosaid command against the Neo4j at uri and returns its output.
func whosaid(t *testing.T, uri string, args ...string) string {
	t.Helper()
	cmd := exec.Command(whosaidBinary(t), args...)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+uri)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("whosaid %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// process is a running `whosaid serve`.
type process struct {
	base   string
	cmd    *exec.Cmd
	stderr *lockedBuffer
	exited chan struct{}
	err    error // Wait's result, once exited is closed
}

// startServe runs `whosaid serve` on a free loopback port against uri and
// waits for its ready line. It is killed at cleanup if still running.
func startServe(t *testing.T, uri string, env ...string) *process {
	t.Helper()
	cmd := exec.Command(whosaidBinary(t), "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(append(os.Environ(), "NEO4J_URI="+uri, "WHOSAID_LOG_LEVEL=warn"), env...)
	p := &process{cmd: cmd, stderr: &lockedBuffer{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`playground (http://\S+)/ `)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				ready <- m[1]
			}
		}
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("whosaid serve stderr:\n%s", p.stderr.String())
		}
	})
	select {
	case p.base = <-ready:
		return p
	case <-p.exited:
		t.Fatalf("whosaid serve exited: %v\n%s", p.err, p.stderr.String())
	case <-time.After(time.Minute):
		t.Fatalf("whosaid serve did not say it was ready\n%s", p.stderr.String())
	}
	return nil
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// gqlResponse is a GraphQL response with the parts the tests check.
type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func graphQLBody(op operation) []byte {
	b, _ := json.Marshal(map[string]any{"query": op.query, "variables": op.vars, "operationName": op.name})
	return b
}

// scrape reads the Prometheus gauges the soak watches from /metrics.
func scrape(client *http.Client, base string) (goroutines, rssBytes float64, err error) {
	resp, err := client.Get(base + "/metrics")
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, 0, err
	}
	get := func(name string) (float64, error) {
		m := regexp.MustCompile(`(?m)^` + name + ` (\S+)$`).FindSubmatch(raw)
		if m == nil {
			return 0, fmt.Errorf("/metrics has no %s", name)
		}
		return strconv.ParseFloat(string(m[1]), 64)
	}
	if goroutines, err = get("go_goroutines"); err != nil {
		return 0, 0, err
	}
	rssBytes, err = get("process_resident_memory_bytes")
	return goroutines, rssBytes, err
}

// loadAvg is the machine's 1-minute load average, for the report: the load
// tests share the machine's cores with whatever else runs on it.
func loadAvg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(raw))[0]
}

// report collects the figures of the long tests for WHOSAID_SOAK_REPORT.
var report struct {
	mu       sync.Mutex
	sections []string
}

func addReport(section string) {
	report.mu.Lock()
	defer report.mu.Unlock()
	report.sections = append(report.sections, section)
}

// checks records a long test's failed checks, so its report section says
// whether it passed and why not.
type checks struct {
	t      *testing.T
	failed []string
}

func (c *checks) fail(format string, args ...any) {
	c.t.Helper()
	msg := fmt.Sprintf(format, args...)
	c.t.Error(msg)
	c.failed = append(c.failed, msg)
}

// report adds the test's section with its verdict, unless it failed before
// it had figures.
func (c *checks) report(section string) {
	verdict := "**Result: passed.**\n"
	if len(c.failed) > 0 {
		verdict = "**Result: FAILED:**\n\n"
		for _, f := range c.failed {
			verdict += "- " + strings.ReplaceAll(f, "\n", " ") + "\n"
		}
	}
	addReport(section + "\n" + verdict)
}

func writeReport() error {
	path := os.Getenv("WHOSAID_SOAK_REPORT")
	if path == "" || len(report.sections) == 0 {
		return nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Soak and fault figures\n\n")
	fmt.Fprintf(&b, "Written by `make soak` (package `soak/`) on %s: %s, %d CPUs, %s/%s. ",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.Version(), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&b, "whosaid runs as a built binary (`whosaid serve`) over an embedded Neo4j 5.26 that the test starts; "+
		"clients run in the test process on the same machine, so they share its cores with the server and Neo4j.\n\n")
	for _, s := range report.sections {
		b.WriteString(s)
		b.WriteString("\n")
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
