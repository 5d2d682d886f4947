#!/usr/bin/env python3
"""Download whosaid's four exports from a running server, open them with
NetworkX and plain parsers, and check their node and edge counts against the
GraphQL `neighbourhood` answer for the same arguments.

    pip install -r scripts/requirements.txt
    python3 scripts/networkx_check.py [BASE_URL] [--id ID] [--depth N] [--statements NODES]

BASE_URL defaults to http://localhost:8080 (what `make run` serves). Without
--id the neighbourhood of vladimir-putin is checked; the whole-graph export is
also opened and its four formats must agree with each other. Exits non-zero on
any mismatch.
"""

import argparse
import csv
import io
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import zipfile

import networkx as nx

FORMATS = ("gexf", "graphml", "cyjs", "csv")


def fetch(url, data=None):
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.read(), resp.headers
    except urllib.error.HTTPError as err:
        sys.exit(f"GET {url}: {err.code} {err.read().decode(errors='replace')}")


def neighbourhood(base, node_id, depth, statements):
    query = """query($id: ID!, $depth: Int, $statements: StatementView) {
      neighbourhood(id: $id, depth: $depth, statements: $statements) { nodes { id } edges { id } } }"""
    body = json.dumps({"query": query, "variables": {"id": node_id, "depth": depth, "statements": statements}})
    raw, _ = fetch(base + "/graphql", body.encode())
    answer = json.loads(raw)
    if answer.get("errors"):
        sys.exit(f"neighbourhood: {answer['errors']}")
    sg = answer["data"]["neighbourhood"]
    return len(sg["nodes"]), len(sg["edges"])


def exported_node_count(base, statements):
    """Actors, topics, events and places (and statements, as nodes), from stats."""
    body = json.dumps({"query": "{ stats { nodes { label count } } }"})
    raw, _ = fetch(base + "/graphql", body.encode())
    labels = {n["label"]: n["count"] for n in json.loads(raw)["data"]["stats"]["nodes"]}
    kinds = ["Actor", "Topic", "Event", "Place"] + (["Statement"] if statements == "NODES" else [])
    return sum(labels.get(k, 0) for k in kinds)


def open_gexf(raw):
    g = nx.read_gexf(io.BytesIO(raw))
    return g.number_of_nodes(), g.number_of_edges(), g


def open_graphml(raw):
    g = nx.read_graphml(io.BytesIO(raw))
    return g.number_of_nodes(), g.number_of_edges(), g


def open_cyjs(raw):
    g = nx.cytoscape_graph(json.loads(raw.decode("utf-8")))
    return g.number_of_nodes(), g.number_of_edges(), g


def open_csv(raw):
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        assert z.namelist() == ["nodes.csv", "edges.csv"], z.namelist()
        nodes = list(csv.DictReader(io.TextIOWrapper(z.open("nodes.csv"), encoding="utf-8")))
        edges = list(csv.DictReader(io.TextIOWrapper(z.open("edges.csv"), encoding="utf-8")))
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["Id"], **n)
    for e in edges:
        g.add_edge(e["Source"], e["Target"], key=e["Id"], weight=float(e["Weight"]), **e)
    return g.number_of_nodes(), g.number_of_edges(), g


OPENERS = {"gexf": open_gexf, "graphml": open_graphml, "cyjs": open_cyjs, "csv": open_csv}
CONTENT_TYPES = {"gexf": "application/gexf+xml", "graphml": "application/graphml+xml",
                 "cyjs": "application/json", "csv": "application/zip"}


def download(base, fmt, params):
    url = f"{base}/export/{fmt}?{urllib.parse.urlencode(params)}"
    raw, headers = fetch(url)
    problems = []
    if headers.get("Content-Type") != CONTENT_TYPES[fmt]:
        problems.append(f"Content-Type {headers.get('Content-Type')!r}")
    if not headers.get("Content-Disposition", "").startswith("attachment; filename="):
        problems.append(f"Content-Disposition {headers.get('Content-Disposition')!r}")
    return raw, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", nargs="?", default="http://localhost:8080", help="server URL (default http://localhost:8080)")
    ap.add_argument("--id", default="vladimir-putin", help="node whose neighbourhood is checked")
    ap.add_argument("--depth", type=int, default=1)
    ap.add_argument("--statements", default="COLLAPSED", choices=["COLLAPSED", "NODES"])
    args = ap.parse_args()
    base = args.base.rstrip("/")
    failures = 0

    print(f"networkx {nx.__version__}; server {base}")
    want = neighbourhood(base, args.id, args.depth, args.statements)
    print(f"GraphQL neighbourhood(id: {args.id!r}, depth: {args.depth}, statements: {args.statements}): "
          f"{want[0]} nodes, {want[1]} edges")
    params = {"id": args.id, "depth": args.depth, "statements": args.statements}
    for fmt in FORMATS:
        raw, problems = download(base, fmt, params)
        nodes, edges, g = OPENERS[fmt](raw)
        ok = (nodes, edges) == want and not problems
        failures += not ok
        kind = type(g).__name__
        print(f"  {fmt:8} {len(raw):8} bytes  {kind:13} {nodes:5} nodes {edges:5} edges  "
              f"{'OK' if ok else 'MISMATCH ' + '; '.join(problems)}")
        if fmt == "gexf":
            label_ar = g.nodes[args.id].get("label_ar")
            print(f"           {args.id}: label {g.nodes[args.id].get('label')!r}, label_ar {label_ar!r}")

    total = exported_node_count(base, args.statements)
    print(f"whole graph (no id; GraphQL stats count {total} exportable nodes):")
    counts = {}
    for fmt in FORMATS:
        raw, problems = download(base, fmt, {"statements": args.statements})
        nodes, edges, g = OPENERS[fmt](raw)
        counts[fmt] = (nodes, edges)
        failures += bool(problems)
        print(f"  {fmt:8} {len(raw):8} bytes  {type(g).__name__:13} {nodes:5} nodes {edges:5} edges"
              f"{'  ' + '; '.join(problems) if problems else ''}")
    if len(set(counts.values())) != 1 or counts["gexf"][0] != total:
        failures += 1
        print("  MISMATCH: the formats disagree with each other or with stats")
    else:
        print("  OK: all four formats agree, and with stats")

    if failures:
        print(f"FAILED: {failures} problem(s)")
        return 1
    print("all exports open in NetworkX with the expected counts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
