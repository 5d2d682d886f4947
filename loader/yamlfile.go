package loader

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlFile is a parsed seed file that can point at its own lines, so every
// problem is reported as file:line: field: what is wrong.
type yamlFile struct {
	path string
	root *yaml.Node // the top-level mapping
}

// readYAML parses a file of the current folder.
func (r *reader) readYAML(name string) (*yamlFile, error) {
	data, err := fs.ReadFile(r.folder.FS, name)
	path := r.display(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	f := &yamlFile{path: path}
	if len(doc.Content) == 0 {
		f.root = &yaml.Node{Kind: yaml.MappingNode, Line: 1}
		return f, nil
	}
	f.root = doc.Content[0]
	if f.root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: expected a mapping at the top level", path, f.root.Line)
	}
	return f, nil
}

// problems collects validation errors so a run reports all of them at once.
type problems struct{ list []string }

func (p *problems) add(path string, line int, field, format string, args ...any) {
	p.list = append(p.list, fmt.Sprintf("%s:%d: %s: %s", path, line, field, fmt.Sprintf(format, args...)))
}

func (p *problems) err() error {
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

// value returns the value node of key in a mapping node, or nil.
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

// lineOf is the line of key's value in m, or of m itself when key is absent.
func lineOf(m *yaml.Node, key string) int {
	if v := value(m, key); v != nil {
		return v.Line
	}
	return m.Line
}

// section decodes the sequence under key, item by item, into T; each item's
// keys must be among allowed. It returns the items and their nodes.
func section[T any](f *yamlFile, key string, allowed []string, p *problems) ([]T, []*yaml.Node) {
	seq := value(f.root, key)
	if seq == nil || (seq.Kind == yaml.ScalarNode && seq.Tag == "!!null") {
		return nil, nil
	}
	if seq.Kind != yaml.SequenceNode {
		p.add(f.path, seq.Line, key, "expected a list")
		return nil, nil
	}
	var items []T
	var nodes []*yaml.Node
	for i, n := range seq.Content {
		field := fmt.Sprintf("%s[%d]", key, i)
		if n.Kind != yaml.MappingNode {
			p.add(f.path, n.Line, field, "expected a mapping")
			continue
		}
		if !checkKeys(f.path, n, field, allowed, p) {
			continue
		}
		var item T
		if err := n.Decode(&item); err != nil {
			p.add(f.path, n.Line, field, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
			continue
		}
		items = append(items, item)
		nodes = append(nodes, n)
	}
	return items, nodes
}

// checkKeys reports keys of mapping n that are not allowed (typos would
// otherwise be dropped silently).
func checkKeys(path string, n *yaml.Node, field string, allowed []string, p *problems) bool {
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !contains(allowed, k.Value) {
			sort.Strings(allowed)
			p.add(path, k.Line, field+"."+k.Value, "unknown field (allowed: %s)", strings.Join(allowed, ", "))
			ok = false
		}
	}
	return ok
}

// checkTopKeys reports top-level keys of f outside allowed.
func checkTopKeys(f *yamlFile, allowed []string, p *problems) {
	checkKeys(f.path, f.root, "(top level)", allowed, p)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// display names a file of the current folder as users know it.
func (r *reader) display(name string) string {
	return path.Join(r.folder.Name, name)
}
