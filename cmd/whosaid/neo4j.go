package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
)

// runNeo4j starts the Maven-built embedded Neo4j and keeps it up until
// interrupted. With --uri-file it also writes the Bolt URI there, so scripts
// (make neo4j, make test) can wait for it.
func runNeo4j(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("neo4j", stderr)
	port := fs.Int("port", 0, "Bolt port on 127.0.0.1 (0: a free one)")
	home := fs.String("home", "", "Neo4j home for the store and logs (empty: a throw-away folder)")
	uriFile := fs.String("uri-file", "", "write the Bolt URI to this file once Neo4j is ready")
	if err := fs.Parse(args); err != nil {
		return err
	}
	inst, err := neo4jdev.Start(ctx, neo4jdev.Options{Port: *port, Home: *home, Keep: *home != "", Log: stderr})
	if err != nil {
		return err
	}
	defer inst.Stop()
	if *uriFile != "" {
		if err := writeFileAtomic(*uriFile, inst.URI+"\n"); err != nil {
			return err
		}
		defer os.Remove(*uriFile)
	}
	fmt.Fprintln(stdout, inst.URI)
	select {
	case <-ctx.Done():
		return nil
	case <-inst.Done():
		return fmt.Errorf("neo4j exited unexpectedly")
	}
}

// writeFileAtomic writes via a rename so readers never see half a file.
func writeFileAtomic(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
