package subgraph

import (
	"testing"

	"github.com/whosaid/whosaid/kg"
)

func TestEdgeIDs(t *testing.T) {
	for _, c := range []struct {
		link Link
		want string
	}{
		{Link{Kind: kg.StanceEdge, Source: "a", Target: "t", Polarity: kg.Against, Date: "2013"}, "stance:a>t:against"},
		{Link{Kind: kg.MadeEdge, Source: "a", Target: "s", Polarity: kg.Against, Date: "2013"}, "made:a>s"},
		{Link{Kind: kg.MadeAtEdge, Source: "s", Target: "e"}, "made_at:s>e"},
		{Link{Kind: kg.HoldsPositionEdge, Source: "p", Target: "o", Date: "2012-05"}, "holds_position:p>o:2012-05"},
		{Link{Kind: kg.BroaderEdge, Source: "x", Target: "y"}, "broader:x>y"},
	} {
		if got := EdgeID(c.link); got != c.want {
			t.Errorf("EdgeID(%+v) = %q, want %q", c.link, got, c.want)
		}
	}
}
