package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/exec"
	"time"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/server"
	"github.com/whosaid/whosaid/store"
)

// runDev is `make run`: use NEO4J_URI if set, else start Neo4j (Docker when a
// daemon answers, else the Maven launcher with its store in .neo4j/), create
// the schema, load the seeds and serve. Ctrl-C stops what it started.
func runDev(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := newFlagSet("dev", stderr)
	dbcfg := neo4jFlags(fs, getenv)
	// make run is a researcher's own machine: listen on loopback unless
	// WHOSAID_ADDR (or --addr) says otherwise, so no one on the network reads
	// the graph.
	opts, err := serveFlags(fs, getenv, "127.0.0.1:8080")
	if err != nil {
		return err
	}
	seedsDir := fs.String("seeds", "seeds", "seed folder to load")
	home := fs.String("neo4j-home", ".neo4j", "store of the local Neo4j started when NEO4J_URI is not set")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if dbcfg.URI == "" {
		stop, err := startLocalNeo4j(ctx, dbcfg, *home, stdout, stderr, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	fmt.Fprintf(stdout, "neo4j: %s\n", redactURI(dbcfg.URI))
	metrics := server.NewMetrics()
	st, err := store.Open(*dbcfg, metrics.ObserveStore)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	if err := loadSeeds(ctx, st, []string{*seedsDir}, loader.Options{Progress: stderr}, stdout, log); err != nil {
		return err
	}
	return serve(ctx, opts, st, metrics, stdout, log)
}

// startLocalNeo4j fills in cfg for a Neo4j it starts, and returns how to stop it.
func startLocalNeo4j(ctx context.Context, cfg *store.Config, home string, stdout, stderr io.Writer, log *slog.Logger) (func(), error) {
	if dockerAnswers(ctx) {
		fmt.Fprintln(stdout, "neo4j: starting the neo4j service of docker-compose.yml")
		up := exec.CommandContext(ctx, "docker", "compose", "up", "-d", "--wait", "neo4j")
		up.Stdout, up.Stderr = stderr, stderr
		if err := up.Run(); err != nil {
			return nil, fmt.Errorf("docker compose up neo4j: %w", err)
		}
		cfg.URI, cfg.User, cfg.Password = "bolt://127.0.0.1:7687", "neo4j", "whosaid-dev-password"
		return func() {
			down := exec.Command("docker", "compose", "stop", "neo4j")
			down.Stdout, down.Stderr = stderr, stderr
			_ = down.Run()
		}, nil
	}
	port := 7687
	if !portFree(port) {
		var err error
		if port, err = neo4jdev.FreePort(); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(stdout, "neo4j: no NEO4J_URI and no Docker daemon; starting embedded Neo4j 5.26 from dev/neo4j (store in %s; the first start builds it with Maven)\n", home)
	start := time.Now()
	inst, err := neo4jdev.Start(ctx, neo4jdev.Options{Port: port, Home: home, Keep: true, Log: stderr})
	if err != nil {
		return nil, err
	}
	log.Info("neo4j ready", "uri", redactURI(inst.URI), "took", time.Since(start).Round(time.Millisecond))
	cfg.URI = inst.URI
	return func() {
		fmt.Fprintln(stdout, "neo4j: stopping (checkpoint, a few seconds)")
		inst.Stop()
		fmt.Fprintln(stdout, "neo4j: stopped")
	}, nil
}

func dockerAnswers(ctx context.Context) bool {
	if _, err := exec.LookPath("docker"); err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, "docker", "info").Run() == nil
}

func portFree(port int) bool {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return false
	}
	_ = l.Close()
	return true
}
