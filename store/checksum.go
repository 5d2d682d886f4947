package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Checksum hashes the content of every statement (id, predicate, polarity,
// speakers, targets, evidence spans) in id order, so two graphs can be
// compared for equal content, not only equal counts. Tests use it to show
// that an interrupted load, run again, gives the graph of an uninterrupted
// one.
func (s *Store) Checksum(ctx context.Context) (string, int, error) {
	res, err := s.read(ctx, "checksum", `
MATCH (s:Statement) USING INDEX s:Statement(date) WHERE s.date >= ''
WITH s ORDER BY s.id
RETURN s.id AS id, s.predicate AS p, s.polarity AS pol,
  COLLECT { MATCH (a:Actor)-[m:MADE]->(s) RETURN a.id ORDER BY m.position } AS speakers,
  COLLECT { MATCH (s)-[t:TARGETS]->(x) RETURN x.id ORDER BY t.position } AS targets,
  COLLECT { MATCH (s)-[:EVIDENCED_BY]->(m:Mention) RETURN m.document + '@' + toString(m.start) + '-' + toString(m.end) ORDER BY m.id } AS spans`, nil)
	if err != nil {
		return "", 0, err
	}
	h := sha256.New()
	for _, r := range res.Records {
		fmt.Fprintln(h, r.Values...)
	}
	return hex.EncodeToString(h.Sum(nil)), len(res.Records), nil
}
