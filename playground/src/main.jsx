// The GraphiQL playground served at /, bundled with everything it needs so
// that it works with no internet: no CDN, no fonts from elsewhere.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './style.css';

// The README's "Asking questions" queries, one tab each (a test keeps the
// README and these files the same and validates them against the schema).
import opposedIntervention from './examples/1-opposed-intervention.graphql';
import putinStatements from './examples/2-putin-statements.graphql';
import cstoMembers from './examples/3-csto-members.graphql';

const examples = [opposedIntervention, putinStatements, cstoMembers];

// Relative to the page, so the playground also works behind a proxy that
// serves whosaid under a path prefix.
const fetcher = createGraphiQLFetcher({ url: new URL('graphql', document.baseURI).href });

// The SDL is served only while introspection is on; ask before linking to it,
// so the page never links to a 404.
function useServed(path) {
  const [served, setServed] = useState(false);
  useEffect(() => {
    fetch(path, { method: 'HEAD' }).then((r) => setServed(r.ok), () => setServed(false));
  }, [path]);
  return served;
}

function Links() {
  const sdl = useServed('schema.graphql');
  return (
    <nav className="whosaid-links" aria-label="whosaid">
      <span className="whosaid-name">whosaid</span>
      <a href="explore/" title="Draw who said what about whom around an actor">graph explorer</a>
      {sdl && <a href="schema.graphql" title="The schema as SDL, for codegen and IDE plugins">schema.graphql</a>}
    </nav>
  );
}

function Playground() {
  return (
    <GraphiQL fetcher={fetcher} defaultTabs={examples.map((query) => ({ query }))} inputValueDeprecation>
      <GraphiQL.Logo><Links /></GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('graphiql')).render(<Playground />);
