package server

import (
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// What a query costs is what it can make the server build and send: every
// list is priced at the number of items it can hold times what each item
// costs, and the one large scalar, a document's text, by its size. Scalars
// are otherwise free. Lists with no page size of their own (a matrix's
// cells, a cell's statements, an alignment's shared targets, a timeline's
// buckets) are priced at a typical fan-out measured on the seed and
// synthetic graphs, so that nesting them multiplies as the answer does:
// before, 30 aliased stanceMatrix fields selecting every cell's statements'
// documents' texts cost under 5,000 and answered 46.6 MB.
const (
	// propositionsPerColumn prices the cells of one actor and one column:
	// a cell per narrower topic (proposition) the actor spoke to, about 3.4
	// on the seed graph.
	propositionsPerColumn = 3
	// listFanOut prices a list with no page size: a cell's statements, an
	// alignment's shared targets and their statements.
	listFanOut = 10
	// timelineBuckets prices a timeline: months over a few years.
	timelineBuckets = 50
	// documentTextCost prices a whole document text (articles run to a few
	// thousand characters); a slice [start, end) costs one per 1,000 code
	// points.
	documentTextCost = 50
	textSliceUnit    = 1000
)

// priceFields sets the complexity function of every field whose cost is not
// its children's sum.
func priceFields(c *graph.ComplexityRoot) {
	stmts := func(child int, _ *kg.StatementFilter, first *int, _ *string) int { return pageCost(child, first) }
	paged := func(child int, first *int, _ *string) int { return pageCost(child, first) }
	fanOut := func(child int) int { return 1 + child*listFanOut }

	c.Query.Actors = func(child int, _ *kg.ActorFilter, first *int, _ *string) int { return pageCost(child, first) }
	c.Query.Statements = func(child int, _ *kg.StatementFilter, _ *kg.StatementOrder, first *int, _ *string) int {
		return pageCost(child, first)
	}
	c.Query.Search = func(child int, _ string, _ []kg.SearchKind, _ *kg.Lang, first *int) int {
		return pageCost(child, first)
	}
	c.Query.Topics = func(child int, _ *string, first *int, _ *string) int { return pageCost(child, first) }
	c.Query.Events = paged
	c.Query.Documents = paged
	c.Actor.Statements = stmts
	c.Actor.StatementsAbout = stmts
	c.Event.Statements = stmts
	c.Event.StatementsAbout = stmts
	c.Topic.StatementsAbout = stmts
	c.Document.Statements = paged
	c.Document.Text = func(_ int, start, end *int) int { return textCost(start, end) }
	c.Mention.Context = func(child int, chars *int) int { return child + contextCost(chars) }

	// A matrix holds rows × columns × propositions cells; its actors and
	// topics lists are priced with them, which overcounts them a little.
	c.Query.StanceMatrix = func(child int, actors, topics []string, _, _ *string, _ *kg.StatementMethod, _ *float64, _, _ *bool) int {
		return 1 + child*matrixSide(actors)*matrixSide(topics)*propositionsPerColumn
	}
	c.StanceCell.Statements = fanOut
	c.Query.Alignment = func(child int, _ string, _, _ *string, first *int, _ *kg.StatementMethod, _ *float64, _ *bool) int {
		return sizedCost(child, first, graph.HitCount)
	}
	c.Alignment.Shared = fanOut
	c.SharedTarget.MyStatements = fanOut
	c.SharedTarget.TheirStatements = fanOut
	c.Query.Timeline = func(child int, _, _, _, _ *string, _ *kg.TimeBucket, _ *kg.StatementMethod, _ *float64, _, _ *bool) int {
		return 1 + child*timelineBuckets
	}
	c.Query.Neighbourhood = func(child int, _ string, _, maxNodes *int, _ []string, _ *subgraph.Filter, _ *subgraph.View) int {
		return drawingCost(child, maxNodes)
	}
	c.Query.Paths = func(child int, _, _ string, _ *int, _ *subgraph.View) int { return drawingCost(child, nil) }
}

// pageCost is a paged list's cost: its page size, read as the resolvers
// read it (graph.PageSize), times an item's cost. A size the resolvers
// refuse costs nothing more: the list is never read.
func pageCost(child int, first *int) int { return sizedCost(child, first, graph.PageSize) }

// sizedCost is a list's cost with its size read by the resolver's reading.
func sizedCost(child int, first *int, size func(*int) (int, error)) int {
	n, err := size(first)
	if err != nil {
		return 1
	}
	return 1 + child*n
}

func matrixSide(ids []string) int {
	if len(ids) == 0 {
		return kg.MatrixDefaultSide
	}
	return len(ids)
}

// textCost prices a document text by how much of it is asked for.
func textCost(start, end *int) int {
	if end == nil {
		return documentTextCost
	}
	from := 0
	if start != nil {
		from = *start
	}
	return 1 + max(*end-from, 0)/textSliceUnit
}

// contextCost prices a mention's context as a slice of its document's text:
// up to chars code points on each side of the span.
func contextCost(chars *int) int {
	n := graph.DefaultContextChars
	if chars != nil {
		n = min(max(*chars, 0), graph.MaxContextChars)
	}
	return 1 + 2*n/textSliceUnit
}

// drawingCost prices a drawing by its nodes, subgraph.DefaultMaxNodes when
// not given; a node of a drawing is cheap, so each costs a tenth of what its
// fields do.
func drawingCost(child int, maxNodes *int) int {
	return 1 + child*kg.Or(maxNodes, subgraph.DefaultMaxNodes)/10
}
