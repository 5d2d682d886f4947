package store_test

import (
	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/server"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/subgraph"
)

// The store serves each of its consumers' interfaces (one file each; see
// the package comment).
var (
	_ graph.Catalogue       = (*store.Store)(nil)
	_ graph.StatementReader = (*store.Store)(nil)
	_ graph.Searcher        = (*store.Store)(nil)
	_ graph.Analyses        = (*store.Store)(nil)
	_ subgraph.Source       = (*store.Store)(nil)
	_ export.Store          = (*store.Store)(nil)
	_ loader.Writer         = (*store.Store)(nil)
	_ loader.Writer         = (*store.Backfill)(nil) // the offline importer's files
	_ server.Database       = (*store.Store)(nil)
	_ server.Store          = (*store.Store)(nil)
)
