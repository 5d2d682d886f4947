package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

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
	rep, err := loader.LoadFolders(ctx, st, folders, loader.StreamOptions{Progress: stderr})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded %d documents (%d extracted by rules/v1), %d statements, %d actors, %d topics, %d events, %d places in %s\n",
		rep.Documents, rep.Extracted, rep.Statements, rep.Actors, rep.Topics, rep.Events, rep.Places, rep.Elapsed.Round(1e6))
	nodes, rels, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "graph: nodes %s\n       relationships %s\n", formatCounts(nodes), formatCounts(rels))
	log.Debug("load finished", "elapsed", rep.Elapsed)
	return nil
}

// formatCounts prints counts as "Label 12, Other 3" in name order.
func formatCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
