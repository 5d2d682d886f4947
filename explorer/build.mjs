// Builds src/ into dist/: one bundled script, one stylesheet, the page and
// its icon. Reproducible: the same sources and package-lock.json give the
// same bytes (no timestamps, no source maps, nothing from the machine).
// dist/.sources.sha256 lists the inputs' checksums; a Go test compares it
// with the sources, so a change to src/ without `make explorer` fails.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';

const dist = new URL('./dist/', import.meta.url);
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

await build({
  entryPoints: { app: 'src/main.js' },
  outdir: 'dist',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'eof', // keeps the libraries' licence headers
  charset: 'utf8',
  logLevel: 'info',
});
for (const f of ['index.html', 'favicon.svg']) {
  await copyFile(new URL(`./src/${f}`, import.meta.url), new URL(f, dist));
}

// The inputs of the build, in the format of sha256sum.
const inputs = ['build.mjs', 'package.json', 'package-lock.json',
  ...(await readdir('src', { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => `${d.parentPath}/${d.name}`.replaceAll('\\', '/'))];
inputs.sort();
let sums = '';
for (const f of inputs) {
  sums += `${createHash('sha256').update(await readFile(f)).digest('hex')}  ${f}\n`;
}
await writeFile(new URL('.sources.sha256', dist), sums);
