package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// startPeer runs the @neo4j/graphql server of dir (bench/peer, its
// node_modules installed by `npm ci`) against the Neo4j at uri on a port the
// OS picks, and waits for the address it prints. node is run directly, not
// through npm, so the pid whose memory is sampled is the server's own.
func startPeer(ctx context.Context, dir, uri string) (*served, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("node is not installed")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j", "graphql")); err != nil {
		return nil, fmt.Errorf("%s has no node_modules: run npm ci there (scripts/bench.sh does)", dir)
	}
	cmd := exec.Command(node, "server.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NEO4J_URI="+uri, "PORT=0", "HOST=127.0.0.1")
	var stderr strings.Builder
	cmd.Stderr = &limitedWriter{w: &stderr, n: 4096}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("peer: %w", err)
	}
	srv := &served{pid: cmd.Process.Pid, stop: func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "listening "); ok {
				addr <- u
			}
		}
		close(addr)
	}()
	select {
	case u, ok := <-addr:
		if ok {
			srv.url = u
			return srv, nil
		}
		srv.stop()
		return nil, fmt.Errorf("peer exited before listening: %s", truncate(strings.TrimSpace(stderr.String()), 300))
	case <-time.After(2 * time.Minute):
		srv.stop()
		return nil, errors.New("peer did not listen within 2 minutes")
	case <-ctx.Done():
		srv.stop()
		return nil, ctx.Err()
	}
}

// limitedWriter keeps the first n bytes written to it, so a chatty child
// cannot grow the benchmark's memory.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.n -= k
		_, _ = l.w.Write(p[:k])
	}
	return len(p), nil
}
