// Builds src/ into dist/ (see ../scripts/build-page.mjs): one bundled script
// (GraphiQL, React, graphql-js and the example queries), one stylesheet
// (GraphiQL's, its fonts inlined) and the page.
import { build } from 'esbuild';
import { buildPage } from '../scripts/build-page.mjs';

await buildPage(build, {
  entryPoints: { app: 'src/main.jsx' },
  jsx: 'automatic',
  loader: { '.graphql': 'text' },
  // React's production build, without the development checks.
  define: { 'process.env.NODE_ENV': '"production"' },
}, ['index.html']);
