package kg

import "sort"

// SearchKind is what a search hit is.
type SearchKind string

// The kinds of search hits; their values are the GraphQL enum values.
const (
	SearchActor     SearchKind = "ACTOR"
	SearchTopic     SearchKind = "TOPIC"
	SearchEvent     SearchKind = "EVENT"
	SearchPlace     SearchKind = "PLACE"
	SearchStatement SearchKind = "STATEMENT"
	SearchDocument  SearchKind = "DOCUMENT"
)

// SearchKinds lists every kind, in the order hits of equal score are given.
var SearchKinds = []SearchKind{SearchActor, SearchTopic, SearchEvent, SearchPlace, SearchStatement, SearchDocument}

// SearchHit is one search result.
type SearchHit struct {
	ID      string
	Kind    SearchKind
	Score   float64
	Matched string // the name, label or text that matched
	// Node is the hit's node, read along with the hit (a document without
	// its text).
	Node Node
}

// SortHits orders hits best first; ties keep kind order, then id.
func SortHits(hits []SearchHit) {
	rank := map[SearchKind]int{}
	for i, k := range SearchKinds {
		rank[k] = i
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		if hits[i].Kind != hits[j].Kind {
			return rank[hits[i].Kind] < rank[hits[j].Kind]
		}
		return hits[i].ID < hits[j].ID
	})
}
