// Builds src/ into dist/ (see ../scripts/build-page.mjs): one bundled script
// (the page, Cytoscape.js and its fCoSE layout), one stylesheet, the page
// and its icon.
import { build } from 'esbuild';
import { buildPage } from '../scripts/build-page.mjs';

await buildPage(build, { entryPoints: { app: 'src/main.js' } }, ['index.html', 'favicon.svg']);
