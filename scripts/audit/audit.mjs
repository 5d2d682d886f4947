#!/usr/bin/env node
// Runs the GraphQL-over-HTTP audit suite of the graphql-http package against a
// running whosaid and prints one line per audit, then
//   MUST: passed N/M, SHOULD: passed N/M, MAY: passed N/M
// Exits 1 if any MUST audit fails, 2 on a usage or connection error.
//
//   node audit.mjs [URL]      (default: $WHOSAID_GRAPHQL_URL or http://localhost:8080/graphql)
import { serverAudits } from 'graphql-http';

const url = process.argv[2] || process.env.WHOSAID_GRAPHQL_URL || 'http://localhost:8080/graphql';

try {
  await fetch(url, { method: 'OPTIONS' });
} catch (err) {
  console.error(`audit: cannot reach ${url}: ${err.cause?.message ?? err.message}`);
  process.exit(2);
}

const levels = { MUST: { passed: 0, total: 0 }, SHOULD: { passed: 0, total: 0 }, MAY: { passed: 0, total: 0 } };
const failures = [];
console.log(`graphql-http audit of ${url}`);
for (const audit of serverAudits({ url })) {
  const level = audit.name.split(' ', 1)[0];
  let result;
  try {
    result = await audit.fn();
  } catch (err) {
    // The suite throws only on fatal errors (for example a refused connection).
    result = { status: 'error', reason: `audit threw: ${err.message}` };
  }
  levels[level].total++;
  // A failing MUST is 'error', a failing SHOULD 'warn', a failing MAY 'notice'.
  const outcome = result.status === 'ok' ? 'ok' : result.status;
  if (outcome === 'ok') levels[level].passed++;
  let line = `${audit.id}  ${outcome.padEnd(6)}  ${audit.name}`;
  if (outcome !== 'ok') {
    let body = '';
    if (result.response) {
      try {
        body = (await result.response.text()).replace(/\s+/g, ' ').slice(0, 200);
      } catch {}
      body = ` [status ${result.response.status}, content-type ${result.response.headers.get('content-type')}${body ? `, body ${body}` : ''}]`;
    }
    line += `\n        reason: ${result.reason}${body}`;
    failures.push({ level, audit, result });
  }
  console.log(line);
}

const summary = (l) => `${l}: passed ${levels[l].passed}/${levels[l].total}`;
console.log(`${summary('MUST')}, ${summary('SHOULD')}, ${summary('MAY')}`);
process.exit(levels.MUST.passed === levels.MUST.total ? 0 : 1);
