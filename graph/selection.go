package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// selects reports whether the client selected the path of fields (e.g.
// "cells", "statements") under the field being resolved. Every fragment
// counts whatever its type condition: a store told that more was selected
// only works harder, one told less would answer wrong.
func selects(ctx context.Context, path ...string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return true
	}
	return selectsIn(fc.Field.Selections, path)
}

func selectsIn(set ast.SelectionSet, path []string) bool {
	if len(path) == 0 {
		return true
	}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == path[0] && selectsIn(s.SelectionSet, path[1:]) {
				return true
			}
		case *ast.InlineFragment:
			if selectsIn(s.SelectionSet, path) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && selectsIn(s.Definition.SelectionSet, path) {
				return true
			}
		}
	}
	return false
}
