// The peer whosaid is measured against in `make bench`: @neo4j/graphql, the
// best-known GraphQL layer for Neo4j, over the same database (NEO4J_URI),
// served with graphql-http on node:http (the smallest spec-compliant
// GraphQL-over-HTTP layer, so the figures are @neo4j/graphql's, not a
// framework's). It prints "listening http://HOST:PORT" once it accepts
// requests; PORT 0 (the default) lets the OS pick a free port.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createHandler } from "graphql-http/lib/use/http";
import neo4j from "neo4j-driver";

const uri = process.env.NEO4J_URI;
if (!uri) {
  console.error("peer: NEO4J_URI is not set");
  process.exit(2);
}
// The bench's embedded Neo4j has auth disabled; a password is only sent when given.
const auth = process.env.NEO4J_PASSWORD
  ? neo4j.auth.basic(process.env.NEO4J_USER || "neo4j", process.env.NEO4J_PASSWORD)
  : undefined;
const driver = neo4j.driver(uri, auth);
const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
await driver.verifyConnectivity();

// @neo4j/graphql keeps per-request state on the context object, so each
// request gets a fresh one.
const graphql = createHandler({ schema, context: () => ({}) });
const server = createServer((req, res) => {
  if (req.url === "/graphql" || req.url?.startsWith("/graphql?")) {
    graphql(req, res);
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 65_000;

const host = process.env.HOST || "127.0.0.1";
server.listen(Number(process.env.PORT || 0), host, () => {
  console.log(`listening http://${host}:${server.address().port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    driver.close().finally(() => process.exit(0));
  });
}
