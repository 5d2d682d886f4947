package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/whosaid/whosaid/kg"
)

// statementParts reads which parts of each statement the statement
// connection being resolved selects (edges → node → speakers, targets,
// event, evidence and its documents), so that its page query reads those
// and no others. Outside an operation it is every part.
func statementParts(ctx context.Context) kg.StatementParts {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return kg.AllStatementParts
	}
	op := graphql.GetOperationContext(ctx)
	var parts kg.StatementParts
	for _, node := range selected(op, fc.Field.Selections, "edges", "node") {
		for _, f := range graphql.CollectFields(op, node.Selections, nil) {
			switch f.Name {
			case "speakers":
				parts |= kg.WithSpeakers
			case "targets":
				parts |= kg.WithTargets
			case "event":
				parts |= kg.WithOccasion
			case "evidence":
				parts |= kg.WithEvidence
				if len(selected(op, f.Selections, "document")) > 0 {
					parts |= kg.WithEvidenceDocuments
				}
			}
		}
	}
	return parts
}

// selected follows a path of field names down a selection set and returns
// every field reached at its end, through fragments and aliases alike.
// Fragments apply whatever their type condition (a nil satisfies list):
// reading a part that a fragment on another type wants costs a little,
// missing one would answer wrong.
func selected(op *graphql.OperationContext, set ast.SelectionSet, path ...string) []graphql.CollectedField {
	var out []graphql.CollectedField
	for _, f := range graphql.CollectFields(op, set, nil) {
		switch {
		case f.Name != path[0]:
		case len(path) == 1:
			out = append(out, f)
		default:
			out = append(out, selected(op, f.Selections, path[1:]...)...)
		}
	}
	return out
}

// selects reports whether the client selected the path of fields (e.g.
// "cells", "statements") under the field being resolved; outside an
// operation it says yes (a store told more was selected only works harder).
func selects(ctx context.Context, path ...string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return true
	}
	return len(selected(graphql.GetOperationContext(ctx), fc.Field.Selections, path...)) > 0
}
