package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/subgraph"
)

// listFlag is a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// runExport writes an export to stdout or a file: the same selection, code
// and bytes as GET /export/{format}. The flags are turned into the
// endpoint's query parameters so that both are validated alike.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := newFlagSet("export", stderr)
	dbcfg := neo4jFlags(fs, getenv)
	format := fs.String("format", "", "gexf, graphml, cyjs or csv (a zip of nodes.csv and edges.csv)")
	out := fs.String("out", "", "write to this file instead of stdout")
	// flag name → query parameter; values are checked by export.ParseQuery.
	params := map[string]string{"id": "id", "depth": "depth", "max-nodes": "maxNodes", "statements": "statements", "from": "from", "to": "to"}
	fs.String("id", "", "export the neighbourhood of this node; without it, the whole graph")
	fs.String("depth", strconv.Itoa(subgraph.DefaultDepth), fmt.Sprintf("hops from --id (1-%d)", subgraph.MaxDepth))
	fs.String("max-nodes", strconv.Itoa(subgraph.DefaultMaxNodes), fmt.Sprintf("most nodes in the neighbourhood, --id included (at most %d)", subgraph.MaxNodes))
	fs.String("statements", "COLLAPSED", "COLLAPSED: weighted speaker → target STANCE edges; NODES: statements as nodes")
	fs.String("from", "", "only statements on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.String("to", "", "only statements on or before this date")
	var predicates, polarities listFlag
	fs.Var(&predicates, "predicate", "only statements with this predicate (repeatable)")
	fs.Var(&polarities, "polarity", "only statements of this polarity: FAVOR, AGAINST or NEUTRAL (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("export: unexpected argument %q", fs.Arg(0))
	}
	f, ok := export.FormatNamed(*format)
	if !ok {
		return fmt.Errorf("export: --format must be one of %s", strings.Join(export.FormatNames(), ", "))
	}
	q := url.Values{"predicate": predicates, "polarity": polarities}
	fs.Visit(func(fl *flag.Flag) {
		if p, ok := params[fl.Name]; ok {
			q.Set(p, fl.Value.String())
		}
	})
	for k, v := range q {
		if len(v) == 0 {
			delete(q, k)
		}
	}
	req, err := export.ParseQuery(q)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	st, err := openStore("export", *dbcfg)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	g, err := export.Select(ctx, st, req)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if *out == "" {
		w := bufio.NewWriter(stdout)
		if err := f.Encode(w, g); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return w.Flush()
	}
	if err := writeAtomically(*out, func(w io.Writer) error { return f.Encode(w, g) }); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	log.Info("exported", "format", f.Name, "file", *out)
	return nil
}

// writeAtomically writes a file through a temporary one beside it, so a
// failed export leaves no partial file behind.
func writeAtomically(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
