// Command vocabgen writes the copies of kg's vocabularies that are not Go
// and cannot import kg: the values of the schema's Predicate enum, the
// explorer page's predicate list and the predicate table of seeds/README.md. `go generate ./kg` runs it; its test fails when
// a copy is out of date.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/kg"
)

// An output is a file, or a marked part of one, written from the tables.
type output struct {
	path   string // from the repository's root
	render func(old []byte) ([]byte, error)
}

var outputs = []output{
	{"explorer/src/vocabulary.js", func([]byte) ([]byte, error) { return explorerModule(), nil }},
	{"seeds/README.md", func(old []byte) ([]byte, error) {
		return replaceBetween(old, readmeStart, readmeEnd, predicateTable())
	}},
	// Before gqlgen reads the schema: make generate runs this first.
	{"schema.graphqls", func(old []byte) ([]byte, error) {
		return replaceBetween(old, schemaStart, schemaEnd, predicateEnumValues())
	}},
}

func main() {
	root := flag.String("root", "..", "the repository's root (go generate runs in kg/)")
	flag.Parse()
	for _, o := range outputs {
		if err := write(*root, o); err != nil {
			log.Fatalf("vocabgen: %s: %v", o.path, err)
		}
	}
}

func write(root string, o output) error {
	path := filepath.Join(root, o.path)
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	out, err := o.render(old)
	if err != nil || bytes.Equal(out, old) {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}

// explorerModule is the ES module the explorer imports its predicate
// filter from.
func explorerModule() []byte {
	var b strings.Builder
	b.WriteString("// Generated from kg/vocabulary.go by `go generate ./kg`; do not edit.\n\n")
	b.WriteString("// The predicates, in the API's order.\nexport const PREDICATES = [\n")
	for _, p := range kg.PredicateTable {
		fmt.Fprintf(&b, "  '%s',\n", p.Name)
	}
	b.WriteString("];\n")
	return []byte(b.String())
}

// The marks around the generated part of seeds/README.md.
const (
	readmeStart = "<!-- predicate table: generated from kg/vocabulary.go by `go generate ./kg` -->\n"
	readmeEnd   = "<!-- end of predicate table -->\n"
)

// The marks around the generated values of the schema's Predicate enum.
const (
	schemaStart = "  # values: generated from kg/vocabulary.go by `go generate ./kg` (make generate); edit the table there\n"
	schemaEnd   = "  # end of values\n"
)

// predicateEnumValues are the Predicate enum's values, each with its
// description, in the table's order.
func predicateEnumValues() string {
	var b strings.Builder
	for _, p := range kg.PredicateTable {
		fmt.Fprintf(&b, "  %s\n  %s\n", strconv.Quote(p.Description()), p.Name)
	}
	return b.String()
}

// predicateTable is the predicate vocabulary as a Markdown table.
func predicateTable() string {
	var b strings.Builder
	b.WriteString("| Predicate | Usual polarity | CAMEO | Use for |\n|---|---|---|---|\n")
	for _, p := range kg.PredicateTable {
		pol := string(p.Polarity)
		if p.PolarityNote != "" {
			pol += " (" + p.PolarityNote + ")"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", p.Name, pol, p.CAMEO, lowerFirst(p.Use))
	}
	return b.String()
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// replaceBetween puts body between the start and end marks of doc.
func replaceBetween(doc []byte, start, end, body string) ([]byte, error) {
	s := string(doc)
	i := strings.Index(s, start)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		return nil, fmt.Errorf("no %q … %q marks", strings.TrimSpace(start), strings.TrimSpace(end))
	}
	return []byte(s[:i+len(start)] + body + s[j:]), nil
}
