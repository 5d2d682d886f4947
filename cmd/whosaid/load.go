package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
)

func runLoad(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := newFlagSet("load", stderr)
	dbcfg := neo4jFlags(fs, getenv)
	noExtract := fs.Bool("no-extract", false, "store documents without an annotation file without extracting statements from them")
	if err := fs.Parse(args); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	st, err := openStore("load", *dbcfg)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	return loadSeeds(ctx, st, paths, loader.Options{Progress: stderr, NoExtract: *noExtract}, stdout, log)
}

// loadSeeds validates every folder first and writes only when all is valid.
func loadSeeds(ctx context.Context, st *store.Store, paths []string, opt loader.Options, stdout io.Writer, log *slog.Logger) error {
	rep, err := loader.Load(ctx, st, loaderFolders(paths), opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded %d documents (%d statements extracted by rules/v1), %d statements, %d actors, %d topics, %d events, %d places in %s\n",
		rep.Documents, rep.Extracted, rep.Statements, rep.Actors, rep.Topics, rep.Events, rep.Places, rep.Elapsed.Round(1e6))
	bookmarks, err := st.WriteBookmarks(ctx)
	if err != nil {
		return err
	}
	// The counts read at least what this load wrote, also from a lagging replica.
	readCtx, _ := kg.WithBookmarks(ctx, bookmarks)
	nodes, rels, err := st.Counts(readCtx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "graph: nodes %s\n       relationships %s\n", formatCounts(nodes), formatCounts(rels))
	if kb, ok := peakRSS(); ok {
		// The streaming loader's memory should not grow with the corpus;
		// `make bench` reads this line.
		fmt.Fprintf(stdout, "peak memory (RSS) %d KiB\n", kb)
	}
	// Last, for scripts: a client sending these in X-Whosaid-Bookmarks reads
	// at least the state this load left, whichever replica serves it.
	fmt.Fprintf(stdout, "bookmarks: %s\n", strings.Join(bookmarks, ","))
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

// peakRSS is this process's peak resident set size (VmHWM) in KiB, where
// /proc tells it. A parent's rusage would not do: on Linux a child's
// ru_maxrss starts from the RSS of the process that forked it.
func peakRSS() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}
