package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// warmUpQueries are what a researcher or the explorer asks first. Running
// them once before the server says it is ready plans their Cypher in Neo4j
// and fills the driver's connection pool and gqlgen's caches: without it the
// first query after a start took 4 s and the first export 13 s.
var warmUpQueries = []string{
	`query WarmUpStatements { statements(first: 20) { totalCount edges { node { id summary predicate polarity date
		speakers { id name } targets { ... on Node { id } } evidence { text start end document { id title } } } } } }`,
	`query WarmUpActors { actors(first: 20) { edges { node { id name kind statements(first: 5) { totalCount } } } } }`,
	`query WarmUpSearch { search(query: "warm up") { kind score matched node { id } } }`,
	`query WarmUpStats { stats { nodes { label count } } }`,
}

// WarmUp runs the warm-up queries and a small export through h, as a client
// would, and reports the first failure. The export draws the neighbourhood
// of the first actor, when there is one.
func WarmUp(ctx context.Context, h http.Handler) error {
	for _, q := range warmUpQueries {
		body, _ := json.Marshal(map[string]string{"query": q})
		if _, err := warmUpRequest(ctx, h, http.MethodPost, "/graphql", body); err != nil {
			return err
		}
	}
	answer, err := warmUpRequest(ctx, h, http.MethodPost, "/graphql", []byte(`{"query":"{ actors(first: 1) { edges { node { id } } } }"}`))
	if err != nil {
		return err
	}
	var first struct {
		Data struct {
			Actors struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
	}
	if json.Unmarshal(answer, &first) != nil || len(first.Data.Actors.Edges) == 0 {
		return nil // an empty graph: nothing to draw
	}
	_, err = warmUpRequest(ctx, h, http.MethodGet, "/export/gexf?depth=1&id="+url.QueryEscape(first.Data.Actors.Edges[0].Node.ID), nil)
	return err
}

func warmUpRequest(ctx context.Context, h http.Handler, method, target string, body []byte) ([]byte, error) {
	r, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	w := &bufferedAnswer{header: http.Header{}, status: http.StatusOK}
	h.ServeHTTP(w, r)
	if w.status != http.StatusOK || bytes.Contains(w.body.Bytes(), []byte(`"errors"`)) {
		return nil, fmt.Errorf("warm-up %s %s: %d %.300s", method, target, w.status, w.body.String())
	}
	return w.body.Bytes(), nil
}

// bufferedAnswer is the response writer of an in-process request.
type bufferedAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedAnswer) Header() http.Header         { return b.header }
func (b *bufferedAnswer) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedAnswer) WriteHeader(status int)      { b.status = status }
