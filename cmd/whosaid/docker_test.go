package main

// The Docker image (issue 13): no Docker engine runs here, so these tests
// check what can be checked without one — the build context, the health
// check the image runs, and its settings.

import (
	"bufio"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	"go.yaml.in/yaml/v3"
)

const repoRoot = "../.."

// dockerignore reads the repository's .dockerignore into Docker's own
// matcher (the one BuildKit uses for the build context).
func dockerignore(t *testing.T) *patternmatcher.PatternMatcher {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	patterns, err := ignorefile.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	m, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// buildInputs are the files `go build ./cmd/whosaid` reads from this module
// (Go sources and embedded files), go.mod and go.sum, and the seeds the
// image copies: all relative to the repository, slash-separated.
func buildInputs(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-f",
		`{{if .Module}}{{if .Module.Main}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{end}}{{end}}`,
		"./cmd/whosaid")
	cmd.Dir = repoRoot
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{"go.mod", "go.sum"}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		rel, err := filepath.Rel(root, sc.Text())
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, filepath.ToSlash(rel))
	}
	err = filepath.WalkDir(filepath.Join(repoRoot, "seeds"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(repoRoot, path)
			inputs = append(inputs, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return inputs
}

// Ensure `COPY . .` sends no heavy or private folder to the Docker daemon,
// and still every file the image's build and its seeds need.
func TestDockerignoreKeepsHeavyFoldersOutOfTheBuild(t *testing.T) {
	m := dockerignore(t)
	for _, heavy := range []string{
		".git/objects/pack/pack-1.pack",
		".neo4j/data/databases/neo4j/neostore",
		"bin/whosaid",
		"whosaid", // what a plain go build ./cmd/whosaid leaves
		"dev/neo4j/target/neo4j-launcher.jar",
		"explorer/node_modules/esbuild/bin/esbuild",
		"scripts/audit/node_modules/graphql-http/package.json",
		"explorer/e2e/artifacts/explorer.png",
		"eval/test/documents/a.txt",
		"cmd/whosaid/whosaid.test",
	} {
		if excluded, err := m.MatchesOrParentMatches(heavy); err != nil || !excluded {
			t.Errorf("%s is sent to the Docker build (err %v)", heavy, err)
		}
	}
	inputs := buildInputs(t)
	if len(inputs) < 50 {
		t.Fatalf("only %d build inputs found: %v", len(inputs), inputs)
	}
	for _, path := range inputs {
		if excluded, err := m.MatchesOrParentMatches(path); err != nil || excluded {
			t.Errorf("%s is needed by the image but left out of the build context (err %v)", path, err)
		}
	}
}

// Ensure `whosaid healthcheck`, the image's health check, exits 0 while the
// server is ready — asked on --url, or on WHOSAID_ADDR as the image sets it
// (":port", no host) — and non-zero when the server is up but cannot reach
// Neo4j, and when nothing listens.
func TestHealthcheckCommandExitsZeroOnlyWhenReady(t *testing.T) {
	bin := buildWhosaid(t)
	healthcheck := func(env []string, args ...string) (int, string) {
		cmd := exec.Command(bin, append([]string{"healthcheck"}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if _, exited := err.(*exec.ExitError); err != nil && !exited {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), string(out)
	}
	port := func(base string) string { return base[strings.LastIndex(base, ":")+1:] }

	ready := startServer(t, nil)
	if code, out := healthcheck(nil, "--url", ready+"/readyz"); code != 0 {
		t.Errorf("healthcheck --url %s/readyz of a ready server: exit %d: %s", ready, code, out)
	}
	if code, out := healthcheck([]string{"WHOSAID_ADDR=:" + port(ready)}); code != 0 {
		t.Errorf("healthcheck with WHOSAID_ADDR=:%s of a ready server: exit %d: %s", port(ready), code, out)
	}

	unready := startServerWithoutNeo4j(t)
	code, out := healthcheck([]string{"WHOSAID_ADDR=:" + port(unready)})
	if code == 0 || !strings.Contains(out, "503") {
		t.Errorf("healthcheck of a server without Neo4j: exit %d: %s; want non-zero, naming the 503", code, out)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	nothing := ln.Addr().String()
	ln.Close()
	if code, out := healthcheck([]string{"WHOSAID_ADDR=" + nothing}); code == 0 {
		t.Errorf("healthcheck where nothing listens (%s): exit 0: %s", nothing, out)
	}
}

// finalStage is the last stage of the Dockerfile: the image that ships.
func finalStage(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	return s[strings.LastIndex(s, "\nFROM "):]
}

// imageEnv is what the final stage's ENV instructions set (KEY=VALUE form).
func imageEnv(stage string) map[string]string {
	env := map[string]string{}
	for _, line := range regexp.MustCompile(`(?m)^ENV\s+(.+)$`).FindAllStringSubmatch(stage, -1) {
		for _, kv := range strings.Fields(line[1]) {
			if k, v, ok := strings.Cut(kv, "="); ok {
				env[k] = v
			}
		}
	}
	return env
}

// Ensure the image serves with production settings (no playground or
// introspection, /metrics on a listener of its own that a scraper outside
// the container can reach) and checks its health with the binary, and that
// compose checks the whosaid service the same way.
func TestImageServesProductionAndChecksItsHealth(t *testing.T) {
	stage := finalStage(t)
	env := imageEnv(stage)
	opts, err := serveFlags(newFlagSet("serve", io.Discard), func(k string) string { return env[k] }, "127.0.0.1:8080")
	if err != nil {
		t.Fatalf("the image's settings %v do not parse: %v", env, err)
	}
	if !opts.production || opts.playground || opts.introspection || opts.debug || opts.addr != ":8080" || opts.metricsAddr != ":9090" {
		t.Errorf("the image serves with %+v (from %v); want production, no playground, introspection or debug, :8080 and /metrics on :9090", *opts, env)
	}
	const check = `["/usr/local/bin/whosaid", "healthcheck"]`
	if !regexp.MustCompile(`(?m)^HEALTHCHECK .*CMD `+regexp.QuoteMeta(check)+`$`).MatchString(stage) ||
		!strings.Contains(stage, "COPY --from=build /out/whosaid /usr/local/bin/whosaid") {
		t.Errorf("the image's final stage has no HEALTHCHECK running %s from the binary it copies:\n%s", check, stage)
	}

	raw, err := os.ReadFile(filepath.Join(repoRoot, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Healthcheck struct{ Test []string }
		}
	}
	if err := yaml.Unmarshal(raw, &compose); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(compose.Services["whosaid"].Healthcheck.Test, " "); got != "CMD /usr/local/bin/whosaid healthcheck" {
		t.Errorf("compose's whosaid service health check is %q, want CMD /usr/local/bin/whosaid healthcheck", got)
	}
}
