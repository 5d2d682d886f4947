package kg

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// Every predicate row is complete: what the summariser, the loader's CAMEO
// default and the schema's description read from it is there.
func TestPredicateRowsAreComplete(t *testing.T) {
	cameo := regexp.MustCompile(`^[0-9]{3,4}$`)
	for _, p := range PredicateTable {
		if !p.Polarity.Valid() {
			t.Errorf("%s: polarity %q", p.Name, p.Polarity)
		}
		if !cameo.MatchString(p.CAMEO) {
			t.Errorf("%s: CAMEO code %q", p.Name, p.CAMEO)
		}
		if p.Verb == "" || strings.TrimSpace(p.Verb) != p.Verb {
			t.Errorf("%s: summary verb %q", p.Name, p.Verb)
		}
		if p.Use == "" || !unicode.IsUpper([]rune(p.Use)[0]) || strings.HasSuffix(p.Use, ".") {
			t.Errorf("%s: use %q is not one capitalised sentence without its full stop", p.Name, p.Use)
		}
	}
	if len(Predicates) != len(PredicateTable) {
		t.Errorf("%d predicates by name, %d rows", len(Predicates), len(PredicateTable))
	}
}

func TestNodeKindsHaveLabelsAndColours(t *testing.T) {
	for _, n := range NodeKindTable {
		if len(n.Labels) == 0 || n.Kind.Label() == "" {
			t.Errorf("%s has no Neo4j label", n.Kind)
		}
		if n.Colour == (RGB{}) {
			t.Errorf("%s has no colour", n.Kind)
		}
	}
	// An actor's node kind is its actor kind, labelled Actor and its kind's label.
	for _, k := range ActorKinds {
		n, ok := NodeKinds[NodeKind(k)]
		if !ok || n.Labels[0] != "Actor" || len(n.Labels) != 2 {
			t.Errorf("actor kind %s: node kind %+v", k, n)
		}
	}
	if got := NodeKind("NOTHING").Label(); got != "" {
		t.Errorf("an unknown kind has label %q", got)
	}
}

func TestEdgeTypesByRole(t *testing.T) {
	if got := strings.Join(EdgeTypes(StatementLink), "|"); got != "MADE|TARGETS|MADE_AT" {
		t.Errorf("statement links: %s", got)
	}
	if got := strings.Join(EdgeTypes(Collapsed), "|"); got != "STANCE" {
		t.Errorf("collapsed: %s", got)
	}
	for _, e := range EdgeKindTable {
		if e.Type == "" {
			t.Errorf("%s has no Neo4j type", e.Kind)
		}
	}
}
