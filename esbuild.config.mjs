// Bundles the console into dist/ so the bin starts without compiling TypeScript.
// `--if-stale` skips the build when dist is newer than every source file (used by npm start/test).
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from './esbuild.options.mjs';

const roots = ['src', 'screens', 'hooks', 'package.json', 'esbuild.config.mjs', 'esbuild.options.mjs'];
const outfile = 'dist/cli.js';

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(outfile)) {
  const built = statSync(outfile).mtimeMs;
  if (roots.every((root) => !existsSync(root) || newestMtime(root) <= built)) process.exit(0);
}

const result = await build({
  ...bundleOptions(fileURLToPath(new URL('.', import.meta.url))),
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  sourcemap: 'linked',
  metafile: true,
});

// Chunk names carry a content hash, so every build that changed a chunk leaves the old one behind:
// remove what this build did not write, so dist/ (and the published package) holds one build.
const written = new Set(Object.keys(result.metafile.outputs).map((p) => join(p)));
for (const name of readdirSync('dist/chunks')) {
  const path = join('dist/chunks', name);
  if (!written.has(path)) rmSync(path);
}
