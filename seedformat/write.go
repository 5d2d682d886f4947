package seedformat

import (
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Write writes v (a Catalogue, Annotation or Meta, or a pointer to one) as
// a seed file, after comment, whose every line is written as a YAML
// comment. Keys come in the order of the struct fields, empty optional keys
// are left out, and lists of ids and bilingual names are written inline, as
// people write them.
func Write(w io.Writer, v any, comment string) error {
	if comment != "" {
		var b strings.Builder
		for _, line := range strings.Split(strings.TrimSuffix(comment, "\n"), "\n") {
			b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}
