package seedformat

import (
	"bufio"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Reader reads seed files and collects what is wrong with them, so one run
// reports every problem at once.
type Reader struct {
	Problems
	// Unchecked reads a file as a plain decode: unknown keys are ignored, no
	// entry is left out and the first decoding error is returned. For
	// programs that read files they trust and validate nothing (the
	// benchmark's baseline, extract's look at a .meta.yaml).
	Unchecked bool
}

// Read decodes the file at path (named so in messages), whose content is
// data, into v: a *Catalogue, *Annotation or *Meta. A YAML syntax error, or
// a file that is not a mapping, is returned: nothing of it can be read. Any
// other problem is added to r.Problems and the entry it concerns is left
// out of v: a key that the format does not know (anywhere in an entry), a
// section that is not a list, an entry that is not a mapping, a value of
// the wrong type. Every entry read, and v itself, get their Origin.
func (r *Reader) Read(path string, data []byte, v any) error {
	if r.Unchecked {
		if err := yaml.Unmarshal(data, v); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		return nil
	}
	root, err := parseMapping(path, data)
	if err != nil {
		return err
	}
	file := reflect.ValueOf(v).Elem()
	at := Origin{Path: path, node: root}
	// An unknown top-level key is reported, and the keys the format knows
	// are still read: one typo must not hide the problems of the rest.
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if _, ok := fieldFor(file.Type(), k.Value); !ok {
			r.Add(path, k.Line, "(top level)."+k.Value, "unknown field (allowed: %s)", strings.Join(keysOf(file.Type()), ", "))
		}
	}
	for i := 0; i < file.NumField(); i++ {
		r.topLevel(at, file.Type().Field(i), file.Field(i))
	}
	setOrigin(file, at)
	return nil
}

// parseMapping parses a file whose top level must be a mapping (an empty
// file is an empty one).
func parseMapping(path string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: expected a mapping at the top level", path, root.Line)
	}
	return root, nil
}

// topLevel reads the file's key for field f into out: a section entry by
// entry, any other value whole.
func (r *Reader) topLevel(file Origin, f reflect.StructField, out reflect.Value) {
	key := yamlKey(f)
	val := value(file.node, key)
	switch {
	case key == "" || val == nil:
	case isSection(f.Type):
		r.section(file, key, val, out)
	case r.knownKeys(file, key, val, f.Type):
		if err := val.Decode(out.Addr().Interface()); err != nil {
			r.Add(file.Path, val.Line, key, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
		}
	}
}

// section decodes the list under key entry by entry into out (a slice of
// structs), leaving out, with a problem each, the entries that are not
// right.
func (r *Reader) section(file Origin, key string, seq *yaml.Node, out reflect.Value) {
	if seq.Kind == yaml.ScalarNode && seq.Tag == "!!null" {
		return // `statements:` with nothing under it
	}
	if seq.Kind != yaml.SequenceNode {
		r.Add(file.Path, seq.Line, key, "expected a list")
		return
	}
	for i, n := range seq.Content {
		at := Origin{Path: file.Path, Field: fmt.Sprintf("%s[%d]", key, i), node: n}
		if n.Kind != yaml.MappingNode {
			r.Add(file.Path, n.Line, at.Field, "expected a mapping")
			continue
		}
		entry := reflect.New(out.Type().Elem())
		if !r.knownKeys(at, at.Field, n, entry.Elem().Type()) {
			continue
		}
		if err := n.Decode(entry.Interface()); err != nil {
			r.Add(file.Path, n.Line, at.Field, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
			continue
		}
		setOrigin(entry.Elem(), at)
		out.Set(reflect.Append(out, entry.Elem()))
	}
}

// knownKeys reports every key of mapping n, and of the mappings nested in
// it, that the struct type t does not name in its yaml tags (a typo would
// otherwise be dropped silently). Values held in fields typed any are free,
// and so are the languages of names and aliases.
func (r *Reader) knownKeys(file Origin, field string, n *yaml.Node, t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(reflect.TypeFor[otherLanguages]()) {
		return true
	}
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		ok := true
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, found := fieldFor(t, k.Value)
			if !found {
				r.Add(file.Path, k.Line, field+"."+k.Value, "unknown field (allowed: %s)", strings.Join(keysOf(t), ", "))
				ok = false
				continue
			}
			ok = r.knownKeys(file, field+"."+k.Value, v, f.Type) && ok
		}
		return ok
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		ok := true
		for i, item := range n.Content {
			ok = r.knownKeys(file, fmt.Sprintf("%s[%d]", field, i), item, t.Elem()) && ok
		}
		return ok
	}
	return true // a scalar, a free value, or a shape Decode will report
}

// isSection says whether a top-level field is a list of entries, each read
// (or left out) on its own.
func isSection(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct
}

// setOrigin sets the At field of an entry or file, when it has one.
func setOrigin(v reflect.Value, at Origin) {
	if f := v.FieldByName("At"); f.IsValid() && f.Type() == reflect.TypeFor[Origin]() {
		f.Set(reflect.ValueOf(at))
	}
}

// yamlKey is the key a struct field is written under ("" for none).
func yamlKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

func fieldFor(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); yamlKey(f) == key && key != "" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// keysOf lists the keys of struct type t, sorted.
func keysOf(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if k := yamlKey(t.Field(i)); k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// value is the value node of key in mapping m, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// Origin is where a file or one of its entries was read, so a check of any
// of its keys can name the file, the line and the field.
type Origin struct {
	Path  string // the file, as messages name it
	Field string // the entry's field path, e.g. statements[3]; "" for the file itself
	node  *yaml.Node
}

// Line is the line of key's value, or of the entry itself when key is ""
// or missing.
func (o Origin) Line(key string) int {
	if v := value(o.node, key); v != nil {
		return v.Line
	}
	if o.node == nil {
		return 0
	}
	return o.node.Line
}

// ItemLine is the line of the i-th item of the list under key, or the
// line of key when there is no such item.
func (o Origin) ItemLine(key string, i int) int {
	if v := value(o.node, key); v != nil && v.Kind == yaml.SequenceNode && i < len(v.Content) {
		return v.Content[i].Line
	}
	return o.Line(key)
}

// FieldOf is the field path of one of the entry's keys, e.g.
// statements[3].polarity.
func (o Origin) FieldOf(key string) string {
	if o.Field == "" {
		return key
	}
	return o.Field + "." + key
}

// Problems collects what is wrong with seed files, each as
// file:line: field: message.
type Problems struct{ list []string }

// Add records a problem.
func (p *Problems) Add(path string, line int, field, format string, args ...any) {
	p.list = append(p.list, fmt.Sprintf("%s:%d: %s: %s", path, line, field, fmt.Sprintf(format, args...)))
}

// About records a problem with key of the entry (or file) at o.
func (p *Problems) About(o Origin, key, format string, args ...any) {
	p.Add(o.Path, o.Line(key), o.FieldOf(key), format, args...)
}

// Err lists every problem, the first 50 in full; nil when there are none.
func (p *Problems) Err() error {
	if len(p.list) == 0 {
		return nil
	}
	const max = 50
	list := p.list
	more := ""
	if len(list) > max {
		more = fmt.Sprintf("\n… and %d more", len(list)-max)
		list = list[:max]
	}
	return fmt.Errorf("%d problem(s) in the seeds:\n%s%s", len(p.list), strings.Join(list, "\n"), more)
}

// AnnotatedDocument is the id named by the top-level document key of an
// annotation file, found line by line without parsing the rest: a quick
// index of a large folder (Read still checks the file when it is read).
// ok is false when no line starts with the key.
func AnnotatedDocument(r io.Reader) (id string, ok bool, err error) {
	key, _ := reflect.TypeFor[Annotation]().FieldByName("Document")
	prefix := yamlKey(key) + ":"
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if v, found := strings.CutPrefix(sc.Text(), prefix); found {
			return strings.Trim(strings.TrimSpace(v), `"'`), true, nil
		}
	}
	return "", false, sc.Err()
}
