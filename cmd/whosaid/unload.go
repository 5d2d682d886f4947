package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
)

const unloadUsage = `usage: whosaid unload DOCUMENT...

Removes documents from the graph: their statements, mentions and the
evidence they gave for positions and memberships, the STANCE relationships
recounted from what remains, and the actors and topics their extraction
introduced that nothing else refers to any more. The seed folders are not
touched: remove the files too, or the next whosaid load brings them back.
`

func runUnload(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, _ *slog.Logger) error {
	fs := newFlagSet("unload", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, unloadUsage) }
	dbcfg := neo4jFlags(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return err
	}
	ids := fs.Args()
	if len(ids) == 0 {
		fs.Usage()
		return errors.New("unload: no document given")
	}
	st, err := openStore("unload", *dbcfg)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	n, err := st.DeleteDocuments(ctx, ids)
	if err != nil {
		return err
	}
	if n < len(ids) {
		return fmt.Errorf("unload: %d of %d documents were in the graph; removed those", n, len(ids))
	}
	fmt.Fprintf(stdout, "unloaded %d documents\n", n)
	return nil
}
