// The page is a client of the public GraphQL endpoint like any other: these
// are the only two operations it sends.

// Relative to the page (served at /explore/), so a prefix added by a
// reverse proxy carries over to the API.
const endpoint = new URL('../graphql', document.baseURI).href;

export const SEARCH = `query ExplorerSearch($q: String!) {
  search(query: $q, kinds: [ACTOR], first: 8) {
    score
    node { id ... on Actor { kind name nameAr: name(lang: AR) } }
  }
}`;

export const NEIGHBOURHOOD = `query ExplorerNeighbourhood($id: ID!, $depth: Int, $maxNodes: Int, $exclude: [ID!], $filter: SubgraphFilter) {
  neighbourhood(id: $id, depth: $depth, maxNodes: $maxNodes, exclude: $exclude, filter: $filter) {
    roots
    truncated
    nodes { id kind label labelAr degree hiddenDegree }
    edges {
      id source target kind predicate polarity weight start end
      statements {
        id summary date predicate polarity
        speakers { id name nameAr: name(lang: AR) }
        evidence { id text cue start end document { id title lang date } }
      }
    }
  }
}`;

// gql posts one operation and returns its data, or throws an Error whose
// message is the server's first error message (with its code).
export async function gql(query, variables, operationName) {
  let res;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
  } catch (err) {
    throw new Error(`cannot reach the server (${err.message})`);
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new Error(`the server answered ${res.status} ${res.statusText}`);
  }
  if (body.errors && body.errors.length > 0) {
    const e = body.errors[0];
    const code = e.extensions && e.extensions.code;
    throw new Error(code ? `${e.message} (${code})` : e.message);
  }
  if (!res.ok || !body.data) throw new Error(`the server answered ${res.status} ${res.statusText}`);
  return body.data;
}
