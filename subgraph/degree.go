package subgraph

// AddDegrees counts into each node's degree the distinct subgraph edges
// (EdgeID) that links give it, a loop once: the degree of a node drawn
// from its statements, the same in every store.
func AddDegrees(nodes map[string]Node, links []Link) {
	seen := map[string]bool{}
	for _, l := range links {
		id := EdgeID(l)
		if seen[id] {
			continue
		}
		seen[id] = true
		for _, end := range []string{l.Source, l.Target} {
			if n, ok := nodes[end]; ok {
				n.Degree++
				nodes[end] = n
			}
			if l.Target == l.Source {
				break // a loop counts once
			}
		}
	}
}
