// What the pages whosaid embeds (explorer/, playground/) share in their
// build.mjs. A page's build runs in its folder and builds src/ into dist/:
// one bundled, minified script, one stylesheet, and the files copied as they
// are. Reproducible: the same sources and package-lock.json give the same
// bytes (no timestamps, no source maps, nothing from the machine).
// dist/.sources.sha256 lists the inputs' checksums (this file's too); a Go
// test compares it with the sources, so a change without a rebuild fails.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';

/**
 * @param {Function} build esbuild's build, from the page's own node_modules
 *   (a bare import here would look for esbuild beside this file)
 * @param {object} options the page's esbuild options (entryPoints, loaders …)
 * @param {string[]} copy files of src/ that go to dist/ as they are
 */
export async function buildPage(build, options, copy) {
  await rm('dist', { recursive: true, force: true });
  await mkdir('dist', { recursive: true });
  await build({
    outdir: 'dist',
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    legalComments: 'eof', // keeps the libraries' licence headers
    charset: 'utf8',
    logLevel: 'info',
    ...options,
  });
  for (const f of copy) {
    await copyFile(`src/${f}`, `dist/${f}`);
  }
  await writeFile('dist/.sources.sha256', await checksums());
}

// The inputs of the build, in the format of sha256sum.
async function checksums() {
  const inputs = ['../scripts/build-page.mjs', 'build.mjs', 'package.json', 'package-lock.json',
    ...(await readdir('src', { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => `${d.parentPath}/${d.name}`.replaceAll('\\', '/'))];
  inputs.sort();
  let sums = '';
  for (const f of inputs) {
    sums += `${createHash('sha256').update(await readFile(f)).digest('hex')}  ${f}\n`;
  }
  return sums;
}
