package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
)

// runNeo4j starts the Maven-built embedded Neo4j and keeps it up until
// interrupted. With --uri-file it also writes the Bolt URI there, so scripts
// (make neo4j, make test) can wait for it.
func runNeo4j(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "admin":
			return runNeo4jAdmin(ctx, args[1:], stderr)
		case "snapshot":
			return runNeo4jSnapshot(ctx, args[1:], stdout, stderr)
		}
	}
	fs := newFlagSet("neo4j", stderr)
	port := fs.Int("port", 0, "Bolt port on 127.0.0.1 (0: a free one)")
	home := fs.String("home", "", "Neo4j home for the store and logs (empty: a throw-away folder)")
	uriFile := fs.String("uri-file", "", "write the Bolt URI to this file once Neo4j is ready")
	readOnly := fs.Bool("read-only", false, "start the databases read-only: a snapshot replica (see whosaid neo4j snapshot)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	inst, err := neo4jdev.Start(ctx, neo4jdev.Options{Port: *port, Home: *home, Keep: *home != "", Log: stderr, ReadOnly: *readOnly})
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

// runNeo4jAdmin runs neo4j-admin from the launcher's jars against a
// launcher home: whosaid neo4j admin --home HOME database dump neo4j ….
func runNeo4jAdmin(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlagSet("neo4j admin", stderr)
	home := fs.String("home", "", "the launcher home (stopped) the command works on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *home == "" || fs.NArg() == 0 {
		return errors.New("neo4j admin: give --home HOME and neo4j-admin's arguments, e.g. database dump neo4j --to-path=DIR")
	}
	return neo4jdev.Admin(ctx, neo4jdev.Options{Home: *home, Log: stderr}, fs.Args()...)
}

// runNeo4jSnapshot copies the database of one launcher home into another
// through neo4j-admin's dump and load: how a Community snapshot replica is
// made and refreshed. Both must be stopped (Community cannot dump a
// running database); start the copy with whosaid neo4j --read-only.
func runNeo4jSnapshot(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("neo4j snapshot", stderr)
	from := fs.String("from", "", "the writer's launcher home (stopped)")
	home := fs.String("home", "", "the replica's launcher home (stopped); its database is replaced")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" || *home == "" {
		return errors.New("neo4j snapshot: give --from WRITER_HOME and --home REPLICA_HOME")
	}
	took, err := neo4jdev.Snapshot(ctx, *from, *home, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "snapshot of %s loaded into %s: dump %s, load %s\n", *from, *home,
		took.Dump.Round(time.Millisecond), took.Load.Round(time.Millisecond))
	return nil
}
