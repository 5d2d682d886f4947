package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
)

// finishTimeout bounds each transaction of FinishImport: building the
// indexes over an imported corpus of millions takes minutes, not the
// API's 30 seconds.
const finishTimeout = 15 * time.Minute

// runBackfill writes the offline importer's files from seed folders (read
// and checked as whosaid load reads them) and, with --home, imports them
// into a launcher home, starts Neo4j on it and finishes the import (schema,
// empty lists). With --finish it only finishes an import made elsewhere
// (neo4j-admin on a server) on the Neo4j at NEO4J_URI.
func runBackfill(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := newFlagSet("backfill", stderr)
	dbcfg := neo4jFlags(fs, getenv)
	out := fs.String("out", "", "folder for the importer's CSV files (must not exist)")
	home := fs.String("home", "", "also import into this launcher home (dev/neo4j) and finish the import there")
	overwrite := fs.Bool("overwrite", false, "with --home: replace the home's database if it has one")
	finish := fs.Bool("finish", false, "only finish an import made elsewhere: schema and empty lists on NEO4J_URI")
	noExtract := fs.Bool("no-extract", false, "store documents without an annotation file without extracting statements from them")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *finish {
		if dbcfg.URI == "" {
			return errors.New("backfill --finish: set NEO4J_URI (or --neo4j-uri)")
		}
		dbcfg.QueryTimeout = finishTimeout
		return finishImport(ctx, *dbcfg, stdout)
	}
	if *out == "" {
		return errors.New("backfill: give --out DIR, a folder for the importer's files")
	}
	// neo4j-admin runs in the Neo4j home and reads the files' paths from
	// there: a relative --out would name a folder inside the home.
	abs, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	*out = abs
	if *home != "" && !*overwrite {
		if _, err := os.Stat(filepath.Join(*home, "data", "databases", "neo4j")); err == nil {
			return fmt.Errorf("backfill: %s already holds a database; the importer builds a new one (--overwrite replaces it)", *home)
		}
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	files, err := writeBackfill(ctx, *out, paths, loader.Options{Progress: stderr, NoExtract: *noExtract, OnePass: true}, stdout)
	if err != nil || *home == "" {
		if err == nil {
			fmt.Fprintf(stdout, "import with: cd %s && neo4j-admin database import full neo4j @import.args; then whosaid backfill --finish\n", files.Dir)
		}
		return err
	}
	start := time.Now()
	if err := neo4jdev.Admin(ctx, neo4jdev.Options{Home: *home, Log: stderr}, files.ImporterArgs("neo4j", *overwrite)...); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported into %s in %s\n", *home, time.Since(start).Round(time.Millisecond))
	inst, err := neo4jdev.Start(ctx, neo4jdev.Options{Home: *home, Keep: true, Log: stderr})
	if err != nil {
		return err
	}
	defer inst.Stop()
	log.Debug("neo4j started on the imported home", "uri", inst.URI)
	return finishImport(ctx, store.Config{URI: inst.URI, QueryTimeout: finishTimeout}, stdout)
}

// writeBackfill runs the loader into a store.Backfill: the same reading and
// checks as a load, nothing written to out unless all of it succeeds.
func writeBackfill(ctx context.Context, out string, paths []string, opt loader.Options, stdout io.Writer) (store.ImportFiles, error) {
	bf, err := store.NewBackfill(out)
	if err != nil {
		return store.ImportFiles{}, err
	}
	rep, err := loader.Load(ctx, bf, loaderFolders(paths), opt)
	if err != nil {
		bf.Abort()
		return store.ImportFiles{}, err
	}
	files, err := bf.Finish()
	if err != nil {
		return files, err
	}
	fmt.Fprintf(stdout, "wrote the importer's files for %d documents, %d statements, %d actors, %d topics, %d events, %d places to %s in %s\n",
		rep.Documents, rep.Statements, rep.Actors, rep.Topics, rep.Events, rep.Places, files.Dir, rep.Elapsed.Round(time.Millisecond))
	return files, nil
}

func loaderFolders(paths []string) []loader.Folder {
	folders := make([]loader.Folder, len(paths))
	for i, p := range paths {
		folders[i] = loader.Dir(p)
	}
	return folders
}

// finishImport creates the schema on an imported database and fills in
// what the importer cannot write, then prints the graph's counts.
func finishImport(ctx context.Context, cfg store.Config, stdout io.Writer) error {
	start := time.Now()
	st, err := store.Open(cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	if err := st.FinishImport(ctx); err != nil {
		return err
	}
	nodes, rels, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "schema and indexes built in %s\ngraph: nodes %s\n       relationships %s\n",
		time.Since(start).Round(time.Millisecond), formatCounts(nodes), formatCounts(rels))
	return nil
}
