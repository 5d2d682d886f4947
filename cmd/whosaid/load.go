package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
)

func runLoad(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := newFlagSet("load", stderr)
	dbcfg := neo4jFlags(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if dbcfg.URI == "" {
		return errors.New("load: set NEO4J_URI (or --neo4j-uri)")
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	st, err := store.Open(*dbcfg, nil)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	return loadSeeds(ctx, st, paths, stdout, stderr, log)
}

// loadSeeds validates every folder first and writes only when all is valid.
func loadSeeds(ctx context.Context, st *store.Store, paths []string, stdout, stderr io.Writer, log *slog.Logger) error {
	folders := make([]loader.Folder, len(paths))
	for i, p := range paths {
		folders[i] = loader.Dir(p)
	}
	seeds, err := loader.Read(folders...)
	if err != nil {
		return err
	}
	rep, err := loader.Load(ctx, st, seeds, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded %d documents, %d statements, %d actors, %d topics, %d events, %d places in %s\n",
		rep.Documents, rep.Statements, rep.Actors, rep.Topics, rep.Events, rep.Places, rep.Elapsed.Round(1e6))
	log.Debug("load finished", "elapsed", rep.Elapsed)
	return nil
}
