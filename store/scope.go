package store

import (
	"fmt"

	"github.com/whosaid/whosaid/kg"
)

// The scope model (kg.Reach) is written once, here, and every statement
// query reaches actors and topics through these fragments, so that a list,
// a timeline, an alignment and a stance matrix asked about the same actor or
// topic count the same statements. They read $affiliates and $narrower
// (withReach) rather than being chosen in Go, so each query has one text.
//
// Each fragment binds its own variables with the given variable as prefix,
// so a query can use it twice, and ends in a WHERE the caller may extend
// with AND. Rows are per path (a person with two terms, a statement about
// two narrower topics), so callers count DISTINCT statements.

// speakersFor binds <v>_speaker to the actor bound to v and, when
// $affiliates is true, to the bodies that are part of it (up to three
// levels) and the people holding a position in it or one of them;
// <v>_office is that position (null for v itself and bodies).
func speakersFor(v string) string {
	return fmt.Sprintf(`CALL (%[1]s) {
  MATCH (b:Actor)-[:PART_OF*0..3]->(%[1]s) WHERE $affiliates OR b = %[1]s
  RETURN b AS %[1]s_speaker, null AS %[1]s_office
  UNION
  MATCH (p:Person)-[h:HOLDS_POSITION]->(:Actor)-[:PART_OF*0..3]->(%[1]s) WHERE $affiliates
  RETURN p AS %[1]s_speaker, h AS %[1]s_office
}`, v)
}

// madeBy matches the statements s made by the actor bound to v or, when
// $affiliates is true, by its affiliates, people only while in office (an
// undated statement counts only for an office with no known dates). With s
// already bound (inside EXISTS) it checks s instead.
func madeBy(v string) string {
	return speakersFor(v) + fmt.Sprintf(`
MATCH (%[1]s_speaker)-[:MADE]->(s:Statement)
WHERE `, v) + inOffice(v+"_office")
}

// inOffice keeps the statement s when it falls in the office (a
// HOLDS_POSITION relationship; null for none, which always holds): an
// undated statement only in an office with no known dates.
func inOffice(office string) string {
	return fmt.Sprintf(`(%[1]s IS NULL OR ((%[1]s.start IS NULL OR %[1]s.start <= coalesce(s.date, ''))
  AND (%[1]s.end IS NULL OR coalesce(s.date, '') <= %[1]s.end + '~')))`, office)
}

// targeting matches the statements s that target the node v or, when
// $narrower is true, a topic narrower than it (up to three levels down);
// <v>_topic is the node actually targeted. v may be bound or picked by the
// caller's WHERE; with s bound it checks s.
func targeting(v string) string {
	return fmt.Sprintf(`MATCH (%[1]s)<-[:BROADER*0..3]-(%[1]s_topic)<-[:TARGETS]-(s:Statement)
WHERE ($narrower OR %[1]s_topic = %[1]s)`, v)
}

// withReach adds the parameters of speakersFor and targeting to p.
func withReach(p map[string]any, r kg.Reach) map[string]any {
	p["affiliates"], p["narrower"] = r.Affiliates, r.Narrower
	return p
}
