package bench

import (
	"strings"
	"testing"
)

var pageShape = shape{
	Unordered: []string{"statements.speakers", "statements.targets"},
	Single:    []string{"statements.evidence.document"},
	Caseless:  []string{"statements.polarity"},
}

// whosaid's connection with single documents and enum polarity, and the
// peer's connection form with one-item document lists, stored polarity and
// speakers in another order: the same answer.
const whosaidPage = `{"data":{"statements":{"edges":[
	{"node":{"id":"d1:s1","polarity":"FAVOR","speakers":[{"id":"a1"},{"id":"a2"}],"targets":[{"id":"t1"}],"evidence":[{"start":1,"document":{"id":"d1"}}]}},
	{"node":{"id":"d1:s2","polarity":"AGAINST","speakers":[{"id":"a3"}],"targets":[{"id":"t2"},{"id":"e1"}],"evidence":[{"start":9,"document":{"id":"d1"}}]}}]}}}`

const peerPage = `{"data":{"statements":{"edges":[
	{"node":{"id":"d1:s1","polarity":"favor","speakers":[{"id":"a2"},{"id":"a1"}],"targets":[{"id":"t1"}],"evidence":[{"start":1,"document":[{"id":"d1"}]}]}},
	{"node":{"id":"d1:s2","polarity":"against","speakers":[{"id":"a3"}],"targets":[{"id":"e1"},{"id":"t2"}],"evidence":[{"start":9,"document":[{"id":"d1"}]}]}}]}}}`

func TestSameAnswerAcceptsShapeAndUnorderedLists(t *testing.T) {
	if d := sameAnswer([]byte(whosaidPage), []byte(peerPage), pageShape); d != "" {
		t.Fatalf("the same answer in two shapes differs: %s", d)
	}
}

func TestSameAnswerCatchesRealDifferences(t *testing.T) {
	for name, c := range map[string]struct{ peer, want string }{
		"another speaker":            {strings.Replace(peerPage, `"a3"`, `"a4"`, 1), `statements[1].speakers[0].id: whosaid "a3", peer "a4"`},
		"pages in another order":     {swapStatements(peerPage), `statements[0].id: whosaid "d1:s1", peer "d1:s2"`},
		"a missing target":           {strings.Replace(peerPage, `[{"id":"e1"},{"id":"t2"}]`, `[{"id":"t2"}]`, 1), "statements[1].targets: whosaid has 2 items, peer 1"},
		"two documents for one span": {strings.Replace(peerPage, `[{"id":"d1"}]`, `[{"id":"d1"},{"id":"d2"}]`, 1), "statements[0].evidence[0].document"},
		"another offset":             {strings.Replace(peerPage, `"start":9`, `"start":10`, 1), `statements[1].evidence[0].start: whosaid 9, peer 10`},
		"errors":                     {`{"errors":[{"message":"boom"}],"data":null}`, "peer: errors"},
	} {
		t.Run(name, func(t *testing.T) {
			d := sameAnswer([]byte(whosaidPage), []byte(c.peer), pageShape)
			if !strings.Contains(d, c.want) {
				t.Fatalf("difference %q, want it to say %q", d, c.want)
			}
		})
	}
}

// Order counts where the shape does not say otherwise: the statements of a
// page come in date-then-id order on both sides.
func swapStatements(page string) string {
	i := strings.Index(page, `{"node":{"id":"d1:s2"`)
	j := strings.Index(page, `{"node":{"id":"d1:s1"`)
	first, second := page[j:i], page[i:strings.LastIndex(page, "]}}}")]
	first = strings.TrimRight(strings.TrimSpace(first), ",")
	return page[:j] + second + ",\n\t" + first + "]}}}"
}

func TestSameAnswerComparesCountsAlone(t *testing.T) {
	if d := sameAnswer([]byte(`{"data":{"statements":{"totalCount":10000}}}`), []byte(`{"data":{"statements":{"totalCount":9999}}}`), shape{}); !strings.Contains(d, "totalCount") {
		t.Fatalf("counts 10000 and 9999 compared as %q", d)
	}
}
